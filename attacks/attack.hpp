#pragma once
// A Byzantine behaviour: where a Byzantine node departs from its protocol. A protocol runs its
// honest code to get the vector it would share this round (a gradient, a model, an update, a
// compressed difference...), then, on a Byzantine node whose attack is active, asks the attack
// for the vector to share instead and encodes that exactly as it would the honest one. Attacks
// know nothing of SimGrid or of protocols: they are functions of what the node may see.
// One instance per Byzantine node (some keep history, e.g. delayed gradients).
#include <cstdint>
#include <functional>
#include <memory>
#include <span>

#include "aggregators/aggregator.hpp"
#include "core/registry.hpp"
#include "core/rng.hpp"
#include "topologies/graph.hpp"

namespace dlsim {

// What the attacker sees: only its own data and vector (local), or also every honest vector of
// the round (omniscient), which the engine collects before the Byzantine nodes craft theirs.
enum class Knowledge { local, omniscient };

struct AttackView {
  int round = 0;  // 1-based
  int node = 0;   // the Byzantine node crafting
  int64_t dim = 0;
  std::span<const float> own;  // what this node would honestly share (dim floats)
  // Omniscient attacks only: the honest vectors of the round and their node ids.
  std::span<const float* const> honest;
  std::span<const int> honest_ids;
  // The aggregation the vector will enter: its input count n, the Byzantine count f among them,
  // and the defence's rule (null when the receiver does not aggregate with a rule, e.g. MH
  // averaging), so that attacks can tune themselves against it.
  int inputs = 0;
  int byzantine = 0;
  const AggregatorChoice* defence = nullptr;
  // Gossip: the overlay and the neighbour the vector is for (-1 when one message goes to all).
  const Graph* graph = nullptr;
  int receiver = -1;
};

class Attack {
 public:
  virtual ~Attack() = default;
  virtual Knowledge knowledge() const { return Knowledge::local; }
  // Whether each receiver gets its own vector (equivocation, dissensus): the protocol then calls
  // craft() once per neighbour with view.receiver set, and sends each its own message.
  virtual bool per_receiver() const { return false; }
  // Crash / silence: the node sends nothing while the attack is active.
  virtual bool silent() const { return false; }
  // Data poisoning (label flip): the label the node trains on instead of y.
  virtual int32_t label(int32_t y, int /*classes*/) const { return y; }
  // Writes the vector to share instead of view.own (view.dim floats; out does not alias own).
  // rng is this node's attack stream; randomness shared by all Byzantine nodes (a common
  // direction) comes from the shared seed given at construction.
  virtual void craft(const AttackView& view, Rng& rng, float* out) = 0;
  // Floating-point operations of one craft() call, charged as simulated compute time.
  virtual double flops(const AttackView& view) const = 0;
  // Checkpoints: what the attack carries from one round to the next (most keep nothing, or only
  // what they can derive again from their seed).
  virtual void persist(Archive&) {}
};

// Builds an attack from its validated parameters and a seed shared by every Byzantine node of the
// run (for colluding randomness).
using AttackMaker =
    std::function<std::unique_ptr<Attack>(const Params& params, uint64_t shared_seed)>;
const Registry<AttackMaker>& attack_registry();

// Reads an attack section ("sign-flip" or {"kind": "alie", "z_rule": "later"}). Which nodes are
// Byzantine and when they attack is the scenario's "byzantine" section, not the attack's.
struct AttackChoice {
  const Component<AttackMaker>* kind = nullptr;
  Params params;
};
AttackChoice read_attack(const json& section, const std::string& path);
// Builds one Byzantine node's instance of the chosen attack.
std::unique_ptr<Attack> make_attack(const AttackChoice& choice, uint64_t shared_seed);

}  // namespace dlsim
