#include "protocols/majority_vote.hpp"

#include "compression/codec_error.hpp"
#include "compression/quantizers.hpp"

namespace dlsim {

void MajorityVote::reset(int64_t dim) {
  sums_.assign(static_cast<size_t>(dim), 0);
  if (unpacked_.size() != sums_.size()) unpacked_.resize(sums_.size());
  voters_ = 0;
}

void MajorityVote::add(std::span<const float> signs) {
  for (size_t k = 0; k < sums_.size(); ++k) sums_[k] += signs[k] < 0 ? -1 : 1;
  ++voters_;
}

bool MajorityVote::add_packed(std::span<const uint8_t> bytes) {
  try {
    unpack_signs(bytes, unpacked_);
  } catch (const CodecError&) {
    return false;
  }
  add(unpacked_);
  return true;
}

void MajorityVote::decide(VoteTies ties, Rng& rng, float* out) const {
  uint64_t coins = 0;
  int left = 0;
  for (size_t k = 0; k < sums_.size(); ++k) {
    if (sums_[k] != 0) {
      out[k] = sums_[k] > 0 ? 1.0f : -1.0f;
    } else if (ties == VoteTies::zero) {
      out[k] = 0;
    } else {
      if (left == 0) coins = rng.next(), left = 64;
      out[k] = (coins & 1) ? 1.0f : -1.0f;
      coins >>= 1, --left;
    }
  }
}

void pack_vote(VoteTies ties, std::span<const float> vote, std::vector<uint8_t>& bytes) {
  if (ties == VoteTies::zero)
    pack_ternary(vote, bytes);
  else
    pack_signs(vote, bytes);
}

void unpack_vote(VoteTies ties, std::span<const uint8_t> bytes, std::span<float> vote) {
  if (ties == VoteTies::zero)
    unpack_ternary(bytes, vote);
  else
    unpack_signs(bytes, vote);
}

}  // namespace dlsim
