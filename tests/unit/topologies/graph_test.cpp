#include <doctest/doctest.h>

#include <cmath>

#include "topologies/graph.hpp"
#include "topologies/topology.hpp"

using namespace dlsim;

TEST_CASE("graph drops self-loops and duplicate edges and sorts neighbours") {
  Graph g(4);
  g.add_edge(2, 0);
  g.add_edge(0, 2);
  g.add_edge(1, 1);
  g.add_edge(0, 1);
  g.add_edge(3, 2);
  g.finalize();
  CHECK(g.size() == 4);
  CHECK(g.edge_count() == 3);
  CHECK(g.degree(0) == 2);
  CHECK(g.degree(1) == 1);
  CHECK(std::vector<int>(g.neighbors(0).begin(), g.neighbors(0).end()) == std::vector<int>{1, 2});
  CHECK(g.has_edge(0, 2));
  CHECK(g.has_edge(2, 0));
  CHECK_FALSE(g.has_edge(1, 1));
  CHECK_FALSE(g.has_edge(1, 3));
  CHECK_FALSE(g.has_edge(0, 9));
  CHECK(g.connected());
}

TEST_CASE("graph connectivity") {
  CHECK(Graph(0).connected());
  CHECK(Graph(1).connected());
  CHECK_FALSE(Graph(2).connected());
  Graph g(4);
  g.add_edge(0, 1);
  g.add_edge(2, 3);
  g.finalize();
  CHECK_FALSE(g.connected());
  g.add_edge(1, 2);
  g.finalize();
  CHECK(g.connected());
}

TEST_CASE("graph rejects node ids out of range") {
  Graph g(3);
  CHECK_THROWS_AS(g.add_edge(0, 3), std::out_of_range);
  CHECK_THROWS_AS(g.add_edge(-1, 0), std::out_of_range);
}

TEST_CASE("Metropolis-Hastings weights sum to 1 and are symmetric") {
  const std::vector<json> sections = {
      {{"kind", "ring"}},  {{"kind", "star"}},        {{"kind", "regular"}, {"degree", 5}},
      {{"kind", "torus"}}, {{"kind", "erdos-renyi"}}, {{"kind", "small-world"}, {"beta", 0.3}},
      {{"kind", "full"}},
  };
  for (const auto& section : sections) {
    CAPTURE(section.dump());
    Topology topology(section, 30, 7);
    const Graph& g = *topology.at_round(0);
    for (int v = 0; v < g.size(); ++v) {
      double total = mh_self_weight(g, v);
      CHECK(total >= 0.0);
      for (int u : g.neighbors(v)) {
        const double w = mh_weight(g.degree(v), g.degree(u));
        CHECK(w == mh_weight(g.degree(u), g.degree(v)));
        CHECK(w > 0.0);
        total += w;
      }
      CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
    }
  }
}

TEST_CASE("MH self weight on a star") {
  Topology topology(json{{"kind", "star"}}, 5, 1);
  const Graph& g = *topology.at_round(0);
  // Every link is weighted 1/(1+4): the hub keeps 1 - 4/5, a leaf 1 - 1/5.
  CHECK(mh_self_weight(g, 0) == doctest::Approx(0.2));
  CHECK(mh_self_weight(g, 3) == doctest::Approx(0.8));
}
