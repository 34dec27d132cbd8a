#pragma once
// Real compute on all cores, alongside SimGrid's single simulation thread (see DESIGN.md).
//
// An actor submits a job, lets the job's simulated time pass, then waits for it. A job starts as
// soon as a thread is free, so it runs while the simulation goes on with the other actors: nodes
// that compute at nearby simulated times share the cores even when no two start at the same time
// (JWINS's nodes drift apart, D-PSGD's stay in step). With `threads` threads, oneTBB runs jobs on
// threads - 1 workers and the simulation thread runs jobs itself while it waits, so no core is
// oversubscribed; on one thread, jobs run when waited on.
//
// Jobs of one owner (node) run in submission order; jobs of different owners run in parallel and
// must not share mutable state with each other, nor with what the simulation thread touches
// before the owner waits. Results are therefore the same for any thread count.
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <queue>
#include <utility>
#include <vector>

namespace dlsim {

// What a job is for, so the bench can tell training from the protocol's own work and evaluation.
enum class Work { train, protocol, eval };
constexpr int work_kinds = 3;

class ComputePool {
 public:
  struct Ticket {
    int owner;
    uint64_t number;  // submission order, over all owners
  };

  explicit ComputePool(int threads);
  ~ComputePool();
  ComputePool(const ComputePool&) = delete;
  ComputePool& operator=(const ComputePool&) = delete;

  Ticket submit(int owner, Work kind, std::function<void()> job);
  // Returns once the job of `ticket` has run; rethrows the first job failure, if any.
  void wait(Ticket ticket);
  // Returns once every job submitted has run; rethrows the first job failure, if any.
  void flush();
  // After a failure: drops the jobs not started and waits for the running ones, so that nothing
  // runs on once the actors whose state the jobs use are gone.
  void abandon();
  // Every job numbered below this has run.
  uint64_t finished_below() const;

  int threads() const { return threads_; }
  // Wall time the simulation thread spent waiting for jobs (running some, or blocked).
  double wait_seconds() const { return wait_seconds_; }
  // Of that, blocked with no job it could run.
  double idle_seconds() const { return idle_seconds_; }
  double cpu_seconds(Work kind) const { return cpu_seconds_[static_cast<int>(kind)]; }
  uint64_t jobs() const { return next_number_; }

 private:
  struct Job {
    uint64_t number;
    Work kind;
    std::function<void()> run;
  };
  struct Owner {
    std::deque<Job> queue;  // the front one runs when `running`
    bool running = false;
  };

  bool done(const Ticket& t) const;  // with mutex_ held
  // The owner whose front job should run next (the preferred one if its job is ready, else the
  // one with the oldest ready job), or -1.
  int next_owner(int prefer_owner);
  // Runs the next job (the lock is released meanwhile); false when none is ready.
  bool run_one(std::unique_lock<std::mutex>& lock, int prefer_owner);
  // Queues a worker task for a job that became ready (with mutex_ held). Each runs one ready job,
  // if the simulation thread has not taken it meanwhile.
  void start_task();
  // Runs ready jobs (preferring that owner's) or sleeps until done() holds (checked with mutex_
  // held), then rethrows the first job failure, if any.
  template <class Done>
  void run_until(Done done, int prefer_owner);
  void rethrow_failure();

  int threads_;
  tbb::global_control parallelism_;
  tbb::task_arena workers_;
  int tasks_ = 0;  // worker tasks queued or running
  mutable std::mutex mutex_;
  std::condition_variable finished_more_;  // a job or a worker task finished
  std::vector<Owner> owners_;
  // (number, owner) of owners' front jobs when they became ready, oldest on top; an entry whose
  // job has since started is stale and skipped.
  std::priority_queue<std::pair<uint64_t, int>, std::vector<std::pair<uint64_t, int>>,
                      std::greater<>>
      ready_;
  uint64_t unfinished_ = 0;
  uint64_t next_number_ = 0;
  std::exception_ptr failure_;
  double wait_seconds_ = 0;
  double idle_seconds_ = 0;
  double cpu_seconds_[work_kinds] = {};
};

}  // namespace dlsim
