#include "protocols/share_codec.hpp"

#include "models/dense.hpp"
#include "models/gemm.hpp"
#include "protocols/share_math.hpp"

namespace dlsim {

std::vector<LayerSlot> layer_slots(const Network<float>& network) {
  std::vector<LayerSlot> slots;
  const auto& layers = network.layers();
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer<float>& layer = *layers[i];
    if (layer.param_count() == 0) continue;
    LayerSlot s;
    s.layer = static_cast<int>(i);
    s.offset = network.offset(i);
    s.params = layer.param_count();
    s.dense = dynamic_cast<const Dense<float>*>(&layer) != nullptr;
    if (s.dense) s.in = layer.input_shape().size(), s.out = layer.output_shape().size();
    slots.push_back(s);
  }
  return slots;
}

namespace {

class GradientCodec : public ShareCodec {
 public:
  explicit GradientCodec(int64_t params) { share_size_ = params; }
  void encode(const Workspace&, const float* grad, float* share) override {
    VectorMap(share, share_size_) = ConstVectorMap(grad, share_size_);
  }
  double encode_flops() const override { return static_cast<double>(share_size_); }
  void decode(const float* share, float* out, bool accumulate) override {
    add_or_copy(share, out, share_size_, accumulate);
  }
  double decode_flops() const override { return static_cast<double>(share_size_); }
};

class AdCodec : public ShareCodec {
 public:
  AdCodec(const Network<float>& network, int batch) : slots_(layer_slots(network)), batch_(batch) {
    for (const LayerSlot& s : slots_) {
      share_size_ += s.dense ? int64_t{batch} * (s.in + s.out) : s.params;
      if (s.dense) {
        decode_flops_ += 2.0 * batch * s.in * s.out + 2.0 * batch * s.out;
        bias_.resize(std::max<size_t>(bias_.size(), s.out));
      } else {
        decode_flops_ += static_cast<double>(s.params);
      }
    }
  }

  void encode(const Workspace& ws, const float* grad, float* share) override {
    float* at = share;
    for (const LayerSlot& s : slots_) {
      if (!s.dense) {
        at = copy(grad + s.offset, s.params, at);
        continue;
      }
      at = copy(ws.activation(s.layer).data(), int64_t{batch_} * s.in, at);
      at = copy(ws.delta(s.layer + 1).data(), int64_t{batch_} * s.out, at);
    }
  }
  double encode_flops() const override { return static_cast<double>(share_size_); }

  void decode(const float* share, float* out, bool accumulate) override {
    const float* at = share;
    for (const LayerSlot& s : slots_) {
      float* g = out + s.offset;
      if (!s.dense) {
        add_or_copy(at, g, s.params, accumulate);
        at += s.params;
        continue;
      }
      const ConstMatrixMap a(at, batch_, s.in);
      at += int64_t{batch_} * s.in;
      const ConstMatrixMap d(at, batch_, s.out);
      at += int64_t{batch_} * s.out;
      // The same products and sums, in the same order, as Dense::backward: a site's rebuilt
      // gradient has the bits of the one it computed.
      gemm<float>(d, Transpose::yes, a, Transpose::no, MatrixMap(g, s.out, s.in), accumulate);
      column_sums(d, bias_.data());
      add_or_copy(bias_.data(), g + int64_t{s.out} * s.in, s.out, accumulate);
    }
  }
  double decode_flops() const override { return decode_flops_; }

 private:
  static float* copy(const float* from, int64_t n, float* to) {
    VectorMap(to, n) = ConstVectorMap(from, n);
    return to + n;
  }
  std::vector<LayerSlot> slots_;
  int batch_;
  double decode_flops_ = 0;
  std::vector<float> bias_;
};

}  // namespace

std::unique_ptr<ShareCodec> gradient_codec(const Network<float>& network) {
  return std::make_unique<GradientCodec>(network.param_count());
}

std::unique_ptr<ShareCodec> ad_codec(const Network<float>& network, int batch) {
  return std::make_unique<AdCodec>(network, batch);
}

}  // namespace dlsim
