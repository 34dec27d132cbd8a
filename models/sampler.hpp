#pragma once
// A node's local data: its sample indices, drawn in epochs of a fresh shuffle (as a PyTorch
// DataLoader with shuffle=True does), and gathered into a batch matrix.
#include <cstdint>
#include <vector>

#include "core/archive.hpp"
#include "core/rng.hpp"
#include "models/dataset.hpp"

namespace dlsim {

class BatchSampler {
 public:
  BatchSampler() = default;
  explicit BatchSampler(std::vector<int32_t> indices);

  // Writes `batch` sample indices to out; reshuffles with rng at each epoch start (also the first).
  // A batch may span an epoch boundary; batch may exceed the local size (indices then repeat).
  void next(int batch, Rng& rng, int32_t* out);
  int size() const { return static_cast<int>(indices_.size()); }
  void persist(Archive& a) { a(indices_, cursor_); }  // the epoch's shuffled order and position

 private:
  std::vector<int32_t> indices_;
  size_t cursor_ = 0;  // next position in indices_; == size() means "reshuffle first"
};

// Copies the rows `idx[0..n)` of data.x into out (resized to n x features only when it grows, so
// repeated calls allocate nothing) and their labels into labels. out may keep spare rows from a
// larger batch: the batch is first_rows(out, n); labels.size() == n.
void gather_batch(const Dataset& data, const int32_t* idx, int n, Matrix& out,
                  std::vector<int32_t>& labels);

}  // namespace dlsim
