#pragma once
// The built-in topology generators, one per file; registry.cpp lists them. Each returns its
// registry entry (name, help, parameters, maker) so a generator's name and code live together.
#include "topologies/topology.hpp"

namespace dlsim {

Component<TopologyMaker> ring_topology();
Component<TopologyMaker> regular_topology();
Component<TopologyMaker> full_topology();
Component<TopologyMaker> torus_topology();
Component<TopologyMaker> erdos_renyi_topology();
Component<TopologyMaker> small_world_topology();
Component<TopologyMaker> star_topology();
Component<TopologyMaker> file_topology();

}  // namespace dlsim
