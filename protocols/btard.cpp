#include "protocols/btard.hpp"

#include "aggregators/rules_by_f.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/rng.hpp"
#include "protocols/adversary.hpp"
#include "protocols/btard_checks.hpp"

namespace dlsim {

bool read_btard_floats(const Message& m, std::span<uint8_t> header, std::span<float> out) {
  try {
    MessageReader r(m);
    if (r.u32() != out.size()) return false;
    const auto h = r.raw(header.size());
    std::copy(h.begin(), h.end(), header.begin());
    r.f32s(out.data(), out.size());
    r.expect_end();
    return true;
  } catch (const DecodeError&) {
    return false;
  }
}

void read_accusations(const Message& m, int src, std::span<const int> active,
                      std::vector<std::pair<int, BtardReason>>& out) {
  out.clear();
  MessageReader r(m);
  const uint32_t count = r.u32();
  if (count > active.size()) throw DecodeError("too many accusations");
  for (uint32_t a = 0; a < count; ++a) {
    const int peer = static_cast<int>(r.u32());
    const uint8_t reason = r.u8();
    const bool known = peer != src && std::binary_search(active.begin(), active.end(), peer);
    if (!known || (reason != static_cast<uint8_t>(BtardReason::gradient) &&
                   reason != static_cast<uint8_t>(BtardReason::projection)))
      throw DecodeError("bad accusation");
    out.emplace_back(peer, static_cast<BtardReason>(reason));
  }
  r.expect_end();
}

namespace {

// One tag per phase, so that a phase's gather never takes another phase's message.
constexpr uint16_t tag_commit = 1;      // SHA-256 of the nonce and of each gradient shard
constexpr uint16_t tag_shard = 2;       // gradient shard j to its aggregator j
constexpr uint16_t tag_aggregate = 3;   // aggregated shard j, with the inputs it used, to all
constexpr uint16_t tag_reveal = 4;      // the nonce
constexpr uint16_t tag_projection = 5;  // the peer's clipped projection on every shard
constexpr uint16_t tag_accuse = 6;      // the peer's accusations (possibly none)

// SHA-256 costs about this many simple operations per byte hashed.
constexpr double hash_flops_per_byte = 20;

using Reason = BtardReason;
const char* reason_name(Reason r) {
  switch (r) {
    case Reason::silent:
      return "silent";
    case Reason::gradient:
      return "gradient";
    case Reason::aggregate:
      return "aggregate";
    case Reason::projection:
      return "projection";
    case Reason::false_accusation:
      return "false-accusation";
  }
  return "?";
}

struct BanEvent {
  int round = 0, peer = 0, accuser = -1;  // accuser -1: seen by everyone, nobody accused
  Reason reason = Reason::silent;
  bool operator==(const BanEvent&) const = default;
};

struct Config {
  int peers = 0;
  int byzantine = 0;  // the f the rule starts from; it drops by one per ban
  uint64_t seed = 0;
  AggregatorChoice rule;
  double tau = std::numeric_limits<double>::infinity();  // the rule's clipping radius
  bool verify = true;
  int validators = 1;
  double check_tolerance = 1e-4;
  // What an active Byzantine peer does (every one of them, in its attack's rounds).
  bool lie_gradient = true, lie_aggregate = false, accuse = false, withhold_shard = false,
       withhold_reveal = false;
};

// The run's record for the summary: each peer's view of the bans (the honest views must agree).
struct Record {
  std::vector<Role> roles;
  std::vector<std::vector<BanEvent>> bans;
};

MessagePtr floats_message(Node& node, uint16_t tag, std::span<const uint8_t> header,
                          std::span<const float> v) {
  MessageWriter w(tag, node.round(), node.id(), 4 + header.size() + 4 * v.size());
  w.u32(static_cast<uint32_t>(v.size()));
  w.raw(header);
  w.values(v);
  return w.finish();
}

class Peer : public NodeProtocol {
 public:
  Peer(const Config& c, Record& record, int id)
      : c_(c),
        record_(record),
        id_(id),
        rng_(c.seed, {static_cast<uint64_t>(Stream::protocol), static_cast<uint64_t>(id) + 1}),
        rules_(&c.rule) {
    for (int i = 0; i < c.peers; ++i) active_.push_back(i);
  }

  // The peers left, the rules' state, and this peer's part of the run's record.
  void persist(Archive& a) override {
    a(rng_, active_, left_, rules_, record_.roles[id_], record_.bans[id_]);
  }

