#pragma once
// The pure pieces of BTARD (Gorbunov et al. 2022), kept apart from the message flow so that unit
// tests can check them directly: how the gradient is cut into shards, the commitments, the shared
// random value, the random-projection check of an aggregate and the choice of validators.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "core/sha256.hpp"

namespace dlsim {

// Shard k of `parts` contiguous shards of a vector of `dim` values: [begin, end), sizes differing
// by at most one, the larger ones last.
struct ShardRange {
  int64_t begin = 0, end = 0;
  int64_t size() const { return end - begin; }
};
ShardRange shard_range(int64_t dim, int parts, int k);

// The shared random value of a commit-reveal round: the SHA-256 of the revealed nonces, in the
// order of their peers' ids, read as a seed. Any one honest nonce makes it unpredictable.
uint64_t revealed_seed(std::span<const Digest> nonces);

// The random directions of the aggregation check: z drawn N(0, 1) per coordinate from `seed`,
// then scaled to unit length within each of the `parts` shards (dim floats to out).
void projection_directions(uint64_t seed, int64_t dim, int parts, float* out);

// What peer i reports about shard j: <z_j, (x_ij - v_j) * min(1, tau / |x_ij - v_j|)>, with x_ij
// its part of the shard, v_j the aggregate and z_j the shard's direction (n values each;
// tau = +inf for the mean). CenteredClip's fixed point v makes the mean of these zero over the
// inputs it used (the mean's too, with no clipping), so a wrong aggregate shows as a large mean.
double clipped_projection(const float* x, const float* v, const float* z, int64_t n, double tau);

// The m (validator, target) pairs of a step, drawn from the shared seed among the active peers:
// m distinct targets, each with a validator other than itself (m is capped at the peer count).
std::vector<std::pair<int, int>> validation_pairs(uint64_t seed, std::span<const int> active,
                                                  int m);

}  // namespace dlsim
