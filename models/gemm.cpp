#include "models/gemm.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace dlsim {

namespace {

using Eigen::Index;

// Eigen's block sizes for a product with a row-major result, as its own gemm_blocking_space
// computes them, with the packed blocks placed in this thread's buffer.
class Blocking : public Eigen::internal::level3_blocking<float, float> {
 public:
  Blocking(Index rows, Index cols, Index depth) {
    // A row-major result is computed as the transposed, column-major product.
    m_mc = cols;
    m_nc = rows;
    m_kc = depth;
    Eigen::internal::computeProductBlockingSizes<float, float, 1>(m_kc, m_mc, m_nc, Index{1});
    // Packing stores whole SIMD packets, so block B starts aligned; a little slack at the end.
    const Index size_a = (m_mc * m_kc + 63) / 64 * 64;
    const Index size_b = m_kc * m_nc + 64;
    thread_local Eigen::VectorXf buffer;
    if (buffer.size() < size_a + size_b) buffer.resize(size_a + size_b);
    m_blockA = buffer.data();
    m_blockB = buffer.data() + size_a;
  }
};

template <int LhsOrder, int RhsOrder>
void run(Index rows, Index cols, Index depth, const float* a, Index lda, const float* b, Index ldb,
         float* c, Index ldc) {
  Blocking blocking(rows, cols, depth);
  Eigen::internal::general_matrix_matrix_product<Index, float, LhsOrder, false, float, RhsOrder,
                                                 false, Eigen::RowMajor, 1>::run(rows, cols, depth,
                                                                                 a, lda, b, ldb, c,
                                                                                 1, ldc, 1.0f,
                                                                                 blocking, nullptr);
}

}  // namespace

void gemm(ConstMatrixMap a, Transpose ta, ConstMatrixMap b, Transpose tb, MatrixMap c,
          bool accumulate) {
  const bool at = ta == Transpose::yes, bt = tb == Transpose::yes;
  const Index rows = at ? a.cols() : a.rows(), depth = at ? a.rows() : a.cols();
  const Index b_rows = bt ? b.cols() : b.rows(), cols = bt ? b.rows() : b.cols();
  if (depth != b_rows || c.rows() != rows || c.cols() != cols)
    throw std::invalid_argument(fmt::format("gemm: {}x{} * {}x{} into {}x{}", rows, depth, b_rows,
                                            cols, c.rows(), c.cols()));
  if (!accumulate) c.setZero();
  if (rows == 0 || cols == 0 || depth == 0) return;
  // A transposed view of a row-major matrix is the same memory read column-major; either way
  // the leading dimension is the stored row length.
  constexpr int R = Eigen::RowMajor, C = Eigen::ColMajor;
  if (!at && !bt)
    run<R, R>(rows, cols, depth, a.data(), a.cols(), b.data(), b.cols(), c.data(), c.cols());
  if (!at && bt)
    run<R, C>(rows, cols, depth, a.data(), a.cols(), b.data(), b.cols(), c.data(), c.cols());
  if (at && !bt)
    run<C, R>(rows, cols, depth, a.data(), a.cols(), b.data(), b.cols(), c.data(), c.cols());
  if (at && bt)
    run<C, C>(rows, cols, depth, a.data(), a.cols(), b.data(), b.cols(), c.data(), c.cols());
}

}  // namespace dlsim
