// The registry, the attack section and parameter checks.
#include <doctest/doctest.h>

#include "helpers.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {
std::string config_error(const json& section) {
  try {
    read_attack(section, "attack");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("every attack is registered and builds with its defaults") {
  const auto names = attack_registry().names();
  CHECK(names == std::vector<std::string>{"sign-flip", "gaussian", "random-direction", "label-flip",
                                          "delayed", "crash", "ipm", "alie", "min-max", "min-sum",
                                          "optimal-ipm", "optimal-alie", "mimic", "equivocation",
                                          "dissensus", "colluding-vote", "negative-sum"});
  for (const auto& name : names) {
    CAPTURE(name);
    auto attack = make_from(name);
    Scene scene{.own = {1, 2}, .honest = {{1, 1}, {2, 3}, {0, 1}}};
    const auto out = craft(*attack, scene.view());
    CHECK(std::isfinite(out[0]));
    CHECK(attack->flops(scene.view()) >= 0);
  }
}

TEST_CASE("the attack section: names, unknown kinds and bad parameters") {
  const AttackChoice choice = read_attack({{"kind", "alie"}, {"z_rule", "later"}}, "attack");
  CHECK(choice.kind->name == "alie");
  CHECK(choice.params.text("z_rule") == "later");
  CHECK(read_attack("ipm", "attack").kind->name == "ipm");
  // Who is Byzantine and when is the scenario's byzantine section, not the attack's.
  CHECK(contains(config_error({{"kind", "ipm"}, {"start_round", 3}}), "attack.start_round"));

  const std::string unknown = config_error({{"kind", "alei"}});
  CHECK(contains(unknown, "attack.kind"));
  CHECK(contains(unknown, "did you mean \"alie\""));
  CHECK(contains(config_error({{"kind", "alie"}, {"z_rule", "new"}}), "attack.z_rule"));
  CHECK(contains(config_error({{"kind", "sign-flip"}, {"scal", 2}}), "\"scale\""));
  CHECK(contains(config_error({{"kind", "ipm"}, {"eps", -1}}), "attack.eps"));
  CHECK(contains(config_error({{"kind", "delayed"}, {"delay", 0}}), "attack.delay"));
  CHECK(contains(config_error({{"kind", "min-max"}, {"perturbation", "gauss"}}),
                 "attack.perturbation"));
  CHECK(contains(config_error({{"byzantine", 2}}), "attack.kind"));
  // Cross-field: caught when the attack is built.
  const AttackChoice grid =
      read_attack({{"kind", "optimal-ipm"}, {"min_scale", 5}, {"max_scale", 1}}, "attack");
  try {
    make_attack(grid, 1);
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(contains(e.what(), "attack.max_scale"));
  }
}
