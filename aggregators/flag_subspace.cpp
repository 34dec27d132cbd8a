#include "aggregators/flag_subspace.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace dlsim {

namespace {

// Cyclic Jacobi on the symmetric n x n matrix a (row-major, destroyed): values[k] and column k of
// vectors (row-major n x n) are its eigenpairs, by decreasing eigenvalue (ties by position, so the
// order is deterministic). Accurate for the tiny eigenvalues of a rank-deficient Gram matrix and
// allocation-free; n is at most the number of workers.
void symmetric_eigen(double* a, int n, double* vectors, double* values) {
  const auto at = [n](int i, int j) { return static_cast<size_t>(i) * n + j; };
  std::fill(vectors, vectors + static_cast<size_t>(n) * n, 0.0);
  for (int k = 0; k < n; ++k) vectors[at(k, k)] = 1;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0, total = 0;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        const double v = a[at(i, j)] * a[at(i, j)];
        total += v;
        if (i != j) off += v;
      }
    // Converged once the off-diagonal part is 1e-13 of the matrix: tighter is roundoff.
    if (off <= 1e-26 * total) break;
    for (int p = 0; p < n; ++p)
      for (int q = p + 1; q < n; ++q) {
        const double apq = a[at(p, q)];
        if (apq == 0) continue;
        // The rotation that zeroes a(p, q): t = tan of its angle, the smaller root.
        const double theta = (a[at(q, q)] - a[at(p, p)]) / (2 * apq);
        const double t =
            (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; ++k) {
          const double kp = a[at(k, p)], kq = a[at(k, q)];
          a[at(k, p)] = c * kp - s * kq;
          a[at(k, q)] = s * kp + c * kq;
        }
        for (int k = 0; k < n; ++k) {
          const double pk = a[at(p, k)], qk = a[at(q, k)];
          a[at(p, k)] = c * pk - s * qk;
          a[at(q, k)] = s * pk + c * qk;
        }
        for (int k = 0; k < n; ++k) {
          const double kp = vectors[at(k, p)], kq = vectors[at(k, q)];
          vectors[at(k, p)] = c * kp - s * kq;
          vectors[at(k, q)] = s * kp + c * kq;
        }
      }
  }
  for (int k = 0; k < n; ++k) values[k] = a[at(k, k)];
  for (int k = 0; k < n; ++k) {
    int best = k;
    for (int l = k + 1; l < n; ++l)
      if (values[l] > values[best]) best = l;
    if (best == k) continue;
    std::swap(values[k], values[best]);
    for (int i = 0; i < n; ++i) std::swap(vectors[at(i, k)], vectors[at(i, best)]);
  }
}

// sqrt(|1 - ratio| + eps): one term of F, and (as its -1/2 power) the IRLS weight of that term.
double sine(double ratio, double epsilon) {
  return std::sqrt(std::abs(1 - ratio) + epsilon);
}

double pair_factor(int p, double lambda) {
  const double c = lambda / (static_cast<double>(p) * (p - 1));
  return c * c;
}

}  // namespace

double FlagSubspace::evaluate(const std::vector<double>& basis, int m, const FlagSettings& settings,
                              std::vector<double>& ratios, std::vector<double>& pair_ratios) {
  const int p = p_, r = rank_;
  // projected_ (m x p): column i holds Y^T z_i.
  for (int k = 0; k < m; ++k)
    for (int i = 0; i < p; ++i) {
      double sum = 0;
      for (int l = 0; l < r; ++l) sum += basis[static_cast<size_t>(l) * m + k] * z_[l * p + i];
      projected_[static_cast<size_t>(k) * p + i] = sum;
    }
  double objective = 0;
  for (int i = 0; i < p; ++i) {
    double sum = 0;
    for (int k = 0; k < m; ++k) sum += projected_[k * p + i] * projected_[k * p + i];
    ratios[i] = sum;
    objective += sine(sum, settings.epsilon);
  }
  if (settings.lambda > 0 && p > 1) {
    double pairs = 0;
    for (int i = 0; i < p; ++i)
      for (int j = i + 1; j < p; ++j) {
        double sum = 0;
        for (int k = 0; k < m; ++k) {
          const double d = projected_[k * p + i] - projected_[k * p + j];
          sum += d * d;
        }
        pair_ratios[static_cast<size_t>(i) * p + j] = sum;
        pairs += 2 * sine(sum, settings.epsilon);  // (i, j) and (j, i)
      }
    objective += pair_factor(p, settings.lambda) * pairs;
  }
  return objective;
}

