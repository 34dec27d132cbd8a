#pragma once
// What a site ships of its minibatch gradient in the gradient-sharing protocols (dsgd, dad,
// rank-dad, powersgd): a codec turns the site's gradient, or the activations and deltas of the
// batch behind it, into a flat vector of float32 values (the "share": what travels, and what a
// Byzantine site's attack rewrites), and rebuilds the site's gradient from a share. Shares have a
// fixed size per codec and network, so a share of the wrong size is malformed.
//
// One codec object per site: rank-dAD's warm start and PowerSGD's error feedback are per-site
// state. Encode and decode run inside the site's compute jobs and allocate nothing once warm.
#include <memory>
#include <span>
#include <vector>

#include "core/archive.hpp"
#include "models/network.hpp"

namespace dlsim {

// A layer with parameters, as the codecs see it.
struct LayerSlot {
  int layer = 0;        // index in the network: its input is ws.activation(layer)
  int64_t offset = 0;   // of its parameters in the flat vector
  int64_t params = 0;   // parameter count
  bool dense = false;   // dense: an out x in weight matrix then out biases (nn.Linear's layout)
  int in = 0, out = 0;  // dense layers only
};
std::vector<LayerSlot> layer_slots(const Network<float>& network);

class ShareCodec {
 public:
  virtual ~ShareCodec() = default;
  int64_t share_size() const { return share_size_; }

  // The share of this round from the batch gradient `grad` and the workspace that computed it.
  virtual void encode(const Workspace& ws, const float* grad, float* share) = 0;
  virtual double encode_flops() const = 0;

  // Writes the gradient a share encodes into out (param_count floats), or adds it when
  // `accumulate`. Adding every site's dAD share is the product of the stacked A and D.
  virtual void decode(const float* share, float* out, bool accumulate) = 0;
  virtual double decode_flops() const = 0;

  // rank-dAD: the effective rank of each dense layer's last share (components whose singular
  // value estimate exceeds tol times the largest); empty for the other codecs.
  virtual std::span<const int> effective_ranks() const { return {}; }

  // Checkpoints: what the codec carries between rounds (the low-rank ones: their power
  // iterations' start, PowerSGD's error feedback).
  virtual void persist(Archive&) {}

 protected:
  int64_t share_size_ = 0;
};

// dSGD: the gradient itself.
std::unique_ptr<ShareCodec> gradient_codec(const Network<float>& network);
// dAD: per dense layer, the batch's inputs A (b x in) and output deltas D (b x out), row-major;
// the gradient is D^T A and the bias gradient the column sums of D. Other layers: their gradient.
std::unique_ptr<ShareCodec> ad_codec(const Network<float>& network, int batch);
// rank-dAD: per dense layer, a rank-r factorisation P Q^T of D^T A (P out x r with orthonormal
// columns, Q in x r) found by `iterations` block power iterations on A and D, warm-started from
// the previous round, plus the exact bias gradient. Other layers: their gradient.
std::unique_ptr<ShareCodec> rank_ad_codec(const Network<float>& network, int batch, int rank,
                                          int iterations, double tol, Rng rng);
// PowerSGD (Vogels et al.): the same factorised form, computed from the weight gradient plus the
// error left by the previous rounds' compression (error feedback). Biases and non-dense layers
// travel exactly.
std::unique_ptr<ShareCodec> powersgd_codec(const Network<float>& network, int rank, int iterations,
                                           Rng rng);

}  // namespace dlsim