  void round(Node& node) override {
    if (left_) {
      // A banned peer has left; reading the honest vectors lets the board recycle them.
      const Attack* a = node.attack();
      if (a && a->knowledge() == Knowledge::omniscient) node.honest_vectors();
      return;
    }
    record_.roles[id_] = node.role();
    start_step(node);
    compute_gradient(node);
    if (c_.verify) commit(node);
    scatter_and_aggregate(node);
    if (c_.verify) {
      reveal(node);
      project(node);
      validate(node);
      resolve(node);
    }
    apply(node);
  }

 private:
  int n() const { return static_cast<int>(active_.size()); }
  std::span<const float> shard(std::span<const float> v, int k) const {
    const ShardRange r = shard_range(dim_, n(), k);
    return v.subspan(r.begin, r.size());
  }
  std::span<float> shard(Vector& v, int k) const {
    const ShardRange r = shard_range(dim_, n(), k);
    return {v.data() + r.begin, static_cast<size_t>(r.size())};
  }
  int position(int peer) const {
    return static_cast<int>(std::lower_bound(active_.begin(), active_.end(), peer) -
                            active_.begin());
  }
  void broadcast(Node& node, const MessagePtr& m) {
    for (int j : others_) node.send(j, m);
  }
  uint64_t batch_seed(int round, int peer) const {
    return derive_seed(c_.seed, {static_cast<uint64_t>(Stream::protocol), 0,
                                 static_cast<uint64_t>(round), static_cast<uint64_t>(peer)});
  }

  void start_step(Node& node) {
    dim_ = node.learner().params.size();
    me_ = position(id_);
    others_.clear();
    for (int j : active_)
      if (j != id_) others_.push_back(j);
    const Attack* a = node.attack();
    lying_ = a != nullptr;
    silent_ = a && a->silent();
    const size_t cells = static_cast<size_t>(n());
    for (auto* got : {&got_commit_, &got_shard_, &got_aggregate_, &got_reveal_, &got_projection_,
                      &got_accusation_, &skip_check_})
      got->assign(cells, 0);
    commits_.resize(cells * (cells + 1));
    nonces_.resize(cells);
    included_.assign(cells * cells, 0);
    projections_.assign(cells * cells, 0);
    accusations_.clear();
    banned_.clear();
    checked_peer_ = -1;
    if (aggregate_.size() != dim_)
      aggregate_.resize(dim_), recomputed_.resize(dim_), z_.resize(dim_);
    if (inputs_.size() < cells) inputs_.resize(cells);
  }

  // The minibatch gradient at the shared model, and what the peer sends instead if it lies.
  void compute_gradient(Node& node) {
    const LearningSetup& setup = node.setup();
    Learner& learner = node.learner();
    if (grad_.size() != dim_) grad_.resize(dim_);
    const bool poisoned = lying_ && c_.lie_gradient;
    node.train_compute(setup.network->train_flops(setup.batch_size), [&] {
      return seeded_gradient(
          setup, learner.params.data(), batch_seed(node.round(), id_),
          poisoned ? std::span<const int32_t>(learner.label_map) : std::span<const int32_t>(),
          grad_.data());
    });
    const int f = std::max(0, c_.byzantine - (c_.peers - n()));
    crafted_ =
        adversary_.shared(node, {grad_.data(), static_cast<size_t>(dim_)}, {n(), f, &c_.rule});
    sent_ = poisoned ? crafted_ : std::span<const float>(grad_.data(), dim_);
  }

  void commit(Node& node) {
    for (int w = 0; w < 4; ++w) {
      const uint64_t word = rng_.next();
      std::memcpy(nonce_.data() + 8 * w, &word, 8);
    }
    const int cells = n() + 1;
    Digest* mine = &commits_[static_cast<size_t>(me_) * cells];
    node.compute(hash_flops_per_byte * 4.0 * static_cast<double>(dim_), [&] {
      mine[0] = sha256(nonce_);
      for (int k = 0; k < n(); ++k) mine[1 + k] = sha256(shard(sent_, k));
    });
    if (!silent_) {
      MessageWriter w(tag_commit, node.round(), id_, 32 * cells);
      for (int k = 0; k < cells; ++k) w.raw(mine[k]);
      broadcast(node, w.finish());
      got_commit_[me_] = 1;
    }
    for (const Inbound& in : node.gather(tag_commit, others_)) {
      const int i = position(in.src());
      try {
        MessageReader r(*in.message);
        for (int k = 0; k < cells; ++k) {
          const auto bytes = r.raw(32);
          std::copy(bytes.begin(), bytes.end(),
                    commits_[static_cast<size_t>(i) * cells + k].begin());
        }
        r.expect_end();
        got_commit_[i] = 1;
      } catch (const DecodeError&) {
      }
    }
  }