void FlagSubspace::weighted_scatter(const FlagSettings& settings) {
  const int p = p_, r = rank_;
  std::fill(scatter_.begin(), scatter_.begin() + static_cast<size_t>(r) * r, 0.0);
  const auto add = [&](double weight, auto&& column) {
    for (int a = 0; a < r; ++a) {
      const double wa = weight * column(a);
      for (int b = 0; b < r; ++b) scatter_[static_cast<size_t>(a) * r + b] += wa * column(b);
    }
  };
  // Column i scaled by (|1 - v_i| + eps)^(-1/4) adds its outer product times the square of that.
  for (int i = 0; i < p; ++i)
    add(1 / sine(ratios_[i], settings.epsilon), [&](int a) { return z_[a * p + i]; });
  if (settings.lambda > 0 && p > 1) {
    const double factor = pair_factor(p, settings.lambda);
    for (int i = 0; i < p; ++i)
      for (int j = i + 1; j < p; ++j)
        add(2 * factor / sine(pair_ratios_[static_cast<size_t>(i) * p + j], settings.epsilon),
            [&](int a) { return z_[a * p + i] - z_[a * p + j]; });
  }
}

std::span<const double> FlagSubspace::fit(std::span<const double> gram, int p,
                                          const FlagSettings& settings) {
  p_ = p;
  const size_t pp = static_cast<size_t>(p) * p;
  for (auto* buffer : {&eigen_work_, &eigen_vectors_, &u_, &z_, &scatter_, &basis_, &candidate_,
                       &pair_ratios_, &candidate_pair_ratios_, &projected_})
    buffer->resize(pp);
  for (auto* buffer : {&eigen_values_, &sigma_, &ratios_, &candidate_ratios_, &coefficients_})
    buffer->resize(p);
  objectives_.reserve(settings.iterations + 1);
  objectives_.clear();

  std::copy(gram.begin(), gram.begin() + pp, eigen_work_.begin());
  symmetric_eigen(eigen_work_.data(), p, u_.data(), sigma_.data());
  const double top = p > 0 ? sigma_[0] : 0;
  rank_ = 0;
  while (rank_ < p && top > 0 && sigma_[rank_] > 1e-12 * top) ++rank_;
  const int r = rank_;
  for (int k = 0; k < r; ++k)
    for (int i = 0; i < p; ++i) z_[k * p + i] = std::sqrt(sigma_[k]) * u_[i * p + k];
  const int m = std::min(settings.m, r);

  // The start: a subspace orthogonal to every column (every ratio 0), as the authors' random
  // start in a space of millions of dimensions is; the first fit is then the plain flag mean.
  std::fill(ratios_.begin(), ratios_.end(), 0.0);
  std::fill(pair_ratios_.begin(), pair_ratios_.end(), 0.0);
  double current = 0;
  for (int i = 0; i < p; ++i) current += sine(0, settings.epsilon);
  if (settings.lambda > 0 && p > 1)
    current += pair_factor(p, settings.lambda) * p * (p - 1) * sine(0, settings.epsilon);
  objectives_.push_back(current);
  std::fill(coefficients_.begin(), coefficients_.end(), 0.0);
  if (r == 0) return coefficients_;

  for (int it = 0; it < settings.iterations; ++it) {
    weighted_scatter(settings);
    symmetric_eigen(scatter_.data(), r, eigen_vectors_.data(), eigen_values_.data());
    for (int l = 0; l < r; ++l)
      for (int k = 0; k < m; ++k)
        candidate_[static_cast<size_t>(l) * m + k] = eigen_vectors_[static_cast<size_t>(l) * r + k];
    const double next =
        evaluate(candidate_, m, settings, candidate_ratios_, candidate_pair_ratios_);
    objectives_.push_back(next);
    const double drop = current - next;
    // As the authors' code: a fit that does not lower F is dropped and ends the iteration.
    if (it == 0 || drop > 0) {
      basis_.swap(candidate_);
      ratios_.swap(candidate_ratios_);
      pair_ratios_.swap(candidate_pair_ratios_);
      current = next;
    }
    if (drop <= settings.tolerance) break;
  }

  // (1/m) sum_i Y Y^T z_i in the basis of span(X), then back to coefficients of the columns:
  // the basis vector k is X U_k / sqrt(sigma_k).
  double* sum = eigen_values_.data();  // free again: rank values
  double* projection = eigen_work_.data();
  for (int l = 0; l < r; ++l) {
    sum[l] = 0;
    for (int i = 0; i < p; ++i) sum[l] += z_[l * p + i];
  }
  for (int l = 0; l < r; ++l) projection[l] = 0;
  for (int k = 0; k < m; ++k) {
    double along = 0;
    for (int l = 0; l < r; ++l) along += basis_[static_cast<size_t>(l) * m + k] * sum[l];
    for (int l = 0; l < r; ++l)
      projection[l] += basis_[static_cast<size_t>(l) * m + k] * along / settings.m;
  }
  for (int i = 0; i < p; ++i) {
    double c = 0;
    for (int k = 0; k < r; ++k) c += u_[i * p + k] * projection[k] / std::sqrt(sigma_[k]);
    coefficients_[i] = c;
  }
  return coefficients_;
}

double FlagSubspace::flops(int p, const FlagSettings& settings) {
  const double cube = static_cast<double>(p) * p * p;
  const double jacobi = 8 * 6.0 * cube;  // about 8 sweeps of p^2 / 2 rotations of 12 p flops
  const double pairs = settings.lambda > 0 ? 2.0 * p * p * p * p : 0;
  return jacobi + settings.iterations * (jacobi + 4 * cube + pairs);
}

}  // namespace dlsim
