#pragma once
// Full-model gossip messages and their Metropolis-Hastings average, shared by the protocols
// that exchange whole models.
#include <vector>

#include "protocols/node.hpp"

namespace dlsim {

// Payload: u32 sender degree, u32 parameter count, float32 parameters.
void write_model(MessageWriter& writer, int degree, std::span<const float> params);

// A received model message whose shape has been checked; its floats are read later, inside the
// compute job that mixes them.
struct ModelView {
  int degree;  // the sender's, as it reported it
  const Message* message;
};
// Checks a model message of `expected` parameters; false (a message to drop) when malformed.
bool parse_model(const Message& m, int64_t expected, ModelView& out);
// Copies a parsed model's n floats into out.
void read_model_floats(const ModelView& model, int64_t n, float* out);

// x_i <- w_ii x_i + sum_j w_ij x_j over the models received, with w_ij = 1/(1+max(d_i, d_j))
// from the degrees the senders reported; a neighbour whose message did not arrive leaves its
// weight on the node's own model. Malformed messages are dropped. Runs as a compute job.
void mix_models(Node& node, const std::vector<Inbound>& inbound);

// Robust gossip: x_i <- rule(own model, received models), the own model first, each vector with
// its Metropolis-Hastings weight (used by ClippedGossip, ignored by the others). Runs as a compute
// job charged with the rule's flops.
void robust_mix_models(Node& node, const std::vector<Inbound>& inbound, Aggregator& rule);

}  // namespace dlsim
