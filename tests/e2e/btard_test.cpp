// BTARD end to end: the checks ban every peer caught lying and never an honest one, and with no
// Byzantine peer the protocol computes exactly the all-reduce with CenteredClip.
#include "harness.hpp"

using namespace harness;

namespace {
json btard_scenario() {
  json s = small_scenario();
  s["rounds"] = 20;
  s["topology"] = "full";
  s["training"] = {{"lr", 0.5}, {"batch_size", 16}};
  s["protocol"] = {{"kind", "btard"}, {"receive_timeout", "1s"}};
  s["eval"] = {{"every", 10}, {"test_samples", 500}};
  return s;
}

json with_byzantine(json s, const json& attack, int validators) {
  s["byzantine"] = {{"count", 3}, {"attack", attack}};
  s["protocol"]["validators"] = validators;
  return s;
}

json run_summary(const json& s) {
  TempDir dir;
  const Result r = run_scenario(dir, s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return read_json(dir / "out" / "summary.json");
}

// Every ban of the run has this reason and came at the attack's first round, no honest peer
// was banned, and the honest peers agree.
void check_all_banned(const json& summary, const std::string& reason, int round) {
  const json& p = summary["protocol"];
  CHECK(p["honest_peers_agree"] == true);
  CHECK(p["honest_banned"] == 0);
  CHECK(p["byzantine_banned"] == 3);
  CHECK(p["all_byzantine_banned_round"] == round);
  const auto byzantine = summary["byzantine_nodes"].get<std::vector<int>>();
  for (const json& ban : p["bans"]) {
    CHECK(ban["reason"] == reason);
    CHECK(ban["round"] == round);
    CHECK(std::ranges::find(byzantine, ban["peer"].get<int>()) != byzantine.end());
  }
}
}  // namespace

TEST_CASE("with no Byzantine peer, BTARD equals the all-reduce with CenteredClip, and pays more") {
  TempDir checked, plain;
  json s = btard_scenario();
  REQUIRE(run_scenario(checked, s).exit_code == 0);
  s["protocol"]["verify"] = false;
  REQUIRE(run_scenario(plain, s).exit_code == 0);
  const auto a = read_csv(checked / "out" / "nodes.csv");
  const auto b = read_csv(plain / "out" / "nodes.csv");
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].at("test_accuracy") == b[i].at("test_accuracy"));
    CHECK(a[i].at("test_loss") == b[i].at("test_loss"));
    CHECK(a[i].at("train_loss") == b[i].at("train_loss"));
  }
  // The training loss is the peers' loss on their seeded batches.
  const auto rounds = read_csv(checked / "out" / "rounds.csv");
  CHECK(std::stod(rounds.back().at("train_loss")) > 0);
  const json sa = read_json(checked / "out" / "summary.json");
  const json sb = read_json(plain / "out" / "summary.json");
  CHECK(sa["final"]["test_accuracy"].get<double>() > 0.6);
  CHECK(sa["final"]["consensus_distance"].get<double>() < 1e-12);  // one model for all
  CHECK(sa["protocol"]["bans"].empty());
  CHECK(sa["totals"]["bytes"].get<double>() > sb["totals"]["bytes"].get<double>());
  CHECK(sa["totals"]["sim_time_s"].get<double>() > sb["totals"]["sim_time_s"].get<double>());
}

TEST_CASE("the plain all-reduce moves each gradient shard out and each aggregate back") {
  TempDir dir;
  json s = btard_scenario();
  s["rounds"] = 2;
  s["protocol"]["verify"] = false;
  s["protocol"]["aggregator"] = "mean";
  REQUIRE(run_scenario(dir, s).exit_code == 0);
  // 8 peers: 7 shard messages and 7 aggregate messages each; every shard of the 8-way split
  // travels 7 times each way, plus a header and a count (and 8 inclusion bytes on aggregates).
  const int params = 16 * 16 + 16 + 16 * 10 + 10;
  const auto rounds = read_csv(dir / "out" / "rounds.csv");
  CHECK(std::stoull(rounds.back().at("messages")) == 2 * 8 * 7);
  CHECK(std::stoull(rounds.back().at("bytes")) ==
        2ull * 7 * 4 * params + 2 * 8 * 7 * (16 + 4) + 8 * 7 * 8);
}

