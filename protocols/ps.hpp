#pragma once
// A parameter server (federated SGD; FedAvg with local steps > 1): every worker trains from the
// global model and sends its update (new minus old parameters) to one server node, which
// aggregates the updates with a robust rule, applies them and sends the model back to everyone.
// The server is a node of its own on the platform, so its link carries every upload and download.
#include "protocols/protocol.hpp"

namespace dlsim {

Component<ProtocolMaker> ps_component();

// Reads an update or model message (u32 count, float32 values) of exactly n floats into out;
// false when the message is malformed.
bool read_vector(const Message& m, int64_t n, float* out);

}  // namespace dlsim