  const Digest& commitment(int i, int k) const {
    return commits_[static_cast<size_t>(i) * (n() + 1) + k];
  }

  void scatter_and_aggregate(Node& node) {
    // Every other peer's shard goes to its aggregator; the own shard stays here.
    const bool withhold = silent_ || (lying_ && c_.withhold_shard);
    if (!withhold) {
      for (int k = 0; k < n(); ++k)
        if (k != me_) node.send(active_[k], floats_message(node, tag_shard, {}, shard(sent_, k)));
      got_shard_[me_] = 1;
    }
    const int64_t size = shard_range(dim_, n(), me_).size();
    for (int i = 0; i < n(); ++i)
      if (inputs_[i].size() != size) inputs_[i].resize(size);
    const auto own = shard(sent_, me_);
    std::copy(own.begin(), own.end(), inputs_[me_].data());
    const auto inbound = node.gather(tag_shard, others_);
    node.compute(hash_flops_per_byte * 4.0 * static_cast<double>(size * inbound.size()), [&] {
      for (const Inbound& in : inbound) {
        const int i = position(in.src());
        std::span<float> into(inputs_[i].data(), static_cast<size_t>(size));
        // A shard that does not match its commitment is as good as missing.
        if (read_btard_floats(*in.message, {}, into) &&
            (!c_.verify ||
             (got_commit_[i] && sha256(std::span<const float>(into)) == commitment(i, 1 + me_))))
          got_shard_[i] = 1;
      }
    });
    pointers_.clear();
    for (int i = 0; i < n(); ++i)
      if (got_shard_[i] || i == me_) pointers_.push_back(inputs_[i].data());
    for (int i = 0; i < n(); ++i)
      included_[static_cast<size_t>(me_) * n() + i] = got_shard_[i] || i == me_;

    Aggregator& rule = rule_for(static_cast<int>(pointers_.size()));
    auto mine = shard(aggregate_, me_);
    node.compute(rule.flops(static_cast<int>(pointers_.size()), size), [&] {
      AggregationInput input;
      input.vectors = pointers_;
      input.dim = size;
      rule.aggregate(input, mine.data());
    });
    if (lying_ && c_.lie_aggregate) {  // returns the attack's vector as the shard's aggregate
      const auto lie = shard(crafted_, me_);
      std::copy(lie.begin(), lie.end(), mine.begin());
    }
    got_aggregate_[me_] = !silent_;
    if (!silent_)
      broadcast(node,
                floats_message(
                    node, tag_aggregate,
                    {&included_[static_cast<size_t>(me_) * n()], static_cast<size_t>(n())}, mine));
    for (const Inbound& in : node.gather(tag_aggregate, others_)) {
      const int k = position(in.src());
      got_aggregate_[k] = read_btard_floats(
          *in.message, {&included_[static_cast<size_t>(k) * n()], static_cast<size_t>(n())},
          shard(aggregate_, k));
    }
    for (int k = 0; k < n(); ++k)
      if (!got_aggregate_[k]) std::ranges::fill(shard(aggregate_, k), 0.0f);
  }

  // The rule for this many inputs: its f is the Byzantine count minus the bans so far, lowered
  // further when too few inputs arrived for it.
  Aggregator& rule_for(int inputs) {
    int f = std::max(0, c_.byzantine - (c_.peers - n()));
    for (;; --f) {
      Aggregator& rule = rules_.get(f);
      if (rule.min_inputs() <= inputs || f == 0) return rule;
    }
  }

  void reveal(Node& node) {
    nonces_[me_] = nonce_;
    if (!(silent_ || (lying_ && c_.withhold_reveal))) {
      MessageWriter w(tag_reveal, node.round(), id_, 32);
      w.raw(nonce_);
      broadcast(node, w.finish());
      got_reveal_[me_] = 1;
    }
    for (const Inbound& in : node.gather(tag_reveal, others_)) {
      const int i = position(in.src());
      try {
        MessageReader r(*in.message);
        const auto bytes = r.raw(32);
        r.expect_end();
        std::copy(bytes.begin(), bytes.end(), nonces_[i].begin());
        got_reveal_[i] = got_commit_[i] && sha256(nonces_[i]) == commitment(i, 0);
      } catch (const DecodeError&) {
      }
    }
    revealed_.clear();
    for (int i = 0; i < n(); ++i)
      if (got_reveal_[i]) revealed_.push_back(nonces_[i]);
    shared_seed_ = revealed_seed(revealed_);
  }

