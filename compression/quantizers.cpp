#include "compression/quantizers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "compression/bit_stream.hpp"

namespace dlsim {

static_assert(std::endian::native == std::endian::little, "encodings are little-endian");

namespace {

void append_f32(std::vector<uint8_t>& bytes, float v) {
  const size_t at = bytes.size();
  bytes.resize(at + sizeof v);
  std::memcpy(bytes.data() + at, &v, sizeof v);
}

// Reads the leading float32 scale, which must be finite and >= 0.
float read_scale(std::span<const uint8_t> bytes, const char* what) {
  if (bytes.size() < sizeof(float))
    throw CodecError(fmt::format("{}: {} bytes, too short for the scale", what, bytes.size()));
  float scale = 0;
  std::memcpy(&scale, bytes.data(), sizeof scale);
  if (!std::isfinite(scale) || scale < 0)
    throw CodecError(fmt::format("{}: invalid scale {}", what, scale));
  return scale;
}

void check_decoded(const char* what, size_t have, size_t want) {
  if (have != 0 && have != want)
    throw std::invalid_argument(
        fmt::format("{}: the decoded buffer has {} values for {} inputs", what, have, want));
}

// A diverged sender's NaN or infinite coordinates travel as 0 (and count 0 in the norms), so
// a compressed message never carries a non-finite value; the sender's divergence is reported in
// its own outputs.
double finite_or_zero(float v) {
  return std::isfinite(v) ? static_cast<double>(v) : 0.0;
}

// The one formula both sides use, so the sender's copy equals what the receiver decodes.
float qsgd_value(float scale, uint32_t level, bool negative, uint32_t levels) {
  const float v = static_cast<float>(static_cast<double>(scale) * level / levels);
  return negative ? -v : v;
}

}  // namespace

Qsgd::Qsgd(uint32_t levels, bool biased)
    : levels_(levels), biased_(biased), level_bits_(std::bit_width(levels)) {
  if (levels < 1 || levels > 65535)
    throw std::invalid_argument(fmt::format("qsgd: {} levels, expected 1 to 65535", levels));
}

void Qsgd::encode(std::span<const float> x, Rng& rng, std::vector<uint8_t>& bytes,
                  std::span<float> decoded) const {
  check_decoded("qsgd", decoded.size(), x.size());
  double squares = 0;
  for (float v : x) squares += finite_or_zero(v) * finite_or_zero(v);
  const double norm = std::sqrt(squares);
  double scale = norm;
  if (biased_ && !x.empty()) {
    const double d = static_cast<double>(x.size()), s = levels_;
    scale /= std::min(d / (s * s), std::sqrt(d) / s) + 1.0;
  }
  const auto sent_scale = static_cast<float>(scale);
  append_f32(bytes, sent_scale);
  BitWriter out(bytes);
  for (size_t i = 0; i < x.size(); ++i) {
    const double value = finite_or_zero(x[i]);
    const double r = norm > 0 ? levels_ * std::fabs(value) / norm : 0.0;
    auto level = static_cast<uint32_t>(r);
    if (rng.uniform() < r - level) ++level;  // stochastic rounding: E[level] = r
    level = std::min(level, levels_);
    const bool negative = level != 0 && value < 0;  // no sign travels with level 0
    out.write(level, level_bits_);
    if (level != 0) out.write_bit(negative);
    if (!decoded.empty()) decoded[i] = qsgd_value(sent_scale, level, negative, levels_);
  }
  out.flush();
}

void Qsgd::decode(std::span<const uint8_t> bytes, std::span<float> out) const {
  const float scale = read_scale(bytes, "qsgd");
  BitReader in(bytes.subspan(sizeof(float)));
  for (float& v : out) {
    const auto level = static_cast<uint32_t>(in.read(level_bits_));
    if (level > levels_)
      throw CodecError(fmt::format("qsgd: level {} exceeds the {} levels", level, levels_));
    const bool negative = level != 0 && in.read_bit();
    v = qsgd_value(scale, level, negative, levels_);
  }
  in.expect_end();
}

void encode_sign_norm(std::span<const float> x, std::vector<uint8_t>& bytes,
                      std::span<float> decoded) {
  check_decoded("sign_norm", decoded.size(), x.size());
  double l1 = 0;
  for (float v : x) l1 += std::fabs(finite_or_zero(v));
  const auto scale = static_cast<float>(x.empty() ? 0.0 : l1 / static_cast<double>(x.size()));
  append_f32(bytes, scale);
  pack_signs(x, bytes);
  for (size_t i = 0; i < decoded.size(); ++i) decoded[i] = x[i] < 0 ? -scale : scale;
}

void decode_sign_norm(std::span<const uint8_t> bytes, std::span<float> out) {
  const float scale = read_scale(bytes, "sign_norm");
  unpack_signs(bytes.subspan(sizeof(float)), out);
  for (float& v : out) v *= scale;
}

size_t sign_bytes(size_t d) {
  return (d + 7) / 8;
}

void pack_signs(std::span<const float> x, std::vector<uint8_t>& bytes) {
  const size_t at = bytes.size();
  bytes.resize(at + sign_bytes(x.size()), 0);
  uint8_t* out = bytes.data() + at;
  for (size_t i = 0; i < x.size(); ++i)
    out[i / 8] |= static_cast<uint8_t>((x[i] < 0 ? 1u : 0u) << (i % 8));
}

void unpack_signs(std::span<const uint8_t> bytes, std::span<float> out) {
  if (bytes.size() != sign_bytes(out.size()))
    throw CodecError(fmt::format("signs: {} bytes for {} values, expected {}", bytes.size(),
                                 out.size(), sign_bytes(out.size())));
  if (out.size() % 8 != 0 && (bytes.back() >> (out.size() % 8)) != 0)
    throw CodecError("signs: nonzero padding bits");
  for (size_t i = 0; i < out.size(); ++i) out[i] = (bytes[i / 8] >> (i % 8)) & 1u ? -1.0f : 1.0f;
}

size_t ternary_bytes(size_t d) {
  return (d + 3) / 4;
}

void pack_ternary(std::span<const float> x, std::vector<uint8_t>& bytes) {
  const size_t at = bytes.size();
  bytes.resize(at + ternary_bytes(x.size()), 0);
  uint8_t* out = bytes.data() + at;
  for (size_t i = 0; i < x.size(); ++i) {
    const unsigned code = x[i] > 0 ? 1u : x[i] < 0 ? 2u : 0u;
    out[i / 4] |= static_cast<uint8_t>(code << (2 * (i % 4)));
  }
}

void unpack_ternary(std::span<const uint8_t> bytes, std::span<float> out) {
  if (bytes.size() != ternary_bytes(out.size()))
    throw CodecError(fmt::format("ternary: {} bytes for {} values, expected {}", bytes.size(),
                                 out.size(), ternary_bytes(out.size())));
  if (out.size() % 4 != 0 && (bytes.back() >> (2 * (out.size() % 4))) != 0)
    throw CodecError("ternary: nonzero padding bits");
  for (size_t i = 0; i < out.size(); ++i) {
    const unsigned code = (bytes[i / 4] >> (2 * (i % 4))) & 3u;
    if (code == 3) throw CodecError(fmt::format("ternary: invalid code 11 at value {}", i));
    out[i] = code == 1 ? 1.0f : code == 2 ? -1.0f : 0.0f;
  }
}

}  // namespace dlsim
