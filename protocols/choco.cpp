#include "protocols/choco.hpp"

#include <algorithm>
#include <cmath>

#include "compression/codec_error.hpp"
#include "compression/elias_gamma.hpp"
#include "compression/quantizers.hpp"
#include "compression/selection.hpp"
#include "protocols/adversary.hpp"
#include "protocols/random_subsampling.hpp"

namespace dlsim {

int read_choco(const Message& message, ChocoCompressor compressor, const Qsgd& qsgd,
               std::vector<float>& received, std::vector<uint32_t>& indices,
               std::vector<float>& values) {
  using Compressor = ChocoCompressor;
  const size_t n = received.size();
  MessageReader reader(message);
  const auto sender_degree = static_cast<int>(reader.u32());
  const uint32_t count = reader.u32();
  const uint8_t sent_with = reader.u8();
  if (count != n || sent_with != static_cast<uint8_t>(compressor))
    throw DecodeError(fmt::format("choco message of {} coordinates, compressor {}", count,
                                  static_cast<int>(sent_with)));
  switch (compressor) {
    case Compressor::top_k:
    case Compressor::random_k: {
      const uint32_t k = reader.u32();
      if (k > n) throw DecodeError(fmt::format("{} of {} coordinates", k, n));
      if (compressor == Compressor::top_k) {
        BitReader bits(reader.raw(reader.u32()));
        decode_indices(bits, k, n, indices);
        bits.expect_end();
      } else {
        subsampling_mask(reader.u64(), n, k, indices);
      }
      values.resize(k);
      reader.f32s(values.data(), k);
      reader.expect_end();
      std::fill(received.begin(), received.end(), 0.0f);
      for (size_t i = 0; i < k; ++i) received[indices[i]] = values[i];
      break;
    }
    case Compressor::qsgd:
      qsgd.decode(reader.raw(reader.remaining()), received);
      break;
    case Compressor::sign:
      decode_sign_norm(reader.raw(reader.remaining()), received);
      break;
    case Compressor::none:
      reader.f32s(received.data(), n);
      reader.expect_end();
      break;
  }
  return sender_degree;
}

namespace {

constexpr uint16_t tag_choco = 4;

using Compressor = ChocoCompressor;
const std::vector<std::string> compressor_names = {"top-k", "random-k", "qsgd", "sign", "none"};

struct ChocoConfig {
  Compressor compressor = Compressor::top_k;
  double alpha = 0.1;  // share of coordinates for top-k and random-k
  double gamma = 0.1;  // consensus step
  uint32_t levels = 16;
  bool biased = true;
};

// Payload: u32 sender degree, u32 N, u8 compressor, then by compressor: top-k: u32 k, u32 index
// bytes, Elias-gamma indices, k float32; random-k: u32 k, u64 mask seed, k float32; qsgd, sign:
// the quantizer's bytes; none: N float32.
class ChocoNode : public NodeProtocol {
 public:
  ChocoNode(const ChocoConfig& config, size_t n, int byzantine, Rng rng)
      : config_(config),
        byzantine_(byzantine),
        qsgd_(config.levels, config.biased),
        rng_(rng),
        x_hat_(n, 0.0f),
        s_(n, 0.0f),
        q_(n),
        received_(n) {}

  void round(Node& node) override {
    const Graph& graph = node.overlay();
    const auto neighbors = graph.neighbors(node.id());
    const int degree = graph.degree(node.id());
    const double n = static_cast<double>(x_hat_.size());
    node.train(node.setup().local_steps);

    const uint64_t seed = rng_.next();
    // A silent node sends no q: its own copy does not move.
    std::fill(q_.begin(), q_.end(), 0.0f);
    const Vector& x = node.learner().params;
    adversary_.broadcast(
        node, {x.data(), static_cast<size_t>(x.size())}, byzantine_, nullptr,
        [&](std::span<const float> model) {
          // The difference, its compression (a few flops per coordinate) and
          // x_hat += q. A Byzantine node compresses its crafted model's
          // difference: what it poisons is q.
          MessagePtr message;
          node.compute(8.0 * n, [&] { message = encode(node, degree, seed, model.data()); });
          return message;
        });

    const auto inbound = node.gather(tag_choco, neighbors);
    const double flops = static_cast<double>(inbound.size()) * 4.0 * n + 6.0 * n;
    node.compute(flops, [&] { merge(node, inbound, degree); });
  }

  // x_hat and s sum every q ever received: the node's memory of its neighbourhood.
  void persist(Archive& a) override { a(rng_, x_hat_, s_); }

