#pragma once
// Random subsampling: each round a node sends its parameters at k = alpha * N random
// coordinates; the receiver regenerates the mask from a seed in the message, so only the seed
// and the values travel. Merged as JWINS merges (partial Metropolis-Hastings).
#include <cstdint>
#include <vector>

#include "protocols/protocol.hpp"

namespace dlsim {

Component<ProtocolMaker> random_subsampling_component();

// The mask a message's seed stands for: k of n coordinates, ascending.
void subsampling_mask(uint64_t seed, size_t n, size_t k, std::vector<uint32_t>& indices);

// Reads a share of a model of n parameters (payload: u32 sender degree, u32 N, u32 k, u64 mask
// seed, k float32) into its mask's indices and values, and returns the sender's degree; throws
// DecodeError when the message is malformed.
int read_subsample(const Message& message, size_t n, std::vector<uint32_t>& indices,
                   std::vector<float>& values);

}  // namespace dlsim
