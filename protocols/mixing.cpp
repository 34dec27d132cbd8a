#include "protocols/mixing.hpp"

#include <algorithm>
#include <cstring>

namespace dlsim {

bool parse_model(const Message& m, int64_t expected, ModelView& out) {
  try {
    MessageReader reader(m);
    out.degree = static_cast<int>(reader.u32());
    if (reader.u32() != expected) return false;
    reader.raw(expected * sizeof(float));
    reader.expect_end();
    out.message = &m;
    return true;
  } catch (const DecodeError&) {
    return false;
  }
}

void read_model_floats(const ModelView& model, int64_t n, float* out) {
  MessageReader reader(*model.message);
  reader.u32();
  reader.u32();
  reader.f32s(out, static_cast<size_t>(n));
}

namespace {

// The well-formed models of `inbound` and their Metropolis-Hastings weights.
struct Received {
  std::vector<ModelView> models;
  std::vector<double> weights;
  double self_weight = 1.0;
};

Received parse_models(Node& node, const std::vector<Inbound>& inbound, int64_t n) {
  const int own_degree = node.overlay().degree(node.id());
  Received r;
  for (const auto& in : inbound) {
    ModelView view{};
    if (!parse_model(*in.message, n, view)) continue;
    r.models.push_back(view);
    r.weights.push_back(mh_weight(own_degree, view.degree));
    r.self_weight -= r.weights.back();
  }
  return r;
}

// Where a parsed model's n floats start in its payload.
const uint8_t* model_floats(const ModelView& model, int64_t n) {
  MessageReader reader(*model.message);
  reader.u32();
  reader.u32();
  return reader.raw(static_cast<size_t>(n) * sizeof(float)).data();
}

}  // namespace

void write_model(MessageWriter& writer, int degree, std::span<const float> params) {
  writer.u32(static_cast<uint32_t>(degree));
  writer.u32(static_cast<uint32_t>(params.size()));
  writer.values(params);
}

void mix_models(Node& node, const std::vector<Inbound>& inbound) {
  const int64_t n = node.learner().params.size();
  const Received r = parse_models(node, inbound, n);
  const double flops = 2.0 * static_cast<double>(n) * static_cast<double>(r.models.size() + 1);
  node.compute(flops, [&node, &r, n] {
    // One pass over the model, block by block: each received block is copied out of its message
    // into a buffer that stays in L1 (the payload's floats need not be aligned), rather than whole
    // models through a model-sized buffer. Every coordinate gets the same operations in the same
    // order as model after model would give it, so the bits do not change.
    constexpr int64_t block = 2048;  // a multiple of any SIMD width
    alignas(64) float other[block];
    thread_local std::vector<const uint8_t*> floats;
    floats.clear();
    for (const ModelView& model : r.models) floats.push_back(model_floats(model, n));
    Vector& x = node.learner().params;
    const auto self_weight = static_cast<float>(r.self_weight);
    for (int64_t at = 0; at < n; at += block) {
      const int64_t len = std::min(block, n - at);
      auto xs = x.segment(at, len);
      xs *= self_weight;
      for (size_t k = 0; k < floats.size(); ++k) {
        std::memcpy(other, floats[k] + at * sizeof(float), len * sizeof(float));
        xs.noalias() += static_cast<float>(r.weights[k]) * Eigen::Map<const Vector>(other, len);
      }
    }
  });
}

void robust_mix_models(Node& node, const std::vector<Inbound>& inbound, Aggregator& rule) {
  Vector& x = node.learner().params;
  const int64_t n = x.size();
  const Received r = parse_models(node, inbound, n);
  const int inputs = static_cast<int>(r.models.size()) + 1;
  node.compute(rule.flops(inputs, n) + static_cast<double>(n) * inputs, [&] {
    thread_local std::vector<Vector> others;
    thread_local Vector out;
    if (others.size() < r.models.size()) others.resize(r.models.size());
    thread_local std::vector<const float*> vectors;
    thread_local std::vector<double> weights;
    vectors.assign(1, x.data());
    weights.assign(1, r.self_weight);
    for (size_t k = 0; k < r.models.size(); ++k) {
      if (others[k].size() != n) others[k].resize(n);
      read_model_floats(r.models[k], n, others[k].data());
      vectors.push_back(others[k].data());
      weights.push_back(r.weights[k]);
    }
    AggregationInput input;
    input.vectors = vectors;
    input.dim = n;
    input.self = x.data();
    input.weights = weights;
    if (out.size() != n) out.resize(n);
    rule.aggregate(input, out.data());
    x = out;
  });
}

}  // namespace dlsim
