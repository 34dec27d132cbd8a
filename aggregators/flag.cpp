// Flag Aggregator (Almasi, Mishra, Vamanan, Ravi, ICLR 2024): the inputs are normalised to unit
// length, an m-dimensional subspace span(Y) is fitted to them by IRLS on a sum of sines (see
// flag_subspace.hpp) and the aggregate is (1/m) sum_i Y Y^T x_i, as the authors' code returns it.
// Everything runs on the p x p Gram matrix, so one aggregation reads each input twice (the Gram
// matrix, then the weighted sum): O(n p^2) for p inputs of length n. f is not used by the rule.
#include <algorithm>
#include <cmath>
#include <vector>

#include "aggregators/flag_subspace.hpp"
#include "aggregators/gram.hpp"
#include "aggregators/input_checks.hpp"
#include "aggregators/rules.hpp"
#include "aggregators/vectors.hpp"

namespace dlsim {

namespace {

class Flag final : public Aggregator {
 public:
  // m = 0: ceil(p / 2), the authors' 8 for 15 workers and 4 for 7.
  Flag(int f, int m, FlagSettings settings, bool median_norm)
      : f_(f), m_(m), settings_(settings), median_norm_(median_norm) {}

  void aggregate(const AggregationInput& in, float* out) override {
    const int p = static_cast<int>(in.vectors.size());
    check_inputs("flag", in.vectors.size(), f_, min_inputs(), "1");
    gram_.compute(in.vectors, in.dim);
    // A zero vector normalises to zero (as torch's normalize does) and so does a broken one: both
    // drop out of the fit and of the sum.
    inverse_norms_.resize(p);
    norms_.clear();
    for (int i = 0; i < p; ++i) {
      const double squared = gram_(i, i);
      const bool usable = std::isfinite(squared) && squared > 0;
      inverse_norms_[i] = usable ? 1 / std::sqrt(squared) : 0;
      if (std::isfinite(squared)) norms_.push_back(std::sqrt(squared));
    }
    unit_gram_.resize(static_cast<size_t>(p) * p);
    for (int i = 0; i < p; ++i)
      for (int j = 0; j < p; ++j)
        unit_gram_[static_cast<size_t>(i) * p + j] =
            inverse_norms_[i] == 0 || inverse_norms_[j] == 0 ? 0
            : i == j                                         ? 1
                     : gram_(i, j) * inverse_norms_[i] * inverse_norms_[j];
    FlagSettings settings = settings_;
    settings.m = m_ > 0 ? m_ : (p + 1) / 2;
    const auto coefficients = subspace_.fit(unit_gram_, p, settings);
    const double factor = median_norm_ ? norm_factor(coefficients, p) : 1.0;
    weights_.resize(p);
    for (int i = 0; i < p; ++i) weights_[i] = factor * coefficients[i] * inverse_norms_[i];
    weighted_sum(in.vectors, weights_, in.dim, out);
  }
  int min_inputs() const override { return 1; }
  double flops(int n, int64_t dim) const override {
    FlagSettings settings = settings_;
    settings.m = m_ > 0 ? m_ : (n + 1) / 2;
    return GramMatrix::flops(n, dim) + weighted_sum_flops(n, dim) +
           FlagSubspace::flops(n, settings);
  }

 private:
  // The factor that gives sum_i c_i x_i the median norm of the finite inputs: its squared norm is
  // c^T K c on the unit Gram matrix, so no pass over the vectors is needed.
  double norm_factor(std::span<const double> c, int p) {
    double squared = 0;
    for (int i = 0; i < p; ++i)
      for (int j = 0; j < p; ++j)
        squared += c[i] * unit_gram_[static_cast<size_t>(i) * p + j] * c[j];
    if (!(squared > 0) || norms_.empty()) return 0;
    const size_t half = norms_.size() / 2;
    std::sort(norms_.begin(), norms_.end());
    const double median =
        norms_.size() % 2 ? norms_[half] : 0.5 * (norms_[half - 1] + norms_[half]);
    return median / std::sqrt(squared);
  }

  int f_;
  int m_;
  FlagSettings settings_;
  bool median_norm_;
  GramMatrix gram_;
  FlagSubspace subspace_;
  std::vector<double> inverse_norms_, norms_, unit_gram_, weights_;
};

}  // namespace

Component<AggregatorMaker> flag_rule() {
  return {
      "flag",
      "Flag Aggregator: (1/m) sum of the unit inputs projected on an m-dimensional subspace fitted "
      "by IRLS (maximum-likelihood reconstruction ratios); any n >= 1, f unused",
      {integer_param("m", nullptr, "subspace dimension (null: ceil(n/2); the authors use 8 of 15)")
           .min(1)
           .optional(),
       real_param("lambda", 0.0,
                  "weight of the pairwise terms (the authors' regulariser; 0 in their runs)")
           .min(0),
       integer_param("iterations", 20,
                     "most reweighted subspace fits (1: the authors' flag GAR, one fit)")
           .range(1, 100000),
       real_param("tolerance", 1e-10,
                  "stop once a fit lowers the objective by at most this (the authors' 1e-10)")
           .min(0),
       choice_param("norm", "paper", {"paper", "median"},
                    "output length: as the paper (about n/m, whatever the inputs' norms) or "
                    "rescaled to the median input norm")},
      [](const Params& params, int f) -> std::unique_ptr<Aggregator> {
        FlagSettings settings;
        settings.lambda = params.real("lambda");
        settings.iterations = static_cast<int>(params.integer("iterations"));
        settings.tolerance = params.real("tolerance");
        const int m = params.is_null("m") ? 0 : static_cast<int>(params.integer("m"));
        return std::make_unique<Flag>(f, m, settings, params.text("norm") == "median");
      }};
}

}  // namespace dlsim
