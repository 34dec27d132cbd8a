#include "protocols/signsgd.hpp"

#include <fmt/format.h>

#include "compression/codec_error.hpp"
#include "compression/quantizers.hpp"
#include "protocols/adversary.hpp"
#include "protocols/majority_vote.hpp"

namespace dlsim {
namespace {

constexpr uint16_t tag_signs = 1;  // a voter's packed signs
constexpr uint16_t tag_vote = 2;   // the server's outcome

enum class Mode { ps, gossip };

struct Config {
  Mode mode = Mode::ps;
  int workers = 0;
  int byzantine = 0;
  double beta = 0;
  double weight_decay = 0;
  VoteTies ties = VoteTies::zero;
  uint64_t seed = 0;
};

// The payload is the packed bits alone: the receiver knows the parameter count.
template <class Pack>
MessagePtr packed_message(Node& node, uint16_t tag, size_t reserve, Pack&& pack) {
  MessageWriter writer(tag, node.round(), node.id(), reserve);
  writer.append_values(pack);
  return writer.finish();
}

MessagePtr signs_message(Node& node, std::span<const float> signs) {
  return packed_message(node, tag_signs, sign_bytes(signs.size()),
                        [&](std::vector<uint8_t>& bytes) { pack_signs(signs, bytes); });
}

// A voting node's own part: its gradient, momentum and signs, and the step once the vote is in.
// Byzantine nodes run it too: a blind inverter inverts the signs of its true momentum.
class Voter {
 public:
  // v = (1 - beta) g + beta v on this round's minibatch gradient g (v = g for signSGD); the
  // signs are what travels: -1 below zero, else +1 (a zero too, as one bit cannot carry it).
  std::span<const float> signs(Node& node, double beta) {
    const int64_t n = node.learner().params.size();
    if (momentum_.size() != n) {
      gradient_.resize(n), signs_.resize(n), vote_.resize(n);
      momentum_ = Vector::Zero(n);
    }
    node.gradient(workspace_, gradient_.data());
    node.compute(4.0 * static_cast<double>(n), [this, beta, n] {
      if (beta > 0)
        momentum_ = static_cast<float>(1 - beta) * gradient_ + static_cast<float>(beta) * momentum_;
      else
        momentum_ = gradient_;
      for (int64_t k = 0; k < n; ++k) signs_[k] = momentum_[k] < 0 ? -1.0f : 1.0f;
    });
    return own();
  }

  // x <- x - lr (vote + wd x), with the round's learning rate.
  void step(Node& node, double weight_decay) {
    Vector& x = node.learner().params;
    const auto lr = static_cast<float>(node.setup().sgd.lr_at(node.round()));
    const auto wd = static_cast<float>(weight_decay);
    node.compute(3.0 * static_cast<double>(x.size()),
                 [this, &x, lr, wd] { x -= lr * (vote_ + wd * x); });
  }

  std::span<float> vote() { return {vote_.data(), static_cast<size_t>(vote_.size())}; }
  // The momentum, with the buffers sized from it.
  void persist(Archive& a) { a(gradient_, momentum_, signs_, vote_); }
  std::span<const float> own() const { return {signs_.data(), static_cast<size_t>(signs_.size())}; }

 private:
  Workspace workspace_;
  Vector gradient_, momentum_, signs_, vote_;
};

class Worker : public NodeProtocol {
 public:
  explicit Worker(const Config& c) : c_(c) {}

  void round(Node& node) override {
    const auto honest = voter_.signs(node, c_.beta);
    const AggregationTarget target{c_.workers, c_.byzantine, nullptr};
    const auto shared = adversary_.shared(node, honest, target);
    const Attack* attack = node.attack();
    if (!(attack && attack->silent())) node.send(c_.workers, signs_message(node, shared));

    const int server[] = {c_.workers};
    const auto inbound = node.gather(tag_vote, server);
    if (inbound.empty()) return;  // no vote this round: the model stays
    const auto vote = voter_.vote();
    bool valid = true;
    node.compute(static_cast<double>(vote.size()), [&] {
      try {
        unpack_vote(c_.ties, inbound.front().message->payload(), vote);
      } catch (const CodecError&) {
        valid = false;  // a malformed vote is dropped like a missing one
      }
    });
    if (valid) voter_.step(node, c_.weight_decay);
  }

  void persist(Archive& a) override { a(voter_); }

 private:
  const Config& c_;
  Voter voter_;
  Adversary adversary_;
};

// Tallies every worker's signs and broadcasts the outcome.
class Server : public NodeProtocol {
 public:
  Server(const Config& c, int id)
      : c_(c),
        rng_(c.seed, {static_cast<uint64_t>(Stream::protocol), static_cast<uint64_t>(id) + 1}) {
    for (int i = 0; i < c.workers; ++i) workers_.push_back(i);
  }

