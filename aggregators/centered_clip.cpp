// CenteredClip (Karimireddy, He, Jaggi 2021; the aggregator of BTARD, Gorbunov et al. 2022):
// v <- v + (1/n) sum_i (x_i - v) min(1, tau / |x_i - v|), until a step moves v by at most the
// tolerance or after the most iterations. By default it starts from its previous output (ByzFL;
// state kept per instance), from the coordinate-wise median on the first call (and whenever the
// dimension changes or the previous output is not finite); BTARD's code starts from the median
// every time.
#include <algorithm>
#include <cmath>
#include <vector>

#include "aggregators/coordinates.hpp"
#include "aggregators/input_checks.hpp"
#include "aggregators/rules.hpp"
#include "aggregators/vectors.hpp"

namespace dlsim {

namespace {

class CenteredClip final : public Aggregator {
 public:
  CenteredClip(int f, double tau, int iterations, double tolerance, bool from_previous)
      : f_(f),
        tau_(tau),
        iterations_(iterations),
        tolerance_(tolerance),
        from_previous_(from_previous) {}

  void aggregate(const AggregationInput& in, float* out) override {
    const size_t n = in.vectors.size();
    check_inputs("centered-clip", n, f_, min_inputs(), "2f + 1");
    const bool resume =
        from_previous_ && static_cast<int64_t>(centre_.size()) == in.dim &&
        std::all_of(centre_.begin(), centre_.end(), [](float v) { return std::isfinite(v); });
    if (!resume) {
      centre_.resize(in.dim);
      columns_.median(in.vectors, in.dim, centre_.data());
    }
    next_.resize(in.dim);
    // v' = (1 - sum_i c_i / n) v + sum_i (c_i / n) x_i, with v as the first term.
    terms_.resize(n + 1);
    weights_.resize(n + 1);
    std::copy(in.vectors.begin(), in.vectors.end(), terms_.begin() + 1);
    for (int it = 0; it < iterations_; ++it) {
      terms_[0] = centre_.data();
      weights_[0] = 1;
      for (size_t i = 0; i < n; ++i) {
        const double distance = std::sqrt(squared_distance(in.vectors[i], centre_.data(), in.dim));
        weights_[i + 1] = clip_factor(distance, tau_) / static_cast<double>(n);
        weights_[0] -= weights_[i + 1];
      }
      weighted_sum(terms_, weights_, in.dim, next_.data());
      const double step = squared_distance(next_.data(), centre_.data(), in.dim);
      centre_.swap(next_);
      if (step <= tolerance_ * tolerance_) break;
    }
    std::copy(centre_.begin(), centre_.end(), out);
  }
  int min_inputs() const override { return 2 * f_ + 1; }
  // Charged before the job runs: the median start and every iteration are counted.
  double flops(int n, int64_t dim) const override {
    return static_cast<double>(dim) * sort_flops(n) +
           iterations_ *
               (n * distance_flops(dim) + weighted_sum_flops(n + 1, dim) + distance_flops(dim));
  }

  void persist(Archive& a) override { a(centre_); }

 private:
  int f_;
  double tau_;
  int iterations_;
  double tolerance_;
  bool from_previous_;
  SortedColumns columns_;
  std::vector<float> centre_, next_;  // centre_ is the previous output between calls
  std::vector<const float*> terms_;
  std::vector<double> weights_;
};

}  // namespace

Component<AggregatorMaker> centered_clip_rule() {
  return {
      "centered-clip",
      "CenteredClip (BTARD's rule): iterated clipped steps towards the inputs (n >= 2f + 1)",
      {real_param("tau", 10.0, "clipping radius (above 0)").min(0),
       integer_param("iterations", 20, "most clipping iterations").range(1, 100000),
       real_param("tolerance", 1e-6, "stop once an iteration moves the estimate by at most this")
           .min(0),
       choice_param("start", "previous", {"previous", "median"},
                    "first estimate: the previous output (the median on the first call) or "
                    "always the coordinate-wise median (BTARD's code)")},
      [](const Params& params, int f) -> std::unique_ptr<Aggregator> {
        if (params.real("tau") <= 0) params.fail("tau", "must be above 0");
        return std::make_unique<CenteredClip>(
            f, params.real("tau"), static_cast<int>(params.integer("iterations")),
            params.real("tolerance"), params.text("start") == "previous");
      }};
}

}  // namespace dlsim
