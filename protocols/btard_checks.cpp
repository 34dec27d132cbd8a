#include "protocols/btard_checks.hpp"

#include <algorithm>
#include <cmath>

#include "aggregators/vectors.hpp"
#include "core/rng.hpp"

namespace dlsim {

ShardRange shard_range(int64_t dim, int parts, int k) {
  const int64_t base = dim / parts, extra = dim % parts;
  const int64_t small = parts - extra;  // shards of `base` values come first
  const int64_t begin = k < small ? k * base : small * base + (k - small) * (base + 1);
  return {begin, begin + base + (k < small ? 0 : 1)};
}

uint64_t revealed_seed(std::span<const Digest> nonces) {
  Sha256 hash;
  for (const Digest& nonce : nonces) hash.update(nonce);
  const Digest d = hash.finish();
  uint64_t seed = 0;
  for (int i = 0; i < 8; ++i) seed |= static_cast<uint64_t>(d[i]) << (8 * i);
  return seed;
}

void projection_directions(uint64_t seed, int64_t dim, int parts, float* out) {
  Rng rng(seed);
  for (int k = 0; k < parts; ++k) {
    const ShardRange r = shard_range(dim, parts, k);
    double norm = 0;
    for (int64_t i = r.begin; i < r.end; ++i) {
      out[i] = static_cast<float>(rng.normal());
      norm += static_cast<double>(out[i]) * out[i];
    }
    const double scale = norm > 0 ? 1 / std::sqrt(norm) : 0;
    for (int64_t i = r.begin; i < r.end; ++i) out[i] = static_cast<float>(out[i] * scale);
  }
}

double clipped_projection(const float* x, const float* v, const float* z, int64_t n, double tau) {
  double along = 0;
  for (int64_t i = 0; i < n; ++i)
    along += static_cast<double>(z[i]) * (static_cast<double>(x[i]) - v[i]);
  return along * clip_factor(std::sqrt(squared_distance(x, v, n)), tau);
}

std::vector<std::pair<int, int>> validation_pairs(uint64_t seed, std::span<const int> active,
                                                  int m) {
  const int n = static_cast<int>(active.size());
  std::vector<std::pair<int, int>> pairs;
  if (n < 2) return pairs;
  Rng rng(seed);
  std::vector<int> order(active.begin(), active.end());
  rng.shuffle(order.begin(), order.end());
  for (int k = 0; k < std::min(m, n); ++k) {
    const int target = order[k];
    // A validator uniform among the other n - 1 peers.
    const auto at = std::find(active.begin(), active.end(), target) - active.begin();
    auto index = static_cast<int64_t>(rng.below(static_cast<uint64_t>(n - 1)));
    if (index >= at) ++index;
    const int validator = active[index];
    pairs.emplace_back(validator, target);
  }
  return pairs;
}

}  // namespace dlsim
