#pragma once
// The subspace fit of the Flag Aggregator (Almasi et al., ICLR 2024), done entirely in the
// coordinates of the inputs' p x p Gram matrix: for p unit (or zero) columns x_i of X it finds an
// m-dimensional subspace span(Y) by IRLS on
//   F(Y) = sum_i sqrt(|1 - |Y^T x_i|^2| + eps)
//        + (lambda / (p (p - 1)))^2 sum_{i != j} sqrt(|1 - |Y^T (x_i - x_j)|^2| + eps)
// (|Y^T x_i|^2 is worker i's reconstruction ratio). Each step weights column x_i by
// (|1 - |Y^T x_i|^2| + eps)^(-1/4) and pair column x_i - x_j by lambda / (p (p - 1)) times the same
// formula, as the authors' code does, then takes the top-m left singular vectors of the weighted
// columns. This is a majorise-minimise step for F (sqrt is concave), so F does not increase while
// every pair satisfies |Y^T (x_i - x_j)| <= 1, always when lambda = 0.
//
// Y = X T for some T, so Y never needs to be formed: with K = X^T X = U S U^T, the columns have the
// coordinates z_i = S^(1/2) U^T e_i in an orthonormal basis of span(X), and the whole fit is on
// those p vectors of length rank(X) <= p. Its cost does not depend on the vectors' length.
#include <span>
#include <vector>

namespace dlsim {

struct FlagSettings {
  int m = 1;              // subspace dimension (capped by the rank of the inputs)
  double lambda = 0;      // weight of the pairwise terms
  int iterations = 1;     // most reweighted fits, counting the first (1: the authors' `flag` GAR)
  double tolerance = 0;   // stop once a fit lowers F by at most this
  double epsilon = 1e-7;  // keeps the weights finite for a perfectly reconstructed column
};

class FlagSubspace {
 public:
  // gram: the p x p Gram matrix of the columns (row-major), each of norm 1 or 0. Returns the
  // coefficients c (p values) of the aggregate sum_i c_i x_i = (1/m) sum_i Y Y^T x_i. Allocates
  // only when p grows past the largest p seen.
  std::span<const double> fit(std::span<const double> gram, int p, const FlagSettings& settings);

  // F at the start (Y orthogonal to every column, as the authors' random start in a large space
  // is) and after each reweighted fit, including a last fit that was rejected for not lowering F.
  std::span<const double> objectives() const { return objectives_; }
  // |Y^T x_i|^2 of the subspace kept.
  std::span<const double> ratios() const { return ratios_; }
  // The rank of the columns (directions of K with eigenvalue above 1e-12 of the largest).
  int rank() const { return rank_; }

  // Floating-point operations of one fit on p columns (eigen-decompositions and reweighting),
  // pairs included when lambda > 0.
  static double flops(int p, const FlagSettings& settings);

 private:
  // Fills the ratios (and, with lambda > 0, the pair ratios for i < j) of the subspace `basis`
  // (rank x m, row-major); returns F.
  double evaluate(const std::vector<double>& basis, int m, const FlagSettings& settings,
                  std::vector<double>& ratios, std::vector<double>& pair_ratios);
  void weighted_scatter(const FlagSettings& settings);

  int p_ = 0, rank_ = 0;
  std::vector<double> eigen_work_, eigen_vectors_, eigen_values_;  // Jacobi scratch, p x p
  std::vector<double> u_, sigma_;                                  // K = U S U^T, sorted
  std::vector<double> z_;                                          // rank x p: column i holds z_i
  std::vector<double> scatter_;            // rank x rank: sum of weighted outer products
  std::vector<double> basis_, candidate_;  // rank x m: the kept subspace and the next one
  std::vector<double> ratios_, candidate_ratios_;
  std::vector<double> pair_ratios_, candidate_pair_ratios_;  // p x p: |Y^T (x_i - x_j)|^2
  std::vector<double> objectives_;
  std::vector<double> projected_, coefficients_;  // rank, p
};

}  // namespace dlsim
