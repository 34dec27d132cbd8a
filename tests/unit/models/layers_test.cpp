#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "helpers.hpp"
#include "models/dense.hpp"
#include "models/relu.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

// Checks a layer's backward pass against central differences of L = sum(out .* R), whose
// dL/dout is R: every parameter and every input coordinate. Returns the number of mismatches.
int layer_gradient_mismatches(const Layer& layer, Matrix input, std::vector<float> params,
                              float eps, bool corrupt = false) {
  const auto batch = input.rows();
  const int out_size = layer.output_shape().size();
  Rng rng(7);
  Matrix weights(batch, out_size);
  for (auto& w : weights.reshaped()) w = static_cast<float>(rng.normal());

  Matrix out(batch, out_size);
  auto loss = [&] {
    layer.forward(params.data(), ConstMatrixMap(input.data(), batch, input.cols()),
                  MatrixMap(out.data(), batch, out_size));
    double sum = 0;
    for (Eigen::Index i = 0; i < out.size(); ++i)
      sum += static_cast<double>(out.data()[i]) * weights.data()[i];
    return sum;
  };
  loss();
  std::vector<float> grad(params.size(), -1.0f);
  Matrix din(batch, input.cols());
  MatrixMap din_map(din.data(), batch, input.cols());
  layer.backward(params.data(), ConstMatrixMap(input.data(), batch, input.cols()),
                 ConstMatrixMap(out.data(), batch, out_size),
                 ConstMatrixMap(weights.data(), batch, out_size), grad.data(), &din_map);
  if (corrupt) {
    if (!grad.empty()) grad[grad.size() / 2] *= 1.1f;
    din(0, 0) += 0.05f;
  }

  int mismatches = 0;
  for (size_t i = 0; i < params.size(); ++i)
    mismatches += !close(central_difference(params[i], eps, loss), grad[i], 1e-4, 1e-3);
  for (Eigen::Index i = 0; i < input.size(); ++i)
    mismatches += !close(central_difference(input.data()[i], eps, loss), din.data()[i], 1e-4, 1e-3);
  return mismatches;
}

Matrix random_matrix(int rows, int cols, uint64_t seed) {
  Rng rng(seed);
  Matrix m(rows, cols);
  for (auto& v : m.reshaped()) v = static_cast<float>(rng.normal());
  return m;
}

}  // namespace

TEST_CASE("dense layer gradients match finite differences") {
  const Dense dense(7, 5);
  std::vector<float> params(static_cast<size_t>(dense.param_count()));
  Rng rng(3);
  dense.init(params.data(), rng);
  const Matrix input = random_matrix(4, 7, 11);
  // The output is linear in weights and inputs, so a large step loses nothing but rounding.
  CHECK(layer_gradient_mismatches(dense, input, params, 1e-2f) == 0);
  // The check itself must notice a wrong gradient.
  CHECK(layer_gradient_mismatches(dense, input, params, 1e-2f, true) >= 2);
}

TEST_CASE("relu gradients match finite differences away from the kink") {
  const Relu relu(Shape{6, 1, 1});
  Matrix input = random_matrix(5, 6, 13);
  for (auto& v : input.reshaped())
    if (std::abs(v) < 0.1f) v = v < 0 ? -0.1f : 0.1f;
  CHECK(layer_gradient_mismatches(relu, input, {}, 1e-2f) == 0);
  CHECK(layer_gradient_mismatches(relu, input, {}, 1e-2f, true) >= 1);
}

TEST_CASE("dense layer uses PyTorch's layout and initialisation") {
  const Dense dense(3, 2);
  CHECK(dense.param_count() == 3 * 2 + 2);
  CHECK(dense.input_shape() == Shape{3, 1, 1});
  CHECK(dense.output_shape() == Shape{2, 1, 1});
  // weight (out x in, row-major) then bias
  const std::vector<float> params = {1, 2, 3, 4, 5, 6, 0.5f, -1};
  Matrix in(1, 3);
  in << 1, 10, 100;
  Matrix out(1, 2);
  dense.forward(params.data(), ConstMatrixMap(in.data(), 1, 3), MatrixMap(out.data(), 1, 2));
  CHECK(out(0, 0) == doctest::Approx(321 + 0.5));
  CHECK(out(0, 1) == doctest::Approx(654 - 1));

  const Dense wide(400, 30);
  std::vector<float> init(static_cast<size_t>(wide.param_count()));
  Rng rng(5);
  wide.init(init.data(), rng);
  const float bound = 1.0f / 20.0f;
  float lo = 1, hi = -1;
  for (float v : init) lo = std::min(lo, v), hi = std::max(hi, v);
  CHECK(lo >= -bound);
  CHECK(hi <= bound);
  CHECK(lo < -0.9f * bound);  // uniform over the whole range, not a narrow part of it
  CHECK(hi > 0.9f * bound);
}

TEST_CASE("layer flops") {
  CHECK(Dense(10, 4).forward_flops(8) == doctest::Approx(2.0 * 8 * 10 * 4 + 8 * 4));
  CHECK(Dense(10, 4).backward_flops(8) == doctest::Approx(4.0 * 8 * 10 * 4 + 8 * 4));
  CHECK(Dense(10, 4).input_gradient_flops(8) == doctest::Approx(2.0 * 8 * 10 * 4));
  CHECK(Relu(Shape{6, 1, 1}).forward_flops(8) == doctest::Approx(48));
}
