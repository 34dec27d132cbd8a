#include "protocols/share_protocol.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "protocols/adversary.hpp"
#include "protocols/share_codec.hpp"

namespace dlsim {

void read_share(MessageReader& reader, int64_t n, float* out) {
  if (reader.u32() != n) throw DecodeError(fmt::format("a share must hold {} values", n));
  reader.f32s(out, static_cast<size_t>(n));
}

void read_relay_bundle(const Message& m, int64_t n, std::vector<Vector>& by_site,
                       std::vector<const float*>& shares) {
  MessageReader reader(m);
  const uint32_t count = reader.u32();
  int last = -1;
  for (uint32_t k = 0; k < count; ++k) {
    const auto src = static_cast<int>(reader.u32());
    if (src <= last || src >= static_cast<int>(by_site.size()))
      throw DecodeError("relay: bad or unordered source");
    read_share(reader, n, by_site[src].data());
    shares.push_back(by_site[src].data());
    last = src;
  }
  reader.expect_end();
}

namespace {

constexpr uint16_t tag_share = 1;  // a site's share (to every site, or to the relay)
constexpr uint16_t tag_relay = 2;  // the relay's bundle of every site's share

enum class Mode { allreduce, ps };
enum class Kind { gradient, ad, rank_ad, powersgd };

struct Config {
  Kind kind = Kind::gradient;
  Mode mode = Mode::allreduce;
  int sites = 0;
  int byzantine = 0;
  uint64_t seed = 0;
  const LearningSetup* setup = nullptr;
  std::optional<AggregatorChoice> rule;  // none: the plain mean (exact combined-batch gradient)
  int rank = 0, iterations = 0;          // rank-dad and powersgd
  double tol = 0;                        // rank-dad's effective rank threshold
  std::string trace;                     // rank-dad: file of site 0's effective ranks
};

std::unique_ptr<ShareCodec> make_codec(const Config& c, int site) {
  const Network<float>& network = *c.setup->network;
  const Rng rng(c.seed, {static_cast<uint64_t>(Stream::protocol), static_cast<uint64_t>(site)});
  switch (c.kind) {
    case Kind::gradient:
      return gradient_codec(network);
    case Kind::ad:
      return ad_codec(network, c.setup->batch_size);
    case Kind::rank_ad:
      return rank_ad_codec(network, c.setup->batch_size, c.rank, c.iterations, c.tol, rng);
    case Kind::powersgd:
      return powersgd_codec(network, c.rank, c.iterations, rng);
  }
  return nullptr;
}

// A share on the wire: u32 count, then the float32 values.
void write_share(MessageWriter& writer, std::span<const float> share) {
  writer.u32(static_cast<uint32_t>(share.size()));
  writer.values(share);
}

class Site : public NodeProtocol {
 public:
  Site(const Config& c, int id) : c_(c), codec_(make_codec(c, id)) {
    const int64_t size = codec_->share_size();
    grad_.resize(c.setup->network->param_count());
    step_.resize(grad_.size());
    share_.resize(size);
    received_.assign(c.sites, Vector(size));
    if (c.rule) {
      rule_ = make_aggregator(*c.rule, c.byzantine);
      site_grads_.assign(c.sites, Vector(grad_.size()));
    }
    for (int j = 0; j < c.sites; ++j)
      if (j != id) others_.push_back(j);
  }

  void round(Node& node) override {
    node.gradient(ws_, grad_.data());
    node.compute(codec_->encode_flops(), [&] { codec_->encode(ws_, grad_.data(), share_.data()); });
    if (!c_.trace.empty() && node.id() == 0) trace(node);

    shares_.clear();
    if (c_.mode == Mode::allreduce)
      exchange(node);
    else
      relay(node);
    if (shares_.empty()) return;  // the relay was silent: no step this round
    step(node);
  }

  void persist(Archive& a) override {
    codec_->persist(a);
    if (rule_) rule_->persist(a);
    a(trace_);
  }

 private:
  std::span<const float> honest() const {
    return {share_.data(), static_cast<size_t>(share_.size())};
  }
  AggregationTarget target() const {
    return {c_.sites, c_.byzantine, c_.rule ? &*c_.rule : nullptr};
  }
  MessagePtr share_message(Node& node, std::span<const float> share) const {
    MessageWriter writer(tag_share, node.round(), node.id(), 4 + 4 * share.size());
    write_share(writer, share);
    return writer.finish();
  }

