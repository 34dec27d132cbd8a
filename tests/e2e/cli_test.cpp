// The command line: usage, validate and list (bad inputs: bad_input_test.cpp).
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
