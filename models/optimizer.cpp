#include "models/optimizer.hpp"

namespace dlsim {

const ParamSpec& sgd_params() {
  static const ParamSpec spec = {
      real_param("lr", 0.05, "SGD learning rate").min(0),
      real_param("momentum", 0.0, "momentum factor, below 1 (0 disables momentum)").range(0, 1),
      real_param("weight_decay", 0.0, "L2 penalty: weight_decay * params is added to the gradient")
          .min(0),
      bool_param("nesterov", false, "Nesterov momentum (needs momentum > 0)"),
  };
  return spec;
}

SgdConfig sgd_config(const Params& training) {
  SgdConfig config;
  config.lr = training.real("lr");
  config.momentum = training.real("momentum");
  config.weight_decay = training.real("weight_decay");
  config.nesterov = training.flag("nesterov");
  // The declared range is closed; momentum 1 would never forget a gradient.
  if (config.momentum >= 1) training.fail("momentum", "must be below 1");
  if (config.nesterov && config.momentum <= 0)
    training.fail("nesterov", "needs momentum > 0 (as in PyTorch)");
  return config;
}

void sgd_step(const SgdConfig& config, float* params, const float* grad, int64_t n,
              float* momentum) {
  VectorMap p(params, n);
  const ConstVectorMap g(grad, n);
  const auto lr = static_cast<float>(config.lr);
  const auto wd = static_cast<float>(config.weight_decay);
  const auto mu = static_cast<float>(config.momentum);
  // Branches rather than multiplying by zero: the common cases stay one pass over memory.
  if (mu == 0) {
    if (wd == 0)
      p -= lr * g;
    else
      p -= lr * (g + wd * p);
    return;
  }
  // PyTorch starts the buffer as a copy of the first gradient; a zero buffer gives the same
  // mu * 0 + g, so callers simply zero-initialise it.
  VectorMap buf(momentum, n);
  if (wd == 0) {
    buf = mu * buf + g;
    if (config.nesterov)
      p -= lr * (g + mu * buf);
    else
      p -= lr * buf;
  } else {
    buf = mu * buf + (g + wd * p);
    if (config.nesterov)
      p -= lr * ((g + wd * p) + mu * buf);
    else
      p -= lr * buf;
  }
}

}  // namespace dlsim