 private:
  MessagePtr encode(Node& node, int degree, uint64_t seed, const float* x) {
    const size_t n = x_hat_.size();
    for (size_t c = 0; c < n; ++c) q_[c] = x[c] - x_hat_[c];
    MessageWriter writer(tag_choco, node.round(), node.id(), 32 + 4 * n);
    writer.u32(static_cast<uint32_t>(degree));
    writer.u32(static_cast<uint32_t>(n));
    writer.u8(static_cast<uint8_t>(config_.compressor));
    const auto k = static_cast<size_t>(std::round(config_.alpha * static_cast<double>(n)));
    switch (config_.compressor) {
      case Compressor::top_k:
      case Compressor::random_k: {
        if (config_.compressor == Compressor::top_k)
          top_k(q_, k, indices_);
        else
          subsampling_mask(seed, n, k, indices_);
        values_.resize(k);
        for (size_t i = 0; i < k; ++i) values_[i] = q_[indices_[i]];
        writer.u32(static_cast<uint32_t>(k));
        if (config_.compressor == Compressor::top_k) {
          writer.u32(static_cast<uint32_t>((index_code_bits(indices_) + 7) / 8));
          writer.append_metadata([&](std::vector<uint8_t>& bytes) {
            BitWriter bits(bytes);
            encode_indices(indices_, bits);
            bits.flush();
          });
        } else {
          writer.u64(seed);
        }
        writer.values(values_);
        std::fill(q_.begin(), q_.end(), 0.0f);
        for (size_t i = 0; i < k; ++i) q_[indices_[i]] = values_[i];
        break;
      }
      // The quantizers decode into q_ in place: they read x[i] before writing decoded[i].
      case Compressor::qsgd: {
        Rng rng(seed);
        writer.append_values(
            [&](std::vector<uint8_t>& bytes) { qsgd_.encode(q_, rng, bytes, q_); });
        break;
      }
      case Compressor::sign:
        writer.append_values([&](std::vector<uint8_t>& bytes) { encode_sign_norm(q_, bytes, q_); });
        break;
      case Compressor::none:
        writer.values(q_);
        break;
    }
    for (size_t c = 0; c < n; ++c) x_hat_[c] += q_[c];
    return writer.finish();
  }

  // s_i = sum_j w_ij x_hat_j (self included) follows the q's; then x = x_half + gamma (s - x_hat).
  void merge(Node& node, const std::vector<Inbound>& inbound, int degree) {
    const size_t n = s_.size();
    double self_weight = 1.0;  // a missing neighbour's weight stays on the node's own copy
    for (const auto& in : inbound) {
      int sender_degree = 0;
      try {
        sender_degree =
            read_choco(*in.message, config_.compressor, qsgd_, received_, indices_, values_);
      } catch (const DecodeError&) {  // a malformed message is dropped
        continue;
      } catch (const CodecError&) {
        continue;
      }
      const double w = mh_weight(degree, sender_degree);
      self_weight -= w;
      const auto wf = static_cast<float>(w);
      for (size_t c = 0; c < n; ++c) s_[c] += wf * received_[c];
    }
    const auto self = static_cast<float>(self_weight);
    const auto gamma = static_cast<float>(config_.gamma);
    float* x = node.learner().params.data();
    for (size_t c = 0; c < n; ++c) {
      s_[c] += self * q_[c];
      x[c] += gamma * (s_[c] - x_hat_[c]);
    }
  }

  const ChocoConfig& config_;
  int byzantine_;
  Adversary adversary_;
  Qsgd qsgd_;
  Rng rng_;
  // The node's public copy, the weighted sum of its neighbourhood's copies, its own q (as the
  // receivers decode it) and a neighbour's.
  std::vector<float> x_hat_, s_, q_, received_;
  std::vector<uint32_t> indices_;
  std::vector<float> values_;
};

class Choco : public Protocol {
 public:
  Choco(ChocoConfig config, const ProtocolEnv& env) : config_(config), env_(env) {}
  std::unique_ptr<NodeProtocol> make_node(int id) override {
    return std::make_unique<ChocoNode>(
        config_, static_cast<size_t>(env_.setup->network->param_count()), env_.byzantine,
        Rng(env_.seed, {static_cast<uint64_t>(Stream::protocol), static_cast<uint64_t>(id)}));
  }

 private:
  ChocoConfig config_;
  ProtocolEnv env_;
};

}  // namespace

Component<ProtocolMaker> choco_component() {
  return {
      "choco",
      "CHOCO-SGD: compressed differences to public model copies, consensus step gamma",
      {
          choice_param("compressor", "top-k", compressor_names, "how the difference is compressed"),
          real_param("alpha", 0.1, "share of coordinates sent by top-k and random-k").range(0, 1),
          real_param("gamma", 0.1, "consensus step size").range(0, 1),
          integer_param("levels", 16, "qsgd quantization levels").range(1, 65535),
          bool_param("biased", true, "qsgd's scaled (contracting) variant, as the authors' code"),
      },
      [](const Params& p, const ProtocolEnv& env) -> std::unique_ptr<Protocol> {
        ChocoConfig config;
        const auto it =
            std::find(compressor_names.begin(), compressor_names.end(), p.text("compressor"));
        config.compressor = static_cast<Compressor>(it - compressor_names.begin());
        config.alpha = p.real("alpha");
        config.gamma = p.real("gamma");
        config.levels = static_cast<uint32_t>(p.integer("levels"));
        config.biased = p.flag("biased");
        return std::make_unique<Choco>(config, env);
      }};
}

}  // namespace dlsim
