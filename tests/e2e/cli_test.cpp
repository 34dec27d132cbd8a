// The command line: usage, validation errors, and that a failed run leaves no output behind.
#include "harness.hpp"

using namespace harness;

TEST_CASE("usage errors exit 2 with the usage text") {
  TempDir dir;
  for (const auto& args :
       std::vector<std::vector<std::string>>{{},
                                             {"frobnicate"},
                                             {"run"},
                                             {"run", "x.json", "--threads", "zero"},
                                             {"run", "x.json", "--bogus"}}) {
    const Result r = dlsim(args, dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("usage:") != std::string::npos);
  }
}

TEST_CASE("validate accepts a good scenario and runs nothing") {
  TempDir dir;
  const auto path = write_scenario(dir, small_scenario());
  const Result r = dlsim({"validate", path.string()}, dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("valid (8 nodes, 10 rounds, protocol dpsgd, topology regular)") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "results"));
}

TEST_CASE("list names every component with its parameters") {
  TempDir dir;
  const Result r = dlsim({"list"}, dir);
  CHECK(r.exit_code == 0);
  for (const char* name : {"dpsgd", "regular", "torus", "small-world", "fashion-mnist", "synthetic",
                           "dirichlet", "shards", "mlp", "logreg", "receive_timeout", "bandwidth"})
    CHECK_MESSAGE(r.out.find(name) != std::string::npos, name);
}

struct BadInput {
  const char* what;
  std::vector<std::string> sets;  // --set overrides of the small scenario
  const char* message;            // expected in stderr
};

TEST_CASE("bad scenarios fail before running, naming the path, value and expectation") {
  const std::vector<BadInput> cases = {
      {"unknown key", {"nodez=4"}, "nodez: unknown key (did you mean \"nodes\"?)"},
      {"nested unknown key", {"training.learning_rate=0.1"}, "training.learning_rate: unknown key"},
      {"wrong type",
       {"rounds=\"ten\""},
       "rounds: got \"ten\" (a string), expected an integer in [1, 10000000]"},
      {"out of range",
       {"training.lr=-1"},
       "training.lr: got -1 (an integer), expected a number >= 0"},
      {"degree >= nodes", {"topology.degree=8"}, "topology.degree: 8 is too large for 8 nodes"},
      {"odd nodes x degree", {"nodes=9"}, "topology.degree"},
      {"unknown protocol",
       {"protocol=dpsdg"},
       "protocol.kind: unknown protocol \"dpsdg\" (did you mean \"dpsgd\"?)"},
      {"unknown topology key",
       {"topology.degre=3"},
       "topology.degre: unknown key (did you mean \"degree\"?)"},
      {"missing dataset files",
       {"data.dataset={\"kind\":\"fashion-mnist\",\"dir\":\"/nonexistent\"}"},
       "data.dataset.dir"},
      {"bad bandwidth",
       {"network.bandwidth=fast"},
       "network.bandwidth: got \"fast\" (a string), expected a bandwidth"},
      {"too many test samples",
       {"eval.test_samples=100000"},
       "eval.test_samples: 100000 is more than the 500 samples"},
      {"bad override", {"training"}, "expected KEY=VALUE"},
      {"uniform spread too wide",
       {"network.heterogeneity.speed=1.5"},
       "network.heterogeneity.speed"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    TempDir dir;
    const auto path = write_scenario(dir, small_scenario());
    std::vector<std::string> args = {"run", path.string(), "--out", (dir / "out").string()};
    for (const auto& s : c.sets) args.insert(args.end(), {"--set", s});
    const Result r = dlsim(args, dir);
    CHECK(r.exit_code == 2);
    CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
    if (c.sets.front().find('=') != std::string::npos)
      CHECK_MESSAGE(r.err.find(path.string()) != std::string::npos, "the error names the file");
    CHECK_FALSE(fs::exists(dir / "out"));
  }
}

TEST_CASE("invalid JSON names the line") {
  TempDir dir;
  std::ofstream(dir / "broken.json") << "{\n  \"nodes\": 4,\n  \"rounds\": ,\n}\n";
  const Result r = dlsim({"validate", (dir / "broken.json").string()}, dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("line 3: invalid JSON") != std::string::npos);
}

TEST_CASE("a missing scenario file is a clear error") {
  TempDir dir;
  const Result r = dlsim({"run", (dir / "nope.json").string()}, dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot open the scenario file") != std::string::npos);
}
