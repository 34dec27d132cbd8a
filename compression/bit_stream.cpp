#include "compression/bit_stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

namespace dlsim {

void BitWriter::write(uint64_t value, int count) {
  if (count < 0 || count > 64)
    throw std::invalid_argument(fmt::format("BitWriter::write: {} bits", count));
  bits_ += static_cast<size_t>(count);
  if (count > 32) {
    put(static_cast<uint32_t>(value >> 32), count - 32);
    count = 32;
  }
  put(static_cast<uint32_t>(value), count);
}

void BitWriter::put(uint32_t value, int count) {
  // used_ < 32 before, so the pending bits fit in 64; whole 32-bit words go out at once.
  const uint64_t mask = (uint64_t{1} << count) - 1;
  pending_ = (pending_ << count) | (value & mask);
  used_ += count;
  if (used_ < 32) return;
  used_ -= 32;
  const auto word = static_cast<uint32_t>(pending_ >> used_);
  const uint8_t bytes[4] = {static_cast<uint8_t>(word >> 24), static_cast<uint8_t>(word >> 16),
                            static_cast<uint8_t>(word >> 8), static_cast<uint8_t>(word)};
  out_.insert(out_.end(), bytes, bytes + 4);
  pending_ &= (uint64_t{1} << used_) - 1;
}

void BitWriter::flush() {
  for (; used_ >= 8; used_ -= 8) out_.push_back(static_cast<uint8_t>(pending_ >> (used_ - 8)));
  if (used_ > 0) out_.push_back(static_cast<uint8_t>(pending_ << (8 - used_)));
  pending_ = 0;
  used_ = 0;
}

void BitReader::load_bytes() {
  if (bytes_.size() - next_ >= 8) {  // a whole word: load 8 bytes, keep the ones that fit
    uint64_t word;
    std::memcpy(&word, bytes_.data() + next_, 8);
    if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
    const int take = (64 - available_) / 8;
    window_ |= (word >> (64 - 8 * take)) << (64 - available_ - 8 * take);
    next_ += static_cast<size_t>(take);
    available_ += 8 * take;
    return;
  }
  while (available_ <= 56 && next_ < bytes_.size()) {
    window_ |= uint64_t{bytes_[next_++]} << (56 - available_);
    available_ += 8;
  }
}

uint64_t BitReader::read(int count) {
  if (count < 0 || count > 57)
    throw std::invalid_argument(fmt::format("BitReader::read: {} bits", count));
  if (count == 0) return 0;
  refill();
  if (available_ < count)
    throw CodecError(fmt::format("truncated input: {} bits wanted, {} left", count, available_));
  const uint64_t value = window_ >> (64 - count);
  window_ = count == 64 ? 0 : window_ << count;
  available_ -= count;
  return value;
}

int BitReader::read_zeros(int max_zeros) {
  int zeros = 0;
  for (;;) {
    refill();
    if (available_ == 0) throw CodecError("truncated input: a code runs past the end");
    // Bits below the loaded ones are zero, so clamp the count to what is loaded.
    const int run = std::min(std::countl_zero(window_), available_);
    zeros += run;
    if (zeros > max_zeros)
      throw CodecError(fmt::format("malformed code: more than {} leading zeros", max_zeros));
    window_ = run == 64 ? 0 : window_ << run;
    available_ -= run;
    if (available_ > 0) return zeros;  // the next bit is the one that ends the run
  }
}

uint64_t BitReader::read_gamma_code_slow(int max_zeros) {
  return read(read_zeros(max_zeros) + 1);
}

void BitReader::expect_end() const {
  if (bits_left() >= 8)
    throw CodecError(fmt::format("{} unread bytes after the encoding", bits_left() / 8));
  if (window_ != 0) throw CodecError("nonzero padding bits after the encoding");
}

}  // namespace dlsim
