#pragma once
// Encoded messages: what travels on the simulated network is exactly these bytes, so the bytes a
// run reports and the transfer time SimGrid simulates both come from the real encoded size.
//
// Layout (little-endian): u16 magic 0xD15A, u16 tag, u32 round, u32 source node, u32 payload
// length, then the payload written by the protocol.
//
// The sender also counts which bytes carry model values (floats, quantized levels, their
// compressed form); everything else (header, indices, degrees, seeds) is metadata. The count is
// bookkeeping for the outputs and does not travel.
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

namespace dlsim {

static_assert(std::endian::native == std::endian::little, "messages are encoded little-endian");

// A malformed, truncated or oversized message: raised by every decoder instead of reading past
// the end (a Byzantine peer controls these bytes).
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Message {
  static constexpr size_t header_bytes = 16;
  static constexpr uint16_t magic = 0xD15A;

  uint16_t tag = 0;
  uint32_t round = 0;
  uint32_t src = 0;
  std::vector<uint8_t> bytes;  // header + payload
  uint64_t value_bytes = 0;    // bytes of bytes that carry values (sender side only)

  size_t size() const { return bytes.size(); }
  std::span<const uint8_t> payload() const {
    return std::span<const uint8_t>(bytes).subspan(header_bytes);
  }
};
using MessagePtr = std::shared_ptr<const Message>;

// Builds a message; `reserve` is the expected payload size, to avoid regrowing.
class MessageWriter {
 public:
  MessageWriter(uint16_t tag, uint32_t round, uint32_t src, size_t reserve = 0);

  void u8(uint8_t v) { put(&v, 1); }
  void u32(uint32_t v) { put(&v, 4); }
  void u64(uint64_t v) { put(&v, 8); }
  void f32(float v) { put(&v, 4); }
  void raw(std::span<const uint8_t> v) { put(v.data(), v.size()); }
  // Float32 model values, counted as value bytes.
  void values(std::span<const float> v) {
    put(v.data(), v.size() * sizeof(float));
    message_->value_bytes += v.size() * sizeof(float);
  }
  // Lets a codec append to the message's bytes; what `append(bytes)` adds is counted as value
  // bytes (packed levels, compressed floats) or as metadata (coded indices).
  template <class Append>
  void append_values(Append&& append) {
    const size_t before = message_->bytes.size();
    append(message_->bytes);
    message_->value_bytes += message_->bytes.size() - before;
  }
  template <class Append>
  void append_metadata(Append&& append) {
    append(message_->bytes);
  }

  // Writes the header's payload length and hands the message over.
  MessagePtr finish();

 private:
  void put(const void* data, size_t n) {
    if (n == 0) return;  // data may be null (an empty vector's data()): memcpy forbids it
    const size_t at = message_->bytes.size();
    message_->bytes.resize(at + n);
    std::memcpy(message_->bytes.data() + at, data, n);
  }
  std::shared_ptr<Message> message_;
};

// Reads a payload front to back; every read checks the remaining length.
class MessageReader {
 public:
  explicit MessageReader(const Message& m) : data_(m.payload()) {}

  uint8_t u8() { return get<uint8_t>(); }
  uint32_t u32() { return get<uint32_t>(); }
  uint64_t u64() { return get<uint64_t>(); }
  float f32() { return get<float>(); }
  // Copies n floats into out (which must have room for n).
  void f32s(float* out, size_t n) {
    need(n * sizeof(float));
    if (n == 0) return;  // out may be null (an empty vector's data()): memcpy forbids it
    std::memcpy(out, data_.data() + at_, n * sizeof(float));
    at_ += n * sizeof(float);
  }
  // A view of the next n bytes.
  std::span<const uint8_t> raw(size_t n) {
    need(n);
    auto out = data_.subspan(at_, n);
    at_ += n;
    return out;
  }
  size_t remaining() const { return data_.size() - at_; }
  // Fails unless the whole payload was read: trailing bytes are as malformed as missing ones.
  void expect_end() const;

 private:
  void need(size_t n) const;
  template <class T>
  T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, data_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  std::span<const uint8_t> data_;
  size_t at_ = 0;
};

// Parses and checks a received buffer's header (magic, payload length); throws DecodeError.
Message decode_header(std::vector<uint8_t> bytes);

}  // namespace dlsim
