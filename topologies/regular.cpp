#include <fmt/format.h>
#include <algorithm>
#include <optional>
#include <utility>

#include "topologies/generators.hpp"

namespace dlsim {

namespace {

constexpr int kAttempts = 100;
// Shuffles of the leftover stubs that may pair none of them before the rest are spliced in.
constexpr int kStalledPasses = 4;
// Random edges tried when splicing one leftover pair of stubs into the graph.
constexpr int kSpliceTries = 256;

// A simple graph under construction. Lists stay short (at most `degree`), so a linear scan is the
// fastest membership test; the edge list lets splicing pick a uniform random edge.
class Builder {
 public:
  Builder(int nodes, int degree) : adjacency_(nodes) {
    for (auto& list : adjacency_) list.reserve(degree);
    edges_.reserve(static_cast<size_t>(nodes) * degree / 2);
  }

  bool can_link(int a, int b) const {
    return a != b &&
           std::find(adjacency_[a].begin(), adjacency_[a].end(), b) == adjacency_[a].end();
  }

  void link(int a, int b) {
    adjacency_[a].push_back(b);
    adjacency_[b].push_back(a);
    edges_.emplace_back(a, b);
  }

  // Uses the free stubs of u and v (u may equal v) by replacing a random edge a-b with u-a and
  // v-b: every degree stays as it should and the graph stays simple.
  bool splice(int u, int v, Rng& rng) {
    if (edges_.empty()) return false;
    for (int t = 0; t < kSpliceTries; ++t) {
      const size_t e = rng.below(edges_.size());
      auto [a, b] = edges_[e];
      if (rng.below(2)) std::swap(a, b);
      if (a == u || a == v || b == u || b == v) continue;
      if (!can_link(u, a) || !can_link(v, b)) continue;
      unlink(e);
      link(u, a);
      link(v, b);
      return true;
    }
    return false;
  }

  Graph graph() const {
    Graph g(static_cast<int>(adjacency_.size()));
    for (auto [a, b] : edges_) g.add_edge(a, b);
    g.finalize();
    return g;
  }

 private:
  void unlink(size_t e) {
    const auto [a, b] = edges_[e];
    erase_one(adjacency_[a], b);
    erase_one(adjacency_[b], a);
    edges_[e] = edges_.back();
    edges_.pop_back();
  }
  static void erase_one(std::vector<int>& list, int x) {
    auto it = std::find(list.begin(), list.end(), x);
    *it = list.back();
    list.pop_back();
  }

  std::vector<std::vector<int>> adjacency_;
  std::vector<std::pair<int, int>> edges_;
};

// One attempt of the pairing model: every node gets `degree` stubs, stubs are shuffled and paired,
// and pairs that would make a self-loop or a repeated edge go back to the pool for the next
// shuffle. Restarting the whole pairing on the first bad pair succeeds with probability about
// exp((1 - k^2) / 4), far too rarely for k = 6; re-pairing only the bad stubs keeps one attempt
// O(nodes * degree). The last few stubs that cannot pair with each other are spliced into random
// edges. The result is close to, though not exactly, uniform over simple k-regular graphs.
std::optional<Graph> try_regular(int nodes, int degree, bool connected, Rng& rng) {
  Builder builder(nodes, degree);
  std::vector<int> pool, rest;
  pool.reserve(static_cast<size_t>(nodes) * degree);
  rest.reserve(pool.capacity());
  for (int v = 0; v < nodes; ++v) pool.insert(pool.end(), degree, v);
  for (int stalled = 0; !pool.empty() && stalled < kStalledPasses;) {
    rng.shuffle(pool.begin(), pool.end());
    rest.clear();
    for (size_t i = 0; i < pool.size(); i += 2) {
      const int u = pool[i], v = pool[i + 1];
      if (builder.can_link(u, v)) {
        builder.link(u, v);
      } else {
        rest.push_back(u);
        rest.push_back(v);
      }
    }
    stalled = rest.size() == pool.size() ? stalled + 1 : 0;
    pool.swap(rest);
  }
  for (size_t i = 0; i < pool.size(); i += 2)
    if (!builder.splice(pool[i], pool[i + 1], rng)) return std::nullopt;
  Graph g = builder.graph();
  if (connected && !g.connected()) return std::nullopt;
  return g;
}

// Dense graphs leave too few free pairs for the pairing to finish, so they are built as the
// complement of a sparse (nodes-1-degree)-regular graph. With 2 * degree > nodes - 1 any two
// nodes share a neighbour, so the complement is connected whatever the sparse graph is.
std::optional<Graph> try_dense_regular(int nodes, int degree, Rng& rng) {
  const int missing = nodes - 1 - degree;
  std::optional<Graph> sparse =
      missing == 0 ? Graph(nodes) : try_regular(nodes, missing, false, rng);
  if (!sparse) return std::nullopt;
  Graph g(nodes);
  for (int i = 0; i < nodes; ++i)
    for (int j = i + 1; j < nodes; ++j)
      if (!sparse->has_edge(i, j)) g.add_edge(i, j);
  g.finalize();
  return g;
}

// The connected 2-regular graphs are exactly the Hamiltonian cycles: a ring in random order.
Graph random_cycle(int nodes, Rng& rng) {
  std::vector<int> order(nodes);
  for (int i = 0; i < nodes; ++i) order[i] = i;
  rng.shuffle(order.begin(), order.end());
  Graph g(nodes);
  for (int i = 0; i < nodes; ++i) g.add_edge(order[i], order[(i + 1) % nodes]);
  g.finalize();
  return g;
}

Graph make_regular(const Params& params, int nodes, Rng& rng) {
  const int64_t degree = params.integer("degree");
  if (degree >= nodes)
    params.fail("degree", fmt::format("is too large for {} nodes: a {}-regular graph needs more "
                                      "than {} nodes",
                                      nodes, degree, degree));
  if (degree * nodes % 2 != 0)
    params.fail("degree", fmt::format("is odd and so is the node count {}: nodes * degree must be "
                                      "even (every edge has two ends)",
                                      nodes));
  const int k = static_cast<int>(degree);
  if (k == 1) {
    if (nodes != 2)
      params.fail("degree", fmt::format("gives disjoint pairs on {} nodes, which are not "
                                        "connected; expected degree >= 2 (or exactly 2 nodes)",
                                        nodes));
    Graph g(2);
    g.add_edge(0, 1);
    g.finalize();
    return g;
  }
  if (k == 2) return random_cycle(nodes, rng);
  const bool dense = 2 * k > nodes - 1;
  for (int attempt = 0; attempt < kAttempts; ++attempt)
    if (auto g = dense ? try_dense_regular(nodes, k, rng) : try_regular(nodes, k, true, rng))
      return std::move(*g);
  params.fail("degree", fmt::format("gave no connected simple {}-regular graph on {} nodes in {} "
                                    "attempts",
                                    k, nodes, kAttempts));
}

}  // namespace

Component<TopologyMaker> regular_topology() {
  return {"regular",
          "random connected k-regular graph: every node has exactly `degree` neighbours",
          {integer_param("degree", 4, "neighbours per node").min(1)},
          make_regular};
}

}  // namespace dlsim
