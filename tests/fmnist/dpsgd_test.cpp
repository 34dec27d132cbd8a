// The 96-node D-PSGD scenario on real Fashion-MNIST reaches the accuracy the README quotes.
#include "harness.hpp"

using namespace harness;

TEST_CASE("D-PSGD, 96 nodes, 4-regular, non-IID Fashion-MNIST MLP: mean accuracy above 75%") {
  TempDir dir;
  const Result r = dlsim({"run", DLSIM_SOURCE_DIR "/scenarios/dpsgd-fmnist-96.json", "--out",
                          (dir / "out").string(), "--quiet"},
                         dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const json summary = read_json(dir / "out" / "summary.json");
  CHECK(summary["final"]["round"] == 200);
  CHECK(summary["final"]["test_accuracy"].get<double>() > 0.75);
  CHECK(summary["totals"]["missed_messages"] == 0);
  // Every round, every node sends its full model to its 4 neighbours.
  const auto rounds = read_csv(dir / "out" / "rounds.csv");
  CHECK(std::stoull(rounds.back().at("messages_total")) == 96ull * 4 * 200);
}
