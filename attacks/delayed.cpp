// Delayed (stale) vectors: the node sends what it would have sent `delay` rounds earlier (BTARD:
// 1000 steps earlier, for at most 500 steps).
#include <algorithm>
#include <limits>
#include <vector>

#include "attacks/kinds.hpp"

namespace dlsim {

namespace {

// Keeps the own vectors of the last `delay` rounds in a ring indexed by round. Until the vector of
// round r - delay is there (the first `delay` rounds of the attack, or a round in which the attack
// was not asked), it sends its own vector; after `duration` stale sends it sends its own again.
class Delayed final : public Attack {
 public:
  Delayed(int delay, int64_t duration)
      : ring_(delay), rounds_(delay, std::numeric_limits<int>::min()), left_(duration) {}
  void craft(const AttackView& view, Rng&, float* out) override {
    const auto slot = static_cast<size_t>(view.round) % ring_.size();
    const bool stale = rounds_[slot] == view.round - static_cast<int>(ring_.size());
    if (stale && left_ != 0) {
      std::copy_n(ring_[slot].data(), view.dim, out);
      if (left_ > 0) --left_;
    } else {
      std::copy_n(view.own.data(), view.dim, out);
    }
    ring_[slot].assign(view.own.begin(), view.own.end());  // allocates only while the ring fills
    rounds_[slot] = view.round;
  }
  double flops(const AttackView&) const override { return 0; }
  void persist(Archive& a) override { a(ring_, rounds_, left_); }

 private:
  std::vector<std::vector<float>> ring_;
  std::vector<int> rounds_;  // the round each slot holds (min: none)
  int64_t left_;             // stale sends left; negative: no limit
};

}  // namespace

Component<AttackMaker> delayed_attack() {
  return {"delayed",
          "sends its own vector from `delay` rounds earlier (its current one until then)",
          {integer_param("delay", 10, "age in rounds of the vector sent (BTARD: 1000)")
               .range(1, 1 << 20),
           integer_param("duration", nullptr,
                         "stale sends at most, then the current vector (null: no limit)")
               .min(0)
               .optional()},
          [](const Params& p, uint64_t) -> std::unique_ptr<Attack> {
            return std::make_unique<Delayed>(static_cast<int>(p.integer("delay")),
                                             p.is_null("duration") ? -1 : p.integer("duration"));
          }};
}

}  // namespace dlsim
