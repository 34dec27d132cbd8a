#pragma once
// The coordinate-wise majority vote of signSGD: sums of +1/-1 votes, decoded straight from the
// packed sign messages, and the sign of each sum as the outcome. Shared by the parameter-server
// form (the server tallies every worker) and the gossip form (each node tallies its
// neighbourhood). Buffers are sized once, so a round allocates nothing.
#include <cstdint>
#include <span>
#include <vector>

#include "core/rng.hpp"

namespace dlsim {

// What a coordinate whose votes sum to zero becomes: 0 (sign(0) = 0: the coordinate does not
// move; the outcome then needs 2 bits per coordinate to travel), or a fair coin (+1 or -1: the
// outcome stays 1 bit per coordinate).
enum class VoteTies { zero, random };

class MajorityVote {
 public:
  // Starts a new vote over dim coordinates.
  void reset(int64_t dim);
  // One voter's signs: a value below zero votes -1, anything else +1 (as pack_signs sends it).
  void add(std::span<const float> signs);
  // One voter's packed signs (sign_bytes(dim) bytes); returns false, adding nothing, when the
  // bytes are malformed.
  bool add_packed(std::span<const uint8_t> bytes);
  // The outcome sign(sum) per coordinate; ties as `ties` says, coins drawn from rng.
  void decide(VoteTies ties, Rng& rng, float* out) const;

  std::span<const int32_t> sums() const { return sums_; }
  int voters() const { return voters_; }

 private:
  std::vector<int32_t> sums_;
  std::vector<float> unpacked_;
  int voters_ = 0;
};

// Flops of adding one voter, and of deciding, over dim coordinates.
inline double vote_flops(int64_t dim) {
  return 2.0 * static_cast<double>(dim);
}

// The bytes of an outcome: packed signs (ties random) or ternary codes (ties zero).
void pack_vote(VoteTies ties, std::span<const float> vote, std::vector<uint8_t>& bytes);
// Throws CodecError when the bytes are malformed.
void unpack_vote(VoteTies ties, std::span<const uint8_t> bytes, std::span<float> vote);

}  // namespace dlsim
