#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "topologies/topology.hpp"

using namespace dlsim;

namespace {

Graph build(const json& section, int nodes, uint64_t seed = 1) {
  Topology topology(section, nodes, seed);
  return *topology.at_round(0);
}

bool same(const Graph& a, const Graph& b) {
  if (a.size() != b.size()) return false;
  for (int v = 0; v < a.size(); ++v)
    if (!std::ranges::equal(a.neighbors(v), b.neighbors(v))) return false;
  return true;
}

bool all_degrees(const Graph& g, int degree) {
  for (int v = 0; v < g.size(); ++v)
    if (g.degree(v) != degree) return false;
  return true;
}

}  // namespace

TEST_CASE("ring") {
  for (int n : {3, 4, 17, 100}) {
    CAPTURE(n);
    const Graph g = build({{"kind", "ring"}}, n);
    CHECK(g.edge_count() == static_cast<size_t>(n));
    CHECK(all_degrees(g, 2));
    CHECK(g.has_edge(0, n - 1));
    CHECK(g.has_edge(5 % n, 6 % n));
    CHECK(g.connected());
  }
  const Graph two = build({{"kind", "ring"}}, 2);
  CHECK(two.edge_count() == 1);
  CHECK(build({{"kind", "ring"}}, 1).edge_count() == 0);
}

TEST_CASE("full") {
  for (int n : {1, 2, 5, 40}) {
    const Graph g = build({{"kind", "full"}}, n);
    CHECK(g.edge_count() == static_cast<size_t>(n * (n - 1) / 2));
    CHECK(all_degrees(g, n - 1));
    CHECK(g.connected());
  }
}

TEST_CASE("star") {
  const Graph g = build({{"kind", "star"}}, 10);
  CHECK(g.degree(0) == 9);
  for (int v = 1; v < 10; ++v) CHECK(g.neighbors(v)[0] == 0);
  CHECK(g.edge_count() == 9);
  const Graph moved = build({{"kind", "star"}, {"center", 4}}, 10);
  CHECK(moved.degree(4) == 9);
  CHECK(moved.degree(0) == 1);
  CHECK(moved.connected());
}

TEST_CASE("torus") {
  SUBCASE("most square grid by default") {
    const Graph g = build({{"kind", "torus"}}, 12);  // 3 x 4
    CHECK(all_degrees(g, 4));
    CHECK(g.edge_count() == 24);
    CHECK(g.has_edge(0, 1));
    CHECK(g.has_edge(0, 3));  // wraps along the row
    CHECK(g.has_edge(0, 4));
    CHECK(g.has_edge(0, 8));  // wraps along the column
    CHECK(g.connected());
  }
  SUBCASE("explicit rows") {
    const Graph g = build({{"kind", "torus"}, {"rows", 4}}, 20);  // 4 x 5
    CHECK(all_degrees(g, 4));
    CHECK(g.has_edge(0, 15));
    CHECK(g.connected());
  }
  SUBCASE("small dimensions: coinciding wrap neighbours count once") {
    CHECK(all_degrees(build({{"kind", "torus"}, {"rows", 2}}, 6), 3));  // 2 x 3
    CHECK(all_degrees(build({{"kind", "torus"}, {"rows", 2}}, 4), 2));  // 2 x 2: a 4-cycle
    CHECK(all_degrees(build({{"kind", "torus"}}, 7), 2));               // prime: 1 x 7, a ring
    CHECK(build({{"kind", "torus"}, {"rows", 2}}, 2).edge_count() == 1);
  }
}

TEST_CASE("regular") {
  for (auto nk : std::vector<std::pair<int, int>>{{2, 1},
                                                  {3, 2},
                                                  {10, 2},
                                                  {4, 3},
                                                  {5, 4},
                                                  {6, 3},
                                                  {6, 4},
                                                  {6, 5},
                                                  {8, 7},
                                                  {9, 8},
                                                  {10, 3},
                                                  {12, 9},
                                                  {50, 4},
                                                  {101, 6},
                                                  {1000, 4}}) {
    const int n = nk.first, k = nk.second;  // clang 14 cannot capture structured bindings
    CAPTURE(n);
    CAPTURE(k);
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      const Graph g = build({{"kind", "regular"}, {"degree", k}}, n, seed);
      CHECK(all_degrees(g, k));
      CHECK(g.edge_count() == static_cast<size_t>(n * k / 2));
      CHECK(g.connected());
    }
  }
}

TEST_CASE("regular is the default kind and scales to 10,000 nodes") {
  const Graph g = build(json::object(), 10000);
  CHECK(all_degrees(g, 4));
  const Graph six = build({{"degree", 6}}, 10000);
  CHECK(all_degrees(six, 6));
  CHECK(six.connected());
}

TEST_CASE("erdos-renyi") {
  const Graph g = build({{"kind", "erdos-renyi"}}, 500);
  CHECK(g.connected());
  // 2 ln(n)/n gives about ln(n) * (n - 1) edges on average.
  const double expected = std::log(500.0) * 499.0;
  CHECK(static_cast<double>(g.edge_count()) == doctest::Approx(expected).epsilon(0.1));
  const Graph dense = build({{"kind", "erdos-renyi"}, {"p", 0.5}}, 200, 3);
  CHECK(static_cast<double>(dense.edge_count()) == doctest::Approx(0.5 * 199 * 100).epsilon(0.05));
  CHECK(build({{"kind", "erdos-renyi"}, {"p", 1}}, 20).edge_count() == 190);
  CHECK(build({{"kind", "erdos-renyi"}}, 1).connected());
  CHECK(build({{"kind", "erdos-renyi"}}, 2).edge_count() == 1);
}

TEST_CASE("small-world") {
  const Graph lattice = build({{"kind", "small-world"}, {"beta", 0}}, 20);
  CHECK(all_degrees(lattice, 4));
  CHECK(lattice.has_edge(0, 2));
  CHECK(lattice.has_edge(0, 18));
  const Graph g = build({{"kind", "small-world"}, {"degree", 6}, {"beta", 0.2}}, 300);
  CHECK(g.connected());
  CHECK(g.edge_count() == 900);  // rewiring moves links, never adds or removes them
  int far = 0;
  for (int v = 0; v < g.size(); ++v)
    for (int u : g.neighbors(v)) {
      const int d = std::abs(u - v);
      far += std::min(d, 300 - d) > 3;
    }
  CHECK(far > 0);
  CHECK(build({{"kind", "small-world"}, {"degree", 2}, {"beta", 1}}, 3).edge_count() == 3);
}

TEST_CASE("random topologies are deterministic for a seed and differ between seeds") {
  const std::vector<json> sections = {
      {{"kind", "regular"}, {"degree", 6}},
      {{"kind", "regular"}, {"degree", 2}},
      {{"kind", "erdos-renyi"}},
      {{"kind", "small-world"}},
  };
  for (const auto& section : sections) {
    CAPTURE(section.dump());
    CHECK(same(build(section, 200, 42), build(section, 200, 42)));
    CHECK_FALSE(same(build(section, 200, 42), build(section, 200, 43)));
  }
}
