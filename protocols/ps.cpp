#include "protocols/ps.hpp"

#include <fmt/format.h>

#include "protocols/adversary.hpp"

namespace dlsim {

bool read_vector(const Message& m, int64_t n, float* out) {
  try {
    MessageReader reader(m);
    if (reader.u32() != n) return false;
    reader.f32s(out, static_cast<size_t>(n));
    reader.expect_end();
    return true;
  } catch (const DecodeError&) {
    return false;
  }
}

namespace {

constexpr uint16_t tag_update = 1;
constexpr uint16_t tag_model = 2;

// Payload of both directions: u32 count, then float32 values.
MessagePtr vector_message(Node& node, uint16_t tag, std::span<const float> v) {
  MessageWriter writer(tag, node.round(), node.id(), 4 + 4 * v.size());
  writer.u32(static_cast<uint32_t>(v.size()));
  writer.values(v);
  return writer.finish();
}

struct Config {
  int workers = 0;
  int byzantine = 0;  // f assumed by the rule when its section leaves f unset
  double server_lr = 1;
  AggregatorChoice rule;
};

class Worker : public NodeProtocol {
 public:
  explicit Worker(const Config& c) : c_(c) {}

  void round(Node& node) override {
    Vector& x = node.learner().params;
    const int64_t n = x.size();
    if (before_.size() != n) before_ = x;  // round 1: the model training starts from
    node.train(node.setup().local_steps);
    node.compute(static_cast<double>(n), [&] { update_ = x - before_; });
    const AggregationTarget target{c_.workers, c_.byzantine, &c_.rule};
    const auto shared = adversary_.shared(node, {update_.data(), static_cast<size_t>(n)}, target);
    const Attack* attack = node.attack();
    if (!(attack && attack->silent()))
      node.send(c_.workers, vector_message(node, tag_update, shared));

    const int server[] = {c_.workers};
    const auto inbound = node.gather(tag_model, server);
    if (inbound.empty()) {  // the server was silent: keep training from the own model
      before_ = x;
      return;
    }
    node.compute(static_cast<double>(n), [&] {
      if (!read_vector(*inbound.front().message, n, x.data())) x = before_ + update_;
      before_ =
          x;  // the next round trains from here (copied in the job, off the simulation thread)
    });
  }

  void persist(Archive& a) override { a(before_); }

 private:
  const Config& c_;
  Vector before_, update_;
  Adversary adversary_;
};

class Server : public NodeProtocol {
 public:
  explicit Server(const Config& c) : c_(c), rule_(make_aggregator(c.rule, c.byzantine)) {
    for (int i = 0; i < c.workers; ++i) workers_.push_back(i);
  }

  void round(Node& node) override {
    Vector& x = node.learner().params;
    const int64_t n = x.size();
    const auto inbound = node.gather(tag_update, workers_);
    if (updates_.size() < inbound.size()) updates_.resize(inbound.size());
    pointers_.clear();
    for (size_t k = 0; k < inbound.size(); ++k) {
      if (updates_[k].size() != n) updates_[k].resize(n);
      if (read_vector(*inbound[k].message, n, updates_[k].data()))
        pointers_.push_back(updates_[k].data());
    }
    const int inputs = static_cast<int>(pointers_.size());
    if (inputs < rule_->min_inputs())
      throw AggregationError(fmt::format(
          "round {}: the server received {} valid updates, fewer than the {} its rule needs",
          node.round(), inputs, rule_->min_inputs()));
    if (aggregate_.size() != n) aggregate_.resize(n);
    node.compute(rule_->flops(inputs, n) + 2.0 * static_cast<double>(n), [&] {
      AggregationInput input;
      input.vectors = pointers_;
      input.dim = n;
      rule_->aggregate(input, aggregate_.data());
      x += static_cast<float>(c_.server_lr) * aggregate_;
    });
    const MessagePtr model = vector_message(node, tag_model, {x.data(), static_cast<size_t>(n)});
    for (int w : workers_) node.send(w, model);
  }

  void persist(Archive& a) override { rule_->persist(a); }

 private:
  const Config& c_;
  std::unique_ptr<Aggregator> rule_;
  std::vector<int> workers_;
  std::vector<Vector> updates_;
  std::vector<const float*> pointers_;
  Vector aggregate_;
};

class ParameterServer : public Protocol {
 public:
  explicit ParameterServer(Config c) : c_(std::move(c)) {}
  std::unique_ptr<NodeProtocol> make_node(int id) override {
    if (id == c_.workers) return std::make_unique<Server>(c_);
    return std::make_unique<Worker>(c_);
  }
  int service_nodes() const override { return 1; }

 private:
  Config c_;
};

}  // namespace

Component<ProtocolMaker> ps_component() {
  return {"ps",
          "parameter server: workers send updates, one server node aggregates them with a rule "
          "and sends the model back (federated SGD; FedAvg with local_steps > 1)",
          {
              component_param("aggregator", json{{"kind", "mean"}},
                              "the server's aggregation rule (a name or an object; see "
                              "aggregators; its f defaults to the number of Byzantine nodes)"),
              real_param("server_lr", 1.0, "the server adds server_lr times the aggregate").min(0),
          },
          [](const Params& params, const ProtocolEnv& env) -> std::unique_ptr<Protocol> {
            Config c;
            c.workers = env.nodes;
            c.byzantine = env.byzantine;
            c.server_lr = params.real("server_lr");
            c.rule = read_aggregator(params.raw("aggregator"), params.path_of("aggregator"));
            // Building it once here reports a rule that cannot run on this many workers.
            const auto rule = make_aggregator(c.rule, c.byzantine);
            if (rule->min_inputs() > env.nodes)
              params.fail("aggregator",
                          fmt::format("needs at least {} inputs for f = {}, but there are {} "
                                      "workers",
                                      rule->min_inputs(), c.byzantine, env.nodes));
            return std::make_unique<ParameterServer>(std::move(c));
          }};
}

}  // namespace dlsim
