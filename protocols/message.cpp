#include "protocols/message.hpp"

#include <fmt/format.h>

namespace dlsim {

MessageWriter::MessageWriter(uint16_t tag, uint32_t round, uint32_t src, size_t reserve)
    : message_(std::make_shared<Message>()) {
  message_->tag = tag;
  message_->round = round;
  message_->src = src;
  message_->bytes.reserve(Message::header_bytes + reserve);
  const uint32_t length = 0;  // patched by finish()
  put(&Message::magic, 2);
  put(&tag, 2);
  put(&round, 4);
  put(&src, 4);
  put(&length, 4);
}

MessagePtr MessageWriter::finish() {
  const auto length = static_cast<uint32_t>(message_->bytes.size() - Message::header_bytes);
  std::memcpy(message_->bytes.data() + 12, &length, 4);
  return std::move(message_);
}

void MessageReader::need(size_t n) const {
  if (n > data_.size() - at_)
    throw DecodeError(fmt::format("truncated message: needs {} more bytes at offset {}, has {}", n,
                                  at_, data_.size() - at_));
}

void MessageReader::expect_end() const {
  if (at_ != data_.size())
    throw DecodeError(
        fmt::format("malformed message: {} unexpected trailing bytes", data_.size() - at_));
}

Message decode_header(std::vector<uint8_t> bytes) {
  if (bytes.size() < Message::header_bytes)
    throw DecodeError(fmt::format("truncated message: {} bytes, header needs {}", bytes.size(),
                                  Message::header_bytes));
  uint16_t magic;
  uint32_t length;
  Message m;
  std::memcpy(&magic, bytes.data(), 2);
  std::memcpy(&m.tag, bytes.data() + 2, 2);
  std::memcpy(&m.round, bytes.data() + 4, 4);
  std::memcpy(&m.src, bytes.data() + 8, 4);
  std::memcpy(&length, bytes.data() + 12, 4);
  if (magic != Message::magic) throw DecodeError(fmt::format("bad magic 0x{:04x}", magic));
  if (length != bytes.size() - Message::header_bytes)
    throw DecodeError(fmt::format("payload length {} does not match the {} bytes received", length,
                                  bytes.size() - Message::header_bytes));
  m.bytes = std::move(bytes);
  return m;
}

}  // namespace dlsim
