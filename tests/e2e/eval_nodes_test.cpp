// eval.nodes: only a drawn sample of honest nodes is evaluated; the means are over them, and
// nothing else of the run changes. Also what timing.json reports of memory.
#include <set>

#include "harness.hpp"

using namespace harness;

namespace {

double num(const Row& row, const std::string& key) {
  return std::stod(row.at(key));
}

}  // namespace

TEST_CASE("eval.nodes evaluates the same drawn honest nodes each time, and the means are theirs") {
  json s = small_scenario();
  s["byzantine"] = {{"placement", "list"}, {"nodes", {1, 6}}, {"attack", "sign-flip"}};
  TempDir all, some, again;
  REQUIRE(run_scenario(all, s).exit_code == 0);
  s["eval"]["nodes"] = 3;
  const Result r = run_scenario(some, s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  REQUIRE(run_scenario(again, s).exit_code == 0);
  CHECK(slurp(some / "out" / "nodes.csv") == slurp(again / "out" / "nodes.csv"));

  const auto full = read_csv(all / "out" / "nodes.csv");
  const auto part = read_csv(some / "out" / "nodes.csv");
  REQUIRE(full.size() == part.size());                     // every node still has its row
  std::map<std::string, std::set<std::string>> evaluated;  // by round
  std::map<std::string, double> sum;
  for (size_t i = 0; i < part.size(); ++i) {
    const Row &p = part[i], &f = full[i];
    REQUIRE(p.at("node") == f.at("node"));
    // Training, traffic and status are those of the full run.
    for (const char* key : {"train_loss", "bytes_sent", "bytes_received", "status", "diverged"})
      CHECK(p.at(key) == f.at(key));
    if (p.at("test_accuracy").empty()) {
      CHECK(p.at("test_loss").empty());
      continue;
    }
    CHECK(p.at("role") == "honest");
    CHECK(p.at("test_accuracy") == f.at("test_accuracy"));
    CHECK(p.at("test_loss") == f.at("test_loss"));
    evaluated[p.at("round")].insert(p.at("node"));
    sum[p.at("round")] += num(p, "test_accuracy");
  }
  REQUIRE(evaluated.size() == 3);  // rounds 0, 5 and 10
  for (const auto& [round, nodes] : evaluated) {
    CHECK(nodes.size() == 3);
    CHECK(nodes == evaluated.begin()->second);
  }
  const auto rounds = read_csv(some / "out" / "rounds.csv");
  const auto rounds_full = read_csv(all / "out" / "rounds.csv");
  for (size_t i = 0; i < rounds.size(); ++i) {
    CHECK(rounds[i].at("bytes") == rounds_full[i].at("bytes"));
    CHECK(rounds[i].at("train_loss") == rounds_full[i].at("train_loss"));
    CHECK(rounds[i].at("consensus_distance") == rounds_full[i].at("consensus_distance"));
    const std::string round = rounds[i].at("round");
    if (!evaluated.count(round)) continue;
    CHECK(num(rounds[i], "test_accuracy") == doctest::Approx(sum[round] / 3).epsilon(1e-5));
  }
  // Another seed draws other nodes (with 6 honest nodes, 3 of them, some seed of a few differs).
  std::set<std::set<std::string>> draws{evaluated.begin()->second};
  for (int seed : {4, 5, 6}) {
    TempDir other;
    s["seed"] = seed;
    REQUIRE(run_scenario(other, s).exit_code == 0);
    std::set<std::string> nodes;
    for (const auto& row : read_csv(other / "out" / "nodes.csv"))
      if (!row.at("test_accuracy").empty()) nodes.insert(row.at("node"));
    draws.insert(nodes);
  }
  CHECK(draws.size() > 1);
}

TEST_CASE("eval.nodes above the honest node count is refused, naming the key") {
  json s = small_scenario();
  s["byzantine"] = {{"placement", "list"}, {"nodes", {2}}};
  s["eval"]["nodes"] = 8;  // 7 honest nodes
  TempDir dir;
  const Result r = run_scenario(dir, s);
  CHECK(r.exit_code != 0);
  CHECK_MESSAGE(r.err.find("eval.nodes") != std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find("7 honest nodes") != std::string::npos, r.err);
  CHECK(!fs::exists(dir / "out" / "rounds.csv"));
  s["eval"]["nodes"] = 0;
  CHECK(run_scenario(dir, s).exit_code != 0);
}

TEST_CASE("timing.json reports the peak memory and one node's model and optimizer bytes") {
  json s = small_scenario();
  s["training"]["momentum"] = 0.9;
  TempDir dir;
  REQUIRE(run_scenario(dir, s).exit_code == 0);
  const json timing = read_json(dir / "out" / "timing.json");
  // mlp 16 -> 16 -> 10: 442 parameters, and as many momentum values, float32.
  CHECK(timing["learner_bytes"] == 2 * 4 * 442);
  CHECK(timing["peak_rss_bytes"].get<double>() > 1e6);
  CHECK(timing["peak_rss_bytes_per_node"] == timing["peak_rss_bytes"].get<uint64_t>() / 8);
}
