#include "sim/compute_pool.hpp"

#include <algorithm>
#include <chrono>

namespace dlsim {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

ComputePool::ComputePool(int threads)
    : threads_(std::max(1, threads)),
      parallelism_(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads_)),
      // No slot reserved for the simulation thread: it never enters the arena.
      workers_(std::max(1, threads_ - 1), 0) {}

ComputePool::~ComputePool() {
  abandon();
  std::unique_lock lock(mutex_);
  finished_more_.wait(lock, [&] { return tasks_ == 0; });
}

void ComputePool::start_task() {
  if (threads_ == 1) return;
  ++tasks_;
  workers_.enqueue([this] {
    std::unique_lock lock(mutex_);
    run_one(lock, -1);
    --tasks_;
    finished_more_.notify_all();
  });
}

ComputePool::Ticket ComputePool::submit(int owner, Work kind, std::function<void()> job) {
  const uint64_t number = next_number_++;
  {
    std::lock_guard lock(mutex_);
    if (static_cast<size_t>(owner) >= owners_.size()) owners_.resize(owner + 1);
    Owner& o = owners_[owner];
    o.queue.push_back({number, kind, std::move(job)});
    ++unfinished_;
    if (o.queue.size() == 1) {
      ready_.emplace(number, owner);
      start_task();
    }
  }
  return {owner, number};
}

bool ComputePool::done(const Ticket& t) const {
  const auto& queue = owners_[t.owner].queue;
  return queue.empty() || queue.front().number > t.number;
}

int ComputePool::next_owner(int prefer_owner) {
  if (prefer_owner >= 0 && !owners_[prefer_owner].running && !owners_[prefer_owner].queue.empty())
    return prefer_owner;
  while (!ready_.empty()) {
    const auto [number, owner] = ready_.top();
    ready_.pop();
    const Owner& o = owners_[owner];
    if (!o.running && !o.queue.empty() && o.queue.front().number == number) return owner;
  }
  return -1;
}

bool ComputePool::run_one(std::unique_lock<std::mutex>& lock, int prefer_owner) {
  const int owner = next_owner(prefer_owner);
  if (owner < 0) return false;
  owners_[owner].running = true;
  // Taken out of the queue's front: owners_ may grow (and move its deques) while the job runs.
  Job& front = owners_[owner].queue.front();
  const Work kind = front.kind;
  const std::function<void()> run = std::move(front.run);
  lock.unlock();
  const auto start = Clock::now();
  std::exception_ptr failure;
  try {
    run();
  } catch (...) {
    failure = std::current_exception();
  }
  const double seconds = seconds_since(start);
  lock.lock();
  cpu_seconds_[static_cast<int>(kind)] += seconds;
  if (failure && !failure_) failure_ = failure;
  --unfinished_;
  Owner& o = owners_[owner];
  o.queue.pop_front();
  o.running = false;
  if (!o.queue.empty()) {
    ready_.emplace(o.queue.front().number, owner);
    start_task();
  }
  finished_more_.notify_all();
  return true;
}

void ComputePool::rethrow_failure() {
  if (failure_) std::rethrow_exception(failure_);
}

template <class Done>
void ComputePool::run_until(Done done, int prefer_owner) {
  const auto start = Clock::now();
  std::unique_lock lock(mutex_);
  while (!done() && !failure_) {
    if (run_one(lock, prefer_owner)) continue;
    const auto idle_start = Clock::now();
    finished_more_.wait(lock);
    idle_seconds_ += seconds_since(idle_start);
  }
  wait_seconds_ += seconds_since(start);
  rethrow_failure();
}

void ComputePool::wait(Ticket ticket) {
  run_until([&] { return done(ticket); }, ticket.owner);
}

void ComputePool::flush() {
  run_until([&] { return unfinished_ == 0; }, -1);
}

void ComputePool::abandon() {
  std::unique_lock lock(mutex_);
  ready_ = {};
  for (Owner& o : owners_) {
    // The running job stays (its thread pops it); the others are dropped.
    const size_t keep = o.running ? 1 : 0;
    unfinished_ -= o.queue.size() - std::min(o.queue.size(), keep);
    o.queue.resize(std::min(o.queue.size(), keep));
  }
  finished_more_.wait(lock, [&] { return unfinished_ == 0; });
}

uint64_t ComputePool::finished_below() const {
  std::lock_guard lock(mutex_);
  uint64_t below = next_number_;
  for (const Owner& o : owners_)
    if (!o.queue.empty()) below = std::min(below, o.queue.front().number);
  return below;
}

}  // namespace dlsim
