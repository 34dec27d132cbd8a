// Byzantine placement and what the outputs say about it.
#include "harness.hpp"

using namespace harness;

namespace {
std::vector<int> byzantine_rows(const TempDir& dir) {
  std::vector<int> ids;
  for (const auto& row : read_csv(dir / "out" / "nodes.csv"))
    if (row.at("round") == "0" && row.at("role") == "byzantine")
      ids.push_back(std::stoi(row.at("node")));
  return ids;
}
}  // namespace

TEST_CASE("Byzantine nodes are placed as asked and marked in the outputs") {
  json s = small_scenario();
  s["rounds"] = 2;
  s["eval"]["every"] = 1;
  {
    TempDir dir;
    s["byzantine"] = {{"placement", "list"}, {"nodes", {5, 2}}};
    REQUIRE(run_scenario(dir, s).exit_code == 0);
    CHECK(byzantine_rows(dir) == std::vector<int>{2, 5});
    CHECK(read_json(dir / "out" / "summary.json")["byzantine_nodes"] == json{2, 5});
  }
  {
    TempDir a, b;
    s["byzantine"] = {{"count", 3}};
    REQUIRE(run_scenario(a, s).exit_code == 0);
    REQUIRE(run_scenario(b, s).exit_code == 0);
    CHECK(byzantine_rows(a).size() == 3);
    CHECK(byzantine_rows(a) == byzantine_rows(b));  // drawn from the seed
  }
  {
    TempDir dir;
    s["topology"] = {{"kind", "star"}, {"center", 4}};
    s["byzantine"] = {{"placement", "highest-degree"}, {"fraction", 0.125}};
    REQUIRE(run_scenario(dir, s).exit_code == 0);
    CHECK(byzantine_rows(dir) == std::vector<int>{4});
  }
}

TEST_CASE("bad Byzantine sections are refused, naming the key") {
  TempDir dir;
  json s = small_scenario();
  const std::pair<json, std::string> cases[] = {
      {{{"count", 9}}, "byzantine.count: 9 gives 9 Byzantine nodes, more than the 8 nodes"},
      {{{"placement", "list"}, {"nodes", {8}}},
       "byzantine.nodes: [8] names node 8, but the nodes are 0 to 7"},
      {{{"placement", "list"}, {"nodes", {1, 1}}}, "byzantine.nodes: [1,1] names a node twice"},
      {{{"nodes", {1}}}, "byzantine.nodes: [1] is only read with placement \"list\""},
      {{{"fraction", 1.5}}, "byzantine.fraction"},
      {{{"placement", "central"}}, "byzantine.placement"},
      {{{"start", 3}}, "byzantine.start: unknown key (did you mean \"start_round\"?)"},
  };
  for (const auto& [section, message] : cases) {
    const std::string shown = section.dump();  // (clang 14 cannot capture structured bindings)
    CAPTURE(shown);
    s["byzantine"] = section;
    const Result r = dlsim({"validate", write_scenario(dir, s).string()}, dir);
    CHECK(r.exit_code == 2);
    CHECK_MESSAGE(r.err.find(message) != std::string::npos, r.err);
  }
}

namespace {
json attacked(const json& protocol, const json& attack) {
  json s = small_scenario();
  s["nodes"] = 16;
  s["rounds"] = 30;
  s["topology"] = {{"kind", "regular"}, {"degree", 4}};
  s["training"]["local_steps"] = 2;
  s["protocol"] = protocol;
  s["byzantine"] = {{"count", 1}, {"attack", attack}};
  return s;
}
double final_accuracy(const json& s) {
  TempDir dir;
  const Result r = run_scenario(dir, s);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return read_json(dir / "out" / "summary.json")["final"]["test_accuracy"];
}
const json big_flip = {{"kind", "sign-flip"}, {"scale", 1000}};
}  // namespace

TEST_CASE("one Byzantine worker breaks the mean at the server; the median holds") {
  CHECK(final_accuracy(attacked({{"kind", "ps"}, {"aggregator", "mean"}}, big_flip)) < 0.2);
  CHECK(final_accuracy(attacked({{"kind", "ps"}, {"aggregator", "median"}}, big_flip)) > 0.55);
}

TEST_CASE("one Byzantine neighbour breaks gossip averaging; robust gossip holds") {
  const json dpsgd = {{"kind", "dpsgd"}};
  const json clipped = {{"kind", "dpsgd"}, {"aggregator", "clipped-gossip"}};
  const json median = {{"kind", "dpsgd"}, {"aggregator", "median"}};
  CHECK(final_accuracy(attacked(dpsgd, big_flip)) < 0.2);
  CHECK(final_accuracy(attacked(clipped, big_flip)) > 0.55);
  // Dissensus (omniscient, a different model for each neighbour) pulls honest nodes apart.
  CHECK(final_accuracy(attacked(dpsgd, "dissensus")) < 0.45);
  CHECK(final_accuracy(attacked(median, "dissensus")) > 0.55);
}

TEST_CASE("an omniscient attack gives byte-identical outputs with 1 and 2 threads") {
  const json s = attacked({{"kind", "dpsgd"}, {"aggregator", "trimmed-mean"}}, "alie");
  TempDir one, two;
  for (auto [dir, threads] : {std::pair<const TempDir*, const char*>{&one, "1"}, {&two, "2"}}) {
    const Result r = run_scenario(*dir, s, {"--threads", threads});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  for (const char* file : {"rounds.csv", "nodes.csv", "summary.json"})
    CHECK(slurp(one / "out" / file) == slurp(two / "out" / file));
}

TEST_CASE("attacks reach the compressed protocols: JWINS, top-k, random subsampling, CHOCO") {
  for (const json& protocol :
       {json{{"kind", "jwins"}}, json{{"kind", "topk"}}, json{{"kind", "random-subsampling"}},
        json{{"kind", "choco"}, {"compressor", "top-k"}, {"gamma", 0.5}}}) {
    CAPTURE(protocol.dump());
    json honest = attacked(protocol, big_flip);
    honest["rounds"] = 40;
    honest["byzantine"]["count"] = 0;
    json attack = honest;
    attack["byzantine"]["count"] = 1;
    CHECK(final_accuracy(attack) < final_accuracy(honest) - 0.05);
  }
}

TEST_CASE("JWINS with the clipped merge holds where plain JWINS falls, at no cost without attack") {
  const json jwins = {{"kind", "jwins"}};
  const json clipped = {{"kind", "jwins"}, {"clip", true}};
  json flip = attacked(jwins, big_flip), dissensus = attacked(jwins, "dissensus");
  flip["rounds"] = dissensus["rounds"] = 40;
  json flip_clipped = flip, dissensus_clipped = dissensus;
  flip_clipped["protocol"] = dissensus_clipped["protocol"] = clipped;
  CHECK(final_accuracy(flip) < 0.2);
  CHECK(final_accuracy(flip_clipped) > 0.65);
  CHECK(final_accuracy(dissensus) < 0.45);
  CHECK(final_accuracy(dissensus_clipped) > 0.65);
  json honest = flip, honest_clipped = flip_clipped;
  honest["byzantine"]["count"] = honest_clipped["byzantine"]["count"] = 0;
  CHECK(final_accuracy(honest_clipped) == final_accuracy(honest));
}