  // All-reduce: the share to every other site, theirs from them; the own share is used as is.
  void exchange(Node& node) {
    const Attack* attack = node.attack();
    if (!(attack && attack->silent())) {
      const bool each = attack && attack->per_receiver();
      MessagePtr message;
      for (int j : others_) {
        if (each || !message)
          message = share_message(node, adversary_.shared(node, honest(), target(), each ? j : -1));
        node.send(j, message);
      }
    }
    const auto inbound = node.gather(tag_share, others_);
    node.compute(static_cast<double>(inbound.size()) * static_cast<double>(share_.size()), [&] {
      size_t next = 0;
      for (int j = 0; j < c_.sites; ++j) {
        if (j == node.id()) {
          shares_.push_back(share_.data());
          continue;
        }
        if (next >= inbound.size() || inbound[next].src() != j) continue;
        const Message& m = *inbound[next++].message;
        try {
          MessageReader reader(m);
          read_share(reader, share_.size(), received_[j].data());
          reader.expect_end();
          shares_.push_back(received_[j].data());
        } catch (const DecodeError&) {  // a malformed share counts as missing
        }
      }
    });
  }

  // Parameter server: the share to the relay, everyone's shares (the own included) back.
  void relay(Node& node) {
    const Attack* attack = node.attack();
    const auto shared = adversary_.shared(node, honest(), target());
    if (!(attack && attack->silent())) node.send(c_.sites, share_message(node, shared));
    const int server[] = {c_.sites};
    const auto inbound = node.gather(tag_relay, server);
    if (inbound.empty()) return;
    node.compute(static_cast<double>(inbound.front().message->size()) / 4, [&] {
      try {
        read_relay_bundle(*inbound.front().message, share_.size(), received_, shares_);
      } catch (const DecodeError&) {
        shares_.clear();
      }
    });
  }

  // Rebuilds the sites' gradients, combines them and takes the optimizer step.
  void step(Node& node) {
    const auto count = static_cast<int>(shares_.size());
    const int64_t n = grad_.size();
    if (rule_ && count < rule_->min_inputs())
      throw AggregationError(fmt::format(
          "round {}: site {} received {} valid shares, fewer than the {} its rule needs",
          node.round(), node.id(), count, rule_->min_inputs()));
    const double flops = count * codec_->decode_flops() +
                         (rule_ ? rule_->flops(count, n) : static_cast<double>(n)) +
                         4.0 * static_cast<double>(n);
    node.compute(flops, [&] {
      if (rule_) {
        pointers_.clear();
        for (int k = 0; k < count; ++k) {
          codec_->decode(shares_[k], site_grads_[k].data(), false);
          pointers_.push_back(site_grads_[k].data());
        }
        AggregationInput input;
        input.vectors = pointers_;
        input.dim = n;
        rule_->aggregate(input, step_.data());
      } else {
        // Summing every site's rebuilt gradient; for dAD, the product of the stacked A and D.
        for (int k = 0; k < count; ++k) codec_->decode(shares_[k], step_.data(), k > 0);
        step_ *= 1.0f / static_cast<float>(count);
      }
      Learner& l = node.learner();
      sgd_step(c_.setup->sgd, c_.setup->sgd.lr_at(node.round()), l.params.data(), step_.data(), n,
               l.momentum.size() ? l.momentum.data() : nullptr);
    });
  }

  // Site 0 keeps its per-layer effective ranks and writes them (atomically) after the last round.
  void trace(Node& node) {
    const auto ranks = codec_->effective_ranks();
    for (size_t k = 0; k < ranks.size(); ++k)
      fmt::format_to(std::back_inserter(trace_), "{},{},{}\n", node.round(), k, ranks[k]);
    if (node.round() != c_.setup->sgd.rounds) return;
    const std::filesystem::path path(c_.trace), tmp = c_.trace + ".tmp";
    std::error_code error;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), error);
    {
      std::ofstream out(tmp, std::ios::binary);
      out << "round,dense_layer,effective_rank\n" << trace_;
      if (!out || error)
        throw std::runtime_error(fmt::format("protocol.trace: cannot write {}{}", c_.trace,
                                             error ? " (" + error.message() + ")" : ""));
    }
    std::filesystem::rename(tmp, path);
  }

  const Config& c_;
  std::unique_ptr<ShareCodec> codec_;
  std::unique_ptr<Aggregator> rule_;
  Workspace ws_;
  Vector grad_, share_, step_;
  std::vector<Vector> received_;    // by sender
  std::vector<Vector> site_grads_;  // robust rule: each site's rebuilt gradient
  std::vector<const float*> shares_, pointers_;
  std::vector<int> others_;
  Adversary adversary_;
  std::string trace_;
};

// The parameter-server setting's service node: gathers the shares and sends all of them to
// every site, which is an all-gather through one node (its link carries every share).
class Relay : public NodeProtocol {
 public:
  Relay(const Config& c, int64_t share_size) : shares_(c.sites, Vector(share_size)) {
    for (int j = 0; j < c.sites; ++j) sites_.push_back(j);
  }