TEST_CASE("every gradient attack is banned at its first validated step, honest peers never") {
  // Validating every peer each step: a lying peer is caught in its first attacking round.
  for (const json& attack :
       {json{{"kind", "sign-flip"}, {"scale", 1000}}, json("random-direction"), json("label-flip"),
        json("ipm"), json("alie"), json("gaussian"), json("min-max")}) {
    CAPTURE(attack.dump());
    check_all_banned(run_summary(with_byzantine(btard_scenario(), attack, 8)), "gradient", 1);
  }
  // A delayed gradient is the honest one until its history fills (delay 3: round 4).
  check_all_banned(
      run_summary(with_byzantine(btard_scenario(), {{"kind", "delayed"}, {"delay", 3}}, 8)),
      "gradient", 4);
  // Attacking from round 5, every 3rd round.
  json s = with_byzantine(btard_scenario(), "label-flip", 8);
  s["byzantine"]["start_round"] = 5;
  s["byzantine"]["every"] = 3;
  check_all_banned(run_summary(s), "gradient", 5);
}

TEST_CASE("with one validator per step, liars are banned over time and training survives") {
  json s = with_byzantine(btard_scenario(), {{"kind", "sign-flip"}, {"scale", 1000}}, 1);
  s["rounds"] = 60;
  const json summary = run_summary(s);
  const json& p = summary["protocol"];
  CHECK(p["honest_banned"] == 0);
  CHECK(p["honest_peers_agree"] == true);
  CHECK(p["byzantine_banned"] == 3);
  CHECK(p["all_byzantine_banned_round"].get<int>() > 1);
  CHECK(summary["final"]["test_accuracy"].get<double>() > 0.6);
}

TEST_CASE("a wrong aggregate, a false accusation, a withheld shard or reveal: banned") {
  const json attack = {{"kind", "sign-flip"}, {"scale", 1000}};
  auto behaviour = [&](const char* key) {
    json s = with_byzantine(btard_scenario(), attack, 1);
    s["protocol"]["byzantine_gradient"] = false;
    s["protocol"][key] = true;
    return run_summary(s);
  };
  check_all_banned(behaviour("byzantine_aggregate"), "aggregate", 1);
  check_all_banned(behaviour("false_accusation"), "false-accusation", 1);
  check_all_banned(behaviour("withhold_shard"), "silent", 1);
  check_all_banned(behaviour("withhold_reveal"), "silent", 1);
  check_all_banned(run_summary(with_byzantine(btard_scenario(), "crash", 1)), "silent", 1);
}

TEST_CASE("without checks the lies go through: nobody is banned and the mean collapses") {
  json s = with_byzantine(btard_scenario(), {{"kind", "sign-flip"}, {"scale", 1000}}, 1);
  s["protocol"]["verify"] = false;
  s["protocol"]["aggregator"] = "mean";
  const json summary = run_summary(s);
  CHECK(summary["protocol"]["bans"].empty());
  CHECK(summary["final"]["test_accuracy"].get<double>() < 0.5);
}

TEST_CASE("the checks need a rule they can verify") {
  TempDir dir;
  json s = btard_scenario();
  s["protocol"]["aggregator"] = "median";
  const Result r = dlsim({"validate", write_scenario(dir, s).string()}, dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("protocol.aggregator") != std::string::npos);
  s["protocol"]["verify"] = false;
  CHECK(dlsim({"validate", write_scenario(dir, s).string()}, dir).exit_code == 0);
}

TEST_CASE("BTARD's outputs, bans included, do not depend on the thread count") {
  TempDir one, two;
  json s = with_byzantine(btard_scenario(), "alie", 1);
  s["protocol"]["false_accusation"] = true;
  REQUIRE(run_scenario(one, s, {"--threads", "1"}).exit_code == 0);
  REQUIRE(run_scenario(two, s, {"--threads", "2"}).exit_code == 0);
  for (const char* file : {"rounds.csv", "nodes.csv", "summary.json"})
    CHECK(slurp(one / "out" / file) == slurp(two / "out" / file));
}
