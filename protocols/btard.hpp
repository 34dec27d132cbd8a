#pragma once
// BTARD (Gorbunov et al., "Secure Distributed Training at Scale", ICML 2022): Byzantine-tolerant
// butterfly all-reduce. Each step every peer computes a gradient on a minibatch drawn from a
// public seed and commits to it (SHA-256 of each shard); peer j aggregates shard j of every
// gradient (CenteredClip) and returns it to all; a commit-reveal random value then drives the
// checks: random projections verify every aggregate, and random validators recompute random
// peers' gradients. Peers caught lying are banned by every honest peer and the shards are
// re-partitioned among those left. With `verify: false` and the mean, it is a plain butterfly
// all-reduce (the baselines).
#include "protocols/protocol.hpp"

namespace dlsim {

Component<ProtocolMaker> btard_component();

}  // namespace dlsim
