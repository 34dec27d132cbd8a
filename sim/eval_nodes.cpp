#include "sim/eval_nodes.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/rng.hpp"

namespace dlsim {

std::vector<char> nodes_to_evaluate(const Scenario& s) {
  if (s.eval.is_null("nodes")) return std::vector<char>(s.nodes, 1);
  std::vector<int> honest;
  for (int i = 0; i < s.nodes; ++i)
    if (std::find(s.byzantine_ids.begin(), s.byzantine_ids.end(), i) == s.byzantine_ids.end())
      honest.push_back(i);
  const auto count = static_cast<size_t>(s.eval.integer("nodes"));
  if (count > honest.size())
    s.eval.fail("nodes", fmt::format("is more than the {} honest nodes", honest.size()));
  // Its own sub-stream of eval, so the test subset (drawn from eval itself) does not move.
  Rng rng(s.seed, {static_cast<uint64_t>(Stream::eval), 1});
  rng.shuffle(honest.begin(), honest.end());
  std::vector<char> chosen(s.nodes, 0);
  for (size_t k = 0; k < count; ++k) chosen[honest[k]] = 1;
  return chosen;
}

}  // namespace dlsim
