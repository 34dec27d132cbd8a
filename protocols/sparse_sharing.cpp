#include "protocols/sparse_sharing.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include "compression/codec_error.hpp"
#include "compression/selection.hpp"
#include "protocols/adversary.hpp"
#include "protocols/sparse_merge.hpp"
#include "protocols/sparse_message.hpp"

namespace dlsim {
namespace {

constexpr uint16_t tag_share = 2;

size_t model_size(const ProtocolEnv& env) {
  return static_cast<size_t>(env.setup->network->param_count());
}

// Each level filters its input into two bands, F multiply-adds per output coefficient (a copy
// at level 0); the inverse costs the same.
double transform_flops(const DwtPlan& plan) {
  if (plan.levels() == 0) return static_cast<double>(plan.coeff_count());
  const auto bands = plan.band_lengths();
  double outputs = 0;
  for (size_t b = 1; b < bands.size(); ++b) outputs += 2.0 * static_cast<double>(bands[b]);
  return 2.0 * plan.wavelet().length() * outputs;
}

class SparseSharingNode : public NodeProtocol {
 public:
  SparseSharingNode(const SparseSharingConfig& config, size_t n, int byzantine, Rng rng)
      : config_(config),
        byzantine_(byzantine),
        plan_(config.wavelet, config.levels, config.mode, n),
        transform_flops_(transform_flops(plan_)),
        rng_(rng),
        y_(plan_.coeff_count()),
        previous_(plan_.coeff_count()),
        accumulated_(plan_.coeff_count(), 0.0f),
        scratch_(plan_.coeff_count()),
        crafted_(plan_.coeff_count()) {}

  void round(Node& node) override {
    const Graph& graph = node.overlay();
    const auto neighbors = graph.neighbors(node.id());
    const int degree = graph.degree(node.id());
    const double m = static_cast<double>(plan_.coeff_count());
    if (!started_) {  // W(x_post) of "round 0": the initial model
      node.compute(transform_flops_,
                   [&] { plan_.forward(node.learner().params.data(), previous_.data()); });
      started_ = true;
    }
    node.train(node.setup().local_steps);

    const double alpha = config_.alphas[rng_.below(config_.alphas.size())];
    const bool all = alpha >= config_.metadata_cap;
    const double k = all ? m : std::round(alpha * m);
    // Transform, score, select (nth_element, then sort the k chosen) and gather the values.
    const double encode_flops =
        transform_flops_ + 3.0 * m + (all ? 0.0 : 2.0 * m + k * std::log2(k + 1));
    const Vector& x = node.learner().params;
    const std::span<const float> model(x.data(), static_cast<size_t>(x.size()));
    const bool attacking = node.attack() != nullptr;
    adversary_.broadcast(node, model, byzantine_, nullptr, [&](std::span<const float> shared) {
      MessagePtr message;
      // A Byzantine node transforms its crafted model too, and sends the k coefficients where it
      // departs most from its honest ones: the most damage the budget allows.
      node.compute(encode_flops + (attacking ? transform_flops_ : 0.0), [&] {
        message = attacking ? encode_crafted(node, degree, all, k, shared.data())
                            : encode(node, degree, all, k);
      });
      return message;
    });

    const auto inbound = node.gather(tag_share, neighbors);
    size_t received = 0;  // coordinates, about one per 4 bytes received
    for (const auto& in : inbound) received += std::min(in.message->size() / 4, y_.size());
    // The merge, its inverse and forward transforms, and the accumulator's update.
    // (Clipping decodes twice and measures each neighbour's distance.)
    const double merge_flops = SparseMerge::add_flops(received) * (config_.clip ? 3.0 : 1.0) + m +
                               2.0 * transform_flops_ + 2.0 * m;
    node.compute(merge_flops, [&] { merge(node, inbound, degree); });
  }

  // The last merged model's coefficients and the unsent change: what the next share is cut from.
  void persist(Archive& a) override { a(rng_, started_, previous_, accumulated_); }

 private:
  MessagePtr encode(Node& node, int degree, bool all, double k) {
    plan_.forward(node.learner().params.data(), y_.data());
    // A coordinate's score is its total change since the round before it was last sent.
    for (size_t c = 0; c < y_.size(); ++c)
      scratch_[c] = y_[c] - previous_[c] + (config_.accumulation ? accumulated_[c] : 0.0f);
    if (all) {
      std::fill(accumulated_.begin(), accumulated_.end(), 0.0f);
      values_.assign(y_.begin(), y_.end());
    } else {
      top_k(scratch_, static_cast<size_t>(k), indices_);
      values_.resize(indices_.size());
      for (size_t i = 0; i < indices_.size(); ++i) {
        values_[i] = y_[indices_[i]];
        accumulated_[indices_[i]] = 0.0f;
      }
    }
    return write(node, degree, all);
  }

  MessagePtr encode_crafted(Node& node, int degree, bool all, double k, const float* crafted) {
    plan_.forward(node.learner().params.data(), y_.data());
    plan_.forward(crafted, crafted_.data());
    if (all) {
      values_.assign(crafted_.begin(), crafted_.end());
    } else {
      for (size_t c = 0; c < y_.size(); ++c) scratch_[c] = crafted_[c] - y_[c];
      top_k(scratch_, static_cast<size_t>(k), indices_);
      values_.resize(indices_.size());
      for (size_t i = 0; i < indices_.size(); ++i) values_[i] = crafted_[indices_[i]];
    }
    return write(node, degree, all);
  }

