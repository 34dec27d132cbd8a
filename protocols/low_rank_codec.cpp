// rank-dAD and PowerSGD: both ship, per dense layer, factors P (out x r) and Q (in x r) of a
// rank-r approximation P Q^T of the weight gradient, plus the exact bias gradient; they differ in
// how they find the factors (from A and D, or from the gradient with error feedback).
#include <algorithm>

#include "models/gemm.hpp"
#include "protocols/share_codec.hpp"
#include "protocols/share_math.hpp"

namespace dlsim {
namespace {

class LowRankCodec : public ShareCodec {
 public:
  LowRankCodec(const Network<float>& network, int rank, int iterations, Rng rng)
      : slots_(layer_slots(network)), iterations_(iterations), rng_(rng) {
    for (const LayerSlot& s : slots_) {
      if (!s.dense) {
        share_size_ += s.params;
        decode_flops_ += static_cast<double>(s.params);
        continue;
      }
      // A rank above min(in, out) adds nothing: the layer's gradient has at most that rank.
      const int r = std::min({rank, s.in, s.out});
      Factors l;
      l.rank = r;
      l.p = Matrix(s.out, r);
      l.q = Matrix(s.in, r);
      l.warm = Matrix(s.in, r);
      for (auto& v : l.warm.reshaped()) v = static_cast<float>(rng_.normal());
      next_start(read_only(MatrixMap(l.warm.data(), s.in, r)), MatrixMap(l.warm.data(), s.in, r),
                 rng_);
      layers_.push_back(std::move(l));
      share_size_ += int64_t{r} * (s.in + s.out) + s.out;
      decode_flops_ += 2.0 * r * s.in * s.out + s.out;
    }
  }

  void decode(const float* share, float* out, bool accumulate) override {
    const float* at = share;
    size_t k = 0;
    for (const LayerSlot& s : slots_) {
      float* g = out + s.offset;
      if (!s.dense) {
        add_or_copy(at, g, s.params, accumulate);
        at += s.params;
        continue;
      }
      const int r = layers_[k++].rank;
      const ConstMatrixMap p(at, s.out, r);
      at += int64_t{s.out} * r;
      const ConstMatrixMap q(at, s.in, r);
      at += int64_t{s.in} * r;
      gemm<float>(p, Transpose::no, q, Transpose::yes, MatrixMap(g, s.out, s.in), accumulate);
      add_or_copy(at, g + int64_t{s.out} * s.in, s.out, accumulate);
      at += s.out;
    }
  }
  double decode_flops() const override { return decode_flops_; }

 protected:
  struct Factors {
    int rank = 0;
    Matrix p, q;  // this round's factors
    Matrix warm;  // the next power iteration's start (unit columns)
    Matrix tmp;   // codec-specific scratch
  };

  // Encodes every layer: `factor(slot, layer)` fills layer.p and layer.q for a dense slot and
  // returns its bias gradient (out floats); other slots ship their gradient.
  template <class Factor>
  void write(const float* grad, float* share, Factor&& factor) {
    float* at = share;
    size_t k = 0;
    for (const LayerSlot& s : slots_) {
      if (!s.dense) {
        add_or_copy(grad + s.offset, at, s.params, false);
        at += s.params;
        continue;
      }
      Factors& l = layers_[k++];
      const float* bias = factor(s, l);
      add_or_copy(l.p.data(), at, l.p.size(), false);
      at += l.p.size();
      add_or_copy(l.q.data(), at, l.q.size(), false);
      at += l.q.size();
      add_or_copy(bias, at, s.out, false);
      at += s.out;
    }
  }

  void persist(Archive& a) override {
    a(rng_);
    for (Factors& l : layers_) a(l.rank, l.warm, l.tmp);
  }

  static MatrixMap map(Matrix& m) { return {m.data(), m.rows(), m.cols()}; }
  static ConstMatrixMap view(const Matrix& m) { return {m.data(), m.rows(), m.cols()}; }

  std::vector<LayerSlot> slots_;
  std::vector<Factors> layers_;  // one per dense slot
  int iterations_;
  Rng rng_;
  double decode_flops_ = 0;
};

class RankAdCodec : public LowRankCodec {
 public:
  RankAdCodec(const Network<float>& network, int batch, int rank, int iterations, double tol,
              Rng rng)
      : LowRankCodec(network, rank, iterations, rng), tol_(tol) {
    for (Factors& l : layers_) l.tmp = Matrix(batch, l.rank);
    ranks_.resize(layers_.size());
    bias_.resize(slots_.empty() ? 0 : std::max_element(slots_.begin(), slots_.end(), by_out)->out);
    for (const LayerSlot& s : slots_)
      if (s.dense) {
        const double r = std::min({rank, s.in, s.out});
        encode_flops_ += iterations * (4.0 * batch * r * (s.in + s.out) + 4.0 * s.out * r * r) +
                         batch * s.out + 3.0 * s.in * r;
      } else {
        encode_flops_ += static_cast<double>(s.params);
      }
  }

