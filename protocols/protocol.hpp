#pragma once
// A protocol is what a node does in a round. One Protocol object is made per run (shared
// configuration); it makes one NodeProtocol per node (that node's protocol state).
#include <functional>
#include <memory>

#include "core/registry.hpp"
#include "protocols/node.hpp"

namespace dlsim {

class NodeProtocol {
 public:
  virtual ~NodeProtocol() = default;
  virtual void round(Node& node) = 0;
};

class Protocol {
 public:
  virtual ~Protocol() = default;
  virtual std::unique_ptr<NodeProtocol> make_node(int id) = 0;
};

struct ProtocolEnv {
  int nodes = 0;
  uint64_t seed = 0;
  const LearningSetup* setup = nullptr;
};

using ProtocolMaker =
    std::function<std::unique_ptr<Protocol>(const Params& params, const ProtocolEnv& env)>;
const Registry<ProtocolMaker>& protocol_registry();

}  // namespace dlsim
