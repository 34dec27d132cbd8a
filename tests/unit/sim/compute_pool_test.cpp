#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "sim/compute_pool.hpp"

using namespace dlsim;

TEST_CASE("a wait runs the whole pending batch, one owner's jobs in order") {
  ComputePool pool(2);
  std::vector<std::vector<int>> seen(4);
  std::vector<ComputePool::Ticket> tickets;
  for (int step = 0; step < 5; ++step)
    for (int owner = 0; owner < 4; ++owner)
      tickets.push_back(
          pool.submit(owner, Work::train, [&seen, owner, step] { seen[owner].push_back(step); }));
  CHECK(seen[0].empty());  // nothing runs until someone waits
  pool.wait(tickets.front());
  for (const auto& s : seen) CHECK(s == std::vector<int>{0, 1, 2, 3, 4});
  CHECK(pool.batches() == 1);
  pool.wait(tickets.back());  // already done: no new batch
  CHECK(pool.batches() == 1);
}

TEST_CASE("different owners run on several threads") {
  ComputePool pool(2);
  std::atomic<int> running{0}, peak{0};
  for (int owner = 0; owner < 8; ++owner)
    pool.submit(owner, Work::train, [&] {
      const int now = ++running;
      int p = peak.load();
      while (now > p && !peak.compare_exchange_weak(p, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      --running;
    });
  pool.flush();
  CHECK(peak.load() == 2);
}

TEST_CASE("a failing job is reported on the waiting thread after the batch") {
  ComputePool pool(2);
  int done = 0;
  pool.submit(0, Work::train, [] { throw std::runtime_error("boom"); });
  pool.submit(1, Work::train, [&] { ++done; });
  CHECK_THROWS_WITH(pool.flush(), "boom");
  CHECK(done == 1);
}
