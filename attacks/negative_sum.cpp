// Minus the sum of the others: against distributed SGD with the mean, the Byzantine inputs
// together send -scale times the sum of the honest vectors, each an equal share, so the mean of
// all inputs is (1 - scale) / n times the honest sum: zero with scale 1, and a step backwards
// above. It sees every honest vector of the round, which at a parameter server are exactly the
// other inputs (omniscient).
#include <algorithm>

#include "attacks/kinds.hpp"
#include "attacks/statistics.hpp"

namespace dlsim {

namespace {

class NegativeSum final : public Attack {
 public:
  explicit NegativeSum(double scale) : scale_(scale) {}
  Knowledge knowledge() const override { return Knowledge::omniscient; }
  void craft(const AttackView& view, Rng&, float* out) override {
    if (no_honest_vectors(view, out)) return;
    moments_.compute(view.honest, view.dim);
    const auto factor = static_cast<float>(-scale_ * static_cast<double>(view.honest.size()) /
                                           std::max(1, view.byzantine));
    for (int64_t k = 0; k < view.dim; ++k) out[k] = factor * moments_.mean[k];
  }
  double flops(const AttackView& view) const override {
    return moments_flops(view.honest.size(), view.dim) + static_cast<double>(view.dim);
  }

 private:
  double scale_;
  Moments moments_;
};

}  // namespace

Component<AttackMaker> negative_sum_attack() {
  return {"negative-sum",
          "the Byzantine inputs together send -scale * the sum of the honest vectors, so the "
          "mean of all inputs is 0 with scale 1 (omniscient)",
          {real_param("scale", 1.0, "1 cancels the honest sum; above 1 reverses it").min(0)},
          [](const Params& p, uint64_t) -> std::unique_ptr<Attack> {
            return std::make_unique<NegativeSum>(p.real("scale"));
          }};
}

}  // namespace dlsim
