#include "sim/compute_pool.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>

namespace dlsim {

ComputePool::ComputePool(int threads) : threads_(std::max(1, threads)), arena_(threads_) {}

ComputePool::Ticket ComputePool::submit(int owner, Work kind, std::function<void()> job) {
  pending_.push_back({owner, kind, std::move(job)});
  return next_ticket_++;
}

void ComputePool::wait(Ticket ticket) {
  if (ticket >= done_) flush();
}

void ComputePool::flush() {
  if (pending_.empty()) return;
  const auto start = std::chrono::steady_clock::now();
  order_.resize(pending_.size());
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::stable_sort(order_.begin(), order_.end(),
                   [&](size_t a, size_t b) { return pending_[a].owner < pending_[b].owner; });
  groups_.clear();
  for (size_t i = 0; i < order_.size(); ++i)
    if (i == 0 || pending_[order_[i]].owner != pending_[order_[i - 1]].owner) groups_.push_back(i);
  groups_.push_back(order_.size());

  // The first failure is rethrown here, on the simulation thread, once the batch is over.
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run_group = [&](size_t g) {
    try {
      for (size_t i = groups_[g]; i < groups_[g + 1]; ++i) {
        Job& job = pending_[order_[i]];
        const auto job_start = std::chrono::steady_clock::now();
        job.run();
        job.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - job_start).count();
      }
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  const size_t group_count = groups_.size() - 1;
  if (threads_ == 1 || group_count == 1) {
    for (size_t g = 0; g < group_count; ++g) run_group(g);
  } else {
    arena_.execute(
        [&] { tbb::parallel_for(size_t{0}, group_count, [&](size_t g) { run_group(g); }); });
  }
  for (const Job& job : pending_) cpu_seconds_[static_cast<int>(job.kind)] += job.seconds;
  pending_.clear();
  done_ = next_ticket_;
  ++batches_;
  busy_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace dlsim
