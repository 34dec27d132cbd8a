#pragma once
// Gradient-sharing data parallelism, one minibatch gradient per round: every site computes the
// gradient of its own minibatch at the common model, ships a share of it (protocols/
// share_codec.hpp), rebuilds every site's gradient from the shares, averages them (or applies a
// robust rule) and takes the same optimizer step, so honest sites keep identical models: SGD on
// the combined batch. Two settings: "allreduce" (every site sends its share to every other site)
// and "ps" (a service node relays every share to every site). One component per codec:
//   dsgd      the gradient itself (the baseline)
//   dad       per dense layer, the batch's activations A and deltas D: exact, b (in + out) floats
//   rank-dad  rank-r factors of D^T A by power iteration on A and D: r (in + out) + out floats
//   powersgd  rank-r factors of the gradient with error feedback, for comparison
#include "protocols/protocol.hpp"

namespace dlsim {

Component<ProtocolMaker> dsgd_component();
Component<ProtocolMaker> dad_component();
Component<ProtocolMaker> rank_dad_component();
Component<ProtocolMaker> powersgd_component();

// A share on the wire: u32 count, then the float32 values. Reads one of exactly n values into
// out; throws DecodeError otherwise.
void read_share(MessageReader& reader, int64_t n, float* out);
// The relay's bundle: u32 count, then per share its u32 site (ascending, below by_site.size())
// and the share. Reads each share of n values into by_site[site] (sized by the caller) and
// appends its address to `shares`; throws DecodeError when the bundle is malformed (`shares` may
// then hold part of it).
void read_relay_bundle(const Message& m, int64_t n, std::vector<Vector>& by_site,
                       std::vector<const float*>& shares);

}  // namespace dlsim
