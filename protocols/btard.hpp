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

// Why a peer is banned; an accusation message names gradient or projection.
enum class BtardReason : uint8_t { silent, gradient, aggregate, projection, false_accusation };

// A shard or an aggregate: u32 count, header.size() bytes (the aggregate's inputs, copied into
// header), then exactly out.size() float32 into out; false when the message is malformed.
bool read_btard_floats(const Message& m, std::span<uint8_t> header, std::span<float> out);

// The accusations of peer `src` (u32 count, then per accusation u32 peer, u8 reason) into out:
// each must name an active peer (`active`, ascending) other than src, for gradient or
// projection; throws DecodeError otherwise.
void read_accusations(const Message& m, int src, std::span<const int> active,
                      std::vector<std::pair<int, BtardReason>>& out);

}  // namespace dlsim