  double projection(std::span<const float> x, int k) const {
    const ShardRange r = shard_range(dim_, n(), k);
    return clipped_projection(x.data(), aggregate_.data() + r.begin, z_.data() + r.begin, r.size(),
                              c_.tau);
  }

  void project(Node& node) {
    node.compute(30.0 * static_cast<double>(dim_), [&] {
      projection_directions(shared_seed_, dim_, n(), z_.data());
      for (int k = 0; k < n(); ++k)
        projections_[static_cast<size_t>(me_) * n() + k] = projection(shard(sent_, k), k);
    });
    if (!silent_) {
      MessageWriter w(tag_projection, node.round(), id_, 8 * n());
      w.append_values([&](std::vector<uint8_t>& bytes) {
        const auto* p =
            reinterpret_cast<const uint8_t*>(&projections_[static_cast<size_t>(me_) * n()]);
        bytes.insert(bytes.end(), p, p + 8 * n());
      });
      broadcast(node, w.finish());
      got_projection_[me_] = 1;
    }
    for (const Inbound& in : node.gather(tag_projection, others_)) {
      const int i = position(in.src());
      try {
        MessageReader r(*in.message);
        const auto bytes = r.raw(8 * n());
        r.expect_end();
        std::memcpy(&projections_[static_cast<size_t>(i) * n()], bytes.data(), bytes.size());
        got_projection_[i] = 1;
      } catch (const DecodeError&) {
      }
    }
  }

  // As the aggregator of its shard, a peer checks what every input's sender reported about it;
  // as a validator, it recomputes its target's gradient. Then everyone's accusations go to all.
  void validate(Node& node) {
    std::vector<std::pair<int, Reason>>& mine = own_accusations_;
    mine.clear();
    if (!lying_) {
      node.compute(6.0 * static_cast<double>(shard_range(dim_, n(), me_).size()) * n(), [&] {
        for (int i = 0; i < n(); ++i)
          if (i != me_ && got_shard_[i] && got_projection_[i] &&
              projection({inputs_[i].data(), static_cast<size_t>(inputs_[i].size())}, me_) !=
                  projections_[static_cast<size_t>(i) * n() + me_])
            mine.emplace_back(active_[i], Reason::projection);
      });
      for (const auto& [validator, target] :
           validation_pairs(derive_seed(shared_seed_, {1}), active_, c_.validators))
        if (validator == id_ && !honest_gradient(node, position(target)))
          mine.emplace_back(target, Reason::gradient);
    } else if (c_.accuse && n() > 1) {
      const int k = static_cast<int>(node.attack_rng().below(static_cast<uint64_t>(n() - 1)));
      mine.emplace_back(others_[k], Reason::gradient);
    }
    if (!silent_) {
      MessageWriter w(tag_accuse, node.round(), id_, 4 + 5 * mine.size());
      w.u32(static_cast<uint32_t>(mine.size()));
      for (const auto& [peer, reason] : mine)
        w.u32(static_cast<uint32_t>(peer)), w.u8(static_cast<uint8_t>(reason));
      broadcast(node, w.finish());
      got_accusation_[me_] = 1;
      for (const auto& [peer, reason] : mine) accusations_.push_back({id_, peer, reason});
    }
    for (const Inbound& in : node.gather(tag_accuse, others_)) {
      try {
        read_accusations(*in.message, in.src(), active_, received_accusations_);
        for (const auto& [peer, reason] : received_accusations_)
          accusations_.push_back({in.src(), peer, reason});
        got_accusation_[position(in.src())] = 1;
      } catch (const DecodeError&) {
      }
    }
    std::ranges::stable_sort(accusations_, {}, &Accusation::accuser);
  }

  // Whether peer i's committed shards are those of its honest gradient, recomputed from the
  // public seed at the shared model (once per peer and step); leaves it in recomputed_.
  bool honest_gradient(Node& node, int i) {
    if (checked_peer_ == i) return checked_same_;
    const LearningSetup& setup = node.setup();
    bool same = got_commit_[i];
    node.compute(setup.network->train_flops(setup.batch_size) +
                     hash_flops_per_byte * 4.0 * static_cast<double>(dim_),
                 [&] {
                   seeded_gradient(setup, node.learner().params.data(),
                                   batch_seed(node.round(), active_[i]), {}, recomputed_.data());
                   for (int k = 0; same && k < n(); ++k)
                     same = sha256(shard(std::span<const float>(recomputed_.data(), dim_), k)) ==
                            commitment(i, 1 + k);
                 });
    checked_peer_ = i;
    checked_same_ = same;
    return same;
  }

