#include <doctest/doctest.h>

#include "core/params.hpp"
#include "core/registry.hpp"
#include "core/rng.hpp"
#include "core/units.hpp"

using namespace dlsim;

namespace {
const ParamSpec spec = {
    integer_param("degree", 4, "neighbours").range(1, 100),
    real_param("lr", 0.1, "step").min(0),
    choice_param("mode", "a", {"a", "b"}, "mode"),
    unit_param("bandwidth", ParamType::bandwidth, "100Mbps", "link"),
};

std::string error_of(const json& section) {
  try {
    read_params(section, spec, "topology");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("defaults are filled in and values read back") {
  auto p = read_params(json{{"degree", 6}}, spec, "topology");
  CHECK(p.integer("degree") == 6);
  CHECK(p.real("lr") == doctest::Approx(0.1));
  CHECK(p.text("mode") == "a");
  CHECK(p.real("bandwidth") == doctest::Approx(12.5e6));
  CHECK(p.values()["bandwidth"] == "100Mbps");
}

TEST_CASE("errors name the path, the value and what was expected") {
  CHECK(error_of(json{{"degre", 3}}) ==
        "topology.degre: unknown key (did you mean \"degree\"?); valid keys here: degree, lr, "
        "mode, bandwidth");
  CHECK(error_of(json{{"degree", "four"}}) ==
        "topology.degree: got \"four\" (a string), expected an integer in [1, 100]");
  CHECK(error_of(json{{"degree", 0}}).find("expected an integer in [1, 100]") != std::string::npos);
  CHECK(error_of(json{{"lr", -1}}) == "topology.lr: got -1 (an integer), expected a number >= 0");
  CHECK(error_of(json{{"mode", "c"}}) ==
        "topology.mode: got \"c\" (a string), expected one of \"a\", \"b\"");
  CHECK(error_of(json{{"bandwidth", "fast"}}).find("expected a bandwidth") != std::string::npos);
  CHECK(error_of(json::array()) == "topology: got [] (a list), expected an object");
}

TEST_CASE("units") {
  CHECK(*parse_bandwidth("1Gbps") == doctest::Approx(125e6));
  CHECK(*parse_bandwidth("2MBps") == doctest::Approx(2e6));
  CHECK(*parse_duration("5ms") == doctest::Approx(0.005));
  CHECK(*parse_speed("20Gf") == doctest::Approx(20e9));
  CHECK_FALSE(parse_bandwidth("12 parsecs"));
  CHECK_FALSE(parse_duration("-1s"));
}

TEST_CASE("registry suggests the closest kind") {
  Registry<int> reg("topology", {{"ring", "a ring", {}, 1}, {"regular", "k-regular", {}, 2}});
  CHECK(reg.find("ring", "topology.kind").make == 1);
  try {
    reg.read(json{{"kind", "rign"}}, "topology");
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "topology.kind: unknown topology \"rign\" (did you mean \"ring\"?); expected one of: "
          "ring, regular");
  }
}

TEST_CASE("rng streams are reproducible and distinct") {
  Rng a(7, {1, 2}), b(7, {1, 2}), c(7, {1, 3});
  CHECK(a.next() == b.next());
  CHECK(a.next() != c.next());
  Rng r(1);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    const auto v = r.below(10);
    CHECK(v < 10);
    sum += static_cast<double>(v);
  }
  CHECK(sum / 10000 == doctest::Approx(4.5).epsilon(0.05));
  double g = 0;
  for (int i = 0; i < 20000; ++i) g += r.gamma(0.5);
  CHECK(g / 20000 == doctest::Approx(0.5).epsilon(0.05));
}
