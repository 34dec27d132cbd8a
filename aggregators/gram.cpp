#include "aggregators/gram.hpp"

#include <algorithm>

namespace dlsim {

namespace {
// Coordinates per pass: n segments of 8 KB stay in cache while every pair reads them.
constexpr int64_t kBlock = 2048;
constexpr int kLanes = 8;  // partial sums the compiler keeps in vector registers

double dot(const float* a, const float* b, int64_t len) {
  double lanes[kLanes] = {};
  int64_t k = 0;
  for (; k + kLanes <= len; k += kLanes)
    for (int l = 0; l < kLanes; ++l)
      lanes[l] += static_cast<double>(a[k + l]) * static_cast<double>(b[k + l]);
  double sum = 0;
  for (; k < len; ++k) sum += static_cast<double>(a[k]) * static_cast<double>(b[k]);
  for (double lane : lanes) sum += lane;
  return sum;
}
}  // namespace

void GramMatrix::compute(std::span<const float* const> vectors, int64_t dim) {
  n_ = static_cast<int>(vectors.size());
  g_.assign(static_cast<size_t>(n_) * n_, 0.0);
  for (int64_t start = 0; start < dim; start += kBlock) {
    const int64_t len = std::min(kBlock, dim - start);
    for (int i = 0; i < n_; ++i)
      for (int j = i; j < n_; ++j)
        g_[static_cast<size_t>(i) * n_ + j] += dot(vectors[i] + start, vectors[j] + start, len);
  }
  for (int i = 0; i < n_; ++i)
    for (int j = 0; j < i; ++j)
      g_[static_cast<size_t>(i) * n_ + j] = g_[static_cast<size_t>(j) * n_ + i];
}

double GramMatrix::flops(int n, int64_t dim) {
  return 0.5 * n * (n + 1) * 2.0 * static_cast<double>(dim);
}

}  // namespace dlsim
