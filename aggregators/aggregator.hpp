#pragma once
// A robust aggregation rule: a function of a set of n vectors of equal length. Instances are per
// node (they keep scratch buffers and, for some rules, state across rounds such as CenteredClip's
// last centre), so aggregate() allocates nothing once warmed up and different nodes' instances run
// in parallel without sharing anything.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>

#include "core/archive.hpp"
#include "core/registry.hpp"

namespace dlsim {

// Raised when a rule cannot run on its input (n too small for f, mismatched weights); the message
// names the rule, n, f and the bound.
class AggregationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct AggregationInput {
  std::span<const float* const> vectors;  // the n vectors, `dim` floats each
  int64_t dim = 0;
  // Gossip rules only: the aggregating node's own vector (its centre) and the mixing weights of
  // `vectors` (empty when the rule does not use them); self_weight is the own vector's weight.
  const float* self = nullptr;
  std::span<const double> weights;
  double self_weight = 0;
};

class Aggregator {
 public:
  virtual ~Aggregator() = default;
  // Writes the aggregate (dim floats) to out, which may not alias an input. Throws
  // AggregationError when the input has fewer than min_inputs() vectors.
  virtual void aggregate(const AggregationInput& in, float* out) = 0;
  // The fewest vectors this rule needs for the f it was configured with (e.g. Bulyan: 4f + 3).
  virtual int min_inputs() const = 0;
  // Floating-point operations of one aggregate() call, charged as simulated compute time.
  virtual double flops(int n, int64_t dim) const = 0;
  // Checkpoints: what the rule carries from one call to the next (most rules keep nothing).
  virtual void persist(Archive&) {}
};

// Builds a rule from its validated parameters and the number of Byzantine inputs f it must
// tolerate (given in the scenario, or resolved by the protocol from the Byzantine count).
using AggregatorMaker = std::function<std::unique_ptr<Aggregator>(const Params& params, int f)>;
const Registry<AggregatorMaker>& aggregator_registry();

// Parameters every rule accepts: "f" (null: the protocol decides) and "nnm" (nearest-neighbour
// mixing before the rule).
const ParamSpec& aggregator_common_params();

// Reads an aggregator section ("median" or {"kind": "krum", "f": 2, "nnm": true}).
struct AggregatorChoice {
  const Component<AggregatorMaker>* rule = nullptr;
  Params params;
};
AggregatorChoice read_aggregator(const json& section, const std::string& path);
// Builds the chosen rule for the section's "f", or for this f when the section leaves "f" null,
// wrapped in NNM when asked.
std::unique_ptr<Aggregator> make_aggregator(const AggregatorChoice& choice, int f);

}  // namespace dlsim
