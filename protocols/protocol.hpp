#pragma once
// A protocol is what a node does in a round. One Protocol object is made per run (shared
// configuration); it makes one NodeProtocol per node (that node's protocol state).
#include <functional>
#include <memory>

#include "core/archive.hpp"
#include "core/registry.hpp"
#include "protocols/node.hpp"

namespace dlsim {

class NodeProtocol {
 public:
  virtual ~NodeProtocol() = default;
  virtual void round(Node& node) = 0;
  // Saves or restores (checkpoints) what the node carries from one round to the next; called
  // between rounds.
  virtual void persist(Archive& a) = 0;
};

class Protocol {
 public:
  virtual ~Protocol() = default;
  // Node `id` (learning nodes 0..nodes-1, then service nodes).
  virtual std::unique_ptr<NodeProtocol> make_node(int id) = 0;
  // Nodes the protocol adds to the learning nodes (a parameter server): they get their own hosts
  // and ids after the learning nodes, and role "server".
  virtual int service_nodes() const { return 0; }
  // What the protocol reports about the run (e.g. BTARD's bans), written to summary.json under
  // "protocol" when not null. Called once, after the simulation.
  virtual json summary() const { return nullptr; }
};

struct ProtocolEnv {
  int nodes = 0;      // learning nodes
  int byzantine = 0;  // how many of them are Byzantine (the f a defence may assume)
  uint64_t seed = 0;
  const LearningSetup* setup = nullptr;
};

using ProtocolMaker =
    std::function<std::unique_ptr<Protocol>(const Params& params, const ProtocolEnv& env)>;
const Registry<ProtocolMaker>& protocol_registry();

}  // namespace dlsim
