#pragma once
// Bit-level writing and reading, most significant bit first, for variable-length codes
// (Elias gamma, packed quantization levels). The reader checks every read against the end of
// its input and throws CodecError instead of reading past it.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "compression/codec_error.hpp"

namespace dlsim {

// Appends bits to a byte buffer (which may already hold a message header).
class BitWriter {
 public:
  explicit BitWriter(std::vector<uint8_t>& out) : out_(out) {}

  // The low `count` bits of value, highest first; count in [0, 64].
  void write(uint64_t value, int count);
  void write_bit(bool bit) { write(bit ? 1 : 0, 1); }
  // Pads the last byte with zero bits; call once when done (later writes start a new byte).
  void flush();
  // Bits written so far, padding excluded.
  size_t bits() const { return bits_; }

 private:
  void put(uint32_t value, int count);  // count <= 32
  std::vector<uint8_t>& out_;
  uint64_t pending_ = 0;  // the low `used_` bits are not yet in out_
  int used_ = 0;          // < 32 between calls
  size_t bits_ = 0;
};

class BitReader {
 public:
  explicit BitReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  // The next `count` bits as an integer, first bit highest; count in [0, 57]. Throws CodecError
  // when fewer remain.
  uint64_t read(int count);
  bool read_bit() { return read(1) != 0; }
  // Counts and consumes zero bits up to the next one bit (which stays unread); throws CodecError
  // after more than max_zeros zeros or at the end of the input.
  int read_zeros(int max_zeros);
  // An Elias-gamma code: z zeros, then z + 1 bits read as an integer (which starts with a one),
  // with z at most max_zeros; throws CodecError as read_zeros and read do.
  uint64_t read_gamma_code(int max_zeros) {
    // Inline, as index lists decode one per coordinate sent: a code already loaded whole is one
    // count and one shift; else load bytes (up to 64 bits) and try again; else (near the end of
    // the input, or a long run of zeros) read it in checked steps.
    for (int attempt = 0; attempt < 2; ++attempt) {
      const int zeros = std::countl_zero(window_);  // bits below the loaded ones are zero
      const int length = 2 * zeros + 1;
      if (zeros <= max_zeros && length <= available_) {
        const uint64_t value = window_ >> (64 - length);
        window_ <<= length;  // length <= available_ <= 64 and odd: below 64
        available_ -= length;
        return value;
      }
      refill();
    }
    return read_gamma_code_slow(max_zeros);
  }
  size_t bits_left() const { return static_cast<size_t>(available_) + 8 * (bytes_.size() - next_); }
  // Fails unless all that remains is the zero padding of the last byte.
  void expect_end() const;

 private:
  // Loads bytes until more than 56 bits are loaded or the input ends.
  void refill() {
    if (available_ <= 56) load_bytes();
  }
  void load_bytes();
  uint64_t read_gamma_code_slow(int max_zeros);
  std::span<const uint8_t> bytes_;
  size_t next_ = 0;      // next byte to load into window_
  uint64_t window_ = 0;  // loaded bits, left-aligned; the bits below them are zero
  int available_ = 0;    // loaded bits not yet consumed
};

}  // namespace dlsim
