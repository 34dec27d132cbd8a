#pragma once
// Small dense kernels of the share codecs, written as plain loops so that their summation order,
// and so their bits, never depend on buffer alignment.
#include <cstdint>

#include "core/rng.hpp"
#include "models/tensor.hpp"

namespace dlsim {

// out = v, or out += v when accumulate.
void add_or_copy(const float* v, float* out, int64_t n, bool accumulate);

// sums[c] = sum over rows of m(r, c), row after row (the order Dense::backward uses).
void column_sums(ConstMatrixMap m, float* sums);

// Modified Gram-Schmidt on the columns of m, in place. A column that is (numerically) in the span
// of the previous ones becomes zero, so a rank-deficient input yields zero columns, not noise.
void orthonormalize_columns(MatrixMap m);

// Euclidean norm of column c.
double column_norm(ConstMatrixMap m, Eigen::Index c);

// warm = q with unit columns, for the next power iteration; a zero column of q is replaced by a
// fresh Gaussian direction so that it can pick up a component later.
void next_start(ConstMatrixMap q, MatrixMap warm, Rng& rng);

}  // namespace dlsim
