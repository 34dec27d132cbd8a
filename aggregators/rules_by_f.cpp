#include "aggregators/rules_by_f.hpp"

namespace dlsim {

Aggregator& RulesByF::get(int f) {
  if (rules_.size() <= static_cast<size_t>(f)) rules_.resize(f + 1);
  if (!rules_[f]) rules_[f] = make_aggregator(*choice_, f);
  return *rules_[f];
}

void RulesByF::persist(Archive& a) {
  std::vector<int> built;
  for (size_t f = 0; f < rules_.size(); ++f)
    if (rules_[f]) built.push_back(static_cast<int>(f));
  a(built);
  for (int f : built) {
    if (a.is_loading() && (!choice_ || f < 0 || f > (1 << 20)))
      throw CheckpointError("checkpoint state is corrupt: a rule that this run does not have");
    get(f).persist(a);
  }
}

}  // namespace dlsim
