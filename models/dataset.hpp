#pragma once
// Datasets shared read-only by every node (nodes hold index lists, never copies).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "models/tensor.hpp"

namespace dlsim {

struct Dataset {
  Shape shape;  // of one sample
  int classes = 0;
  Matrix x;                // samples x shape.size(), float32, already normalised
  std::vector<int32_t> y;  // labels in [0, classes)
  int size() const { return static_cast<int>(y.size()); }
};

struct DataSplit {
  std::shared_ptr<const Dataset> train;
  std::shared_ptr<const Dataset> test;
};

struct DatasetMaker {
  // Throws ConfigError (naming the parameter) if the data cannot be loaded, e.g. missing files.
  // Cheap: called by `dlsim validate` without loading anything.
  std::function<void(const Params& params)> check;
  std::function<DataSplit(const Params& params, uint64_t seed)> load;
};
const Registry<DatasetMaker>& dataset_registry();

}  // namespace dlsim
