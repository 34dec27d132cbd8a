// A vector holding NaN or an infinity is the worst input: distance-based rules treat it as
// infinitely far and leave it out, coordinate-wise rules sort NaN as an extreme and drop it.
#include <doctest/doctest.h>

#include "aggregators/distances.hpp"
#include "aggregators/vectors.hpp"
#include "helpers.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

// Broken vectors of dimension 6: one NaN, one +inf, all NaN, mixed -inf and NaN.
Rows broken_rows(int count) {
  const Rows kinds = {{0, 0, kNaN, 0, 0, 0},
                      {0, kInf, 0, 0, 0, 0},
                      std::vector<float>(6, kNaN),
                      {-kInf, kNaN, 1e30f, 0, 0, 0}};
  Rows rows;
  for (int i = 0; i < count; ++i) rows.push_back(kinds[i % kinds.size()]);
  return rows;
}

}  // namespace

TEST_CASE("robust rules leave out up to f broken vectors") {
  const int f = 2;
  for (const char* rule : {"median", "trimmed-mean", "meamed", "phocas", "geometric-median", "krum",
                           "multi-krum", "bulyan", "centered-clip"})
    for (bool nnm : {false, true}) {
      CAPTURE(rule);
      CAPTURE(nnm);
      auto aggregator = make_rule({{"kind", rule}, {"nnm", nnm}}, f);
      const int n = aggregator->min_inputs() + 1;
      const Rows honest = gaussian_rows(n - f, 6, 2.0f, 0.3f, 77);
      Rows rows = honest;
      const Rows bad = broken_rows(f);
      rows.insert(rows.begin() + 1, bad.begin(), bad.end());
      CHECK(within_range(run(*aggregator, rows), honest));
    }
}

TEST_CASE("NNM makes the mean survive NaN vectors; the mean alone propagates them") {
  const Rows honest = gaussian_rows(6, 6, 2.0f, 0.3f, 78);
  // First, so that by position alone their neighbourhoods would include them.
  Rows rows = broken_rows(2);
  rows.insert(rows.end(), honest.begin(), honest.end());
  CHECK(within_range(aggregate({{"kind", "mean"}, {"nnm", true}}, 2, rows), honest));
  const auto plain = aggregate("mean", 2, rows);
  CHECK(std::isnan(plain[2]));
}

TEST_CASE("ClippedGossip leaves out broken neighbours, even with an adaptive radius") {
  const std::vector<float> self(6, 1.0f);
  const Rows honest = gaussian_rows(3, 6, 2.0f, 0.3f, 79);
  Rows rows = honest;
  const Rows bad = broken_rows(3);
  rows.insert(rows.end(), bad.begin(), bad.end());
  for (const json& section :
       {json("clipped-gossip"), json{{"kind", "clipped-gossip"}, {"tau", 5}}}) {
    CAPTURE(section.dump());
    auto rule = make_rule(section, 0);
    std::vector<const float*> pointers;
    AggregationInput in = input_of(rows, pointers);
    const std::vector<double> weights(6, 0.125);
    in.self = self.data();
    in.weights = weights;
    in.self_weight = 0.25;
    std::vector<float> out(6);
    rule->aggregate(in, out.data());
    Rows with_self = honest;
    with_self.push_back(self);
    CHECK(within_range(out, with_self));
  }
}

TEST_CASE("a broken vector is infinitely far from everything, itself included") {
  const float finite[] = {1e30f, -1e30f, 3};
  const float zero[] = {0, 0, 0};
  const float nan[] = {1, kNaN, 3};
  const float inf[] = {1, 2, kInf};
  // A 1e30 outlier's squared distance is a finite 2e60, not the +inf of a broken vector.
  CHECK(squared_distance(finite, zero, 3) == doctest::Approx(2e60 + 9));
  CHECK(std::isinf(squared_distance(nan, zero, 3)));
  CHECK(std::isinf(squared_distance(inf, zero, 3)));
  CHECK(std::isinf(squared_distance(inf, inf, 3)));
  PairwiseDistances d;
  const std::vector<const float*> vectors = {finite, nan, zero, inf};
  d.compute(vectors, 3);
  CHECK(d.finite(0));
  CHECK_FALSE(d.finite(1));
  CHECK(d.finite(2));
  CHECK_FALSE(d.finite(3));
  CHECK(d(0, 2) == d(2, 0));
  CHECK(d(0, 2) == doctest::Approx(2e60 + 9));
  CHECK(std::isinf(d(1, 2)));
  CHECK(std::isinf(d(3, 1)));
  CHECK(clip_factor(std::numeric_limits<double>::infinity(),
                    std::numeric_limits<double>::infinity()) == 0);
}

// Every registered rule, with and without NNM, given up to f broken vectors among honest ones: the
// robust rules stay finite (and, but for FLAG, which zeroes broken coordinates, within the honest
// range); the plain mean is poisoned, as documented, unless NNM runs first.
TEST_CASE("every registered rule: up to f broken inputs are the worst input, not a NaN model") {
  const int f = 2;
  for (const auto& entry : aggregator_registry().entries())
    for (bool nnm : {false, true})
      for (int bad_count = 1; bad_count <= f; ++bad_count) {
        const std::string name = entry.name;
        CAPTURE(name);
        CAPTURE(nnm);
        CAPTURE(bad_count);
        auto rule = make_rule({{"kind", name}, {"nnm", nnm}}, f);
        const int n = std::max(rule->min_inputs(), 2 * f + 1) + 1;
        const Rows honest = gaussian_rows(n - bad_count, 6, 2.0f, 0.3f, 80 + bad_count);
        Rows rows = honest;
        const Rows bad = broken_rows(bad_count + (nnm ? 0 : 2));
        // Without NNM, also try the NaN-free +inf and the all-NaN kinds for every count.
        rows.insert(rows.begin(), bad.end() - bad_count, bad.end());
        std::vector<const float*> pointers;
        AggregationInput in = input_of(rows, pointers);
        const std::vector<float> self(6, 2.0f);
        const std::vector<double> weights(rows.size(), 0.5 / static_cast<double>(rows.size()));
        if (name == "clipped-gossip") {
          in.self = self.data();
          in.weights = weights;
          in.self_weight = 0.5;
        }
        std::vector<float> out(6);
        rule->aggregate(in, out.data());
        const bool finite =
            std::all_of(out.begin(), out.end(), [](float v) { return std::isfinite(v); });
        if (name == "mean" && !nnm) {
          CHECK_FALSE(finite);  // documented: the mean is poisoned; the outputs report it
          continue;
        }
        CHECK(finite);
        Rows reference = honest;
        if (name == "clipped-gossip") reference.push_back(self);
        if (name != "flag") CHECK(within_range(out, reference));
      }
}
