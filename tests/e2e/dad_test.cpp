// dsgd / dad / rank-dad / powersgd end to end: dAD trains exactly as gradient sharing does, the
// bytes are the share sizes of the formulas, and both settings run.
#include "harness.hpp"

using namespace harness;

namespace {

const int sites = 8, batch = 16, features = 16, hidden = 16;

// small_scenario: 8 sites, 16 features, one hidden layer of 16, batch 16.
json share_scenario(const std::string& kind) {
  json s = small_scenario();
  s["rounds"] = 20;
  s["training"] = {{"lr", 0.5}, {"momentum", 0.9}, {"batch_size", batch}};
  s["protocol"] = {{"kind", kind}};
  return s;
}

std::vector<Row> run_rounds(TempDir& dir, const json& s) {
  const Result r = run_scenario(dir, s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return read_csv(dir / "out" / "rounds.csv");
}

}  // namespace

TEST_CASE("dAD trains exactly as dSGD does on the same seed in both settings") {
  for (const std::string mode : {"allreduce", "ps"}) {
    CAPTURE(mode);
    TempDir a, b;
    json s = share_scenario("dsgd");
    s["protocol"]["mode"] = mode;
    const auto dsgd = run_rounds(a, s);
    s["protocol"]["kind"] = "dad";
    const auto dad = run_rounds(b, s);
    REQUIRE(dsgd.size() == dad.size());
    // The rebuilt gradients have the same bits (see the unit test), so do the models.
    for (size_t i = 0; i < dad.size(); ++i) {
      CHECK(dad[i].at("test_accuracy") == dsgd[i].at("test_accuracy"));
      CHECK(dad[i].at("test_loss") == dsgd[i].at("test_loss"));
      CHECK(dad[i].at("train_loss") == dsgd[i].at("train_loss"));
    }
    const json summary = read_json(b / "out" / "summary.json");
    CHECK(summary["final"]["test_accuracy"].get<double>() > 0.6);
    CHECK(summary["final"]["consensus_distance"].get<double>() == 0);
  }
}

TEST_CASE("bytes per round are the encoded share sizes") {
  TempDir dir;
  json s = share_scenario("dad");
  s["rounds"] = 2;
  const auto rounds = run_rounds(dir, s);
  const json resolved = read_json(dir / "out" / "scenario.resolved.json");
  const int classes = 10;  // the synthetic set's default
  REQUIRE(resolved["data"]["dataset"]["classes"] == classes);
  const uint64_t dad_share = batch * (features + hidden + hidden + classes);
  const uint64_t header = 16 + 4;  // message header, value count
  CHECK(std::stoull(rounds.back().at("bytes")) == sites * (sites - 1) * (header + 4 * dad_share));

  const int rank = 3;
  s["protocol"] = {{"kind", "rank-dad"}, {"rank", rank}, {"mode", "ps"}};
  TempDir ps;
  const auto ps_rounds = run_rounds(ps, s);
  const uint64_t low_share =
      rank * (features + hidden) + hidden + rank * (hidden + classes) + classes;
  // Up: one share per site. Down: every site's share (with its source id) to every site.
  const uint64_t up = header + 4 * low_share, down = 16 + 4 + sites * (4 + 4 + 4 * low_share);
  CHECK(std::stoull(ps_rounds.back().at("bytes")) == sites * (up + down));
}

TEST_CASE("rank-dad and powersgd learn and rank-dad traces its effective rank") {
  TempDir a, b;
  json s = share_scenario("rank-dad");
  s["protocol"]["rank"] = 8;
  s["protocol"]["trace"] = (a.path / "rank.csv").string();
  run_rounds(a, s);
  CHECK(read_json(a / "out" / "summary.json")["final"]["test_accuracy"].get<double>() > 0.6);
  const auto trace = read_csv(a.path / "rank.csv");
  REQUIRE(trace.size() == 20 * 2);  // every round, both dense layers
  for (const auto& row : trace) {
    const int r = std::stoi(row.at("effective_rank"));
    CHECK(r >= 1);
    CHECK(r <= 8);  // at most the rank
  }
  s["protocol"] = {{"kind", "powersgd"}, {"rank", 2}};
  run_rounds(b, s);
  CHECK(read_json(b / "out" / "summary.json")["final"]["test_accuracy"].get<double>() > 0.6);
}

TEST_CASE("a Byzantine site poisons its activations and deltas and a robust rule contains it") {
  TempDir plain, robust;
  json s = share_scenario("dad");
  s["byzantine"] = {{"count", 2}, {"attack", {{"kind", "gaussian"}, {"sigma", 100}}}};
  run_rounds(plain, s);
  s["protocol"]["aggregator"] = "median";
  run_rounds(robust, s);
  const double hit = read_json(plain / "out" / "summary.json")["final"]["test_accuracy"];
  const double held = read_json(robust / "out" / "summary.json")["final"]["test_accuracy"];
  CHECK(held > 0.6);
  CHECK(held > hit + 0.1);
}
