#pragma once
// Overlay topologies by name, and the per-round view of a (possibly dynamic) overlay.
#include <functional>
#include <map>
#include <memory>

#include "core/registry.hpp"
#include "core/rng.hpp"
#include "topologies/graph.hpp"

namespace dlsim {

// Builds the graph for `nodes` nodes. Fails with ConfigError (via params.fail) when the parameters
// cannot give a valid graph for that many nodes (degree >= nodes, odd nodes*degree...).
using TopologyMaker = std::function<Graph(const Params& params, int nodes, Rng& rng)>;
const Registry<TopologyMaker>& topology_registry();

// Parameters every topology has (e.g. "dynamic").
const ParamSpec& topology_common_params();

// The overlay seen at a round. A static topology is built once; a dynamic one is re-sampled every
// round from a stream derived from (seed, round), so every node sees the same graph for a round.
class Topology {
 public:
  // `section` is the scenario's "topology" object; throws ConfigError on bad input.
  Topology(const json& section, int nodes, uint64_t seed, const std::string& path = "topology");

  // The graph of `round`, kept alive by the caller for as long as it needs it (a dynamic
  // topology drops old rounds from its cache while late nodes may still use them).
  std::shared_ptr<const Graph> at_round(int round);
  bool dynamic() const { return dynamic_; }
  const Params& params() const { return params_; }

  // Rounds a dynamic topology keeps behind the newest one asked for; nodes of a run drift apart
  // by a few rounds (about the overlay's diameter), so this is a generous margin.
  static constexpr int kKeptRounds = 32;

 private:
  const Component<TopologyMaker>* component_;
  Params params_;
  int nodes_;
  uint64_t seed_;
  bool dynamic_;
  int newest_ = 0;                                     // dynamic: the latest round built
  std::map<int, std::shared_ptr<const Graph>> cache_;  // dynamic: rounds near the newest
};

}  // namespace dlsim
