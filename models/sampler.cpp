#include "models/sampler.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace dlsim {

BatchSampler::BatchSampler(std::vector<int32_t> indices)
    : indices_(std::move(indices)), cursor_(indices_.size()) {}

void BatchSampler::next(int batch, Rng& rng, int32_t* out) {
  if (batch > 0 && indices_.empty())
    throw std::logic_error("BatchSampler::next: the node has no samples");
  for (int k = 0; k < batch; ++k) {
    if (cursor_ == indices_.size()) {
      // Shuffling the previous order in place is as uniform as shuffling a sorted copy.
      rng.shuffle(indices_.begin(), indices_.end());
      cursor_ = 0;
    }
    out[k] = indices_[cursor_++];
  }
}

void gather_batch(const Dataset& data, const int32_t* idx, int n, Matrix& out,
                  std::vector<int32_t>& labels) {
  const auto features = data.x.cols();
  if (out.cols() != features || out.rows() < n) out.resize(n, features);
  labels.resize(n);  // shrinking keeps the capacity, so this allocates only when n grows
  for (int k = 0; k < n; ++k) {
    const int32_t i = idx[k];
    if (i < 0 || i >= data.size())
      throw std::out_of_range(fmt::format("sample index {} outside [0, {})", i, data.size()));
    out.row(k) = data.x.row(i);
    labels[k] = data.y[i];
  }
}

}  // namespace dlsim
