#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "helpers.hpp"
#include "models/partition.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

Partition split(const json& section, const Dataset& train, int nodes, uint64_t seed = 1) {
  auto [component, params] = partition_registry().read(section, "data.partition");
  Rng rng(seed);
  return component->make(params, train, nodes, rng);
}

// Every sample index appears in exactly one node, and each node's list is sorted.
bool exact_cover(const Partition& p, int samples) {
  std::vector<int> seen(static_cast<size_t>(samples), 0);
  for (const auto& node : p) {
    if (!std::is_sorted(node.begin(), node.end())) return false;
    for (int32_t i : node) {
      if (i < 0 || i >= samples) return false;
      ++seen[i];
    }
  }
  return std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; });
}

// Mean over nodes of the share of a node's samples that carry its most common label.
double mean_top_label_share(const Partition& p, const Dataset& data) {
  double total = 0;
  for (const auto& node : p) {
    std::vector<int> count(static_cast<size_t>(data.classes), 0);
    for (int32_t i : node) ++count[data.y[i]];
    total += static_cast<double>(*std::max_element(count.begin(), count.end())) / node.size();
  }
  return total / p.size();
}

size_t labels_of(const std::vector<int32_t>& node, const Dataset& data) {
  std::set<int32_t> labels;
  for (int32_t i : node) labels.insert(data.y[i]);
  return labels.size();
}

}  // namespace

TEST_CASE("iid gives near-equal parts covering every sample once") {
  const Dataset data = labelled_dataset(1003, 10, 1);
  const Partition p = split(json{{"kind", "iid"}}, data, 10);
  REQUIRE(p.size() == 10);
  for (const auto& node : p) CHECK((node.size() == 100 || node.size() == 101));
  CHECK(exact_cover(p, 1003));
  CHECK(mean_top_label_share(p, data) < 0.25);
  CHECK(split(json{{"kind", "iid"}}, data, 10) == p);  // deterministic for the rng
  CHECK(split(json{{"kind", "iid"}}, data, 10, 2) != p);
}

TEST_CASE("shards give each node few labels") {
  const Dataset data = labelled_dataset(1000, 10, 1);
  const Partition p = split(json{{"kind", "shards"}}, data, 10);
  CHECK(exact_cover(p, 1000));
  // 20 shards of 50 samples, each within one label of 100 samples.
  for (const auto& node : p) {
    CHECK(node.size() == 100);
    CHECK(labels_of(node, data) <= 2);
  }
  const Partition three = split(json{{"kind", "shards"}, {"shards", 3}}, data, 7);
  CHECK(exact_cover(three, 1000));
  for (const auto& node : three) CHECK(labels_of(node, data) <= 6);  // a shard spans <= 2 labels
  CHECK(split(json{{"kind", "shards"}}, data, 10) == p);
}

TEST_CASE("dirichlet skew follows alpha") {
  const Dataset data = labelled_dataset(2000, 10, 1);
  const Partition skewed = split(json{{"kind", "dirichlet"}, {"alpha", 0.1}}, data, 10);
  const Partition even = split(json{{"kind", "dirichlet"}, {"alpha", 1000.0}}, data, 10);
  CHECK(exact_cover(skewed, 2000));
  CHECK(exact_cover(even, 2000));
  for (const auto& node : skewed) CHECK(node.size() >= 8);
  CHECK(mean_top_label_share(skewed, data) > 0.5);
  CHECK(mean_top_label_share(even, data) < 0.15);
  for (const auto& node : even) CHECK(std::abs(static_cast<double>(node.size()) - 200) < 30);
  // Tiny alpha must not underflow into empty or NaN proportions.
  const Partition tiny =
      split(json{{"kind", "dirichlet"}, {"alpha", 1e-4}, {"min_samples", 1}}, data, 5);
  CHECK(exact_cover(tiny, 2000));
  CHECK(split(json{{"kind", "dirichlet"}, {"alpha", 0.1}}, data, 10) == skewed);
}

TEST_CASE("impossible splits fail clearly") {
  const Dataset data = labelled_dataset(10, 2, 1);
  CHECK(config_error([&] {
          split(json{{"kind", "iid"}}, data, 11);
        }) == "data.partition.kind: \"iid\" cannot split 10 training samples among 11 nodes");
  CHECK(contains(config_error([&] {
                   split(json{{"kind", "shards"}, {"shards", 3}}, data, 4);
                 }),
                 "data.partition.shards: 3 makes 12 shards for 4 nodes but there are only 10"));
  CHECK(
      contains(config_error([&] {
                 split(json{{"kind", "dirichlet"}}, data, 2);
               }),
               "data.partition.min_samples: 8 is impossible for 2 nodes with 10 training samples"));
  CHECK(contains(config_error([&] {
                   split(json{{"kind", "dirichlet"}, {"alpha", 0}}, data, 2);
                 }),
                 "data.partition.alpha: 0 must be greater than 0"));
  // Each class lands on one node with a tiny alpha, so 20 nodes can never all get samples.
  const Dataset two = labelled_dataset(400, 2, 1);
  CHECK(contains(config_error([&] {
                   split(json{{"kind", "dirichlet"}, {"alpha", 1e-3}}, two, 20);
                 }),
                 "data.partition.alpha: 0.001 gave some node fewer than min_samples = 8"));
}
