// Attacks that see the honest vectors of the round.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "helpers.hpp"
#include "topologies/graph.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

// mu = [3, 2], sample sigma = [2, 2] (see statistics_test.cpp).
Scene small_scene() {
  return Scene{.own = {10, 10}, .honest = {{1, 0}, {3, 4}, {5, 2}}};
}

}  // namespace

TEST_CASE("omniscient attacks declare it and fall back to their own vector without honest ones") {
  for (const char* kind : {"ipm", "alie", "min-max", "min-sum", "optimal-ipm", "optimal-alie",
                           "mimic", "dissensus", "colluding-vote", "negative-sum"}) {
    CAPTURE(kind);
    auto attack = make_from({{"kind", kind}});
    CHECK(attack->knowledge() == Knowledge::omniscient);
    Scene scene{.own = {4, -1}};
    check_close(craft(*attack, scene.view()), {4, -1});
  }
  CHECK(make_from({{"kind", "sign-flip"}})->knowledge() == Knowledge::local);
}

TEST_CASE("ipm sends -eps * mu") {
  Scene scene = small_scene();
  // Default eps 0.1: -0.1 * [3, 2] = [-0.3, -0.2]; eps 2: [-6, -4].
  check_close(craft(*make_from({{"kind", "ipm"}}), scene.view()), {-0.3, -0.2});
  check_close(craft(*make_from({{"kind", "ipm"}, {"eps", 2}}), scene.view()), {-6, -4});
}

TEST_CASE("alie sends mu +- z * sigma") {
  Scene scene = small_scene();
  // Explicit z 1.5: [3, 2] + 1.5 * [2, 2] = [6, 5]; minus: [0, -1].
  check_close(craft(*make_from({{"kind", "alie"}, {"z", 1.5}}), scene.view()), {6, 5});
  check_close(craft(*make_from({{"kind", "alie"}, {"z", 1.5}, {"sign", "minus"}}), scene.view()),
              {0, -1});
}

TEST_CASE("alie's z from n and f, both rules") {
  Scene scene = small_scene();
  AttackView view = scene.view();
  view.inputs = 16;
  view.byzantine = 7;
  // n 16, f 7: s = floor(16/2 + 1) - 7 = 2.
  // original: z = PhiInv(14/16) = 1.1503493803760079 -> mu + 2z = [5.3006987607520158, 4.30...].
  check_close(craft(*make_from({{"kind", "alie"}}), view),
              {3 + 2 * 1.1503493803760079, 2 + 2 * 1.1503493803760079});
  // later: z = PhiInv((16 - 7 - 2) / 9) = PhiInv(7/9) = 0.7647096737863872.
  check_close(craft(*make_from({{"kind", "alie"}, {"z_rule", "later"}}), view),
              {3 + 2 * 0.7647096737863872, 2 + 2 * 0.7647096737863872});
  check_close(craft(*make_from({{"kind", "alie"}, {"z_rule", "later"}, {"sign", "minus"}}), view),
              {3 - 2 * 0.7647096737863872, 2 - 2 * 0.7647096737863872});
  // The paper's example, n 50, f 24: s = 2, z = PhiInv(48/50) = 1.7506860712521695 (~1.75).
  view.inputs = 50;
  view.byzantine = 24;
  check_close(craft(*make_from({{"kind", "alie"}}), view),
              {3 + 2 * 1.7506860712521695, 2 + 2 * 1.7506860712521695});
}

namespace {

// Min-max (max distance) and min-sum (sum of squared distances) of m to rows, in double.
double max_squared(const std::vector<double>& m, const Rows& rows) {
  double out = 0;
  for (const auto& r : rows) {
    double d = 0;
    for (size_t k = 0; k < m.size(); ++k) d += (m[k] - r[k]) * (m[k] - r[k]);
    out = std::max(out, d);
  }
  return out;
}
double sum_squared(const std::vector<double>& m, const Rows& rows) {
  double out = 0;
  for (const auto& r : rows)
    for (size_t k = 0; k < m.size(); ++k) out += (m[k] - r[k]) * (m[k] - r[k]);
  return out;
}
std::vector<double> as_double(const std::vector<float>& v) {
  return std::vector<double>(v.begin(), v.end());
}

}  // namespace

