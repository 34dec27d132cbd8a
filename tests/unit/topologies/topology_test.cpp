#include <doctest/doctest.h>

#include <algorithm>

#include "topologies/topology.hpp"

using namespace dlsim;

namespace {

std::string error_of(const json& section, int nodes) {
  try {
    Topology topology(section, nodes, 1);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

bool same(const Graph& a, const Graph& b) {
  if (a.size() != b.size()) return false;
  for (int v = 0; v < a.size(); ++v)
    if (!std::ranges::equal(a.neighbors(v), b.neighbors(v))) return false;
  return true;
}

}  // namespace

TEST_CASE("every registered topology builds a connected graph") {
  for (const auto& entry : topology_registry().entries()) {
    if (entry.name == "file") continue;  // needs a file; see file_test.cpp
    CAPTURE(entry.name);
    Topology topology(json{{"kind", entry.name}}, 64, 5);
    CHECK(topology.at_round(0)->size() == 64);
    CHECK(topology.at_round(0)->connected());
    CHECK(topology.params().values()["kind"] == entry.name);
  }
}

TEST_CASE("a static topology is the same graph every round") {
  Topology topology(json{{"kind", "regular"}}, 50, 9);
  CHECK_FALSE(topology.dynamic());
  const Graph& first = *topology.at_round(0);
  CHECK(topology.at_round(7).get() == &first);
  CHECK(topology.at_round(1000).get() == &first);
}

TEST_CASE("a dynamic topology is re-sampled every round, the same for a round") {
  const json section = {{"kind", "regular"}, {"degree", 4}, {"dynamic", true}};
  Topology a(section, 100, 3), b(section, 100, 3);
  CHECK(a.dynamic());
  const Graph r0 = *a.at_round(0), r1 = *a.at_round(1), r2 = *a.at_round(2);
  CHECK_FALSE(same(r0, r1));
  CHECK_FALSE(same(r1, r2));
  for (const Graph* g : {&r0, &r1, &r2}) {
    CHECK(g->connected());
    for (int v = 0; v < g->size(); ++v) CHECK(g->degree(v) == 4);
  }
  // Another instance (another process, say) sees the same graph for a round, in any order.
  CHECK(same(*b.at_round(2), r2));
  CHECK(same(*b.at_round(0), r0));
  CHECK(same(*b.at_round(1), r1));
  // Rounds long evicted from the cache are rebuilt identically.
  for (int r = 3; r < 100; ++r) a.at_round(r);
  CHECK(same(*a.at_round(1), r1));
  CHECK(same(*a.at_round(99), *b.at_round(99)));
  // Round 0 of a dynamic topology is the static topology's graph.
  Topology fixed(json{{"kind", "regular"}, {"degree", 4}}, 100, 3);
  CHECK(same(*fixed.at_round(0), r0));
}

TEST_CASE("a dynamic round's graph stays put while nodes drift apart") {
  Topology topology(json{{"kind", "regular"}, {"dynamic", true}}, 40, 8);
  const auto shared = topology.at_round(1);
  const Graph copy = *shared;
  for (int r = 2; r <= 1 + Topology::kKeptRounds; ++r) topology.at_round(r);
  CHECK(topology.at_round(1) == shared);  // still cached
  for (int r = 2 + Topology::kKeptRounds; r < 200; ++r) topology.at_round(r);
  CHECK(same(*shared, copy));  // evicted from the cache, kept alive by its holder
  CHECK(same(*topology.at_round(1), copy));
}

TEST_CASE("a dynamic topology that draws no random numbers stays static") {
  Topology ring(json{{"kind", "ring"}, {"dynamic", true}}, 10, 1);
  CHECK_FALSE(ring.dynamic());
  CHECK(ring.at_round(3) == ring.at_round(0));
  Topology er(json{{"kind", "erdos-renyi"}, {"dynamic", true}}, 40, 1);
  CHECK(er.dynamic());
  CHECK_FALSE(same(*er.at_round(0), *er.at_round(1)));
}

TEST_CASE("topology errors name the key, the value and what was expected") {
  CHECK(error_of({{"kind", "regular"}, {"degree", 4}}, 4) ==
        "topology.degree: 4 is too large for 4 nodes: a 4-regular graph needs more than 4 nodes");
  CHECK(error_of({{"kind", "regular"}, {"degree", 3}}, 7) ==
        "topology.degree: 3 is odd and so is the node count 7: nodes * degree must be even "
        "(every edge has two ends)");
  CHECK(error_of({{"kind", "regular"}, {"degree", 1}}, 6) ==
        "topology.degree: 1 gives disjoint pairs on 6 nodes, which are not connected; expected "
        "degree >= 2 (or exactly 2 nodes)");
  CHECK(error_of({{"kind", "regular"}, {"degree", 0}}, 6) ==
        "topology.degree: got 0 (an integer), expected an integer >= 1");
  CHECK(error_of({{"kind", "torus"}, {"rows", 5}}, 12) ==
        "topology.rows: 5 does not divide the 12 nodes; expected a divisor of 12 (or null for the "
        "most square grid)");
  CHECK(error_of({{"kind", "star"}, {"center", 10}}, 10) ==
        "topology.center: 10 is not a node: expected a node id in [0, 10)");
  CHECK(error_of({{"kind", "small-world"}, {"degree", 3}}, 10) ==
        "topology.degree: 3 is odd: expected an even degree (degree/2 neighbours on each side)");
  CHECK(error_of({{"kind", "small-world"}, {"degree", 10}}, 10) ==
        "topology.degree: 10 is too large for 10 nodes: a ring lattice of degree 10 needs more "
        "than 10 nodes");
  CHECK(error_of({{"kind", "erdos-renyi"}, {"p", 0.001}}, 100)
            .starts_with("topology.p: 0.001 gave no connected graph on 100 nodes in 100 attempts; "
                         "expected p well "
                         "above the connectivity threshold ln(n)/n = 0.04605"));
  CHECK(error_of({{"kind", "erdos-renyi"}, {"p", 1.5}}, 10) ==
        "topology.p: got 1.5 (a number), expected a number in [0, 1]");
  CHECK(error_of({{"kind", "ring"}}, 0) == "topology: needs at least 1 node, got 0");
  CHECK(error_of({{"kind", "ring"}, {"degree", 2}}, 5) ==
        "topology.degree: unknown key; valid keys here: kind, dynamic");
  CHECK(error_of({{"kind", "regular"}, {"dynamc", true}}, 5) ==
        "topology.dynamc: unknown key (did you mean \"dynamic\"?); valid keys here: kind, "
        "dynamic, degree");
}

TEST_CASE("unknown kind suggests the closest one") {
  CHECK(error_of({{"kind", "rign"}}, 10) ==
        "topology.kind: unknown topology \"rign\" (did you mean \"ring\"?); expected one of: ring, "
        "regular, full, torus, erdos-renyi, small-world, star, file");
  CHECK(error_of({{"kind", "smallworld"}}, 10).find("did you mean \"small-world\"?") !=
        std::string::npos);
  CHECK(error_of({{"kind", "erdos_renyi"}}, 10).find("did you mean \"erdos-renyi\"?") !=
        std::string::npos);
  CHECK(error_of({{"kind", 3}}, 10) == "topology.kind: got 3, expected a string naming a topology");
}
