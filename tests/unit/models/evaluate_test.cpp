// The learner's evaluation: the test subset, gathered once and read in place in batches of GEMMs,
// gives what evaluating each sample of the test set on its own gives.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "helpers.hpp"
#include "models/learner.hpp"

using namespace dlsim;
using namespace dlsim::test;

TEST_CASE("batched evaluation equals evaluating each test sample alone") {
  // About 610 of 900 samples: several batches, the last one not full.
  auto test = std::make_shared<Dataset>(labelled_dataset(900, 10, 32, 7));
  LearningSetup setup;
  setup.test = test;
  setup.network = make_network(json{{"kind", "mlp"}, {"hidden", {24}}}, test->shape, 10);
  Rng pick(3);
  std::vector<int32_t> subset;
  for (int32_t i = 0; i < test->size(); ++i)
    if (pick.uniform() < 0.68) subset.push_back(i);
  REQUIRE(subset.size() > 500);
  setup.eval_set = eval_subset(*test, subset);
  REQUIRE(setup.eval_set->size() == static_cast<int>(subset.size()));
  std::vector<float> params(static_cast<size_t>(setup.network->param_count()));
  Rng init(5);
  setup.network->init(params.data(), init);

  const Evaluation batched = evaluate(setup, params.data());
  Workspace ws;
  double loss = 0;
  int correct = 0;
  for (int32_t i : subset) {
    const BatchResult r = setup.network->evaluate(
        params.data(), ConstMatrixMap(test->x.row(i).data(), 1, test->x.cols()), &test->y[i], ws);
    loss += r.loss_sum;
    correct += r.correct;
  }
  const auto n = static_cast<double>(subset.size());
  CHECK(batched.accuracy == doctest::Approx(correct / n).epsilon(1e-12));
  CHECK(batched.loss == doctest::Approx(loss / n).epsilon(1e-5));
  // A random model on 10 classes: neither trivially right nor trivially wrong.
  CHECK(batched.accuracy > 0.02);
  CHECK(batched.accuracy < 0.5);
}