TEST_CASE("min-max and min-sum find the largest gamma meeting their constraint") {
  const Rows honest = gaussian_rows(6, 8, 1.0f, 0.5f, 11);
  // The honest spread: max pairwise squared distance, min over rows of the summed squares.
  double max_pair = 0, min_sum = 1e300;
  for (const auto& a : honest) {
    max_pair = std::max(max_pair, max_squared(as_double(a), honest));
    min_sum = std::min(min_sum, sum_squared(as_double(a), honest));
  }
  const std::vector<float> mu = mean_of(honest);
  std::vector<double> sigma(mu.size());
  for (size_t k = 0; k < mu.size(); ++k) {
    for (const auto& r : honest) sigma[k] += (r[k] - mu[k]) * (r[k] - mu[k]);
    sigma[k] = std::sqrt(sigma[k] / (honest.size() - 1));
  }
  const double mu_norm = norm(mu);
  for (const char* kind : {"min-max", "min-sum"})
    for (const char* perturbation : {"std", "sign", "unit"}) {
      CAPTURE(kind);
      CAPTURE(perturbation);
      std::vector<double> p(mu.size());
      for (size_t k = 0; k < mu.size(); ++k)
        p[k] = perturbation == std::string("std")    ? sigma[k]
               : perturbation == std::string("sign") ? (mu[k] > 0) - (mu[k] < 0)
                                                     : mu[k] / mu_norm;
      Scene scene{.own = std::vector<float>(mu.size()), .honest = honest};
      const auto out =
          craft(*make_from({{"kind", kind}, {"perturbation", perturbation}}), scene.view());
      // m = mu - gamma * p: read gamma off coordinate 0, check the others follow.
      const double gamma = (mu[0] - out[0]) / p[0];
      CHECK(gamma > 0.01);
      auto at = [&](double g) {
        std::vector<double> m(mu.size());
        for (size_t k = 0; k < m.size(); ++k) m[k] = mu[k] - g * p[k];
        return m;
      };
      check_close(out, at(gamma), 1e-4);
      const bool min_max = kind == std::string("min-max");
      auto score = [&](double g) {
        return min_max ? max_squared(at(g), honest) : sum_squared(at(g), honest);
      };
      const double bound = min_max ? max_pair : min_sum;
      CHECK(score(gamma) <= bound * (1 + 1e-5));
      CHECK(score(gamma + 1e-4) > bound);  // maximal within the search's resolution
    }
}

TEST_CASE("optimal ipm moves the median at least as far as ipm with eps 0.1") {
  const AggregatorChoice median = read_aggregator("median", "aggregator");
  // How far the median of [honest + 3 copies of what `kind` sends] lands from mu.
  auto moved = [&](const Rows& honest, const char* kind) {
    Scene scene{.own = std::vector<float>(20), .honest = honest, .byzantine = 3};
    AttackView view = scene.view();
    view.defence = &median;
    const auto sent = craft(*make_from({{"kind", kind}}), view);
    Rows inputs = honest;
    for (int b = 0; b < 3; ++b) inputs.push_back(sent);
    return distance(aggregate("median", 3, inputs), mean_of(honest));
  };
  // Honest values near 1: -0.1 * mu is already below them all, no scale does better.
  const Rows far = gaussian_rows(10, 20, 1.0f, 0.5f, 3);
  CHECK(moved(far, "optimal-ipm") >= moved(far, "ipm") * (1 - 1e-6));
  // Honest values near 0.2: -0.1 * mu sits among them; a larger eps pushes the median out.
  const Rows near = gaussian_rows(10, 20, 0.2f, 1.0f, 3);
  CAPTURE(moved(near, "ipm"));
  CHECK(moved(near, "optimal-ipm") > 1.5 * moved(near, "ipm"));
}

TEST_CASE("optimal attacks against the mean take the largest scale") {
  Scene scene = small_scene();
  // Against the mean the aggregate moves with the scale: eps 100 -> [-300, -200];
  // z 10 -> [3, 2] + 10 * [2, 2] = [23, 22].
  check_close(craft(*make_from({{"kind", "optimal-ipm"}}), scene.view()), {-300, -200}, 1e-5);
  check_close(craft(*make_from({{"kind", "optimal-alie"}}), scene.view()), {23, 22}, 1e-5);
}

