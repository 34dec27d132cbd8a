#pragma once
// CHOCO-SGD (Koloskova, Stich, Jaggi 2019): nodes send a compressed difference between their
// model and its public copy x_hat, and move towards the weighted sum of their neighbours' copies.
#include "compression/quantizers.hpp"
#include "protocols/protocol.hpp"

namespace dlsim {

Component<ProtocolMaker> choco_component();

// The compressors, in the order of the "compressor" choices; each message names its own.
enum class ChocoCompressor : uint8_t { top_k, random_k, qsgd, sign, none };

// Decodes a neighbour's q (dense, into `received`, sized to the model) and returns the sender's
// degree; throws DecodeError or CodecError when the message is malformed or was sent with another
// compressor. `indices` and `values` are the caller's scratch buffers.
int read_choco(const Message& message, ChocoCompressor compressor, const Qsgd& qsgd,
               std::vector<float>& received, std::vector<uint32_t>& indices,
               std::vector<float>& values);

}  // namespace dlsim
