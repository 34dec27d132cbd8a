#include "compression/selection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace dlsim {

namespace {

void check_sizes(const char* what, size_t n, size_t k) {
  if (n > std::numeric_limits<uint32_t>::max())
    throw std::invalid_argument(fmt::format("{}: {} values do not fit 32-bit indices", what, n));
  if (k > n) throw std::invalid_argument(fmt::format("{}: k = {} exceeds n = {}", what, k, n));
}

// |v| as an integer that orders like it (the bits of a non-negative float do), with NaN as +inf:
// with the index tie-break, a strict total order on the coordinates.
uint32_t magnitude_key(float v) {
  constexpr uint32_t infinity = 0x7f800000u;
  const uint32_t key = std::bit_cast<uint32_t>(v) & 0x7fffffffu;
  return key > infinity ? infinity : key;
}

// Radix selection: keys (31 bits) are counted by their top 11 bits, 2,048 buckets of an eighth of
// a binade each.
constexpr int bucket_shift = 20;
using BucketCounts = std::array<uint32_t, (1u << (31 - bucket_shift))>;

// The k-th largest of keys (k >= 1) and how many keys are larger: the counts find the bucket
// that holds it, and only that bucket's keys (a few thousand of 100,000 model coordinates) are
// ordered, by nth_element.
std::pair<uint32_t, size_t> kth_largest(std::span<const uint32_t> keys, const BucketCounts& counts,
                                        size_t k, std::vector<uint32_t>& bucket) {
  size_t above = 0;  // keys in higher buckets
  uint32_t b = counts.size() - 1;
  while (above + counts[b] < k) above += counts[b--];
  bucket.clear();
  for (uint32_t key : keys)
    if ((key >> bucket_shift) == b) bucket.push_back(key);
  const auto kth = bucket.begin() + static_cast<ptrdiff_t>(k - above - 1);
  std::nth_element(bucket.begin(), kth, bucket.end(), std::greater<uint32_t>());
  // The larger ones are among those nth_element put before the k-th.
  const uint32_t t = *kth;
  for (auto it = bucket.begin(); it != kth; ++it) above += *it > t;
  return {t, above};
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
  if (k == 0) {
    indices.clear();
    return;
  }
  // The k-th largest magnitude t; then one scan in index order keeps every magnitude above t and
  // the lowest-index ones equal to t: the set of the strict order (magnitude desc, index asc),
  // already sorted.
  thread_local std::vector<uint32_t> keys, bucket;
  keys.resize(n);
  BucketCounts counts{};
  for (size_t i = 0; i < n; ++i) {
    keys[i] = magnitude_key(values[i]);
    ++counts[keys[i] >> bucket_shift];
  }
  const auto [t, above] = kth_largest(keys, counts, k, bucket);
  size_t ties = k - above;  // keys equal to t still to take, lowest indices first
  // Without a branch on the key (which keys pass is unpredictable): each index is written at the
  // end, and kept by moving the end past it. (Every slot is written: resize keeps what it held.)
  indices.resize(k);
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    const bool tie = keys[i] == t && ties > 0;
    ties -= tie;
    indices[kept] = static_cast<uint32_t>(i);
    kept += keys[i] > t || tie;
    if (kept == k) break;
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