  void ban(int round, int i, Reason reason, int accuser) {
    if (std::ranges::any_of(banned_, [&](const BanEvent& e) { return e.peer == active_[i]; }))
      return;
    banned_.push_back({round, active_[i], accuser, reason});
  }

  // Every peer draws the same conclusions from the same messages: the honest ones agree.
  void resolve(Node& node) {
    const int round = node.round();
    for (int i = 0; i < n(); ++i)
      if (!got_commit_[i] || !got_shard_[i] || !got_aggregate_[i] || !got_reveal_[i] ||
          !got_projection_[i] || !got_accusation_[i])
        ban(round, i, Reason::silent, -1);
    for (const Accusation& a : accusations_) {
      const int t = position(a.accused);
      if (!honest_gradient(node, t)) {
        ban(round, t, Reason::gradient, a.accuser);
        if (a.reason == Reason::projection) skip_check_[position(a.accuser)] = 1;
        continue;
      }
      if (a.reason == Reason::projection) {
        const int k = position(a.accuser);
        double& reported = projections_[static_cast<size_t>(t) * n() + k];
        const double truth =
            projection(shard(std::span<const float>(recomputed_.data(), dim_), k), k);
        if (truth != reported) {
          ban(round, t, Reason::projection, a.accuser);
          reported = truth;  // the aggregate check of shard k uses the true value
          continue;
        }
      }
      ban(round, position(a.accuser), Reason::false_accusation, a.accused);
    }
    for (int k = 0; k < n(); ++k) {
      if (!got_aggregate_[k] || skip_check_[k]) continue;
      double sum = 0;
      int count = 0;
      bool complete = true;
      for (int i = 0; i < n(); ++i) {
        if (!included_[static_cast<size_t>(k) * n() + i]) continue;
        complete = complete && got_projection_[i];
        sum += projections_[static_cast<size_t>(i) * n() + k];
        ++count;
      }
      if (complete && count > 0 && !(std::abs(sum / count) <= c_.check_tolerance))
        ban(round, k, Reason::aggregate, -1);
    }
  }

  void apply(Node& node) {
    // A banned aggregator's shard is not applied.
    for (const BanEvent& e : banned_) std::ranges::fill(shard(aggregate_, position(e.peer)), 0.0f);
    Learner& learner = node.learner();
    const SgdConfig& sgd = node.setup().sgd;
    node.compute(4.0 * static_cast<double>(dim_), [&] {
      sgd_step(sgd, sgd.lr_at(node.round()), learner.params.data(), aggregate_.data(), dim_,
               learner.momentum.size() ? learner.momentum.data() : nullptr);
    });
    for (const BanEvent& e : banned_) {
      record_.bans[id_].push_back(e);
      active_.erase(active_.begin() + position(e.peer));
      left_ = left_ || e.peer == id_;
    }
  }

  struct Accusation {
    int accuser = 0, accused = 0;
    Reason reason = Reason::gradient;
  };

  const Config& c_;
  Record& record_;
  int id_;
  Rng rng_;                           // nonces
  std::vector<int> active_, others_;  // peers not banned (sorted), and those other than this one
  bool left_ = false, lying_ = false, silent_ = false;
  int64_t dim_ = 0;
  int me_ = 0;  // this peer's position in active_: the shard it aggregates
  Vector grad_, aggregate_, recomputed_, z_;
  std::span<const float> crafted_, sent_;
  Adversary adversary_;
  RulesByF rules_;
  std::vector<Vector> inputs_;  // shard me_ of every peer's gradient, by position
  std::vector<const float*> pointers_;
  Digest nonce_{};
  std::vector<Digest> commits_, nonces_, revealed_;
  std::vector<uint8_t> got_commit_, got_shard_, got_aggregate_, got_reveal_, got_projection_,
      got_accusation_, skip_check_, included_;
  std::vector<double> projections_;  // [i * n + k]: what peer i reported about shard k
  uint64_t shared_seed_ = 0;
  std::vector<std::pair<int, Reason>> own_accusations_, received_accusations_;
  std::vector<Accusation> accusations_;
  int checked_peer_ = -1;  // the peer whose gradient recomputed_ holds, and whether it matched
  bool checked_same_ = false;
  std::vector<BanEvent> banned_;
};

class Btard : public Protocol {
 public:
  explicit Btard(Config c) : c_(std::move(c)) {
    record_.roles.assign(c_.peers, Role::honest);
    record_.bans.resize(c_.peers);
  }
  std::unique_ptr<NodeProtocol> make_node(int id) override {
    return std::make_unique<Peer>(c_, record_, id);
  }

