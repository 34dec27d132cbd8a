#pragma once
// What a node did, as the network and the clock saw it: compute times, messages sent (size and
// address), receives waited for, board posts and reads. A resumed run replays a node's trace up to
// its checkpoint to rebuild the simulation (SimGrid cannot save its own state) without redoing the
// learning, which is what costs; the trace is a few dozen bytes per node and round.
#include <cstdint>
#include <span>
#include <vector>

#include "core/archive.hpp"

namespace dlsim {

class Trace {
 public:
  enum class Op : uint8_t { round, compute, train, send, gather, publish, read_board };

  // Recording.
  void round(int r);
  void compute(double flops);
  void train(double flops, double loss);
  void send(int dst, uint16_t tag, uint64_t bytes, uint64_t value_bytes);
  void gather(uint16_t tag, std::span<const int> from);
  void publish(uint64_t count);
  void read_board();

  size_t size() const { return bytes_.size(); }
  void truncate(size_t size) { bytes_.resize(size); }
  void persist(Archive& a) { a(bytes_); }

  // One recorded operation.
  struct Entry {
    Op op = Op::round;
    int round = 0;  // Op::round
    double flops = 0, loss = 0;
    int dst = 0;
    uint16_t tag = 0;
    uint64_t bytes = 0, value_bytes = 0, count = 0;
    std::vector<int> from;  // Op::gather
  };
  // Reads the next entry from position `at` (advanced); throws CheckpointError on a corrupt trace.
  bool next(size_t& at, Entry& out) const;

 private:
  void op(Op o) { bytes_.push_back(static_cast<uint8_t>(o)); }
  void varint(uint64_t v);
  void real(double v);

  std::vector<uint8_t> bytes_;
};

}  // namespace dlsim
