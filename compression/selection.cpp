#include "compression/selection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace dlsim {

namespace {

void check_sizes(const char* what, size_t n, size_t k) {
  if (n > std::numeric_limits<uint32_t>::max())
    throw std::invalid_argument(fmt::format("{}: {} values do not fit 32-bit indices", what, n));
  if (k > n) throw std::invalid_argument(fmt::format("{}: k = {} exceeds n = {}", what, k, n));
}

// |v| with NaN as +inf: with the index tie-break a strict total order, as std::nth_element
// requires (a raw NaN compare would break it and could read out of range).
float magnitude(float v) {
  return std::isnan(v) ? std::numeric_limits<float>::infinity() : std::fabs(v);
}

}  // namespace

void top_k(std::span<const float> values, size_t k, std::vector<uint32_t>& indices) {
  check_sizes("top_k", values.size(), k);
  const size_t n = values.size();
  if (k == n) {
    indices.resize(n);
    std::iota(indices.begin(), indices.end(), 0u);
    return;
  }
  indices.clear();
  if (k == 0) return;
  // The k-th largest magnitude t, from nth_element over a copy of the magnitudes (contiguous
  // floats, far cheaper than ordering indices through the values); then one scan in index order
  // keeps every magnitude above t and the lowest-index ones equal to t: the set of the strict
  // order (magnitude desc, index asc), already sorted.
  thread_local std::vector<float> magnitudes;
  magnitudes.resize(n);
  for (size_t i = 0; i < n; ++i) magnitudes[i] = magnitude(values[i]);
  const auto kth = magnitudes.begin() + static_cast<ptrdiff_t>(k - 1);
  std::nth_element(magnitudes.begin(), kth, magnitudes.end(), std::greater<float>());
  const float t = *kth;
  size_t above = 0;
  for (size_t i = 0; i < n; ++i) above += magnitude(values[i]) > t;
  size_t ties = k - above;  // magnitudes equal to t still to take, lowest indices first
  indices.reserve(k);
  for (size_t i = 0; i < n && indices.size() < k; ++i) {
    const float m = magnitude(values[i]);
    if (m > t) {
      indices.push_back(static_cast<uint32_t>(i));
    } else if (m == t && ties > 0) {
      indices.push_back(static_cast<uint32_t>(i));
      --ties;
    }
  }
}

void random_k(size_t n, size_t k, Rng& rng, std::vector<uint32_t>& indices) {
  check_sizes("random_k", n, k);
  indices.resize(n);
  std::iota(indices.begin(), indices.end(), 0u);
  // The first k steps of a Fisher-Yates shuffle: a uniform k-subset from k draws.
  for (size_t i = 0; i < k; ++i) std::swap(indices[i], indices[i + rng.below(n - i)]);
  indices.resize(k);
  std::sort(indices.begin(), indices.end());
}

}  // namespace dlsim
