#include <fmt/format.h>

#include "topologies/generators.hpp"

namespace dlsim {

namespace {
Graph make_star(const Params& params, int nodes, Rng&) {
  const int64_t center = params.integer("center");
  if (center >= nodes)
    params.fail("center", fmt::format("is not a node: expected a node id in [0, {})", nodes));
  Graph g(nodes);
  for (int i = 0; i < nodes; ++i) g.add_edge(static_cast<int>(center), i);
  g.finalize();
  return g;
}
}  // namespace

Component<TopologyMaker> star_topology() {
  return {"star",
          "one hub linked to every other node",
          {integer_param("center", 0, "the hub's node id").min(0)},
          make_star};
}

}  // namespace dlsim
