#pragma once
// The built-in aggregation rules, one per file; registry.cpp lists them. Each returns its registry
// entry (name, help, parameters, maker) so a rule's name and code live together.
#include <memory>

#include "aggregators/aggregator.hpp"

namespace dlsim {

Component<AggregatorMaker> mean_rule();
Component<AggregatorMaker> median_rule();
Component<AggregatorMaker> trimmed_mean_rule();
Component<AggregatorMaker> geometric_median_rule();
Component<AggregatorMaker> krum_rule();
Component<AggregatorMaker> multi_krum_rule();
Component<AggregatorMaker> bulyan_rule();
Component<AggregatorMaker> meamed_rule();
Component<AggregatorMaker> phocas_rule();
Component<AggregatorMaker> centered_clip_rule();
Component<AggregatorMaker> clipped_gossip_rule();
Component<AggregatorMaker> flag_rule();

// Nearest-neighbour mixing (Allouah et al. 2023) in front of `inner`: each input is replaced by
// the mean of its n - f nearest inputs, itself included, then `inner` aggregates those means.
std::unique_ptr<Aggregator> make_nnm(std::unique_ptr<Aggregator> inner, int f);

}  // namespace dlsim
