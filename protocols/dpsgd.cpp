#include "protocols/dpsgd.hpp"

#include "protocols/mixing.hpp"

namespace dlsim {
namespace {

constexpr uint16_t tag_model = 1;

class DpsgdNode : public NodeProtocol {
 public:
  void round(Node& node) override {
    const Graph& graph = node.overlay();
    const auto neighbors = graph.neighbors(node.id());
    node.train(node.setup().local_steps);

    const Vector& x = node.learner().params;
    MessageWriter writer(tag_model, node.round(), node.id(), 8 + 4 * x.size());
    write_model(writer, graph.degree(node.id()), x);
    const MessagePtr message = writer.finish();
    for (int j : neighbors) node.send(j, message);

    auto inbound = node.gather(tag_model, neighbors);
    mix_models(node, inbound);
  }
};

class Dpsgd : public Protocol {
 public:
  std::unique_ptr<NodeProtocol> make_node(int) override { return std::make_unique<DpsgdNode>(); }
};

}  // namespace

Component<ProtocolMaker> dpsgd_component() {
  return {"dpsgd",
          "D-PSGD: local SGD, full model to every neighbour, Metropolis-Hastings average",
          {},
          [](const Params&, const ProtocolEnv&) -> std::unique_ptr<Protocol> {
            return std::make_unique<Dpsgd>();
          }};
}

}  // namespace dlsim
