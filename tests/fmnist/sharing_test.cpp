// The 96-node scenarios on real Fashion-MNIST: full sharing reaches the accuracy the README
// quotes, and JWINS stays close to it with about a third of its bytes (the paper's claim).
#include "harness.hpp"

using namespace harness;

namespace {

json run(const TempDir& dir, const std::string& name) {
  const Result r = dlsim({"run", DLSIM_SOURCE_DIR "/scenarios/" + name + ".json", "--out",
                          (dir / name).string(), "--quiet"},
                         dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return read_json(dir / name / "summary.json");
}

}  // namespace

TEST_CASE(
    "96 nodes, 4-regular, non-IID Fashion-MNIST: D-PSGD above 75%, JWINS within 2 points "
    "with 30-42% of its bytes") {
  TempDir dir;
  const json full = run(dir, "dpsgd-fmnist-96");
  CHECK(full["final"]["round"] == 200);
  CHECK(full["final"]["test_accuracy"].get<double>() > 0.75);
  CHECK(full["totals"]["missed_messages"] == 0);
  // Every round, every node sends its full model to its 4 neighbours.
  const auto rounds = read_csv(dir / "dpsgd-fmnist-96" / "rounds.csv");
  CHECK(std::stoull(rounds.back().at("messages_total")) == 96ull * 4 * 200);

  const json jwins = run(dir, "jwins-fmnist-96");
  CHECK(jwins["final"]["test_accuracy"].get<double>() >
        full["final"]["test_accuracy"].get<double>() - 0.02);
  const double bytes_ratio =
      jwins["totals"]["bytes"].get<double>() / full["totals"]["bytes"].get<double>();
  CHECK(bytes_ratio > 0.30);
  CHECK(bytes_ratio < 0.42);
}
