#include <doctest/doctest.h>

#include "helpers.hpp"
#include "models/gemm.hpp"

using namespace dlsim;

namespace {

Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, uint64_t seed) {
  Rng rng(seed);
  Matrix m(rows, cols);
  for (auto& v : m.reshaped()) v = static_cast<float>(rng.normal());
  return m;
}

ConstMatrixMap view(const Matrix& m) {
  return {m.data(), m.rows(), m.cols()};
}
MatrixMap view(Matrix& m) {
  return {m.data(), m.rows(), m.cols()};
}

}  // namespace

TEST_CASE("gemm matches Eigen's product for every transposition") {
  // Sizes from tiny to several cache blocks in every dimension.
  for (auto mkn : {std::array<int, 3>{1, 1, 1}, {3, 5, 2}, {8, 784, 128}, {300, 900, 200}}) {
    const int m = mkn[0], k = mkn[1], n = mkn[2];  // clang 14 cannot capture structured bindings
    CAPTURE(m);
    CAPTURE(k);
    CAPTURE(n);
    const Matrix a = random_matrix(m, k, 1), b = random_matrix(k, n, 2);
    const Matrix at = a.transpose(), bt = b.transpose();
    const Matrix expected = (a.cast<double>() * b.cast<double>()).cast<float>();
    const float tolerance = 1e-4f * static_cast<float>(k);
    for (bool ta : {false, true})
      for (bool tb : {false, true}) {
        Matrix c(m, n);
        gemm(view(ta ? at : a), ta ? Transpose::yes : Transpose::no, view(tb ? bt : b),
             tb ? Transpose::yes : Transpose::no, view(c), false);
        CHECK((c - expected).cwiseAbs().maxCoeff() < tolerance);
        gemm(view(ta ? at : a), ta ? Transpose::yes : Transpose::no, view(tb ? bt : b),
             tb ? Transpose::yes : Transpose::no, view(c), true);
        CHECK((c - 2 * expected).cwiseAbs().maxCoeff() < 2 * tolerance);
      }
  }
}

TEST_CASE("gemm gives Eigen's bits and rejects mismatched shapes") {
  const Matrix a = random_matrix(250, 784, 3), b = random_matrix(128, 784, 4);
  Matrix c(250, 128);
  gemm(view(a), Transpose::no, view(b), Transpose::yes, view(c), false);
  const Matrix eigen = a * b.transpose();
  CHECK(c == eigen);
  CHECK_THROWS_AS(gemm(view(a), Transpose::no, view(b), Transpose::no, view(c), false),
                  std::invalid_argument);
}
