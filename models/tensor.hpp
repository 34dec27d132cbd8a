#pragma once
// The matrix types of the learning code: a batch is row-major, one sample per row.
#include <Eigen/Core>

namespace dlsim {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using Vector = Eigen::VectorXf;  // aligned storage: reductions give the same bits on any thread
using VectorMap = Eigen::Map<Eigen::VectorXf>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXf>;

// Image-like shape of one sample; a plain feature vector is {features, 1, 1}.
struct Shape {
  int channels = 1;
  int height = 1;
  int width = 1;
  int size() const { return channels * height * width; }
  bool operator==(const Shape&) const = default;
};

}  // namespace dlsim
