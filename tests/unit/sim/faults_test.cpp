#include <doctest/doctest.h>

#include "sim/faults.hpp"

using namespace dlsim;

TEST_CASE("a fault list becomes a schedule with its defaults") {
  const json list = json::parse(R"([
    {"kind": "crash", "node": 1, "round": 3, "recover_round": 5},
    {"kind": "crash", "node": 2, "round": 4},
    {"kind": "degradation", "node": 0, "start": "1s", "bandwidth_factor": 0.5},
    {"kind": "loss", "probability": 0.1},
    {"kind": "loss", "node": 3, "probability": 0.5}])");
  const FaultSchedule f = read_faults(list, {8, 10, true});
  CHECK_FALSE(f.down(1, 2));
  CHECK(f.down(1, 3));
  CHECK(f.down(1, 4));
  CHECK_FALSE(f.down(1, 5));
  CHECK(f.down(2, 10));
  CHECK_FALSE(f.down(0, 4));
  REQUIRE(f.links.size() == 1);
  CHECK(f.links[0].start == 1.0);
  CHECK(f.links[0].end < 0);  // never restored
  CHECK(f.links[0].latency_factor == 1.0);
  CHECK(f.resolved[2]["latency_factor"] == 1.0);
  CHECK(f.loss_probability(0, 1) == doctest::Approx(0.1));
  CHECK(f.loss_probability(3, 1) == doctest::Approx(1 - 0.9 * 0.5));  // independent losses
  CHECK(f.loss_probability(1, 3) == doctest::Approx(1 - 0.9 * 0.5));
}

TEST_CASE("link faults need the star platform") {
  const json list = json::parse(R"([{"kind": "link-failure", "node": 0, "start": 0}])");
  CHECK_THROWS_WITH_AS(read_faults(list, {8, 10, false}), doctest::Contains("faults[0].kind"),
                       ConfigError);
}
