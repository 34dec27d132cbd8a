// The network architectures a scenario can name.
#include <memory>

#include "models/dense.hpp"
#include "models/network.hpp"
#include "models/relu.hpp"

namespace dlsim {

namespace {

std::unique_ptr<Network> make_logreg(const Params& /*params*/, Shape input, int classes) {
  std::vector<std::unique_ptr<Layer>> layers;
  layers.push_back(std::make_unique<Dense>(input.size(), classes));
  return std::make_unique<Network>(input, classes, std::move(layers));
}

std::unique_ptr<Network> make_mlp(const Params& params, Shape input, int classes) {
  std::vector<std::unique_ptr<Layer>> layers;
  int width = input.size();
  for (int64_t hidden : params.integers("hidden")) {
    layers.push_back(std::make_unique<Dense>(width, static_cast<int>(hidden)));
    layers.push_back(std::make_unique<Relu>(Shape{static_cast<int>(hidden), 1, 1}));
    width = static_cast<int>(hidden);
  }
  layers.push_back(std::make_unique<Dense>(width, classes));
  return std::make_unique<Network>(input, classes, std::move(layers));
}

}  // namespace

const Registry<NetworkMaker>& network_registry() {
  static const Registry<NetworkMaker> registry(
      "network", {
                     {"logreg",
                      "multinomial logistic regression: one dense layer to the classes",
                      {},
                      make_logreg},
                     {"mlp",
                      "dense layers with ReLU, then a dense layer to the classes",
                      {list_param("hidden", ParamType::integers, json::array({128}),
                                  "widths of the hidden layers")
                           .range(1, 1 << 20)},
                      make_mlp},
                 });
  return registry;
}

}  // namespace dlsim
