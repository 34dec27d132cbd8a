#include "core/archive.hpp"

#include <fmt/format.h>

namespace dlsim {

void Archive::bytes(void* data, size_t n) {
  if (n == 0) return;  // data may be null (an empty vector's): memcpy forbids it
  if (out_) {
    const auto* p = static_cast<const uint8_t*>(data);
    out_->insert(out_->end(), p, p + n);
    return;
  }
  if (n > in_.size() - at_)
    throw CheckpointError(fmt::format(
        "checkpoint state is truncated: {} bytes wanted at byte {} of {}", n, at_, in_.size()));
  std::memcpy(data, in_.data() + at_, n);
  at_ += n;
}

void Archive::need_items(uint64_t n, size_t item_bytes) const {
  if (n > (in_.size() - at_) / item_bytes)
    throw CheckpointError(
        fmt::format("checkpoint state is truncated or corrupt: {} items announced at byte {}, with "
                    "{} bytes left",
                    n, at_, in_.size() - at_));
}

void Archive::expect_end() const {
  if (is_loading() && at_ != in_.size())
    throw CheckpointError(fmt::format(
        "checkpoint state does not match this run: {} of {} bytes read", at_, in_.size()));
}

}  // namespace dlsim
