#pragma once
// The live progress line on stderr: round, simulated time, bytes, mean accuracy, ETA.
#include <chrono>
#include <cstdint>
#include <functional>

#include "sim/metrics.hpp"

namespace dlsim {

class Progress {
 public:
  Progress(bool enabled, int rounds);
  // Called whenever a node finishes a round; redraws at most a few times per second.
  // `jobs_finished_below` gives a number every compute job below which has run (asked only when
  // the line is redrawn).
  void update(const Metrics& metrics, double sim_time,
              const std::function<uint64_t()>& jobs_finished_below);
  // Ends the line so later output starts clean.
  void finish();

 private:
  bool enabled_;
  int rounds_;
  int shown_round_ = -1;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool drawn_ = false;
};

}  // namespace dlsim
