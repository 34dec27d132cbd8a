#include "topologies/topology.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace dlsim {

namespace {

uint64_t round_seed(uint64_t seed, int round) {
  return derive_seed(seed, {static_cast<uint64_t>(Stream::topology), static_cast<uint64_t>(round)});
}

}  // namespace

const ParamSpec& topology_common_params() {
  static const ParamSpec spec = {
      bool_param("dynamic", false, "re-sample the graph every round (random topologies only)"),
  };
  return spec;
}

Topology::Topology(const json& section, int nodes, uint64_t seed, const std::string& path)
    : nodes_(nodes), seed_(seed) {
  if (nodes < 1) throw ConfigError(path, fmt::format("needs at least 1 node, got {}", nodes));
  auto [component, params] =
      topology_registry().read(section, path, "regular", topology_common_params());
  component_ = component;
  params_ = std::move(params);
  dynamic_ = params_.flag("dynamic");
  // Round 0 is built now so bad parameters fail before the simulation starts.
  Rng rng(round_seed(seed_, 0));
  const Rng untouched = rng;
  Graph first = component_->make(params_, nodes_, rng);
  if (first.size() != nodes_ || !first.connected())
    throw std::logic_error(fmt::format("topology \"{}\" built a disconnected graph on {} nodes",
                                       component_->name, nodes_));
  // A generator that draws no random numbers gives the same graph every round; re-building it
  // (or re-reading its file) each round would only cost time.
  if (Rng probe = untouched; probe.next() == rng.next()) dynamic_ = false;
  cache_.emplace(0, std::make_shared<const Graph>(std::move(first)));
}

std::shared_ptr<const Graph> Topology::at_round(int round) {
  if (!dynamic_) return cache_.begin()->second;
  if (auto it = cache_.find(round); it != cache_.end()) return it->second;
  Rng rng(round_seed(seed_, round));
  auto graph = std::make_shared<const Graph>(component_->make(params_, nodes_, rng));
  cache_.emplace(round, graph);
  // Old rounds go only when a newer one arrives, so a late node's round stays while it is recent.
  if (round > newest_) {
    newest_ = round;
    cache_.erase(cache_.begin(), cache_.lower_bound(newest_ - kKeptRounds));
  }
  return graph;
}

}  // namespace dlsim
