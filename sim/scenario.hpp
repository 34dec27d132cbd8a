#pragma once
// A scenario: the JSON file a user writes, validated against every component's declared
// parameters, with all defaults filled in. Nothing runs until the whole scenario is valid.
#include <string>
#include <vector>

#include "core/params.hpp"
#include "models/dataset.hpp"
#include "models/network.hpp"
#include "models/partition.hpp"
#include "protocols/protocol.hpp"
#include "sim/faults.hpp"
#include "topologies/topology.hpp"

namespace dlsim {

struct Scenario {
  std::string name;
  uint64_t seed = 1;
  int nodes = 0;
  int rounds = 0;

  Params network;                     // platform, bandwidth, latency, speed, model, cfg...
  Params heterogeneity;               // network.heterogeneity
  Params stragglers;                  // network.stragglers
  std::shared_ptr<Topology> overlay;  // validated (its graph built) while loading
  json topology;                      // the overlay's resolved parameters
  Params dataset;
  const Component<DatasetMaker>* dataset_kind = nullptr;
  Params partition;
  const Component<PartitionMaker>* partition_kind = nullptr;
  Params model;
  const Component<NetworkMaker>* model_kind = nullptr;
  Params training;
  Params protocol;
  const Component<ProtocolMaker>* protocol_kind = nullptr;
  Params byzantine;
  std::vector<int> byzantine_ids;  // sorted
  AttackChoice attack;
  Params eval;
  Params output;
  FaultSchedule faults;

  json resolved;  // the whole scenario with every default, as written beside the outputs
};

// Validates a scenario document; throws ConfigError naming the JSON path of the first problem.
Scenario load_scenario(const json& document);

// Reads a JSON file; errors name the file (and line for syntax errors).
json read_json_file(const std::string& path);

// Applies a command-line override "a.b.c=value": value is parsed as JSON, else taken as a string.
void apply_override(json& document, const std::string& assignment);

// The parameter declarations of the fixed sections, for `dlsim list` and the README.
struct SectionSpec {
  std::string name;
  const ParamSpec* params;
};
std::vector<SectionSpec> scenario_sections();

}  // namespace dlsim
