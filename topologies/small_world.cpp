#include <fmt/format.h>
#include <algorithm>

#include "topologies/generators.hpp"

namespace dlsim {

namespace {

constexpr int kAttempts = 100;

// Watts-Strogatz: a ring lattice where node i links to the degree/2 next nodes, then each lattice
// edge keeps i and moves its far end to a uniform random node with probability beta.
Graph sample_small_world(int nodes, int degree, double beta, Rng& rng) {
  std::vector<std::vector<int>> adjacency(nodes);
  auto linked = [&](int a, int b) {
    return std::find(adjacency[a].begin(), adjacency[a].end(), b) != adjacency[a].end();
  };
  auto unlink = [&](int a, int b) {
    std::erase(adjacency[a], b);
    std::erase(adjacency[b], a);
  };
  auto link = [&](int a, int b) {
    adjacency[a].push_back(b);
    adjacency[b].push_back(a);
  };
  for (int i = 0; i < nodes; ++i)
    for (int j = 1; j <= degree / 2; ++j) link(i, (i + j) % nodes);
  // Rewire by distance first, as in the original model, so short links are visited before the
  // rewiring of longer ones could have removed them.
  for (int j = 1; j <= degree / 2; ++j)
    for (int i = 0; i < nodes; ++i) {
      const int far = (i + j) % nodes;
      if (rng.uniform() >= beta || !linked(i, far)) continue;
      if (static_cast<int>(adjacency[i].size()) >= nodes - 1) continue;  // nowhere new to go
      int target = static_cast<int>(rng.below(nodes));
      while (target == i || linked(i, target)) target = static_cast<int>(rng.below(nodes));
      unlink(i, far);
      link(i, target);
    }
  Graph g(nodes);
  for (int i = 0; i < nodes; ++i)
    for (int j : adjacency[i])
      if (i < j) g.add_edge(i, j);
  g.finalize();
  return g;
}

Graph make_small_world(const Params& params, int nodes, Rng& rng) {
  const int64_t degree = params.integer("degree");
  if (degree % 2 != 0)
    params.fail("degree", "is odd: expected an even degree (degree/2 neighbours on each side)");
  if (degree >= nodes)
    params.fail("degree", fmt::format("is too large for {} nodes: a ring lattice of degree {} "
                                      "needs more than {} nodes",
                                      nodes, degree, degree));
  const double beta = params.real("beta");
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    Graph g = sample_small_world(nodes, static_cast<int>(degree), beta, rng);
    if (g.connected()) return g;
  }
  params.fail("beta", fmt::format("gave no connected graph on {} nodes with degree {} in {} "
                                  "attempts; expected a larger degree or a smaller beta",
                                  nodes, degree, kAttempts));
}

}  // namespace

Component<TopologyMaker> small_world_topology() {
  return {"small-world",
          "Watts-Strogatz: a ring lattice with randomly rewired links, resampled until connected",
          {integer_param("degree", 4, "neighbours per node before rewiring (even)").min(2),
           real_param("beta", 0.1, "probability of rewiring each link").range(0, 1)},
          make_small_world};
}

}  // namespace dlsim
