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
#include "protocols/btard.hpp"
#include "protocols/choco.hpp"
#include "protocols/majority_vote.hpp"
#include "protocols/message.hpp"
#include "protocols/mixing.hpp"
#include "protocols/ps.hpp"
#include "protocols/random_subsampling.hpp"
#include "protocols/share_codec.hpp"
#include "protocols/share_protocol.hpp"
#include "protocols/sparse_message.hpp"

using namespace dlsim;

namespace {

enum Decoder : uint8_t {
  header,        // decode_header: any received buffer
  sparse,        // read_sparse: JWINS, top-k, sparse sharing (indices, deflated values)
  qsgd,          // Qsgd::decode: CHOCO's qsgd
  sign_norm,     // decode_sign_norm: CHOCO's sign
  vote_zero,     // unpack_vote, ternary ties: SignSGD's outcome
  vote_random,   // unpack_vote, 1-bit: SignSGD's outcome
  vote_add,      // MajorityVote::add_packed: SignSGD's server
  indices,       // decode_indices: Elias-gamma coded index gaps
  deflate,       // FloatDeflate::decompress
  model,         // parse_model, read_model_floats: dpsgd's (and robust gossip's) model message
  ps_vector,     // read_vector: ps's update and model messages
  choco,         // read_choco, each compressor
  subsample,     // read_subsample: random subsampling's share
  dad_share,     // read_share, then the dAD or rank-dAD codec rebuilds the gradient from it
  relay,         // read_relay_bundle: the dAD relay's bundle of every site's share
  btard_floats,  // read_btard_floats: BTARD's shards and aggregates
  accusations,   // read_accusations: BTARD's accusations
  count
};

// The bytes as a received message's payload (the header is checked by decode_header).
Message message_of(std::span<const uint8_t> payload) {
  Message m;
  m.bytes.assign(Message::header_bytes, 0);
  m.bytes.insert(m.bytes.end(), payload.begin(), payload.end());
  return m;
}

// dAD's and rank-dAD's codecs on a conv layer (whose share is its gradient) and two dense
// layers (activations and deltas, or their factors), built once.
ShareCodec& share_codec(bool rank, std::vector<float>& gradient) {
  static const Network<float> network(
      Architecture(Shape{1, 3, 3}).conv2d(2, 3, 1, 1).relu().dense(4).relu().dense(3), 3);
  static const std::unique_ptr<ShareCodec> codecs[] = {
      ad_codec(network, 2), rank_ad_codec(network, 2, 2, 1, 1e-3, Rng(7))};
  gradient.resize(static_cast<size_t>(network.param_count()));
  return *codecs[rank];
}

void decode(Decoder which, uint8_t a, uint8_t b, std::span<const uint8_t> data) {
  const size_t dim = size_t{a} * 16 + b % 16;  // up to 4095 values
  std::vector<float> out(dim);
  switch (which) {
    case header:
      decode_header(std::vector<uint8_t>(data.begin(), data.end()));
      break;
    case sparse: {
      const Message m = message_of(data);
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
    case model: {
      const Message m = message_of(data);
      ModelView view{};
      if (parse_model(m, static_cast<int64_t>(dim), view))
        read_model_floats(view, static_cast<int64_t>(dim), out.data());
      break;
    }
    case ps_vector:
      read_vector(message_of(data), static_cast<int64_t>(dim), out.data());
      break;
    case choco: {
      // dim from a and the low bits of b, the compressor from its high bits.
      const auto compressor = static_cast<ChocoCompressor>((b / 16) % 5);
      std::vector<uint32_t> idx;
      std::vector<float> values;
      read_choco(message_of(data), compressor, Qsgd(1 + a, b % 2 == 0), out, idx, values);
      break;
    }
    case subsample: {
      std::vector<uint32_t> idx;
      std::vector<float> values;
      read_subsample(message_of(data), dim, idx, values);
      break;
    }
    case dad_share: {
      std::vector<float> gradient;
      ShareCodec& codec = share_codec(b % 2, gradient);
      const Message m = message_of(data);
      MessageReader reader(m);
      std::vector<float> share(static_cast<size_t>(codec.share_size()));
      read_share(reader, codec.share_size(), share.data());
      reader.expect_end();
      codec.decode(share.data(), gradient.data(), false);
      break;
    }
    case relay: {
      std::vector<Vector> by_site(1 + a % 8, Vector(b % 16));
      std::vector<const float*> shares;
      read_relay_bundle(message_of(data), b % 16, by_site, shares);
      break;
    }
    case btard_floats: {
      std::vector<uint8_t> header(a % 16);
      read_btard_floats(message_of(data), header, {out.data(), b % 16 + 0u});
      break;
    }
    case accusations: {
      std::vector<int> active;
      for (int i = 0; i < a % 16; i += 1 + b % 3) active.push_back(i);
      std::vector<std::pair<int, BtardReason>> accused;
      read_accusations(message_of(data), b % 16, active, accused);
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
