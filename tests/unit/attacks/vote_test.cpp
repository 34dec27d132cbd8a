// Attacks on majority votes and on the mean: the colluding Byzantine votes add up to the totals
// of Akoun and Meyer's strategy, and minus-the-sum cancels the honest sum.
#include <doctest/doctest.h>

#include <cstdlib>

#include "helpers.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

// The Byzantine vote total per coordinate when voters [honest..., byzantine...] vote at a server:
// honest ids 0..H-1 hold `honest`, Byzantine ids H..H+f-1 each craft their vote.
std::vector<int> byzantine_totals(const json& section, const Rows& honest, int f) {
  const size_t dim = honest.front().size();
  std::vector<int> totals(dim, 0);
  for (int b = 0; b < f; ++b) {
    auto attack = make_from(section);  // one instance per Byzantine node, as in a run
    Scene scene{.own = std::vector<float>(dim, 1), .honest = honest, .byzantine = f};
    AttackView view = scene.view();
    view.node = static_cast<int>(honest.size()) + b;
    const auto out = craft(*attack, view);
    for (size_t k = 0; k < dim; ++k) {
      CHECK((out[k] == 1 || out[k] == -1));
      totals[k] += static_cast<int>(out[k]);
    }
  }
  return totals;
}

// Five honest voters; per coordinate their sums are 5, 3, 1, -1, -3, -5 (a zero votes +1).
const Rows five_honest = {{1, 1, 1, -1, -1, -1},
                          {1, 1, 1, -1, -1, -2},
                          {1, 1, -1, 1, -1, -3},
                          {1, 0, -1, 1, -1, -4},
                          {1, -1, 1, -1, 1, -5}};

}  // namespace

TEST_CASE("colluding votes: against beyond the margin, else a tie or a one-vote flip") {
  const json paper = {{"kind", "colluding-vote"}};
  // f = 2: |s| = 5, 3 > 2: all against (-2, -2, +2 ...); |s| = 1 <= 2, s + f odd: flip by one,
  // total -sign(s): the Byzantine sum is -1 - s.
  CHECK(byzantine_totals(paper, five_honest, 2) == std::vector<int>{-2, -2, -2, 2, 2, 2});
  // f = 3: |s| = 5 > 3: against (-3); |s| = 3, 1 and s + f even: a tie, sum -s.
  CHECK(byzantine_totals(paper, five_honest, 3) == std::vector<int>{-3, -3, -1, 1, 3, 3});
  // f = 4: |s| = 5 > 4: against; |s| = 3, 1, s + f odd: flip to -sign(s): -4, -2, 2, 4.
  CHECK(byzantine_totals(paper, five_honest, 4) == std::vector<int>{-4, -4, -2, 2, 4, 4});
  // Mode against: always -f sign(s).
  const json against = {{"kind", "colluding-vote"}, {"mode", "against"}};
  CHECK(byzantine_totals(against, five_honest, 3) == std::vector<int>{-3, -3, -3, 3, 3, 3});
}

TEST_CASE("colluding votes: the vote sums the strategy promises") {
  // Total vote s + B: same sign as s where |s| > f, else 0 (s + f even) or -sign(s) (odd).
  for (int f = 1; f <= 6; ++f) {
    CAPTURE(f);
    const auto totals = byzantine_totals({{"kind", "colluding-vote"}}, five_honest, f);
    const int honest_sums[] = {5, 3, 1, -1, -3, -5};
    for (size_t k = 0; k < 6; ++k) {
      const int s = honest_sums[k], sum = s + totals[k];
      const int sign = s > 0 ? 1 : -1;
      if (std::abs(s) > f)
        CHECK(sum == s - sign * f);
      else if ((s + f) % 2 == 0)
        CHECK(sum == 0);
      else
        CHECK(sum == -sign);
    }
  }
}

TEST_CASE("colluding votes at a gossip receiver count only its neighbourhood") {
  // Receiver 0 with neighbours 1 (honest), 2 and 3 (Byzantine); honest 4 is not its neighbour.
  Graph graph(5);
  graph.add_edge(0, 1);
  graph.add_edge(0, 2);
  graph.add_edge(0, 3);
  graph.add_edge(1, 4);
  graph.finalize();
  const Rows honest = {{1, 1, -1}, {1, -1, -1}, {-1, -1, -1}};
  int totals[3] = {0, 0, 0};
  for (int id : {2, 3}) {
    auto attack = make_from({{"kind", "colluding-vote"}});
    CHECK(attack->per_receiver());
    Scene scene{.own = {1, 1, 1}, .honest = honest, .ids = {0, 1, 4}, .byzantine = 2};
    AttackView view = scene.view();
    view.node = id;
    view.graph = &graph;
    view.receiver = 0;
    const auto out = craft(*attack, view);
    for (int k = 0; k < 3; ++k) totals[k] += static_cast<int>(out[k]);
  }
  // Honest sums over {0, 1}: 2, 0, -2; f = 2. s = 2: |s| <= f, even: tie (-2). s = -2: +2.
  CHECK(totals[0] == -2);
  CHECK(totals[2] == 2);
  // An honest tie (s = 0) with f even stays a tie: one Byzantine each way.
  CHECK(totals[1] == 0);
}

TEST_CASE("negative-sum: the mean of all inputs is zero, or reversed with scale > 1") {
  Scene scene{.own = {9, 9}, .honest = {{1, 2}, {3, -4}, {5, 0}}, .byzantine = 2};
  const auto out = craft(*make_from({{"kind", "negative-sum"}}), scene.view());
  // Honest sum [9, -2]; each of the two sends half of its negative.
  check_close(out, {-4.5, 1});
  const auto reversed = craft(*make_from({{"kind", "negative-sum"}, {"scale", 2}}), scene.view());
  check_close(reversed, {-9, 2});
}
