// The attacks a scenario can name.
#include "attacks/kinds.hpp"

namespace dlsim {

const Registry<AttackMaker>& attack_registry() {
  static const Registry<AttackMaker> registry("attack", {
                                                            sign_flip_attack(),
                                                            gaussian_attack(),
                                                            random_direction_attack(),
                                                            label_flip_attack(),
                                                            delayed_attack(),
                                                            crash_attack(),
                                                            ipm_attack(),
                                                            alie_attack(),
                                                            min_max_attack(),
                                                            min_sum_attack(),
                                                            optimal_ipm_attack(),
                                                            optimal_alie_attack(),
                                                            mimic_attack(),
                                                            equivocation_attack(),
                                                            dissensus_attack(),
                                                            colluding_vote_attack(),
                                                            negative_sum_attack(),
                                                        });
  return registry;
}

AttackChoice read_attack(const json& section, const std::string& path) {
  auto [kind, params] = attack_registry().read(section, path);
  return {kind, std::move(params)};
}

std::unique_ptr<Attack> make_attack(const AttackChoice& choice, uint64_t shared_seed) {
  return choice.kind->make(choice.params, shared_seed);
}

}  // namespace dlsim
