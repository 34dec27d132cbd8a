// The omniscient colluding strategy against a majority vote of signs (Akoun & Meyer 2022): the f
// Byzantine voters see the honest vote sum s of each coordinate and share one plan. Where the
// honest margin exceeds f (|s| > f) they cannot change the outcome and all vote against it;
// otherwise they set the total to a tie (0) when the parity of s + f allows it, else to a flip by
// one vote (-sign(s)). Mode "against" instead always has all f vote against (a flip wherever
// |s| < f). An honest tie (s = 0) is pushed the way of a coin drawn from the shared seed.
// Signs are read as pack_signs sends them: -1 below zero, else +1.
#include <algorithm>
#include <cstdlib>
#include <vector>

#include "attacks/kinds.hpp"
#include "attacks/statistics.hpp"

namespace dlsim {

namespace {

class ColludingVote final : public Attack {
 public:
  ColludingVote(bool against, uint64_t shared_seed) : against_(against), seed_(shared_seed) {}
  Knowledge knowledge() const override { return Knowledge::omniscient; }
  // In gossip each receiver tallies its own neighbourhood, so each gets its own plan.
  bool per_receiver() const override { return true; }

  void craft(const AttackView& view, Rng&, float* out) override {
    if (no_honest_vectors(view, out)) return;
    find_voters(view);
    const int f = static_cast<int>(byzantine_.size());
    const auto rank = static_cast<int>(
        std::lower_bound(byzantine_.begin(), byzantine_.end(), view.node) - byzantine_.begin());
    sums_.assign(static_cast<size_t>(view.dim), 0);
    for (const float* h : honest_)
      for (int64_t k = 0; k < view.dim; ++k) sums_[k] += h[k] < 0 ? -1 : 1;
    // The coins for honest ties: the same for every Byzantine node of the round.
    Rng coins(seed_, {static_cast<uint64_t>(Stream::attack), static_cast<uint64_t>(view.round)});
    uint64_t word = 0;
    for (int64_t k = 0; k < view.dim; ++k) {
      if (k % 64 == 0) word = coins.next();
      const int coin = (word >> (k % 64)) & 1 ? 1 : -1;
      const int total = byzantine_total(sums_[k], f, coin);
      // (f + total) / 2 of the Byzantine voters vote +1: those of lowest id.
      out[k] = rank < (f + total) / 2 ? 1.0f : -1.0f;
    }
  }

  double flops(const AttackView& view) const override {
    return static_cast<double>(view.honest.size() + 4) * static_cast<double>(view.dim);
  }

 private:
  // The sum of the f Byzantine votes given the honest sum s.
  int byzantine_total(int s, int f, int coin) const {
    const int direction = s > 0 ? 1 : s < 0 ? -1 : coin;
    if (against_ || std::abs(s) > f) return -direction * f;
    const int target = (s + f) % 2 == 0 ? 0 : -direction;
    return target - s;
  }

  // The voters of the receiver's tally (its closed neighbourhood in gossip, every input at a
  // server): the honest ones' vectors, and the ids of the others, sorted.
  void find_voters(const AttackView& view) {
    honest_.clear();
    byzantine_.clear();
    auto add = [&](int id) {
      const auto at = std::find(view.honest_ids.begin(), view.honest_ids.end(), id);
      if (at == view.honest_ids.end())
        byzantine_.push_back(id);
      else
        honest_.push_back(view.honest[at - view.honest_ids.begin()]);
    };
    if (view.receiver < 0 || !view.graph) {
      for (int id = 0; id < view.inputs; ++id) add(id);
    } else {
      add(view.receiver);
      for (int id : view.graph->neighbors(view.receiver)) add(id);
    }
    std::sort(byzantine_.begin(), byzantine_.end());
  }

  bool against_;
  uint64_t seed_;
  std::vector<const float*> honest_;
  std::vector<int> byzantine_;
  std::vector<int32_t> sums_;
};

}  // namespace

Component<AttackMaker> colluding_vote_attack() {
  return {"colluding-vote",
          "against a majority vote of signs (signsgd): the Byzantine voters see the honest vote "
          "sum s and vote together: all against it when |s| > f, else a tie or a one-vote flip "
          "as the parity of s + f allows (omniscient; Akoun & Meyer)",
          {choice_param("mode", "paper", {"paper", "against"},
                        "paper: the strategy above; against: all f always vote against the "
                        "honest majority, which flips every coordinate where |s| < f")},
          [](const Params& p, uint64_t shared_seed) -> std::unique_ptr<Attack> {
            return std::make_unique<ColludingVote>(p.text("mode") == "against", shared_seed);
          }};
}

}  // namespace dlsim
