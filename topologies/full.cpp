#include "topologies/generators.hpp"

namespace dlsim {

namespace {
Graph make_full(const Params&, int nodes, Rng&) {
  Graph g(nodes);
  for (int i = 0; i < nodes; ++i)
    for (int j = i + 1; j < nodes; ++j) g.add_edge(i, j);
  g.finalize();
  return g;
}
}  // namespace

Component<TopologyMaker> full_topology() {
  return {"full", "fully connected: every node is linked to every other", {}, make_full};
}

}  // namespace dlsim