  void round(Node& node) override {
    const int64_t n = node.learner().params.size();
    if (vote_.size() != static_cast<size_t>(n)) vote_.resize(static_cast<size_t>(n));
    const auto inbound = node.gather(tag_signs, workers_);
    node.compute(vote_flops(n) * static_cast<double>(inbound.size() + 1), [&] {
      tally_.reset(n);
      for (const Inbound& in : inbound) tally_.add_packed(in.message->payload());
      tally_.decide(c_.ties, rng_, vote_.data());
    });
    const size_t bytes =
        c_.ties == VoteTies::zero ? ternary_bytes(vote_.size()) : sign_bytes(vote_.size());
    const MessagePtr message = packed_message(
        node, tag_vote, bytes, [&](std::vector<uint8_t>& b) { pack_vote(c_.ties, vote_, b); });
    for (int w : workers_) node.send(w, message);
  }

  void persist(Archive& a) override { a(rng_); }

 private:
  const Config& c_;
  Rng rng_;
  std::vector<int> workers_;
  MajorityVote tally_;
  std::vector<float> vote_;
};

// Decentralized form: sends its signs to every neighbour, votes over its own and theirs, steps.
class GossipNode : public NodeProtocol {
 public:
  GossipNode(const Config& c, int id)
      : c_(c),
        rng_(c.seed, {static_cast<uint64_t>(Stream::protocol), static_cast<uint64_t>(id) + 1}) {}

  void round(Node& node) override {
    const auto honest = voter_.signs(node, c_.beta);
    adversary_.broadcast(node, honest, c_.byzantine, nullptr,
                         [&](std::span<const float> v) { return signs_message(node, v); });
    const auto inbound = node.gather(tag_signs, node.overlay().neighbors(node.id()));
    const int64_t n = static_cast<int64_t>(honest.size());
    node.compute(vote_flops(n) * static_cast<double>(inbound.size() + 2), [&] {
      tally_.reset(n);
      tally_.add(voter_.own());
      for (const Inbound& in : inbound) tally_.add_packed(in.message->payload());
      tally_.decide(c_.ties, rng_, voter_.vote().data());
    });
    voter_.step(node, c_.weight_decay);
  }

  void persist(Archive& a) override { a(rng_, voter_); }

 private:
  const Config& c_;
  Rng rng_;
  Voter voter_;
  Adversary adversary_;
  MajorityVote tally_;
};

class SignSgd : public Protocol {
 public:
  explicit SignSgd(Config c) : c_(c) {}
  std::unique_ptr<NodeProtocol> make_node(int id) override {
    if (c_.mode == Mode::gossip) return std::make_unique<GossipNode>(c_, id);
    if (id == c_.workers) return std::make_unique<Server>(c_, id);
    return std::make_unique<Worker>(c_);
  }
  int service_nodes() const override { return c_.mode == Mode::ps ? 1 : 0; }

 private:
  Config c_;
};

}  // namespace

Component<ProtocolMaker> signsgd_component() {
  return {
      "signsgd",
      "signSGD / Signum with majority vote: workers send the signs of their (momentum) gradient, "
      "1 bit per coordinate; the majority vote is the step (mode ps: a server votes; gossip: "
      "each node votes over its neighbourhood)",
      {
          choice_param("mode", "ps", {"ps", "gossip"},
                       "ps: one server node tallies every worker and broadcasts the vote; "
                       "gossip: each node votes over its own and its neighbours' signs"),
          real_param("beta", 0.0,
                     "momentum of each worker's v = (1-beta) g + beta v (0: signSGD; "
                     "0.9: Signum)")
              .range(0, 0.999999),
          real_param("weight_decay", 0.0, "the step is lr * (vote + weight_decay * x)").min(0),
          choice_param("ties", "zero", {"zero", "random"},
                       "a coordinate whose votes sum to 0: zero (sign(0) = 0, it does not move; "
                       "the server's vote then travels in 2 bits per coordinate) or random (a "
                       "fair coin; 1 bit per coordinate)"),
      },
      [](const Params& params, const ProtocolEnv& env) -> std::unique_ptr<Protocol> {
        // One gradient per round, and the protocol's own momentum and weight decay: the
        // training section's optimizer settings would be silently ignored, so they are refused.
        const SgdConfig& sgd = env.setup->sgd;
        if (sgd.momentum != 0 || sgd.nesterov)
          throw ConfigError("training.momentum",
                            "signsgd keeps its own momentum: set protocol.beta, and leave "
                            "training.momentum 0 and nesterov false");
        if (sgd.weight_decay != 0)
          throw ConfigError("training.weight_decay",
                            "signsgd applies protocol.weight_decay: leave training.weight_decay 0");
        if (env.setup->local_steps != 1)
          throw ConfigError("training.local_steps",
                            fmt::format("signsgd takes one gradient per round, so local_steps "
                                        "must be 1, not {}",
                                        env.setup->local_steps));
        Config c;
        c.mode = params.text("mode") == "gossip" ? Mode::gossip : Mode::ps;
        c.workers = env.nodes;
        c.byzantine = env.byzantine;
        c.beta = params.real("beta");
        c.weight_decay = params.real("weight_decay");
        c.ties = params.text("ties") == "zero" ? VoteTies::zero : VoteTies::random;
        c.seed = env.seed;
        return std::make_unique<SignSgd>(c);
      }};
}

}  // namespace dlsim
