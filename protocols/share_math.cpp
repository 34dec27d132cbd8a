#include "protocols/share_math.hpp"

#include <cmath>

namespace dlsim {

void add_or_copy(const float* v, float* out, int64_t n, bool accumulate) {
  if (accumulate)
    for (int64_t i = 0; i < n; ++i) out[i] += v[i];
  else
    for (int64_t i = 0; i < n; ++i) out[i] = v[i];
}

void column_sums(ConstMatrixMap m, float* sums) {
  const auto cols = m.cols();
  for (Eigen::Index c = 0; c < cols; ++c) sums[c] = m(0, c);
  for (Eigen::Index r = 1; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < cols; ++c) sums[c] += m(r, c);
}

double column_norm(ConstMatrixMap m, Eigen::Index c) {
  double sum = 0;
  for (Eigen::Index r = 0; r < m.rows(); ++r) sum += double{m(r, c)} * m(r, c);
  return std::sqrt(sum);
}

void orthonormalize_columns(MatrixMap m) {
  const auto rows = m.rows();
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    const double before = column_norm(read_only(m), j);
    for (Eigen::Index i = 0; i < j; ++i) {
      double dot = 0;
      for (Eigen::Index r = 0; r < rows; ++r) dot += double{m(r, i)} * m(r, j);
      const auto d = static_cast<float>(dot);
      for (Eigen::Index r = 0; r < rows; ++r) m(r, j) -= d * m(r, i);
    }
    const double after = column_norm(read_only(m), j);
    // What is left of a dependent column is rounding noise: well below float precision of it.
    const float scale = after > 1e-5 * before && after > 0 ? static_cast<float>(1.0 / after) : 0;
    for (Eigen::Index r = 0; r < rows; ++r) m(r, j) *= scale;
  }
}

void next_start(ConstMatrixMap q, MatrixMap warm, Rng& rng) {
  for (Eigen::Index j = 0; j < q.cols(); ++j) {
    const double norm = column_norm(q, j);
    if (norm > 0) {
      const auto scale = static_cast<float>(1.0 / norm);
      for (Eigen::Index r = 0; r < q.rows(); ++r) warm(r, j) = q(r, j) * scale;
      continue;
    }
    for (Eigen::Index r = 0; r < q.rows(); ++r) warm(r, j) = static_cast<float>(rng.normal());
    const auto scale = static_cast<float>(1.0 / column_norm(read_only(warm), j));
    for (Eigen::Index r = 0; r < q.rows(); ++r) warm(r, j) *= scale;
  }
}

}  // namespace dlsim
