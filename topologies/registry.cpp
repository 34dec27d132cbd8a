#include "topologies/generators.hpp"

namespace dlsim {

const Registry<TopologyMaker>& topology_registry() {
  static const Registry<TopologyMaker> registry("topology", {
                                                                ring_topology(),
                                                                regular_topology(),
                                                                full_topology(),
                                                                torus_topology(),
                                                                erdos_renyi_topology(),
                                                                small_world_topology(),
                                                                star_topology(),
                                                                file_topology(),
                                                            });
  return registry;
}

}  // namespace dlsim
