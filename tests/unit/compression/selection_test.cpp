// Top-k against a full sort, random-k's uniformity and regeneration from the seed.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "compression/selection.hpp"

using namespace dlsim;

namespace {

// The reference: sort every index by (|value| descending, index ascending), keep k, sort.
std::vector<uint32_t> full_sort_top_k(const std::vector<float>& v, size_t k) {
  std::vector<uint32_t> order(v.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return std::fabs(v[a]) > std::fabs(v[b]); });
  order.resize(k);
  std::sort(order.begin(), order.end());
  return order;
}

}  // namespace

TEST_CASE("top-k equals a full sort, ties going to the lower index") {
  Rng rng(5);
  std::vector<uint32_t> got;
  for (size_t n : {1, 2, 10, 97, 1000}) {
    for (bool ties : {false, true}) {
      std::vector<float> v(n);
      // With ties: few distinct magnitudes of both signs, so many equal |v| straddle the cut.
      for (auto& x : v)
        x = ties ? static_cast<float>(static_cast<int>(rng.below(7)) - 3)
                 : static_cast<float>(rng.normal());
      for (size_t k : {size_t{0}, size_t{1}, n / 3, n / 2, n - 1, n}) {
        CAPTURE(n);
        CAPTURE(ties);
        CAPTURE(k);
        top_k(v, k, got);
        CHECK(got == full_sort_top_k(v, k));
      }
    }
  }
}

TEST_CASE("top-k on an exact tie keeps the lowest indices") {
  const std::vector<float> v = {1, -2, 2, 0.5f, -2, 3};
  std::vector<uint32_t> got;
  top_k(v, 3, got);
  CHECK(got == std::vector<uint32_t>{1, 2, 5});
  top_k(v, 4, got);
  CHECK(got == std::vector<uint32_t>{1, 2, 4, 5});
  CHECK(got != std::vector<uint32_t>{0, 1, 2, 5});  // the wrong answer is told apart
}

TEST_CASE("top-k treats NaN as the largest magnitude and stays well defined") {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> v = {1, nan, -5, nan, 2};
  std::vector<uint32_t> got;
  top_k(v, 3, got);
  CHECK(got == std::vector<uint32_t>{1, 2, 3});
}

TEST_CASE("selection rejects k > n") {
  std::vector<uint32_t> got;
  CHECK_THROWS_AS(top_k(std::vector<float>(3), 4, got), std::invalid_argument);
  Rng rng(1);
  CHECK_THROWS_AS(random_k(3, 4, rng, got), std::invalid_argument);
}

TEST_CASE("random-k gives k distinct sorted indices, regenerated from the seed alone") {
  std::vector<uint32_t> a, b, c;
  for (size_t n : {1, 5, 100, 10007}) {
    for (size_t k : {size_t{0}, size_t{1}, n / 10, n / 2, n}) {
      CAPTURE(n);
      CAPTURE(k);
      Rng sender(42, {7, 3}), receiver(42, {7, 3});
      random_k(n, k, sender, a);
      random_k(n, k, receiver, b);
      CHECK(a == b);
      REQUIRE(a.size() == k);
      CHECK(std::adjacent_find(a.begin(), a.end(), std::greater_equal<uint32_t>()) == a.end());
      if (!a.empty()) CHECK(a.back() < n);
    }
  }
  Rng one(1), other(2);
  random_k(10007, 100, one, a);
  random_k(10007, 100, other, c);
  CHECK(a != c);
}

TEST_CASE("random-k picks every index equally often") {
  const size_t n = 50, k = 10, draws = 20000;
  std::vector<int> hits(n, 0);
  Rng rng(9);
  std::vector<uint32_t> got;
  for (size_t d = 0; d < draws; ++d) {
    random_k(n, k, rng, got);
    for (uint32_t i : got) ++hits[i];
  }
  // Each index is chosen with probability k/n = 0.2: expected 4000, sd about 57.
  for (size_t i = 0; i < n; ++i) {
    CAPTURE(i);
    CHECK(std::abs(hits[i] - 4000) < 300);
  }
}

TEST_CASE("top-k equals a full sort on model-sized inputs, with and without ties") {
  Rng rng(9);
  std::vector<uint32_t> got;
  const size_t n = 100'000;
  std::vector<float> v(n);
  for (int kind = 0; kind < 3; ++kind) {
    // Normal values; a few magnitudes (every cut a tie); values packed into one radix bucket.
    for (auto& x : v)
      x = kind == 0   ? static_cast<float>(rng.normal())
          : kind == 1 ? static_cast<float>(static_cast<int>(rng.below(5)) - 2)
                      : 1.0f + static_cast<float>(rng.below(1000)) * 1e-6f;
    for (size_t k : {size_t{1}, n / 10, n / 3, n - 1}) {
      CAPTURE(kind);
      CAPTURE(k);
      top_k(v, k, got);
      CHECK(got == full_sort_top_k(v, k));
    }
  }
}
