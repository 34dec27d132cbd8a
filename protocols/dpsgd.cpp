#include "protocols/dpsgd.hpp"

#include <optional>

#include "aggregators/rules_by_f.hpp"
#include "protocols/adversary.hpp"
#include "protocols/mixing.hpp"

namespace dlsim {
namespace {

constexpr uint16_t tag_model = 1;

struct Config {
  int byzantine = 0;
  std::optional<AggregatorChoice> rule;  // robust gossip; none: Metropolis-Hastings averaging
};

class DpsgdNode : public NodeProtocol {
 public:
  explicit DpsgdNode(const Config& c) : c_(c), rules_(c.rule ? &*c.rule : nullptr) {}

  void round(Node& node) override {
    const Graph& graph = node.overlay();
    const auto neighbors = graph.neighbors(node.id());
    node.train(node.setup().local_steps);

    const Vector& x = node.learner().params;
    adversary_.broadcast(node, {x.data(), static_cast<size_t>(x.size())}, c_.byzantine,
                         c_.rule ? &*c_.rule : nullptr,
                         [&](std::span<const float> v) { return model_message(node, v); });

    const auto inbound = node.gather(tag_model, neighbors);
    if (c_.rule)
      robust_mix_models(node, inbound, rule_for(static_cast<int>(inbound.size()) + 1));
    else
      mix_models(node, inbound);
  }

  void persist(Archive& a) override { a(rules_); }

 private:
  MessagePtr model_message(Node& node, std::span<const float> v) {
    MessageWriter writer(tag_model, node.round(), node.id(), 8 + 4 * v.size());
    write_model(writer, node.overlay().degree(node.id()), v);
    return writer.finish();
  }

  // The rule for a neighbourhood of `inputs` vectors: the section's f, or else the largest f up
  // to the number of Byzantine nodes that the rule can tolerate with that many inputs.
  Aggregator& rule_for(int inputs) {
    int f = c_.rule->params.is_null("f") ? std::min(c_.byzantine, inputs) : 0;
    for (;; --f) {
      Aggregator& rule = rules_.get(f);
      if (rule.min_inputs() <= inputs || f == 0) return rule;
    }
  }

  const Config& c_;
  Adversary adversary_;
  RulesByF rules_;
};

class Dpsgd : public Protocol {
 public:
  explicit Dpsgd(Config c) : c_(std::move(c)) {}
  std::unique_ptr<NodeProtocol> make_node(int) override { return std::make_unique<DpsgdNode>(c_); }

 private:
  Config c_;
};

}  // namespace

Component<ProtocolMaker> dpsgd_component() {
  return {"dpsgd",
          "D-PSGD: local SGD, full model to every neighbour, Metropolis-Hastings average (or a "
          "robust rule over the neighbourhood, own model included)",
          {component_param("aggregator", nullptr,
                           "robust gossip: a rule applied to the own and received models, e.g. "
                           "\"median\" or {\"kind\": \"clipped-gossip\"} (null: MH averaging)")
               .optional()},
          [](const Params& params, const ProtocolEnv& env) -> std::unique_ptr<Protocol> {
            Config c;
            c.byzantine = env.byzantine;
            if (!params.is_null("aggregator"))
              c.rule = read_aggregator(params.raw("aggregator"), params.path_of("aggregator"));
            return std::make_unique<Dpsgd>(std::move(c));
          }};
}

}  // namespace dlsim
