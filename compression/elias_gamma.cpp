#include "compression/elias_gamma.hpp"

#include <fmt/format.h>

#include <bit>
#include <stdexcept>

namespace dlsim {

namespace {
constexpr uint64_t kMaxGamma = uint64_t{1} << 32;  // index + 1 for any 32-bit index
}

int gamma_bits(uint64_t v) {
  return 2 * std::bit_width(v) - 1;
}

void write_gamma(BitWriter& out, uint64_t v) {
  if (v == 0 || v > kMaxGamma)
    throw std::invalid_argument(fmt::format("write_gamma: {} is outside [1, 2^32]", v));
  const int width = std::bit_width(v);
  if (2 * width - 1 <= 64) {
    out.write(v, 2 * width - 1);  // the zeros are v's own leading zeros
    return;
  }
  out.write(0, width - 1);
  out.write(v, width);
}

uint64_t read_gamma(BitReader& in, uint64_t max) {
  if (max == 0) throw CodecError("malformed code: a value where none can fit");
  // A value <= max has at most bit_width(max) - 1 leading zeros: stop early on a longer run.
  const uint64_t v = in.read_gamma_code(std::bit_width(max) - 1);
  if (v > max) throw CodecError(fmt::format("malformed code: {} exceeds {}", v, max));
  return v;
}

void encode_indices(std::span<const uint32_t> indices, BitWriter& out) {
  uint64_t previous = 0;  // the first value is index + 1: as if a virtual index -1 came before
  for (size_t i = 0; i < indices.size(); ++i) {
    const uint64_t next = uint64_t{indices[i]} + 1;
    if (next <= previous)
      throw std::invalid_argument(
          fmt::format("encode_indices: index {} ({}) after {}: not "
                      "strictly increasing",
                      i, indices[i], previous - 1));
    write_gamma(out, next - previous);
    previous = next;
  }
}

size_t index_code_bits(std::span<const uint32_t> indices) {
  size_t bits = 0;
  uint64_t previous = 0;
  for (uint32_t index : indices) {
    bits += static_cast<size_t>(gamma_bits(uint64_t{index} + 1 - previous));
    previous = uint64_t{index} + 1;
  }
  return bits;
}

void decode_indices(BitReader& in, size_t count, uint64_t n, std::vector<uint32_t>& indices) {
  // Checked before resizing: the count comes from the message.
  if (count > n) throw CodecError(fmt::format("{} distinct indices cannot fit below {}", count, n));
  if (n > kMaxGamma) throw std::invalid_argument("decode_indices: n exceeds 2^32");
  indices.resize(count);
  uint64_t previous = 0;  // last index + 1
  for (size_t i = 0; i < count; ++i) {
    // Each gap is >= 1, so the indices increase; the bound keeps them below n.
    if (previous >= n)
      throw CodecError(fmt::format("malformed indices: {} indices where {} fit", count, i));
    previous += read_gamma(in, n - previous);
    indices[i] = static_cast<uint32_t>(previous - 1);
  }
}

}  // namespace dlsim
