// Simulated faults: crashes (with and without recovery), link failure and degradation, message
// loss; and clear errors for bad fault entries.
#include "harness.hpp"

using namespace harness;

namespace {

double num(const Row& row, const std::string& key) {
  return std::stod(row.at(key));
}

// The small scenario with a short receive timeout, so that a missing peer costs 1 s per round.
json faulty(json faults) {
  json s = small_scenario();
  s["protocol"] = {{"kind", "dpsgd"}, {"receive_timeout", "1s"}};
  s["training"]["local_steps"] = 5;
  s["faults"] = std::move(faults);
  return s;
}

const Row& node_row(const std::vector<Row>& nodes, const std::string& round,
                    const std::string& id) {
  for (const auto& n : nodes)
    if (n.at("round") == round && n.at("node") == id) return n;
  FAIL("no row for node " << id << " at round " << round);
  return nodes.front();
}

}  // namespace

TEST_CASE("a crashed node stops; the others miss its messages and keep learning") {
  TempDir dir;
  const Result r = run_scenario(dir, faulty({{{"kind", "crash"}, {"node", 2}, {"round", 4}}}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto rounds = read_csv(dir / "out" / "rounds.csv");
  REQUIRE(rounds.size() == 11);
  for (int round = 1; round <= 10; ++round) {
    const Row& row = rounds[round];
    CHECK(row.at("alive") == (round < 4 ? "8" : "7"));
    // Node 2's 3 neighbours wait for it in vain; their 3 messages to it are refused.
    CHECK(row.at("missed") == (round < 4 ? "0" : "3"));
    CHECK(row.at("lost") == (round < 4 ? "0" : "3"));
    CHECK(row.at("messages") == (round < 4 ? "24" : "21"));
  }
  // Each round with a missing peer waits the 1 s timeout.
  CHECK(num(rounds[5], "sim_time_s") - num(rounds[4], "sim_time_s") > 1.0);
  CHECK(num(rounds[10], "test_accuracy") > num(rounds[0], "test_accuracy") + 0.2);
  const auto nodes = read_csv(dir / "out" / "nodes.csv");
  CHECK(node_row(nodes, "0", "2").at("status") == "up");
  CHECK(node_row(nodes, "5", "2").at("status") == "crashed");
  CHECK(node_row(nodes, "10", "2").at("status") == "crashed");
  CHECK(node_row(nodes, "10", "2").at("messages_sent") == "9");  // rounds 1 to 3
  CHECK(node_row(nodes, "10", "3").at("status") == "up");
  const json summary = read_json(dir / "out" / "summary.json");
  CHECK(summary["totals"]["lost_messages"] == 21);
}

TEST_CASE("a crashed node recovers with its state and rejoins") {
  TempDir dir;
  const Result r = run_scenario(
      dir, faulty({{{"kind", "crash"}, {"node", 2}, {"round", 3}, {"recover_round", 6}}}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto rounds = read_csv(dir / "out" / "rounds.csv");
  for (int round = 1; round <= 10; ++round) {
    const bool down = round >= 3 && round < 6;
    CHECK(rounds[round].at("alive") == (down ? "7" : "8"));
    CHECK(rounds[round].at("lost") == (down ? "3" : "0"));
    // Round 6 may still miss a few: nodes two hops away went on ahead while their neighbours
    // waited for the crashed node, and waited in turn; by round 8 all is in step again.
    if (down || round >= 8) CHECK(rounds[round].at("missed") == (down ? "3" : "0"));
  }
  const auto nodes = read_csv(dir / "out" / "nodes.csv");
  CHECK(node_row(nodes, "5", "2").at("status") == "crashed");
  CHECK(node_row(nodes, "10", "2").at("status") == "up");
  CHECK(node_row(nodes, "10", "2").at("messages_sent") == "21");  // rounds 1, 2 and 6 to 10
  // Back in the gossip, its model caught up with the others'.
  CHECK(num(node_row(nodes, "10", "2"), "test_accuracy") >
        num(node_row(nodes, "0", "2"), "test_accuracy") + 0.2);
}

TEST_CASE("a link failure loses the messages on it, and they flow again after it") {
  TempDir base_dir;
  REQUIRE(run_scenario(base_dir, faulty(json::array())).exit_code == 0);
  const auto base = read_csv(base_dir / "out" / "rounds.csv");
  const double start = num(base[3], "sim_time_s") + 1e-4;  // during round 4
  TempDir dir;
  const Result r = run_scenario(
      dir,
      faulty({{{"kind", "link-failure"}, {"node", 2}, {"start", start}, {"end", start + 2.5}}}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto rounds = read_csv(dir / "out" / "rounds.csv");
  uint64_t missed = 0, lost = 0;
  for (int round = 1; round <= 10; ++round) {
    missed += std::stoull(rounds[round].at("missed"));
    lost += std::stoull(rounds[round].at("lost"));
  }
  for (int round = 1; round <= 3; ++round) CHECK(rounds[round].at("missed") == "0");
  CHECK(rounds[4].at("missed") != "0");
  CHECK(lost >= 6);       // node 2 to its 3 neighbours and back, at least one round
  CHECK(missed >= lost);  // the lag of a timeout can make a neighbour's neighbour miss too
  CHECK(rounds[10].at("missed") == "0");
  CHECK(rounds[9].at("missed") == "0");
  CHECK(rounds[10].at("alive") == "8");
}

TEST_CASE("a degraded link slows each round by the expected transfer time") {
  json s = small_scenario();
  s["nodes"] = 2;
  s["rounds"] = 5;
  s["topology"] = {{"kind", "full"}};
  s["network"] = {{"bandwidth", "1Mbps"}};
  TempDir base_dir, dir;
  REQUIRE(run_scenario(base_dir, s).exit_code == 0);
  s["faults"] = {{{"kind", "degradation"}, {"node", 0}, {"start", 0}, {"bandwidth_factor", 0.1}},
                 {{"kind", "degradation"}, {"node", 1}, {"start", 0}, {"bandwidth_factor", 0.1}}};
  const Result r = run_scenario(dir, s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const json base = read_json(base_dir / "out" / "summary.json");
  const json slow = read_json(dir / "out" / "summary.json");
  const double bytes = base["totals"]["bytes"].get<double>() / 10;  // 2 messages a round
  // Each round's transfer takes size / bandwidth, now 10 times as long.
  const double expected = 5 * bytes * 8 / 1e6 * 9;
  const double extra =
      slow["totals"]["sim_time_s"].get<double>() - base["totals"]["sim_time_s"].get<double>();
  CHECK(extra == doctest::Approx(expected).epsilon(0.02));
  // Tripled latency: each round's message takes 2 x 5 ms more.
  TempDir latency_dir;
  s["faults"] = {{{"kind", "degradation"}, {"node", 0}, {"start", 0}, {"latency_factor", 3}},
                 {{"kind", "degradation"}, {"node", 1}, {"start", 0}, {"latency_factor", 3}}};
  REQUIRE(run_scenario(latency_dir, s).exit_code == 0);
  const json late = read_json(latency_dir / "out" / "summary.json");
  CHECK(late["totals"]["sim_time_s"].get<double>() - base["totals"]["sim_time_s"].get<double>() ==
        doctest::Approx(5 * 2 * 0.005).epsilon(0.02));
}

TEST_CASE("message loss drops about p of the messages, the same with any thread count") {
  TempDir one, two;
  const json s = faulty({{{"kind", "loss"}, {"probability", 0.2}}});
  REQUIRE(run_scenario(one, s, {"--threads", "1"}).exit_code == 0);
  REQUIRE(run_scenario(two, s, {"--threads", "2"}).exit_code == 0);
  CHECK(slurp(one / "out" / "rounds.csv") == slurp(two / "out" / "rounds.csv"));
  CHECK(slurp(one / "out" / "nodes.csv") == slurp(two / "out" / "nodes.csv"));
  const json summary = read_json(one / "out" / "summary.json");
  const int lost = summary["totals"]["lost_messages"];
  CHECK(summary["totals"]["messages"] == 240);
  CHECK(lost > 24);  // 48 expected; sd about 6
  CHECK(lost < 72);
  CHECK(summary["totals"]["missed_messages"] >= lost);
}

TEST_CASE("bad fault entries are refused with the key named") {
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"kind", "crash"}, {"node", 8}, {"round", 2}},
       "faults[0].node: 8 names no node: the nodes are 0 to 7"},
      {{{"kind", "crash"}, {"node", 1}, {"round", 11}},
       "faults[0].round: 11 is beyond the 10 rounds"},
      {{{"kind", "crash"}, {"node", 1}, {"round", 5}, {"recover_round", 3}},
       "faults[0].recover_round"},
      {{{"kind", "crash"}, {"node", 1}, {"rond", 5}}, "did you mean \"round\""},
      {{{"kind", "link-failure"}, {"node", 1}, {"start", -1}}, "faults[0].start"},
      {{{"kind", "degradation"}, {"node", 1}, {"start", 2}, {"end", 1}},
       "faults[0].end: 1 is not after start"},
      {{{"kind", "loss"}, {"probability", 1.5}}, "faults[0].probability"},
      {{{"kind", "explode"}}, "faults[0].kind: unknown fault \"explode\""},
  };
  for (const auto& [entry, expected] : cases) {
    TempDir dir;
    const Result r = run_scenario(dir, faulty(json::array({entry})));
    CHECK(r.exit_code != 0);
    CHECK_MESSAGE(r.err.find(expected) != std::string::npos, r.err);
    CHECK_FALSE(fs::exists(dir / "out" / "rounds.csv"));
  }
  TempDir omniscient_dir;
  json s = faulty({{{"kind", "crash"}, {"node", 1}, {"round", 2}}});
  s["byzantine"] = {{"count", 1}, {"attack", "alie"}};
  const Result o = run_scenario(omniscient_dir, s);
  CHECK(o.exit_code != 0);
  CHECK_MESSAGE(o.err.find("faults: a crash cannot be combined with an omniscient attack") !=
                    std::string::npos,
                o.err);
  TempDir dir;
  const Result r = run_scenario(dir, faulty({{"kind", "crash"}}));
  CHECK(r.exit_code != 0);
  CHECK_MESSAGE(r.err.find("faults: ") != std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find("a list of objects") != std::string::npos, r.err);
}

TEST_CASE("a transfer cut by a link failure is lost, and the run goes on") {
  json s = small_scenario();
  s["nodes"] = 2;
  s["rounds"] = 5;
  s["topology"] = {{"kind", "full"}};
  s["network"] = {
      {"bandwidth", "1Mbps"}};  // a message takes about 17 ms: 5 ms in, it is on the wire
  s["protocol"] = {{"kind", "dpsgd"}, {"receive_timeout", "0.2s"}};
  s["faults"] = {{{"kind", "link-failure"}, {"node", 0}, {"start", "5ms"}, {"end", "0.5s"}}};
  TempDir dir;
  const Result r = run_scenario(dir, s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto rounds = read_csv(dir / "out" / "rounds.csv");
  CHECK(rounds[1].at("lost") == "2");
  CHECK(rounds[1].at("missed") == "2");
  CHECK(rounds[5].at("lost") == "0");
  CHECK(rounds[5].at("missed") == "0");
}