  void round(Node& node) override {
    const auto inbound = node.gather(tag_share, sites_);
    valid_.clear();
    for (const Inbound& in : inbound) {
      Vector& share = shares_[in.src()];
      try {
        MessageReader reader(*in.message);
        read_share(reader, share.size(), share.data());
        reader.expect_end();
        valid_.push_back(in.src());
      } catch (const DecodeError&) {  // a malformed share is left out
      }
    }
    const auto size = static_cast<size_t>(shares_.front().size());
    MessageWriter writer(tag_relay, node.round(), node.id(), 4 + valid_.size() * (8 + 4 * size));
    writer.u32(static_cast<uint32_t>(valid_.size()));
    for (int src : valid_) {
      writer.u32(static_cast<uint32_t>(src));
      write_share(writer, {shares_[src].data(), size});
    }
    const MessagePtr message = writer.finish();
    for (int j : sites_) node.send(j, message);
  }

  void persist(Archive&) override {}  // keeps nothing between rounds

 private:
  std::vector<Vector> shares_;  // by sender
  std::vector<int> sites_, valid_;
};

class ShareProtocol : public Protocol {
 public:
  explicit ShareProtocol(Config c) : c_(std::move(c)) {}
  std::unique_ptr<NodeProtocol> make_node(int id) override {
    if (id == c_.sites) return std::make_unique<Relay>(c_, make_codec(c_, id)->share_size());
    return std::make_unique<Site>(c_, id);
  }
  int service_nodes() const override { return c_.mode == Mode::ps ? 1 : 0; }

 private:
  Config c_;
};

ParamSpec common_params(ParamSpec extra) {
  ParamSpec spec{
      choice_param("mode", "allreduce", {"allreduce", "ps"},
                   "allreduce: every site sends its share to every other site; ps: a service "
                   "node relays every share to every site"),
      component_param("aggregator", nullptr,
                      "a robust rule over the sites' rebuilt gradients (null: their mean, the "
                      "exact gradient of the combined batch)")
          .optional(),
  };
  spec.insert(spec.end(), extra.begin(), extra.end());
  return spec;
}

ParamSpec rank_params(int rank) {
  return {
      integer_param("rank", rank, "rank r of the factorisation (capped at min(in, out))").min(1),
      integer_param("iterations", 1, "power iterations per round (warm-started)").min(1)};
}

Component<ProtocolMaker> share_component(std::string name, std::string help, Kind kind,
                                         ParamSpec extra) {
  return {std::move(name), std::move(help), common_params(std::move(extra)),
          [kind](const Params& params, const ProtocolEnv& env) -> std::unique_ptr<Protocol> {
            Config c;
            c.kind = kind;
            c.mode = params.text("mode") == "ps" ? Mode::ps : Mode::allreduce;
            c.sites = env.nodes;
            c.byzantine = env.byzantine;
            c.seed = env.seed;
            c.setup = env.setup;
            if (!params.is_null("aggregator")) {
              c.rule = read_aggregator(params.raw("aggregator"), params.path_of("aggregator"));
              const auto rule = make_aggregator(*c.rule, c.byzantine);
              if (rule->min_inputs() > env.nodes)
                params.fail("aggregator",
                            fmt::format("needs at least {} inputs for f = {}, but there are {} "
                                        "sites",
                                        rule->min_inputs(), c.byzantine, env.nodes));
            }
            if (kind == Kind::rank_ad || kind == Kind::powersgd) {
              c.rank = static_cast<int>(params.integer("rank"));
              c.iterations = static_cast<int>(params.integer("iterations"));
            }
            if (kind == Kind::rank_ad) {
              c.tol = params.real("tol");
              c.trace = params.text("trace");
            }
            return std::make_unique<ShareProtocol>(std::move(c));
          }};
}

}  // namespace

Component<ProtocolMaker> dsgd_component() {
  return share_component("dsgd",
                         "data-parallel SGD: each site's minibatch gradient to every site (or "
                         "through a relay); all take the same step on the mean",
                         Kind::gradient, {});
}

Component<ProtocolMaker> dad_component() {
  return share_component("dad",
                         "dAD: per dense layer, the batch's activations and deltas instead of the "
                         "gradient; receivers rebuild the exact combined-batch gradient",
                         Kind::ad, {});
}

Component<ProtocolMaker> rank_dad_component() {
  ParamSpec extra = rank_params(2);
  extra.push_back(real_param("tol", 1e-3,
                             "a component counts toward the effective rank when its singular "
                             "value estimate exceeds tol times the largest")
                      .min(0));
  extra.push_back(text_param("trace", "",
                             "file for site 0's effective rank per round and dense layer (CSV; "
                             "empty: none)"));
  return share_component("rank-dad",
                         "rank-dAD: per dense layer, rank-r factors of the batch gradient found "
                         "by power iteration on activations and deltas",
                         Kind::rank_ad, std::move(extra));
}

Component<ProtocolMaker> powersgd_component() {
  return share_component("powersgd",
                         "PowerSGD-style: rank-r factors of each dense layer's gradient, with "
                         "error feedback; other values exact",
                         Kind::powersgd, rank_params(2));
}

}  // namespace dlsim
