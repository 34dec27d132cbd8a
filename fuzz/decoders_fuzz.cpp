// libFuzzer target: every decoder that a peer's bytes reach, chosen by the input's first byte.
// Input: selector, two size bytes (a, b), then the bytes handed to the decoder. A decoder may
// reject the bytes with DecodeError or CodecError; any other exception, a crash or a sanitizer
// report is a finding.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "compression/bit_stream.hpp"
#include "compression/codec_error.hpp"
#include "compression/elias_gamma.hpp"
#include "compression/float_deflate.hpp"
#include "compression/quantizers.hpp"
#include "protocols/majority_vote.hpp"
#include "protocols/message.hpp"
#include "protocols/sparse_message.hpp"

using namespace dlsim;

namespace {

enum Decoder : uint8_t {
  header,       // decode_header: any received buffer
  sparse,       // read_sparse: JWINS, top-k, sparse sharing (indices, deflated values)
  qsgd,         // Qsgd::decode: CHOCO's qsgd
  sign_norm,    // decode_sign_norm: CHOCO's sign
  vote_zero,    // unpack_vote, ternary ties: SignSGD's outcome
  vote_random,  // unpack_vote, 1-bit: SignSGD's outcome
  vote_add,     // MajorityVote::add_packed: SignSGD's server
  indices,      // decode_indices: Elias-gamma coded index gaps
  deflate,      // FloatDeflate::decompress
  count
};

void decode(Decoder which, uint8_t a, uint8_t b, std::span<const uint8_t> data) {
  const size_t dim = size_t{a} * 16 + b % 16;  // up to 4095 values
  std::vector<float> out(dim);
  switch (which) {
    case header:
      decode_header(std::vector<uint8_t>(data.begin(), data.end()));
      break;
    case sparse: {
      Message m;
      m.bytes.assign(Message::header_bytes, 0);
      m.bytes.insert(m.bytes.end(), data.begin(), data.end());
      FloatDeflate d;
      std::vector<uint32_t> idx;
      std::vector<float> values;
      read_sparse(m, static_cast<uint32_t>(dim), d, idx, values);
      break;
    }
    case qsgd:
      Qsgd(1 + (uint32_t{a} * 257 + b) % 65535).decode(data, out);
      break;
    case sign_norm:
      decode_sign_norm(data, out);
      break;
    case vote_zero:
      unpack_vote(VoteTies::zero, data, out);
      break;
    case vote_random:
      unpack_vote(VoteTies::random, data, out);
      break;
    case vote_add: {
      MajorityVote vote;
      vote.reset(static_cast<int64_t>(dim));
      vote.add_packed(data);
      break;
    }
    case indices: {
      BitReader in(data);
      std::vector<uint32_t> idx;
      decode_indices(in, a, 1 + uint64_t{b} * 1000, idx);
      break;
    }
    case deflate: {
      FloatDeflate d;
      d.decompress(data, out);
      break;
    }
    case count:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const auto which = static_cast<Decoder>(data[0] % Decoder::count);
  try {
    decode(which, data[1], data[2], std::span(data + 3, size - 3));
  } catch (const DecodeError&) {
  } catch (const CodecError&) {
  }
  return 0;
}
