#pragma once
// SHA-256 (FIPS 180-4): the commitments of BTARD (hashes of gradient shards and of random
// nonces). Written here to add no dependency; checked against the FIPS test vectors.
#include <array>
#include <cstdint>
#include <span>

namespace dlsim {

using Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  void update(std::span<const uint8_t> data);
  Digest finish();  // the digest of everything updated; the object is then spent

 private:
  void block(const uint8_t* p);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;  // bytes
};

Digest sha256(std::span<const uint8_t> data);

// The digest of float values, as their little-endian bytes.
inline Digest sha256(std::span<const float> values) {
  return sha256(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(values.data()),
                                         values.size() * sizeof(float)));
}

}  // namespace dlsim
