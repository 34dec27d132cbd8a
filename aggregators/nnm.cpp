// Nearest-neighbour mixing (Allouah et al., "Fixing by Mixing", 2023): each input is replaced by
// the mean of its n - f nearest inputs, itself included, and the inner rule aggregates the means.
// A broken (NaN or infinite) input is infinitely far from everything, itself included, so its
// mean is made of the finite inputs and it no longer poisons a rule such as the mean.
#include <algorithm>
#include <numeric>
#include <vector>

#include "aggregators/coordinates.hpp"
#include "aggregators/distances.hpp"
#include "aggregators/input_checks.hpp"
#include "aggregators/rules.hpp"
#include "aggregators/vectors.hpp"

namespace dlsim {

namespace {

class Nnm final : public Aggregator {
 public:
  Nnm(std::unique_ptr<Aggregator> inner, int f) : inner_(std::move(inner)), f_(f) {}

  void aggregate(const AggregationInput& in, float* out) override {
    const int n = static_cast<int>(in.vectors.size());
    check_inputs("nnm", in.vectors.size(), f_, f_ + 1, "f + 1");
    const int k = n - f_;
    distances_.compute(in.vectors, in.dim);
    mixed_.resize(static_cast<size_t>(n) * in.dim);
    mixed_rows_.resize(n);
    order_.resize(n);
    neighbours_.resize(k);
    weights_.assign(k, 1.0 / k);
    for (int i = 0; i < n; ++i) {
      std::iota(order_.begin(), order_.end(), 0);
      // Nearest first; among equally far inputs (all of them, for a broken vector) the finite
      // ones first, then by position, so the choice is deterministic.
      std::partial_sort(order_.begin(), order_.begin() + k, order_.end(), [&](int a, int b) {
        const double da = distances_(i, a), db = distances_(i, b);
        if (da != db) return da < db;
        if (distances_.finite(a) != distances_.finite(b)) return distances_.finite(a);
        return a < b;
      });
      for (int j = 0; j < k; ++j) neighbours_[j] = in.vectors[order_[j]];
      float* row = mixed_.data() + static_cast<size_t>(i) * in.dim;
      weighted_sum(neighbours_, weights_, in.dim, row);
      mixed_rows_[i] = row;
    }
    AggregationInput mixed = in;
    mixed.vectors = mixed_rows_;
    inner_->aggregate(mixed, out);
  }
  void persist(Archive& a) override { inner_->persist(a); }
  int min_inputs() const override { return std::max(inner_->min_inputs(), f_ + 1); }
  double flops(int n, int64_t dim) const override {
    return PairwiseDistances::flops(n, dim) + n * sort_flops(n) +
           n * weighted_sum_flops(n - f_, dim) + inner_->flops(n, dim);
  }

 private:
  std::unique_ptr<Aggregator> inner_;
  int f_;
  PairwiseDistances distances_;
  std::vector<float> mixed_;  // n x dim
  std::vector<const float*> mixed_rows_, neighbours_;
  std::vector<int> order_;
  std::vector<double> weights_;
};

}  // namespace

std::unique_ptr<Aggregator> make_nnm(std::unique_ptr<Aggregator> inner, int f) {
  return std::make_unique<Nnm>(std::move(inner), f);
}

}  // namespace dlsim
