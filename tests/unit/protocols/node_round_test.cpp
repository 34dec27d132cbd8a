// Each protocol's round on a fake node: a truncated or garbage message from a neighbour is
// dropped, a valid one is merged, and the round goes on; once warmed up, a round allocates only
// its message and the engine's bookkeeping, whatever the model size.
#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>

#include "protocols/protocol.hpp"

#include "../malloc_counter.hpp"  // after every other header

using namespace dlsim;

namespace {

// Runs jobs at once; sends are recorded; gather returns what the test put in `inbox`.
class FakeNode : public Node {
 public:
  FakeNode(int id, const Graph& graph, const LearningSetup& setup, float fill)
      : id_(id), graph_(graph), setup_(setup) {
    learner_.params = Vector::LinSpaced(setup.network->param_count(), fill, 2 * fill);
  }
  int id() const override { return id_; }
  Role role() const override { return Role::honest; }
  int round() const override { return 1; }
  double now() const override { return 0; }
  const Graph& overlay() override { return graph_; }
  const LearningSetup& setup() const override { return setup_; }
  Learner& learner() override { return learner_; }
  void compute(double flops, std::function<void()> job) override {
    CHECK(flops > 0);
    job();
  }
  void train(int) override {}
  void train_compute(double, std::function<double()> job) override { job(); }
  void gradient(Workspace&, float* grad) override {  // any gradient will do: the parameters
    std::copy_n(learner_.params.data(), learner_.params.size(), grad);
  }
  void send(int, MessagePtr message) override { sent = std::move(message); }
  std::vector<Inbound> gather(uint16_t, std::span<const int>) override { return inbox; }
  Attack* attack() override { return nullptr; }
  Rng& attack_rng() override { return rng_; }
  void publish(std::span<const float>) override {}
  HonestVectors honest_vectors() override { return {}; }

  MessagePtr sent;
  std::vector<Inbound> inbox;

 private:
  int id_;
  const Graph& graph_;
  const LearningSetup& setup_;
  Learner learner_;
  Rng rng_{1};
};

const std::vector<json> protocols = {{{"kind", "jwins"}, {"alpha", 0.3}, {"level", 2}},
                                     {{"kind", "jwins"}, {"lossless", true}, {"level", 2}},
                                     {{"kind", "topk"}, {"alpha", 0.3}},
                                     {{"kind", "random-subsampling"}, {"alpha", 0.3}},
                                     {{"kind", "choco"}, {"compressor", "top-k"}, {"gamma", 1.0}},
                                     {{"kind", "choco"}, {"compressor", "random-k"}},
                                     {{"kind", "choco"}, {"compressor", "qsgd"}},
                                     {{"kind", "choco"}, {"compressor", "sign"}},
                                     {{"kind", "choco"}, {"compressor", "none"}}};

std::shared_ptr<const Network<float>> dense_network(int inputs) {
  return std::make_shared<const Network<float>>(Architecture(Shape{inputs, 1, 1}).dense(2), 2);
}

Graph path_graph() {
  Graph graph(3);
  graph.add_edge(0, 1);
  graph.add_edge(0, 2);
  graph.finalize();
  return graph;
}

MessagePtr corrupted(const Message& m, size_t keep, uint32_t src) {
  auto out = std::make_shared<Message>(m);
  out->bytes.resize(keep);
  out->src = src;
  return out;
}

}  // namespace

TEST_CASE("malformed messages are dropped and valid ones merged, by every protocol") {
  LearningSetup setup;
  setup.network = dense_network(20);
  const Graph graph = path_graph();
  for (const json& kind : protocols) {
    CAPTURE(kind.dump());
    const auto [component, params] = protocol_registry().read(kind, "protocol");
    ProtocolEnv env{3, 0, 7, &setup};
    auto protocol = component->make(params, env);
    auto sender = protocol->make_node(1);
    auto receiver = protocol->make_node(0);

    FakeNode one(1, graph, setup, 1.0f);
    sender->round(one);  // no neighbour answers: its own model is kept
    REQUIRE(one.sent);
    FakeNode zero(0, graph, setup, -1.0f);
    const Vector before = zero.learner().params;
    for (size_t keep : {size_t{16}, size_t{20}, one.sent->size() - 1}) {
      zero.inbox = {Inbound{corrupted(*one.sent, keep, 2)}};
      CHECK_NOTHROW(receiver->round(zero));
    }
    // Garbage alone changes nothing (JWINS: up to the transform's rounding).
    CHECK((zero.learner().params - before).cwiseAbs().maxCoeff() < 1e-4f);
    zero.inbox = {Inbound{corrupted(*one.sent, 19, 2)}, Inbound{one.sent}};
    CHECK_NOTHROW(receiver->round(zero));
    CHECK((zero.learner().params - before).cwiseAbs().maxCoeff() > 0.05f);
  }
}

#ifdef DLSIM_COUNT_MALLOC
// The allocations of the receiver's third round of `kind` (node `from` sending to node `to`), for
// a model of 50 and of 500 inputs: the first two rounds let the buffers reach their size.
std::vector<long> warm_round_allocations(const json& kind, int from, int to) {
  const Graph graph = path_graph();
  std::vector<long> counts;
  for (int inputs : {50, 500}) {
    LearningSetup setup;
    setup.network = dense_network(inputs);
    const auto [component, params] = protocol_registry().read(kind, "protocol");
    auto protocol = component->make(params, ProtocolEnv{3, 0, 7, &setup});
    auto sender = protocol->make_node(from);
    auto receiver = protocol->make_node(to);
    FakeNode one(from, graph, setup, 1.0f);
    FakeNode other(to, graph, setup, -1.0f);
    sender->round(one);
    other.inbox = {Inbound{one.sent}};
    receiver->round(other);
    receiver->round(other);
    counts.push_back(dlsim::test::allocations_of([&] { receiver->round(other); }));
  }
  return counts;
}

TEST_CASE("a warmed-up round allocates the same few blocks whatever the model size") {
  for (const json& kind : protocols) {
    CAPTURE(kind.dump());
    const auto counts = warm_round_allocations(kind, 1, 0);
    CHECK(counts[0] == counts[1]);
    CHECK(counts[1] <= 5);  // the message and its bytes, the jobs' closures, the inbound list
  }
}

TEST_CASE("signsgd: a warmed-up round allocates the same few blocks whatever the model size") {
  // (mode, sender, receiver): gossip neighbours; at a server (id 3), a worker's signs up and the
  // server's vote down.
  const std::tuple<const char*, int, int> links[] = {{"gossip", 1, 0}, {"ps", 1, 3}, {"ps", 3, 0}};
  for (const auto& link : links) {
    const auto& [mode, from, to] = link;
    CAPTURE(std::get<0>(link));  // (clang 14 cannot capture structured bindings)
    CAPTURE(std::get<2>(link));
    const auto counts = warm_round_allocations({{"kind", "signsgd"}, {"mode", mode}}, from, to);
    CHECK(counts[0] == counts[1]);
    CHECK(counts[1] <= 6);  // the message and its bytes, three jobs' closures, the inbound list
  }
}
#endif