TEST_CASE("mimic copies the same honest node every round") {
  auto attack = make_from({{"kind", "mimic"}}, 4);
  Scene first{.own = {0}, .honest = {{10}, {20}, {30}}, .ids = {4, 7, 9}};
  const float chosen = craft(*attack, first.view(1))[0];
  REQUIRE((chosen == 10 || chosen == 20 || chosen == 30));
  const int target = chosen == 10 ? 4 : chosen == 20 ? 7 : 9;
  // Next round: new vectors, another order; the same node's vector is copied.
  Scene second{.own = {0}, .honest = {{900}, {700}, {400}}, .ids = {9, 7, 4}};
  CHECK(craft(*attack, second.view(2))[0] == float(100 * target));
  // Another Byzantine node of the run picks the same node.
  CHECK(craft(*make_from({{"kind", "mimic"}}, 4), first.view(1))[0] == chosen);
}

namespace {

// Node 0 (honest, at [0, 0]) has honest neighbours 1 ([1, 0]) and 2 ([0, 1]) and Byzantine
// neighbour 3. Degrees 3, 2, 2, 1: every weight of node 0 is 1/(1 + 3) = 0.25, self 0.25 too.
struct Triangle {
  Graph graph{4};
  Rows honest = {{0, 0}, {1, 0}, {0, 1}};
  Triangle() {
    graph.add_edge(0, 1);
    graph.add_edge(0, 2);
    graph.add_edge(1, 2);
    graph.add_edge(0, 3);
    graph.finalize();
  }
  // Node 0's Metropolis-Hastings average when node 3 sends v.
  std::vector<double> average(const std::vector<float>& v) const {
    std::vector<double> out(2);
    const std::vector<const std::vector<float>*> from = {&honest[0], &honest[1], &honest[2], &v};
    for (int j : graph.neighbors(0))
      for (int k = 0; k < 2; ++k)
        out[k] += mh_weight(graph.degree(0), graph.degree(j)) * (*from[j])[k];
    for (int k = 0; k < 2; ++k) out[k] += mh_self_weight(graph, 0) * honest[0][k];
    return out;
  }
};

}  // namespace

TEST_CASE("dissensus pushes the receiver's average away from its honest neighbours") {
  Triangle t;
  auto attack = make_from({{"kind", "dissensus"}});
  CHECK(attack->per_receiver());
  Scene scene{.own = {0.5f, 0.5f}, .honest = t.honest};
  AttackView view = scene.view();
  view.node = 3;
  view.graph = &t.graph;
  view.receiver = 0;
  // Honest pull: 0.25 * ([1, 0] - x0) + 0.25 * ([0, 1] - x0) = [0.25, 0.25]; Byzantine weight
  // 0.25; eps 1.5: v = x0 - 1.5 * [0.25, 0.25] / 0.25 = [-1.5, -1.5].
  const auto sent = craft(*attack, view);
  check_close(sent, {-1.5, -1.5});
  // Node 0's average: 0.25 * ([0,0] + [1,0] + [0,1] + v) = [-0.125, -0.125] = x0 + (1 - 1.5) *
  // pull; honestly (v = own = [0.5, 0.5]) it would be [0.375, 0.375]. Honest neighbours' mean
  // [0.5, 0.5]: the attack moves node 0 from 0.125 to 0.625 away per coordinate.
  const auto attacked = t.average(sent), honest = t.average(scene.own);
  CHECK(attacked[0] == doctest::Approx(-0.125));
  CHECK(attacked[1] == doctest::Approx(-0.125));
  auto away = [](const std::vector<double>& x) { return std::hypot(x[0] - 0.5, x[1] - 0.5); };
  CHECK(away(attacked) > away(honest));
  CHECK(away(attacked) > away({0, 0}));  // farther than node 0 started
  // Without a receiver, or for a Byzantine receiver, it sends its own vector.
  view.receiver = -1;
  check_close(craft(*attack, view), {0.5, 0.5});
  view.receiver = 3;
  check_close(craft(*attack, view), {0.5, 0.5});
}
