#include "sim/progress.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "core/units.hpp"

namespace dlsim {

Progress::Progress(bool enabled, int rounds)
    : enabled_(enabled),
      rounds_(rounds),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::update(const Metrics& metrics, double sim_time,
                      const std::function<uint64_t()>& jobs_finished_below) {
  const int done = metrics.completed_rounds();
  if (!enabled_ || done == shown_round_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < rounds_ && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  shown_round_ = done;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double eta = done > 0 ? elapsed / done * (rounds_ - done) : 0;
  const auto accuracy = metrics.latest_accuracy(jobs_finished_below());
  fmt::print(stderr, "\r\033[Kround {}/{} | sim {} | {} | acc {} | ETA {}", done, rounds_,
             format_seconds(sim_time), format_bytes(static_cast<double>(metrics.bytes_total())),
             accuracy ? fmt::format("{:.3f}", *accuracy) : std::string("-"), format_seconds(eta));
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) fmt::print(stderr, "\n");
  drawn_ = false;
}

}  // namespace dlsim
