#pragma once
// Real compute on all cores, driven from SimGrid's single thread (see DESIGN.md).
//
// Actors submit jobs, let simulated time pass, then wait for their job. A wait runs *every*
// pending job as one parallel batch, so all the nodes that started computing at the same simulated
// time share the cores. Jobs of one owner (node) run in submission order; jobs of different owners
// run in parallel and must not share mutable state. Results are therefore the same for any thread
// count.
#include <oneapi/tbb/task_arena.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace dlsim {

// What a job is for, so the bench can tell training from the protocol's own work and evaluation.
enum class Work { train, protocol, eval };
constexpr int work_kinds = 3;

class ComputePool {
 public:
  using Ticket = uint64_t;

  explicit ComputePool(int threads);

  Ticket submit(int owner, Work kind, std::function<void()> job);
  // Returns once the job of `ticket` has run (running the pending batch if needed).
  void wait(Ticket ticket);
  // Runs every pending job.
  void flush();

  int threads() const { return threads_; }
  double busy_seconds() const { return busy_seconds_; }  // wall time spent inside batches
  double cpu_seconds(Work kind) const { return cpu_seconds_[static_cast<int>(kind)]; }
  uint64_t batches() const { return batches_; }
  uint64_t jobs() const { return next_ticket_; }

 private:
  struct Job {
    int owner;
    Work kind;
    std::function<void()> run;
    double seconds = 0;  // measured while running
  };
  int threads_;
  tbb::task_arena arena_;
  std::vector<Job> pending_;
  std::vector<size_t> order_;   // pending_ indices grouped by owner
  std::vector<size_t> groups_;  // start of each owner's group in order_, plus the end
  Ticket next_ticket_ = 0;      // tickets below done_ have run
  Ticket done_ = 0;
  double busy_seconds_ = 0;
  double cpu_seconds_[work_kinds] = {};
  uint64_t batches_ = 0;
};

}  // namespace dlsim
