#pragma once
// Quantizers that CHOCO-SGD and SignSGD send instead of float32 values, each with its real byte
// encoding. Encoders append to a byte buffer (which may already hold a header) and can also
// write the values the receiver will decode, bit for bit, so a sender can keep its own copy
// (CHOCO-SGD's x_hat) without decoding. Decoders take exactly the encoded bytes, check them, and
// throw CodecError on any malformed or truncated input.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/rng.hpp"

namespace dlsim {

// QSGD (Alistarh et al. 2017) as CHOCO-SGD's code applies it: with s levels, x_i becomes
// norm * sign(x_i) * l_i / s, where l_i is s |x_i| / ||x||_2 rounded down, or up with
// probability equal to the remainder: unbiased. `biased` multiplies by
// 1 / (min(d / s^2, sqrt(d) / s) + 1), CHOCO's is_biased variant (a contraction, which its
// analysis needs). Encoding: float32 scale, then per coordinate its level in bit_width(s) bits
// followed by a sign bit (1: negative) when the level is not 0, zero-padded to a byte.
class Qsgd {
 public:
  explicit Qsgd(uint32_t levels, bool biased = false);  // levels in [1, 65535]

  // Draws one uniform number per coordinate from rng. A NaN or infinite coordinate (a diverged
  // model) is sent as 0 and left out of the norm, so the message stays finite. `decoded` is empty
  // or has x.size() values.
  void encode(std::span<const float> x, Rng& rng, std::vector<uint8_t>& bytes,
              std::span<float> decoded = {}) const;
  void decode(std::span<const uint8_t> bytes, std::span<float> out) const;
  uint32_t levels() const { return levels_; }

 private:
  uint32_t levels_;
  bool biased_;
  int level_bits_;
};

// CHOCO-SGD's sign compressor: (||x||_1 / d) * sign(x). Encoding: float32 scale, then the signs
// packed as pack_signs does. One bit cannot carry sign(0) = 0: a zero travels as +scale, as in
// the authors' bit packing. A NaN or infinite coordinate counts 0 in the scale (its sign bit is
// sent as pack_signs writes it), so the message stays finite.
void encode_sign_norm(std::span<const float> x, std::vector<uint8_t>& bytes,
                      std::span<float> decoded = {});
void decode_sign_norm(std::span<const uint8_t> bytes, std::span<float> out);

// SignSGD's 1-bit signs: d signs in ceil(d/8) bytes; value i is bit i % 8 (least significant
// first) of byte i / 8, set when x_i < 0, so zeros (and NaN) travel as +1.
size_t sign_bytes(size_t d);
void pack_signs(std::span<const float> x, std::vector<uint8_t>& bytes);
// Writes +1 or -1 per value; bytes must be exactly sign_bytes(out.size()) with zero padding.
void unpack_signs(std::span<const uint8_t> bytes, std::span<float> out);

// Ternary signs for when sign(0) = 0 must travel (a majority vote's ties): 2 bits per value,
// value i at bits 2 (i % 4) of byte i / 4: 00 zero, 01 plus, 10 minus (11 is invalid). NaN
// travels as 0.
size_t ternary_bytes(size_t d);
void pack_ternary(std::span<const float> x, std::vector<uint8_t>& bytes);
void unpack_ternary(std::span<const uint8_t> bytes, std::span<float> out);

}  // namespace dlsim
