// JWINS, top-k, random subsampling and CHOCO-SGD on synthetic data: they learn, they match
// D-PSGD where they should, and they send fewer value bytes.
#include "harness.hpp"

using namespace harness;

namespace {

Result run(const TempDir& dir, json scenario, const json& protocol,
           std::vector<std::string> extra = {}) {
  scenario["protocol"] = protocol;
  return run_scenario(dir, scenario, std::move(extra));
}

json learning_scenario() {
  json s = small_scenario();
  s["rounds"] = 40;
  s["training"]["local_steps"] = 2;
  s["topology"] = {{"kind", "regular"}, {"degree", 4}};
  s["data"]["partition"] = {{"kind", "shards"}, {"shards", 2}};  // non-IID: needs the neighbours
  s["eval"]["every"] = 20;
  return s;
}

// Runs a protocol and D-PSGD on the same scenario; checks every node's final accuracy agrees.
void check_matches_dpsgd(const json& protocol) {
  TempDir mine, reference;
  const json s = learning_scenario();
  const Result r = run(mine, s, protocol);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  REQUIRE(run(reference, s, {{"kind", "dpsgd"}}).exit_code == 0);
  const auto a = read_csv(mine / "out" / "nodes.csv");
  const auto b = read_csv(reference / "out" / "nodes.csv");
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i)
    CHECK(std::stod(a[i].at("test_accuracy")) ==
          doctest::Approx(std::stod(b[i].at("test_accuracy"))).epsilon(0.01));
  const json sa = read_json(mine / "out" / "summary.json");
  const json sb = read_json(reference / "out" / "summary.json");
  CHECK(sa["final"]["consensus_distance"].get<double>() ==
        doctest::Approx(sb["final"]["consensus_distance"].get<double>()).epsilon(0.05));
}

}  // namespace

TEST_CASE("JWINS with a share of 1 is D-PSGD up to the transform's rounding") {
  check_matches_dpsgd({{"kind", "jwins"}, {"alpha", 1.0}});
}

TEST_CASE("top-k with alpha 1 is D-PSGD") {
  check_matches_dpsgd({{"kind", "topk"}, {"alpha", 1.0}});
}

TEST_CASE("CHOCO-SGD without compression and gamma 1 is D-PSGD") {
  check_matches_dpsgd({{"kind", "choco"}, {"compressor", "none"}, {"gamma", 1.0}});
}

TEST_CASE("every sparse protocol learns, with fewer value bytes than D-PSGD") {
  TempDir reference;
  const json s = learning_scenario();
  REQUIRE(run(reference, s, {{"kind", "dpsgd"}}).exit_code == 0);
  const json full = read_json(reference / "out" / "summary.json");
  const double full_values = full["totals"]["value_bytes"];
  CHECK(full["totals"]["metadata_bytes"] == 8 * 4 * 40 * (16 + 8));  // header, degree, count
  struct Case {
    json protocol;
    double max_value_share;  // of D-PSGD's value bytes
    double min_accuracy;
  };
  const std::vector<Case> cases = {
      {{{"kind", "jwins"}}, 0.45, 0.6},  // mean share 0.343 of the M >= N coefficients
      {{{"kind", "jwins"}, {"alpha", 0.1}}, 0.12, 0.5},
      {{{"kind", "jwins"}, {"lossless", true}}, 0.45, 0.6},
      {{{"kind", "topk"}, {"alpha", 0.2}}, 0.21, 0.5},
      {{{"kind", "random-subsampling"}, {"alpha", 0.2}}, 0.21, 0.5},
      {{{"kind", "choco"}, {"compressor", "top-k"}, {"alpha", 0.2}, {"gamma", 0.3}}, 0.21, 0.5},
      {{{"kind", "choco"}, {"compressor", "random-k"}, {"alpha", 0.3}, {"gamma", 0.2}}, 0.31, 0.4},
      {{{"kind", "choco"}, {"compressor", "qsgd"}, {"gamma", 0.5}}, 0.2, 0.5},
      {{{"kind", "choco"}, {"compressor", "sign"}, {"gamma", 0.3}}, 0.05, 0.4},
  };
  for (const auto& c : cases) {
    CAPTURE(c.protocol.dump());
    TempDir dir;
    const Result r = run(dir, s, c.protocol);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const json summary = read_json(dir / "out" / "summary.json");
    CHECK(summary["totals"]["value_bytes"].get<double>() < c.max_value_share * full_values);
    CHECK(summary["totals"]["metadata_bytes"].get<double>() > 0);
    CHECK(summary["final"]["test_accuracy"].get<double>() > c.min_accuracy);  // chance is 0.1
    const auto rounds = read_csv(dir / "out" / "rounds.csv");
    for (const auto& row : rounds)
      CHECK(std::stoull(row.at("bytes")) ==
            std::stoull(row.at("value_bytes")) + std::stoull(row.at("metadata_bytes")));
  }
}

TEST_CASE("gossip protocols: outputs are byte-identical with 1 and 2 threads") {
  // Evaluated every round, so that evaluation jobs run among the protocols' own.
  const json protocols[] = {{{"kind", "jwins"}},
                            {{"kind", "dpsgd"}},
                            {{"kind", "dpsgd"}, {"aggregator", "median"}},
                            {{"kind", "choco"}, {"compressor", "top-k"}, {"gamma", 0.5}},
                            {{"kind", "random-subsampling"}, {"alpha", 0.3}}};
  for (const json& protocol : protocols) {
    CAPTURE(protocol.dump());
    TempDir one, two;
    json s = small_scenario();
    s["output"] = {{"messages", true}};
    s["eval"]["every"] = 1;
    REQUIRE(run(one, s, protocol, {"--threads", "1"}).exit_code == 0);
    REQUIRE(run(two, s, protocol, {"--threads", "2"}).exit_code == 0);
    for (const char* file : {"rounds.csv", "nodes.csv", "messages.csv", "summary.json"}) {
      CAPTURE(file);
      CHECK(slurp(one / "out" / file) == slurp(two / "out" / file));
    }
  }
}