  // The bans as the honest peers saw them, and whether they all saw the same.
  json summary() const override {
    int reference = -1;
    bool agree = true;
    for (int i = 0; i < c_.peers; ++i) {
      if (record_.roles[i] != Role::honest) continue;
      if (reference < 0) reference = i;
      agree = agree && record_.bans[i] == record_.bans[reference];
    }
    json bans = json::array();
    int byzantine = 0, honest = 0, last = 0;
    if (reference >= 0) {
      for (const BanEvent& e : record_.bans[reference]) {
        bans.push_back({{"round", e.round},
                        {"peer", e.peer},
                        {"reason", reason_name(e.reason)},
                        {"accuser", e.accuser < 0 ? json(nullptr) : json(e.accuser)}});
        if (record_.roles[e.peer] == Role::honest)
          ++honest;
        else
          ++byzantine, last = e.round;
      }
    }
    const int total = static_cast<int>(std::ranges::count(record_.roles, Role::byzantine));
    return {{"bans", bans},
            {"honest_peers_agree", agree},
            {"byzantine_banned", byzantine},
            {"honest_banned", honest},
            {"all_byzantine_banned_round",
             total > 0 && byzantine == total ? json(last) : json(nullptr)}};
  }

 private:
  Config c_;
  Record record_;
};

}  // namespace

Component<ProtocolMaker> btard_component() {
  return {
      "btard",
      "BTARD: butterfly all-reduce with CenteredClip, commitments, random-projection checks of "
      "the aggregates, gradient validation from public seeds and bans (verify: false and the "
      "mean: a plain all-reduce)",
      {
          component_param("aggregator",
                          json{{"kind", "centered-clip"},
                               {"tau", 1.0},
                               {"iterations", 200},
                               {"start", "median"}},
                          "the rule each peer applies to its shard (the checks need "
                          "centered-clip or mean; its f defaults to the Byzantine count, minus "
                          "the bans)"),
          bool_param("verify", true,
                     "run the checks (commitments, commit-reveal, projections, validators, "
                     "accusations, bans); false: the all-reduce alone"),
          integer_param("validators", 1, "gradients recomputed per step (m)").min(0),
          real_param("check_tolerance", 1e-4,
                     "largest mean clipped projection on a shard an aggregate may leave")
              .min(0),
          bool_param("byzantine_gradient", true,
                     "active Byzantine peers send (and commit to) their attack's vector as "
                     "their gradient"),
          bool_param("byzantine_aggregate", false,
                     "active Byzantine peers return their attack's vector as their shard's "
                     "aggregate"),
          bool_param("false_accusation", false,
                     "active Byzantine peers accuse a random other peer of a wrong gradient"),
          bool_param("withhold_shard", false,
                     "active Byzantine peers send their gradient shards to nobody"),
          bool_param("withhold_reveal", false,
                     "active Byzantine peers commit to a nonce and never reveal it"),
      },
      [](const Params& params, const ProtocolEnv& env) -> std::unique_ptr<Protocol> {
        Config c;
        c.peers = env.nodes;
        c.byzantine = env.byzantine;
        c.seed = env.seed;
        c.rule = read_aggregator(params.raw("aggregator"), params.path_of("aggregator"));
        c.verify = params.flag("verify");
        c.validators = static_cast<int>(params.integer("validators"));
        c.check_tolerance = params.real("check_tolerance");
        c.lie_gradient = params.flag("byzantine_gradient");
        c.lie_aggregate = params.flag("byzantine_aggregate");
        c.accuse = params.flag("false_accusation");
        c.withhold_shard = params.flag("withhold_shard");
        c.withhold_reveal = params.flag("withhold_reveal");
        const std::string kind = c.rule.rule->name;
        if (kind == "centered-clip") c.tau = c.rule.params.real("tau");
        if (c.verify && ((kind != "centered-clip" && kind != "mean") || c.rule.params.flag("nnm")))
          params.fail("aggregator",
                      fmt::format("the checks verify centered-clip or mean (without nnm), not "
                                  "{}; use verify: false for other rules",
                                  kind));
        return std::make_unique<Btard>(std::move(c));
      }};
}

}  // namespace dlsim
