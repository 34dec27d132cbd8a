#pragma once
// Simulated faults, declared as the scenario's "faults" list: node crashes (with an optional
// recovery), link failures and degradations over a span of simulated time, and message loss.
// Each kind is one line of fault_registry(); reading a list validates every entry against the
// run (node ids, rounds, times) and builds the schedule the engine follows.
#include <string>
#include <vector>

#include "core/registry.hpp"

namespace simgrid::s4u {
class Host;
}

namespace dlsim {

struct FaultSchedule {
  struct Crash {
    int node = 0;
    int round = 1;    // first round the node is down
    int recover = 0;  // first round it is back (0: never)
  };
  // A change of a node's link over [start, end) of simulated time (end < 0: to the end).
  struct LinkChange {
    int node = 0;
    double start = 0;
    double end = -1;
    bool off = false;  // a failure; else a degradation by the factors
    double bandwidth_factor = 1;
    double latency_factor = 1;
  };
  struct Loss {
    int node = -1;  // messages sent or received by this node (-1: every message)
    double probability = 0;
  };
  std::vector<Crash> crashes;
  std::vector<LinkChange> links;
  std::vector<Loss> losses;
  json resolved = json::array();  // the entries with their defaults

  bool empty() const { return crashes.empty() && links.empty() && losses.empty(); }
  const Crash* crash_of(int node) const;
  bool down(int node, int round) const;
  // Probability that a message from src to dst is lost (independent losses combined).
  double loss_probability(int src, int dst) const;
};

// What a fault entry is checked against.
struct FaultContext {
  int nodes = 0;
  int rounds = 0;
  bool star_platform = true;  // link faults need the star platform's per-node links
};

using FaultMaker = void (*)(const Params& entry, const FaultContext& run, FaultSchedule& out);
const Registry<FaultMaker>& fault_registry();

// Builds the schedule of the "faults" list (a list of objects); errors name faults[i].key.
FaultSchedule read_faults(const json& list, const FaultContext& run);

// Starts a daemon actor on `host` that applies the link changes at their times.
void start_link_faults(const FaultSchedule& faults, simgrid::s4u::Host* host);

}  // namespace dlsim
