#pragma once
// Full-model gossip messages and their Metropolis-Hastings average, shared by the protocols
// that exchange whole models.
#include <vector>

#include "protocols/node.hpp"

namespace dlsim {

// Payload: u32 sender degree, u32 parameter count, float32 parameters.
void write_model(MessageWriter& writer, int degree, const Vector& params);

// x_i <- w_ii x_i + sum_j w_ij x_j over the models received, with w_ij = 1/(1+max(d_i, d_j))
// from the degrees the senders reported; a neighbour whose message did not arrive leaves its
// weight on the node's own model. Malformed messages are dropped. Runs as a compute job.
void mix_models(Node& node, const std::vector<Inbound>& inbound);

}  // namespace dlsim
