#pragma once
// The Gram matrix (all inner products) of n vectors, accumulated in double a block of coordinates
// at a time, so a rule that only needs angles and lengths (the Flag Aggregator) reads each vector
// once and costs O(n^2 dim) instead of the O(dim^2) of a dim x dim product.
#include <cstdint>
#include <span>
#include <vector>

namespace dlsim {

class GramMatrix {
 public:
  // Fills the matrix; allocates only when n grows past the largest n seen. An entry that involves
  // a vector holding a NaN or an infinity is not finite.
  void compute(std::span<const float* const> vectors, int64_t dim);

  int size() const { return n_; }
  double operator()(int i, int j) const { return g_[static_cast<size_t>(i) * n_ + j]; }

  static double flops(int n, int64_t dim);

 private:
  int n_ = 0;
  std::vector<double> g_;  // n x n, row-major
};

}  // namespace dlsim
