#include <fmt/format.h>

#include "topologies/generators.hpp"

namespace dlsim {

namespace {
// The most square split rows * cols = nodes with rows <= cols.
int squarest_rows(int nodes) {
  int rows = 1;
  for (int r = 1; static_cast<int64_t>(r) * r <= nodes; ++r)
    if (nodes % r == 0) rows = r;
  return rows;
}

Graph make_torus(const Params& params, int nodes, Rng&) {
  int rows = squarest_rows(nodes);
  if (!params.is_null("rows")) {
    const int64_t wanted = params.integer("rows");
    if (wanted > nodes || nodes % wanted != 0)
      params.fail("rows", fmt::format("does not divide the {} nodes; expected a divisor of {} "
                                      "(or null for the most square grid)",
                                      nodes, nodes));
    rows = static_cast<int>(wanted);
  }
  const int cols = nodes / rows;
  Graph g(nodes);
  // Right and down neighbours cover every edge once; with 1 or 2 rows (or columns) the wrapped
  // neighbour is the node itself or the other side, which add_edge/finalize drop.
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int v = r * cols + c;
      g.add_edge(v, r * cols + (c + 1) % cols);
      g.add_edge(v, ((r + 1) % rows) * cols + c);
    }
  g.finalize();
  return g;
}
}  // namespace

Component<TopologyMaker> torus_topology() {
  return {"torus",
          "2-D grid with wrap-around: up to 4 neighbours per node",
          {integer_param("rows", nullptr, "grid rows (null: the most square rows x cols = nodes)")
               .min(1)
               .optional()},
          make_torus};
}

}  // namespace dlsim
