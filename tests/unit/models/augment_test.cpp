// Data augmentation noise (training.augment_noise): drawn from the learner's own stream, so it is
// deterministic, and it changes what is trained on.
#include <doctest/doctest.h>

#include <memory>
#include <numeric>
#include <vector>

#include "helpers.hpp"
#include "models/learner.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

// The parameters after 5 local SGD steps from the same start, data and streams.
Vector trained(double noise) {
  LearningSetup setup;
  auto data = std::make_shared<Dataset>(labelled_dataset(64, 4, 6));
  setup.train = data;
  setup.test = data;
  setup.network = std::shared_ptr<const Network<float>>(
      make_network(json{{"kind", "mlp"}, {"hidden", {8}}}, data->shape, data->classes));
  setup.batch_size = 8;
  setup.augment_noise = noise;
  std::vector<int32_t> indices(64);
  std::iota(indices.begin(), indices.end(), 0);
  Learner learner = make_learner(setup, indices, Rng(1), Rng(2));
  local_sgd(setup, learner, 5, 1);
  return learner.params;
}

}  // namespace

TEST_CASE("augmentation noise is deterministic and changes the training") {
  CHECK(trained(0) == trained(0));
  CHECK(trained(0.5) == trained(0.5));
  CHECK(trained(0.5) != trained(0));
  CHECK((trained(0.5) - trained(0)).norm() < (trained(5.0) - trained(0)).norm());
}