  // The block power iteration on G = D^T A touches only A and D: P = D^T (A Q), then
  // Q = A^T (D P) with P orthonormal, so P Q^T = P P^T G is G projected on span(P).
  void encode(const Workspace& ws, const float* grad, float* share) override {
    size_t k = 0;
    write(grad, share, [&](const LayerSlot& s, Factors& l) -> const float* {
      const ConstMatrixMap a = ws.activation(s.layer), d = ws.delta(s.layer + 1);
      for (int it = 0; it < iterations_; ++it) {
        if (it > 0) next_start(view(l.q), map(l.warm), rng_);
        gemm<float>(a, Transpose::no, view(l.warm), Transpose::no, map(l.tmp), false);
        gemm<float>(d, Transpose::yes, view(l.tmp), Transpose::no, map(l.p), false);
        orthonormalize_columns(map(l.p));
        gemm<float>(d, Transpose::no, view(l.p), Transpose::no, map(l.tmp), false);
        gemm<float>(a, Transpose::yes, view(l.tmp), Transpose::no, map(l.q), false);
      }
      // With P orthonormal, column j of Q has the norm of the j-th singular value estimate.
      double largest = 0;
      for (int j = 0; j < l.rank; ++j) largest = std::max(largest, column_norm(view(l.q), j));
      int effective = 0;
      for (int j = 0; j < l.rank; ++j)
        effective += largest > 0 && column_norm(view(l.q), j) > tol_ * largest;
      ranks_[k++] = effective;
      next_start(view(l.q), map(l.warm), rng_);
      column_sums(d, bias_.data());
      return bias_.data();
    });
  }
  double encode_flops() const override { return encode_flops_; }
  std::span<const int> effective_ranks() const override { return ranks_; }

 private:
  static bool by_out(const LayerSlot& a, const LayerSlot& b) { return a.out < b.out; }
  double tol_;
  double encode_flops_ = 0;
  std::vector<int> ranks_;
  std::vector<float> bias_;
};

class PowerSgdCodec : public LowRankCodec {
 public:
  PowerSgdCodec(const Network<float>& network, int rank, int iterations, Rng rng)
      : LowRankCodec(network, rank, iterations, rng) {
    size_t k = 0;
    int64_t largest = 0;
    for (const LayerSlot& s : slots_) {
      if (!s.dense) {
        encode_flops_ += static_cast<double>(s.params);
        continue;
      }
      // tmp holds the error of past compressions, which the next gradient is added to.
      layers_[k].tmp = Matrix::Zero(s.out, s.in);
      const double r = layers_[k++].rank, mn = double{1.0} * s.in * s.out;
      encode_flops_ += mn + iterations * (4.0 * mn * r + 2.0 * s.out * r * r) + 2.0 * mn * r + mn;
      largest = std::max(largest, int64_t{s.in} * s.out);
    }
    approx_.resize(largest);
  }

  void encode(const Workspace&, const float* grad, float* share) override {
    write(grad, share, [&](const LayerSlot& s, Factors& l) -> const float* {
      // M = gradient + error; P = M Q, orthonormalised; Q = M^T P; the new error is M - P Q^T.
      MatrixMap m = map(l.tmp);
      m += ConstMatrixMap(grad + s.offset, s.out, s.in);
      for (int it = 0; it < iterations_; ++it) {
        if (it > 0) next_start(view(l.q), map(l.warm), rng_);
        gemm<float>(read_only(m), Transpose::no, view(l.warm), Transpose::no, map(l.p), false);
        orthonormalize_columns(map(l.p));
        gemm<float>(read_only(m), Transpose::yes, view(l.p), Transpose::no, map(l.q), false);
      }
      MatrixMap approx(approx_.data(), s.out, s.in);
      gemm<float>(view(l.p), Transpose::no, view(l.q), Transpose::yes, approx, false);
      m -= approx;
      next_start(view(l.q), map(l.warm), rng_);
      return grad + s.offset + int64_t{s.out} * s.in;
    });
  }
  double encode_flops() const override { return encode_flops_; }

 private:
  double encode_flops_ = 0;
  std::vector<float> approx_;
};

}  // namespace

std::unique_ptr<ShareCodec> rank_ad_codec(const Network<float>& network, int batch, int rank,
                                          int iterations, double tol, Rng rng) {
  return std::make_unique<RankAdCodec>(network, batch, rank, iterations, tol, rng);
}

std::unique_ptr<ShareCodec> powersgd_codec(const Network<float>& network, int rank, int iterations,
                                           Rng rng) {
  return std::make_unique<PowerSgdCodec>(network, rank, iterations, rng);
}

}  // namespace dlsim
