#pragma once
// D-PSGD with full model sharing (Lian et al. 2017): local SGD steps, send the whole model to
// every neighbour, average with Metropolis-Hastings weights.
#include "protocols/protocol.hpp"

namespace dlsim {

Component<ProtocolMaker> dpsgd_component();

}  // namespace dlsim
