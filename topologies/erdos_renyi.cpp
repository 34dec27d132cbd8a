#include <fmt/format.h>
#include <cmath>

#include "topologies/generators.hpp"

namespace dlsim {

namespace {

constexpr int kAttempts = 100;

// G(n, p) in O(n + edges): instead of a coin per pair, jump over the pairs without an edge by a
// geometric number of steps (pairs are walked in the order (1,0), (2,0), (2,1), (3,0)...).
Graph sample_gnp(int nodes, double p, Rng& rng) {
  Graph g(nodes);
  if (p >= 1.0) {
    for (int i = 0; i < nodes; ++i)
      for (int j = i + 1; j < nodes; ++j) g.add_edge(i, j);
  } else if (p > 0.0) {
    const double log_q = std::log1p(-p);
    int64_t v = 1, w = -1;
    while (v < nodes) {
      w += 1 + static_cast<int64_t>(std::floor(std::log1p(-rng.uniform()) / log_q));
      while (w >= v && v < nodes) w -= v++;
      if (v < nodes) g.add_edge(static_cast<int>(v), static_cast<int>(w));
    }
  }
  g.finalize();
  return g;
}

Graph make_erdos_renyi(const Params& params, int nodes, Rng& rng) {
  const double n = nodes;
  // Twice the connectivity threshold ln(n)/n: connected with high probability, yet sparse.
  const double p = params.is_null("p") ? std::min(1.0, 2.0 * std::log(n) / n) : params.real("p");
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    Graph g = sample_gnp(nodes, p, rng);
    if (g.connected()) return g;
  }
  params.fail("p", fmt::format("gave no connected graph on {} nodes in {} attempts; expected p "
                               "well above the connectivity threshold ln(n)/n = {:.4g} (null "
                               "picks 2 ln(n)/n = {:.4g})",
                               nodes, kAttempts, std::log(n) / n, 2.0 * std::log(n) / n));
}

}  // namespace

Component<TopologyMaker> erdos_renyi_topology() {
  return {"erdos-renyi",
          "random graph: each pair linked with probability p, resampled until connected",
          {real_param("p", nullptr, "edge probability (null: 2 ln(n)/n)").range(0, 1).optional()},
          make_erdos_renyi};
}

}  // namespace dlsim
