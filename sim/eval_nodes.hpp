#pragma once
// Which learning nodes a run evaluates: every one by default, or (eval.nodes = k) k honest nodes
// drawn once from the eval stream, the same ones at every evaluation. Evaluating a sample keeps
// the observer's cost bounded on large runs; the means of rounds.csv are then over the sample.
#include <vector>

#include "sim/scenario.hpp"

namespace dlsim {

// One flag per learning node: evaluate it. Fails on eval.nodes above the honest node count.
std::vector<char> nodes_to_evaluate(const Scenario& s);

}  // namespace dlsim
