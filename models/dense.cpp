#include "models/dense.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "models/gemm.hpp"

namespace dlsim {

namespace {
using RowVectorMap = Eigen::Map<Eigen::RowVectorXf>;
using ConstRowVectorMap = Eigen::Map<const Eigen::RowVectorXf>;
}  // namespace

Dense::Dense(int in, int out) : in_(in), out_(out) {
  if (in < 1 || out < 1)
    throw std::invalid_argument(
        fmt::format("Dense layer needs positive sizes, got {} x {}", in, out));
}

std::string Dense::name() const {
  return fmt::format("dense({}->{})", in_, out_);
}

void Dense::init(float* params, Rng& rng) const {
  // nn.Linear's default: Kaiming-uniform with a = sqrt(5) gives U(-1/sqrt(in), 1/sqrt(in)) for the
  // weights, and the bias uses the same bound.
  const double bound = 1.0 / std::sqrt(static_cast<double>(in_));
  for (int64_t i = 0; i < param_count(); ++i)
    params[i] = static_cast<float>(rng.uniform(-bound, bound));
}

void Dense::forward(const float* params, ConstMatrixMap in, MatrixMap out) const {
  const ConstMatrixMap weight(params, out_, in_);
  const ConstRowVectorMap bias(params + weight_count(), out_);
  // Starting from the bias lets the GEMM accumulate into out instead of zeroing it first.
  out.rowwise() = bias;
  gemm(in, Transpose::no, weight, Transpose::yes, out, true);
}

void Dense::backward(const float* params, ConstMatrixMap in, ConstMatrixMap /*out*/,
                     ConstMatrixMap dout, float* grad, MatrixMap* din) const {
  MatrixMap grad_weight(grad, out_, in_);
  gemm(dout, Transpose::yes, in, Transpose::no, grad_weight, false);
  // Column sums row after row: a fixed summation order whatever the alignment of grad, so the
  // bits never depend on where the caller's buffers happen to sit.
  RowVectorMap grad_bias(grad + weight_count(), out_);
  grad_bias = dout.row(0);
  for (Eigen::Index r = 1; r < dout.rows(); ++r) grad_bias += dout.row(r);
  if (din) gemm(dout, Transpose::no, ConstMatrixMap(params, out_, in_), Transpose::no, *din, false);
}

double Dense::forward_flops(int batch) const {
  return 2.0 * batch * in_ * out_ + double{1.0} * batch * out_;  // GEMM + bias
}

double Dense::backward_flops(int batch) const {
  // Weight gradient and input gradient GEMMs, plus the bias column sums.
  return 4.0 * batch * in_ * out_ + double{1.0} * batch * out_;
}

}  // namespace dlsim
