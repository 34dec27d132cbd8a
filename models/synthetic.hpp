#pragma once
// Gaussian class clusters: a fast, dependency-free dataset for tests and quick scenarios.
#include "models/dataset.hpp"

namespace dlsim {

Component<DatasetMaker> synthetic_dataset();

}  // namespace dlsim
