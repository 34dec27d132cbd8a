// A diverged honest model (NaN or infinite parameters or loss) is reported in the outputs, and the
// means are taken over the models that have not diverged.
#include <cmath>

#include "harness.hpp"

using namespace harness;

namespace {

// The run's rounds.csv and nodes.csv rows and summary.json, checked for the diverged reporting.
struct Diverged {
  int last_round_count = -1;  // rounds.csv's diverged column at the last evaluation
  int flagged = 0;            // honest rows of nodes.csv with diverged = 1 at that round
  int summary_count = -1;
  bool empty_means = false;  // the last evaluation's test_accuracy cell is empty
};

Diverged run_and_read(const json& s) {
  TempDir dir;
  const Result r = run_scenario(dir, s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  Diverged d;
  const auto rounds = read_csv(dir / "out" / "rounds.csv");
  for (const auto& row : rounds) {
    if (row.at("diverged").empty()) continue;  // not an evaluated round
    // No mean column is NaN or infinite, whatever diverged.
    for (const char* column : {"train_loss", "test_accuracy", "test_accuracy_min",
                               "test_accuracy_max", "test_loss", "consensus_distance"}) {
      CAPTURE(column);
      if (row.at(column).empty()) continue;
      CHECK(std::isfinite(std::stod(row.at(column))));
    }
    d.last_round_count = std::stoi(row.at("diverged"));
    d.empty_means = row.at("test_accuracy").empty();
  }
  const std::string last_round = rounds.back().at("round");
  for (const auto& row : read_csv(dir / "out" / "nodes.csv"))
    if (row.at("round") == last_round && row.at("role") == "honest")
      d.flagged += std::stoi(row.at("diverged"));
  d.summary_count = read_json(dir / "out" / "summary.json")["final"]["diverged_nodes"].get<int>();
  return d;
}

}  // namespace

TEST_CASE("a huge learning rate diverges every node, and the outputs say so") {
  json s = small_scenario();
  s["rounds"] = 4;
  s["eval"]["every"] = 2;
  s["training"]["lr"] = 1e30;
  const Diverged d = run_and_read(s);
  CHECK(d.last_round_count == 8);
  CHECK(d.flagged == 8);
  CHECK(d.summary_count == 8);
  CHECK(d.empty_means);  // no finite model left: empty cells, not 0 or NaN
}

TEST_CASE("a 1e30 sign flip against plain averaging: diverged count, finite means") {
  json s = small_scenario();
  s["rounds"] = 4;
  s["eval"]["every"] = 2;
  s["protocol"] = {{"kind", "dpsgd"}, {"aggregator", "mean"}};
  s["byzantine"] = {{"count", 1}, {"attack", {{"kind", "sign-flip"}, {"scale", 1e30}}}};
  const Diverged d = run_and_read(s);
  CHECK(d.last_round_count > 0);
  CHECK(d.flagged == d.last_round_count);
  CHECK(d.summary_count == d.last_round_count);
}

TEST_CASE("a healthy run reports no diverged node") {
  json s = small_scenario();
  s["rounds"] = 2;
  s["eval"]["every"] = 1;
  const Diverged d = run_and_read(s);
  CHECK(d.last_round_count == 0);
  CHECK(d.flagged == 0);
  CHECK(d.summary_count == 0);
}

TEST_CASE("CHOCO with qsgd or sign compression keeps running on a diverged model") {
  for (const char* compressor : {"qsgd", "sign"}) {
    CAPTURE(compressor);
    json s = small_scenario();
    s["rounds"] = 3;
    s["eval"]["every"] = 3;
    s["training"]["lr"] = 1e30;
    s["protocol"] = {{"kind", "choco"}, {"compressor", compressor}};
    const Diverged d = run_and_read(s);
    CHECK(d.last_round_count > 0);
  }
}
