// The ways of splitting the training set among nodes, and their registry.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/partition.hpp"

namespace dlsim {

namespace {

void require_samples(const Params& params, int samples, int nodes) {
  if (nodes < 1) params.fail("kind", fmt::format("needs at least one node, got {}", nodes));
  if (samples < nodes)
    params.fail("kind",
                fmt::format("cannot split {} training samples among {} nodes", samples, nodes));
}

// Node i gets items [i*n/nodes, (i+1)*n/nodes): part sizes differ by at most one.
int64_t part_begin(int64_t items, int64_t parts, int64_t i) {
  return i * items / parts;
}

Partition iid(const Params& params, const Dataset& train, int nodes, Rng& rng) {
  require_samples(params, train.size(), nodes);
  std::vector<int32_t> all(static_cast<size_t>(train.size()));
  std::iota(all.begin(), all.end(), 0);
  rng.shuffle(all.begin(), all.end());
  Partition out(static_cast<size_t>(nodes));
  for (int i = 0; i < nodes; ++i) {
    out[i].assign(all.begin() + part_begin(train.size(), nodes, i),
                  all.begin() + part_begin(train.size(), nodes, i + 1));
    std::sort(out[i].begin(), out[i].end());
  }
  return out;
}

// Indices grouped by label, ascending within each label.
std::vector<std::vector<int32_t>> by_label(const Dataset& train) {
  int classes = train.classes;
  for (int32_t label : train.y) classes = std::max(classes, label + 1);
  std::vector<std::vector<int32_t>> groups(static_cast<size_t>(classes));
  for (int32_t i = 0; i < train.size(); ++i) groups[train.y[i]].push_back(i);
  return groups;
}

// McMahan et al. (2017): sort by label, cut into nodes * shards equal shards and deal each node
// `shards` random ones, so that a node sees only a few labels.
Partition shards(const Params& params, const Dataset& train, int nodes, Rng& rng) {
  require_samples(params, train.size(), nodes);
  const int64_t per_node = params.integer("shards");
  const int64_t total = per_node * nodes;
  if (total > train.size())
    params.fail("shards", fmt::format("makes {} shards for {} nodes but there are only {} training "
                                      "samples",
                                      total, nodes, train.size()));
  std::vector<int32_t> sorted;
  sorted.reserve(static_cast<size_t>(train.size()));
  for (const auto& group : by_label(train)) sorted.insert(sorted.end(), group.begin(), group.end());
  std::vector<int64_t> order(static_cast<size_t>(total));
  std::iota(order.begin(), order.end(), 0);
  rng.shuffle(order.begin(), order.end());
  Partition out(static_cast<size_t>(nodes));
  for (int i = 0; i < nodes; ++i) {
    for (int64_t k = 0; k < per_node; ++k) {
      const int64_t shard = order[i * per_node + k];
      out[i].insert(out[i].end(), sorted.begin() + part_begin(train.size(), total, shard),
                    sorted.begin() + part_begin(train.size(), total, shard + 1));
    }
    std::sort(out[i].begin(), out[i].end());
  }
  return out;
}

// log of a Gamma(shape, 1) variate. For shape < 1 it uses Gamma(a) = Gamma(a+1) * U^(1/a), as
// Rng::gamma does, but in logs: with a tiny alpha every variate would underflow to 0 otherwise.
double log_gamma_variate(double shape, Rng& rng) {
  if (shape >= 1) return std::log(rng.gamma(shape));
  double u = rng.uniform();
  while (u <= 0.0) u = rng.uniform();
  return std::log(rng.gamma(shape + 1.0)) + std::log(u) / shape;
}

// Each class is spread over the nodes with proportions drawn from Dirichlet(alpha): small alpha
// gives each node few classes, large alpha approaches iid (Hsu et al. 2019).
Partition dirichlet(const Params& params, const Dataset& train, int nodes, Rng& rng) {
  require_samples(params, train.size(), nodes);
  const double alpha = params.real("alpha");
  if (!(alpha > 0)) params.fail("alpha", "must be greater than 0");
  const int64_t min_samples = params.integer("min_samples");
  if (min_samples * nodes > train.size())
    params.fail("min_samples", fmt::format("is impossible for {} nodes with {} training samples",
                                           nodes, train.size()));
  const auto groups = by_label(train);
  constexpr int kAttempts = 1000;
  std::vector<double> share(static_cast<size_t>(nodes));
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    Partition out(static_cast<size_t>(nodes));
    for (const auto& group : groups) {
      if (group.empty()) continue;
      std::vector<int32_t> items = group;
      rng.shuffle(items.begin(), items.end());
      for (int j = 0; j < nodes; ++j) share[j] = log_gamma_variate(alpha, rng);
      const double top = *std::max_element(share.begin(), share.end());
      double sum = 0;
      for (double& s : share) sum += s = std::exp(s - top);
      // Node j takes the items between the rounded cumulative shares of nodes before and up to j.
      const auto m = static_cast<double>(items.size());
      double cumulative = 0;
      size_t begin = 0;
      for (int j = 0; j < nodes; ++j) {
        cumulative += share[j];
        const size_t end =
            j + 1 == nodes
                ? items.size()
                : std::min(items.size(), static_cast<size_t>(std::llround(cumulative / sum * m)));
        if (end > begin) out[j].insert(out[j].end(), items.begin() + begin, items.begin() + end);
        begin = std::max(begin, end);
      }
    }
    const bool enough = std::all_of(out.begin(), out.end(), [&](const std::vector<int32_t>& part) {
      return static_cast<int64_t>(part.size()) >= min_samples;
    });
    if (!enough) continue;
    for (auto& part : out) std::sort(part.begin(), part.end());
    return out;
  }
  params.fail("alpha", fmt::format("gave some node fewer than min_samples = {} samples in {} draws "
                                   "for {} nodes; raise alpha or lower min_samples",
                                   min_samples, kAttempts, nodes));
}

}  // namespace

const Registry<PartitionMaker>& partition_registry() {
  static const Registry<PartitionMaker> registry(
      "partition",
      {
          {"iid", "shuffle the samples and deal near-equal parts", {}, iid},
          {"shards",
           "sort by label, cut into shards and deal each node a few (McMahan et al.)",
           {integer_param("shards", 2, "shards per node").range(1, 1 << 20)},
           shards},
          {"dirichlet",
           "per-class node proportions drawn from Dirichlet(alpha)",
           {real_param("alpha", 1.0, "concentration, > 0: small is skewed, large near iid").min(0),
            integer_param("min_samples", 8, "resample until every node has at least this many")
                .range(1, 1 << 30)},
           dirichlet},
      });
  return registry;
}

}  // namespace dlsim
