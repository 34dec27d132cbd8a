#pragma once
// SGD with momentum, Nesterov and weight decay (PyTorch's update rule). Per-node state is the
// momentum buffer, kept across rounds.
#include <cstdint>

#include "core/params.hpp"
#include "models/tensor.hpp"

namespace dlsim {

struct SgdConfig {
  double lr = 0.05;
  double momentum = 0;
  double weight_decay = 0;
  bool nesterov = false;
};

// Parameters of the scenario's "training" section that configure the optimizer.
const ParamSpec& sgd_params();
SgdConfig sgd_config(const Params& training);

// params -= lr * update(grad); `momentum` has n floats when config.momentum > 0, else is unused.
void sgd_step(const SgdConfig& config, float* params, const float* grad, int64_t n,
              float* momentum);

}  // namespace dlsim