  MessagePtr write(Node& node, int degree, bool all) {
    MessageWriter writer(tag_share, node.round(), node.id(), 21 + 5 * values_.size());
    write_sparse(writer, degree, static_cast<uint32_t>(y_.size()), all, indices_, values_,
                 config_.lossless ? &deflate_ : nullptr, packed_);
    return writer.finish();
  }

  // Decodes a neighbour's share into received_indices_/received_values_; nullopt when malformed.
  std::optional<SparseShare> decode(const Message& message) {
    try {
      return read_sparse(message, static_cast<uint32_t>(y_.size()), deflate_, received_indices_,
                         received_values_);
    } catch (const DecodeError&) {  // a malformed message is dropped
    } catch (const CodecError&) {
    }
    return std::nullopt;
  }

  // Each well-formed neighbour's distance (distances_, in inbound order) and the clipping radius:
  // the (f+1)-th largest distance, so that the f most distant neighbours (where Byzantine ones
  // stand out) are pulled in to it.
  double clip_radius(const std::vector<Inbound>& inbound) {
    distances_.clear();
    for (const auto& in : inbound)
      if (decode(*in.message))
        distances_.push_back(merge_.rms_distance(received_indices_, received_values_));
    if (distances_.empty()) return 0;
    ranked_.assign(distances_.begin(), distances_.end());
    const size_t f = std::min<size_t>(byzantine_, ranked_.size() - 1);
    std::nth_element(ranked_.begin(), ranked_.begin() + f, ranked_.end(), std::greater<>());
    return ranked_[f];
  }

  void merge(Node& node, const std::vector<Inbound>& inbound, int degree) {
    merge_.begin(y_);
    const double radius = config_.clip ? clip_radius(inbound) : 0;
    size_t next = 0;  // the next well-formed neighbour's index in distances_
    for (const auto& in : inbound) {
      const auto share = decode(*in.message);
      if (!share) continue;
      double scale = 1;
      if (config_.clip) {
        const double d = distances_[next++];
        scale = d > radius ? (std::isfinite(d) ? radius / d : 0.0) : 1.0;
      }
      if (scale > 0)  // a neighbour with non-finite values is left out
        merge_.add(scale * mh_weight(degree, share->degree), received_indices_, received_values_);
    }
    merge_.finish(y_);
    float* x = node.learner().params.data();
    plan_.inverse(y_.data(), x);
    // A += W(x_post) - W(x_post_prev): the change that averaging made.
    plan_.forward(x, scratch_.data());
    if (config_.accumulation)
      for (size_t c = 0; c < scratch_.size(); ++c) accumulated_[c] += scratch_[c] - previous_[c];
    previous_.swap(scratch_);
  }

  const SparseSharingConfig& config_;
  int byzantine_;
  Adversary adversary_;
  DwtPlan plan_;
  double transform_flops_;
  Rng rng_;
  bool started_ = false;
  // Coefficients of this round's model, of the previous round's merged model, the accumulated
  // change of unsent coefficients, and scratch (scores, then the new merged model's).
  std::vector<float> y_, previous_, accumulated_, scratch_, crafted_;
  std::vector<uint32_t> indices_, received_indices_;
  std::vector<float> values_, received_values_;
  std::vector<uint8_t> packed_;
  std::vector<double> distances_, ranked_;
  FloatDeflate deflate_;
  SparseMerge merge_;
};

}  // namespace

ParamSpec sparse_sharing_params() {
  return {
      real_param("metadata_cap", 0.5,
                 "from this share on, every coordinate is sent, without indices")
          .min(0),
      bool_param("accumulation", true,
                 "rank by the change since a coordinate was last sent (else since the last "
                 "round)"),
      bool_param("lossless", false, "deflate the values (the JWINS authors use fpzip)"),
      bool_param("clip", false,
                 "robust merge: clip each neighbour's change to the distance of the (f+1)-th "
                 "most distant neighbour, f = the number of Byzantine nodes"),
  };
}

void read_sparse_sharing_params(const Params& p, SparseSharingConfig& config) {
  config.metadata_cap = p.real("metadata_cap");
  config.accumulation = p.flag("accumulation");
  config.lossless = p.flag("lossless");
  config.clip = p.flag("clip");
}

SparseSharing::SparseSharing(SparseSharingConfig config, const ProtocolEnv& env,
                             const Params& params)
    : config_(std::move(config)), env_(env) {
  const size_t n = model_size(env);
  const int max_level = dwt_max_level(n, make_wavelet(config_.wavelet).length());
  if (config_.levels > max_level)
    params.fail("level", fmt::format("is more than the {} levels a model of {} parameters allows",
                                     max_level, n));
}

std::unique_ptr<NodeProtocol> SparseSharing::make_node(int id) {
  return std::make_unique<SparseSharingNode>(
      config_, model_size(env_), env_.byzantine,
      Rng(env_.seed, {static_cast<uint64_t>(Stream::protocol), static_cast<uint64_t>(id)}));
}

}  // namespace dlsim
