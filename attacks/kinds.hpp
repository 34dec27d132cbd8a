#pragma once
// The built-in attacks, one family per file; registry.cpp lists them. Each returns its registry
// entry (name, help, parameters, maker) so an attack's name and code live together.
#include "attacks/attack.hpp"

namespace dlsim {

Component<AttackMaker> sign_flip_attack();
Component<AttackMaker> gaussian_attack();
Component<AttackMaker> random_direction_attack();
Component<AttackMaker> label_flip_attack();
Component<AttackMaker> delayed_attack();
Component<AttackMaker> crash_attack();
Component<AttackMaker> ipm_attack();
Component<AttackMaker> alie_attack();
Component<AttackMaker> min_max_attack();
Component<AttackMaker> min_sum_attack();
Component<AttackMaker> optimal_ipm_attack();
Component<AttackMaker> optimal_alie_attack();
Component<AttackMaker> mimic_attack();
Component<AttackMaker> equivocation_attack();
Component<AttackMaker> dissensus_attack();
Component<AttackMaker> colluding_vote_attack();
Component<AttackMaker> negative_sum_attack();

}  // namespace dlsim
