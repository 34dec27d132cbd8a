// The registry, parameters, input bounds and costs of every rule; the mean.
#include <doctest/doctest.h>

#include "helpers.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

// Runs a rule on n vectors near 1 (a gossip rule gets its own vector and weights too).
std::vector<float> run_any(Aggregator& rule, int n, int dim = 5) {
  const Rows rows = gaussian_rows(n, dim, 1.0f, 0.1f, static_cast<uint64_t>(n));
  std::vector<const float*> pointers;
  AggregationInput in = input_of(rows, pointers);
  const std::vector<float> self(dim, 1.0f);
  const std::vector<double> weights(n, 1.0 / (n + 1));
  in.self = self.data();
  in.weights = weights;
  in.self_weight = 1.0 / (n + 1);
  std::vector<float> out(dim);
  rule.aggregate(in, out.data());
  return out;
}

struct Bound {
  const char* rule;
  int inputs;           // for f = 2
  const char* formula;  // as the message writes it
};

}  // namespace

TEST_CASE("every rule is registered, builds and aggregates") {
  const auto names = aggregator_registry().names();
  CHECK(names == std::vector<std::string>{"mean", "median", "trimmed-mean", "geometric-median",
                                          "krum", "multi-krum", "bulyan", "meamed", "phocas",
                                          "centered-clip", "clipped-gossip", "flag"});
  for (const auto& name : names)
    for (bool nnm : {false, true}) {
      CAPTURE(name);
      CAPTURE(nnm);
      auto rule = make_rule({{"kind", name}, {"nnm", nnm}}, 1);
      const auto out = run_any(*rule, rule->min_inputs() + 2);
      CHECK(within_range(out, {std::vector<float>(5, 0.5f), std::vector<float>(5, 1.5f)}));
    }
}

TEST_CASE("each rule declares its bound and names the rule, n, f and the bound when short") {
  const std::vector<Bound> bounds = {
      {"mean", 1, "1"},
      {"median", 5, "2f + 1 = 5"},
      {"trimmed-mean", 5, "2f + 1 = 5"},
      {"geometric-median", 5, "2f + 1 = 5"},
      {"krum", 7, "2f + 3 = 7"},
      {"multi-krum", 7, "2f + 3 = 7"},
      {"bulyan", 11, "4f + 3 = 11"},
      {"meamed", 5, "2f + 1 = 5"},
      {"phocas", 5, "2f + 1 = 5"},
      {"centered-clip", 5, "2f + 1 = 5"},
      {"clipped-gossip", 1, "1"},
      {"flag", 1, "1"},
  };
  REQUIRE(bounds.size() == aggregator_registry().entries().size());
  for (const auto& b : bounds) {
    CAPTURE(b.rule);
    auto rule = make_rule(b.rule, 2);
    CHECK(rule->min_inputs() == b.inputs);
    CHECK_NOTHROW(run_any(*rule, b.inputs));
    const std::string error = aggregation_error([&] { run_any(*rule, b.inputs - 1); });
    CHECK(error == fmt::format("{} needs n >= {} input vectors for f = 2, got n = {}", b.rule,
                               b.formula, b.inputs - 1));
  }
  // Multi-Krum also needs the m inputs it averages.
  CHECK(make_rule({{"kind", "multi-krum"}, {"m", 9}}, 2)->min_inputs() == 9);
  CHECK(contains(aggregation_error([&] {
                   auto rule = make_rule({{"kind", "multi-krum"}, {"m", 9}}, 2);
                   run_any(*rule, 8);
                 }),
                 "multi-krum needs n >= max(2f + 3, m) = 9"));
}

TEST_CASE("aggregator sections are read and checked like any scenario section") {
  CHECK(read_aggregator("median", "aggregator").rule->name == "median");
  CHECK(read_aggregator(json::object(), "aggregator").rule->name == "mean");
  CHECK_THROWS_WITH_AS(read_aggregator("krun", "aggregator"),
                       doctest::Contains("aggregator.kind: unknown aggregator \"krun\" (did you "
                                         "mean \"krum\"?)"),
                       ConfigError);
  CHECK_THROWS_WITH_AS(read_aggregator({{"kind", "multi-krum"}, {"mm", 2}}, "aggregator"),
                       doctest::Contains("aggregator.mm: unknown key (did you mean \"m\"?)"),
                       ConfigError);
  CHECK_THROWS_WITH_AS(read_aggregator({{"kind", "krum"}, {"neighbours", "n-f"}}, "aggregator"),
                       doctest::Contains("aggregator.neighbours: got \"n-f\""), ConfigError);
  CHECK_THROWS_WITH_AS(read_aggregator({{"kind", "median"}, {"f", -1}}, "aggregator"),
                       doctest::Contains("aggregator.f: got -1"), ConfigError);
  CHECK_THROWS_WITH_AS(make_rule({{"kind", "centered-clip"}, {"tau", 0}}, 0),
                       "aggregator.tau: 0 must be above 0", ConfigError);
  const auto choice = read_aggregator({{"kind", "krum"}}, "aggregator");
  CHECK(choice.params.is_null("f"));
  CHECK_FALSE(choice.params.flag("nnm"));
  CHECK(choice.params.text("neighbours") == "n-f-2");
}

TEST_CASE("the section's f wins over the protocol's") {
  CHECK(make_rule("trimmed-mean", 3)->min_inputs() == 7);
  CHECK(make_rule({{"kind", "trimmed-mean"}, {"f", 1}}, 3)->min_inputs() == 3);
  CHECK(make_rule({{"kind", "trimmed-mean"}, {"f", nullptr}}, 3)->min_inputs() == 7);
}

TEST_CASE("the mean, by hand, and it propagates NaN") {
  check_close(aggregate("mean", 0, {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}), {4, 5, 6});
  check_close(aggregate("mean", 0, {{1, 0}, {2, 1}}), {1.5, 0.5});
  const auto out = aggregate("mean", 0, {{1, 0}, {kNaN, 1}, {3, 2}});
  CHECK(std::isnan(out[0]));
  CHECK(out[1] == 1);
}

TEST_CASE("costs grow with the input as the algorithms do") {
  for (const auto& name : aggregator_registry().names()) {
    CAPTURE(name);
    const auto rule = make_rule(name, 1);
    // Long vectors: a rule may add a cost that does not grow with them (flag's p x p fit).
    const double base = rule->flops(20, 1000000);
    CHECK(base > 20 * 1000000);  // every rule reads every value at least once
    CHECK(rule->flops(20, 2000000) == doctest::Approx(2 * base).epsilon(0.05));
  }
  // Pairwise distances make the distance-based rules quadratic in n; the mean is linear.
  for (const char* name : {"krum", "multi-krum", "bulyan"}) {
    CAPTURE(name);
    const auto rule = make_rule(name, 1);
    CHECK(rule->flops(40, 1000) > 3.5 * rule->flops(20, 1000));
  }
  const auto mean = make_rule("mean", 1);
  CHECK(mean->flops(40, 1000) == doctest::Approx(2 * mean->flops(20, 1000)));
  // NNM adds its own pairwise distances and mixing to the inner rule's cost.
  CHECK(make_rule({{"kind", "mean"}, {"nnm", true}}, 1)->flops(20, 1000) >
        10 * mean->flops(20, 1000));
}
