// BTARD's pure pieces: shards, the shared seed, the projection check and the validator draw.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "aggregators/aggregator.hpp"
#include "core/rng.hpp"
#include "protocols/btard_checks.hpp"

using namespace dlsim;

TEST_CASE("shards cover the vector contiguously, sizes within one") {
  for (int64_t dim : {1, 7, 16, 101, 1000}) {
    for (int parts : {1, 2, 3, 7, 16}) {
      int64_t at = 0, smallest = dim, largest = 0;
      for (int k = 0; k < parts; ++k) {
        const ShardRange r = shard_range(dim, parts, k);
        CHECK(r.begin == at);
        at = r.end;
        smallest = std::min(smallest, r.size());
        largest = std::max(largest, r.size());
      }
      CHECK(at == dim);
      CHECK(largest - smallest <= 1);
    }
  }
  CHECK(shard_range(10, 3, 0).size() == 3);
  CHECK(shard_range(10, 3, 2).size() == 4);  // the larger ones last
}

TEST_CASE("the revealed seed depends on every nonce and on their order") {
  Digest a{}, b{};
  a[0] = 1;
  b[0] = 2;
  const std::vector<Digest> ab{a, b}, ba{b, a}, aa{a, a};
  CHECK(revealed_seed(ab) == revealed_seed(ab));
  CHECK(revealed_seed(ab) != revealed_seed(ba));
  CHECK(revealed_seed(ab) != revealed_seed(aa));
}

TEST_CASE("projection directions have unit length in every shard") {
  std::vector<float> z(103);
  projection_directions(5, 103, 4, z.data());
  for (int k = 0; k < 4; ++k) {
    const ShardRange r = shard_range(103, 4, k);
    double norm = 0;
    for (int64_t i = r.begin; i < r.end; ++i) norm += double(z[i]) * z[i];
    CHECK(norm == doctest::Approx(1.0).epsilon(1e-6));
  }
}

TEST_CASE("clipped projection by hand") {
  const float x[] = {3, 4}, v[] = {0, 0}, z[] = {1, 0};
  CHECK(clipped_projection(x, v, z, 2, 1e9) == doctest::Approx(3.0));
  // |x - v| = 5 clipped to 1: the difference is scaled by 1/5.
  CHECK(clipped_projection(x, v, z, 2, 1.0) == doctest::Approx(0.6));
}

TEST_CASE("CenteredClip's output passes the projection check, a shifted one does not") {
  // Seven inputs around 1 and two far outliers in 50 dimensions.
  const int n = 9, dim = 50;
  std::vector<std::vector<float>> rows(n, std::vector<float>(dim));
  Rng rng(3);
  for (int i = 0; i < n; ++i)
    for (auto& x : rows[i]) x = static_cast<float>(i < 7 ? 1 + 0.1 * rng.normal() : 100.0);
  std::vector<const float*> pointers;
  for (auto& r : rows) pointers.push_back(r.data());
  const json rule = {{"kind", "centered-clip"},
                     {"tau", 1.0},
                     {"iterations", 1000},
                     {"tolerance", 1e-7},
                     {"start", "median"}};
  auto cc = make_aggregator(read_aggregator(rule, "aggregator"), 2);
  std::vector<float> v(dim), z(dim);
  AggregationInput in;
  in.vectors = pointers;
  in.dim = dim;
  cc->aggregate(in, v.data());
  auto residual = [&](const std::vector<float>& at) {
    double worst = 0;
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      projection_directions(seed, dim, 1, z.data());
      double sum = 0;
      for (auto& r : rows) sum += clipped_projection(r.data(), at.data(), z.data(), dim, 1.0);
      worst = std::max(worst, std::abs(sum / n));
    }
    return worst;
  };
  CHECK(residual(v) < 1e-5);
  std::vector<float> lie = v;
  lie[0] += 0.5f;  // half a unit on one coordinate
  CHECK(residual(lie) > 1e-3);
}

TEST_CASE("validation pairs: distinct targets, never self-validated, deterministic") {
  const std::vector<int> active = {0, 2, 3, 5, 8, 9};
  for (uint64_t seed = 0; seed < 200; ++seed) {
    const auto pairs = validation_pairs(seed, active, 3);
    CHECK(pairs == validation_pairs(seed, active, 3));
    REQUIRE(pairs.size() == 3);
    std::set<int> targets;
    for (auto [validator, target] : pairs) {
      CHECK(validator != target);
      CHECK(std::ranges::find(active, validator) != active.end());
      CHECK(std::ranges::find(active, target) != active.end());
      targets.insert(target);
    }
    CHECK(targets.size() == 3);
  }
  CHECK(validation_pairs(1, active, 10).size() == active.size());
  CHECK(validation_pairs(1, std::vector<int>{4}, 1).empty());
}
