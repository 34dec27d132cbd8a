#pragma once
// Splitting the training set among nodes: each node gets a list of sample indices.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/registry.hpp"
#include "core/rng.hpp"
#include "models/dataset.hpp"

namespace dlsim {

using Partition = std::vector<std::vector<int32_t>>;  // node -> indices into the training set

// Throws ConfigError (via params.fail) when the data cannot be split as asked
// (e.g. fewer samples than nodes, more shards than samples).
using PartitionMaker =
    std::function<Partition(const Params& params, const Dataset& train, int nodes, Rng& rng)>;
const Registry<PartitionMaker>& partition_registry();

}  // namespace dlsim
