#pragma once
// One run of a scenario: load data, build models, platform and overlay, run one SimGrid actor per
// node, and collect the metrics.
#include <memory>
#include <string>

#include "sim/checkpoint.hpp"
#include "sim/metrics.hpp"
#include "sim/scenario.hpp"

namespace dlsim {

struct RunOptions {
  int threads = 1;
  bool progress = false;  // a live progress line on stderr
  // Checkpoints (sim/checkpoint.hpp): every `checkpoint_every` rounds (0: none), into
  // checkpoint_dir, with the scenario document they need to be resumed.
  int checkpoint_every = 0;
  std::string checkpoint_dir;
  std::string scenario_text;
  Checkpoint* resume = nullptr;   // continue the run this checkpoint was taken from (emptied)
  int kill_after_checkpoint = 0;  // tests: SIGKILL itself once it wrote this many
};

// Wall-clock accounting of a run (not part of the deterministic outputs).
struct Timing {
  double setup_s = 0;         // data loading, partitioning, model and platform creation
  double simulate_s = 0;      // the SimGrid run, compute included
  double compute_s = 0;       // wall time the simulation thread waited for compute jobs (training,
                              // merging, evaluation), running some of them itself
  double idle_s = 0;          // of which, blocked: every job it could run was running elsewhere
  double train_cpu_s = 0;     // thread time of the jobs, by kind: local SGD
  double protocol_cpu_s = 0;  // the protocol's compute (merging, aggregation)
  double eval_cpu_s = 0;      // evaluation
  double write_s = 0;
  uint64_t peak_rss_bytes = 0;  // the process's peak resident memory at the end of the run
  uint64_t learner_bytes = 0;   // one node's parameters and optimizer state
  int threads = 1;
  uint64_t jobs = 0;
};

struct RunResult {
  std::unique_ptr<Metrics> metrics;
  Timing timing;
  double sim_time = 0;    // simulated seconds at the end
  json protocol_summary;  // the protocol's own report (null: none)
};

// Loads everything the run needs without simulating: what `dlsim validate` does after parsing.
void prepare_check(const Scenario& scenario);

RunResult run_simulation(const Scenario& scenario, const RunOptions& options);

}  // namespace dlsim
