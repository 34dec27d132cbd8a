#include "topologies/generators.hpp"

namespace dlsim {

namespace {
Graph make_ring(const Params&, int nodes, Rng&) {
  Graph g(nodes);
  // With 2 nodes both sides are the same edge, and add_edge drops the duplicate.
  for (int i = 0; i + 1 < nodes; ++i) g.add_edge(i, i + 1);
  if (nodes > 2) g.add_edge(nodes - 1, 0);
  g.finalize();
  return g;
}
}  // namespace

Component<TopologyMaker> ring_topology() {
  return {"ring", "a cycle: node i is linked to i-1 and i+1 (wrapping)", {}, make_ring};
}

}  // namespace dlsim
