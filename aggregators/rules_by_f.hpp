#pragma once
// A node's rules, one per f: the f a node's rule can assume changes with the number of inputs it
// gets (a gossip neighbourhood, BTARD's peers left), so each is built on first use and kept, with
// the state it carries between calls.
#include <memory>
#include <vector>

#include "aggregators/aggregator.hpp"

namespace dlsim {

class RulesByF {
 public:
  explicit RulesByF(const AggregatorChoice* choice) : choice_(choice) {}

  Aggregator& get(int f);
  // Checkpoints: which rules were built, and their state.
  void persist(Archive& a);

 private:
  const AggregatorChoice* choice_;
  std::vector<std::unique_ptr<Aggregator>> rules_;  // by f
};

}  // namespace dlsim
