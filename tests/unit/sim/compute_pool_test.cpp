#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "sim/compute_pool.hpp"

using namespace dlsim;

TEST_CASE("one thread: jobs run when waited on, one owner's in order, waited ones first") {
  ComputePool pool(1);
  std::vector<std::vector<int>> seen(4);
  std::vector<ComputePool::Ticket> tickets;
  for (int step = 0; step < 5; ++step)
    for (int owner = 0; owner < 4; ++owner)
      tickets.push_back(
          pool.submit(owner, Work::train, [&seen, owner, step] { seen[owner].push_back(step); }));
  CHECK(seen[0].empty());         // no worker: nothing runs until someone waits
  pool.wait(tickets[4 * 2 + 3]);  // owner 3's third job: its first three, and nothing older
  CHECK(seen[3] == std::vector<int>{0, 1, 2});
  CHECK(pool.finished_below() == 0);  // owner 0's first job has not run
  pool.flush();
  for (const auto& s : seen) CHECK(s == std::vector<int>{0, 1, 2, 3, 4});
  CHECK(pool.finished_below() == pool.jobs());
}

TEST_CASE("with workers, a job starts without anyone waiting") {
  ComputePool pool(2);
  std::atomic<bool> ran{false};
  const auto ticket = pool.submit(0, Work::train, [&] { ran = true; });
  for (int i = 0; i < 2000 && !ran; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(ran.load());
  pool.wait(ticket);
}

TEST_CASE("different owners run on several threads, one owner's never at once") {
  ComputePool pool(2);
  std::atomic<int> running{0}, peak{0};
  std::vector<std::atomic<int>> per_owner(4);
  std::atomic<bool> overlap{false};
  for (int step = 0; step < 3; ++step)
    for (int owner = 0; owner < 4; ++owner)
      pool.submit(owner, Work::train, [&, owner] {
        if (++per_owner[owner] > 1) overlap = true;
        const int now = ++running;
        int p = peak.load();
        while (now > p && !peak.compare_exchange_weak(p, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        --running;
        --per_owner[owner];
      });
  pool.flush();
  CHECK(peak.load() == 2);
  CHECK(!overlap.load());
}

TEST_CASE("a failing job is rethrown on the waiting thread; abandon drops the jobs not started") {
  ComputePool pool(1);
  int after = 0;
  pool.submit(0, Work::train, [] { throw std::runtime_error("boom"); });
  pool.submit(0, Work::train, [&] { ++after; });
  CHECK_THROWS_WITH(pool.flush(), "boom");
  pool.abandon();
  CHECK(after == 0);  // the failure stopped the flush before owner 0's next job
  CHECK(pool.finished_below() == pool.jobs());
  CHECK_THROWS_WITH(pool.flush(), "boom");  // the failure stays reported
}
