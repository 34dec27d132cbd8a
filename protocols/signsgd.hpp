#pragma once
// signSGD and Signum with majority vote (Bernstein et al. 2019): every worker sends the signs of
// its (momentum) gradient, one bit per coordinate; the coordinate-wise majority vote of the signs
// is the step. Parameter-server form: one server node tallies every worker and broadcasts the
// packed vote. Gossip form: each node tallies its own and its neighbours' signs.
#include "protocols/protocol.hpp"

namespace dlsim {

Component<ProtocolMaker> signsgd_component();

}  // namespace dlsim
