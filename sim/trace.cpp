#include "sim/trace.hpp"

#include <cstring>

namespace dlsim {

void Trace::varint(uint64_t v) {
  while (v >= 0x80) {
    bytes_.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  bytes_.push_back(static_cast<uint8_t>(v));
}

void Trace::real(double v) {
  uint8_t b[sizeof v];
  std::memcpy(b, &v, sizeof v);
  bytes_.insert(bytes_.end(), b, b + sizeof v);
}

void Trace::round(int r) {
  op(Op::round);
  varint(static_cast<uint64_t>(r));
}

void Trace::compute(double flops) {
  op(Op::compute);
  real(flops);
}

void Trace::train(double flops, double loss) {
  op(Op::train);
  real(flops);
  real(loss);
}

void Trace::send(int dst, uint16_t tag, uint64_t bytes, uint64_t value_bytes) {
  op(Op::send);
  varint(static_cast<uint64_t>(dst));
  varint(tag);
  varint(bytes);
  varint(value_bytes);
}

void Trace::gather(uint16_t tag, std::span<const int> from) {
  op(Op::gather);
  varint(tag);
  varint(from.size());
  for (int id : from) varint(static_cast<uint64_t>(id));
}

void Trace::publish(uint64_t count) {
  op(Op::publish);
  varint(count);
}

void Trace::read_board() {
  op(Op::read_board);
}

namespace {

struct Cursor {
  const std::vector<uint8_t>& bytes;
  size_t& at;

  void need(size_t n) const {
    if (n > bytes.size() - at) throw CheckpointError("checkpoint trace is truncated");
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      const uint8_t b = bytes[at++];
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    throw CheckpointError("checkpoint trace is corrupt (an over-long number)");
  }
  int id() {
    const uint64_t v = varint();
    if (v > 0x7fffffff) throw CheckpointError("checkpoint trace is corrupt (a node id)");
    return static_cast<int>(v);
  }
  double real() {
    need(sizeof(double));
    double v;
    std::memcpy(&v, bytes.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
};

}  // namespace

bool Trace::next(size_t& at, Entry& e) const {
  if (at >= bytes_.size()) return false;
  Cursor in{bytes_, at};
  e.op = static_cast<Op>(bytes_[at++]);
  switch (e.op) {
    case Op::round:
      e.round = in.id();
      break;
    case Op::compute:
      e.flops = in.real();
      break;
    case Op::train:
      e.flops = in.real();
      e.loss = in.real();
      break;
    case Op::send:
      e.dst = in.id();
      e.tag = static_cast<uint16_t>(in.varint());
      e.bytes = in.varint();
      e.value_bytes = in.varint();
      break;
    case Op::gather: {
      e.tag = static_cast<uint16_t>(in.varint());
      const uint64_t n = in.varint();
      if (n > bytes_.size() - at) throw CheckpointError("checkpoint trace is corrupt (a gather)");
      e.from.resize(n);
      for (auto& id : e.from) id = in.id();
      break;
    }
    case Op::publish:
      e.count = in.varint();
      break;
    case Op::read_board:
      break;
    default:
      throw CheckpointError("checkpoint trace is corrupt (an unknown operation)");
  }
  return true;
}

}  // namespace dlsim
