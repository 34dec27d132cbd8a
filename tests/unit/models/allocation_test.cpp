// Checks that the hot paths allocate nothing once their buffers are sized.
#include <doctest/doctest.h>

#include <vector>

#include "helpers.hpp"
#include "models/learner.hpp"
#include "models/optimizer.hpp"
#include "models/sampler.hpp"
// Last: it defines malloc.
#include "../malloc_counter.hpp"

#ifdef DLSIM_COUNT_MALLOC

using namespace dlsim;
using namespace dlsim::test;

TEST_CASE("the counter sees allocations") {
  CHECK(allocations_of([] { std::vector<float> v(1000); }) >= 1);
  CHECK(allocations_of([] { Matrix m(30, 40); }) >= 1);
}

namespace {
void check_training_allocates_nothing(const json& network) {
  CAPTURE(network.dump());
  Dataset data = labelled_dataset(2000, 10, 784);
  data.shape = Shape{1, 28, 28};
  const auto net = make_network(network, data.shape, 10);
  const int64_t n = net->param_count();
  std::vector<float> params(static_cast<size_t>(n)), grad(params.size()), momentum(params.size());
  Rng rng(1);
  net->init(params.data(), rng);
  std::vector<int32_t> all(2000);
  for (int i = 0; i < 2000; ++i) all[i] = i;
  BatchSampler sampler(all);
  Workspace ws;
  Matrix x;
  std::vector<int32_t> y, idx(1000);
  const SgdConfig sgd{.lr = 0.01, .momentum = 0.9, .weight_decay = 1e-4, .nesterov = true};

  auto step = [&](int batch) {
    sampler.next(batch, rng, idx.data());
    gather_batch(data, idx.data(), batch, x, y);
    net->gradient(params.data(), first_rows(std::as_const(x), batch), y.data(), grad.data(), ws);
    sgd_step(sgd, sgd.lr, params.data(), grad.data(), n, momentum.data());
  };
  auto evaluate = [&](int rows) {
    net->evaluate(params.data(), ConstMatrixMap(data.x.data(), rows, data.x.cols()), data.y.data(),
                  ws);
  };
  for (int batch : {8, 32, 250}) {
    CAPTURE(batch);
    step(batch);
    CHECK(allocations_of([&] { step(batch); }) == 0);
    CHECK(allocations_of([&] { step(batch); }) == 0);
  }
  evaluate(1000);
  CHECK(allocations_of([&] { evaluate(1000); }) == 0);
  // Smaller batches after larger ones reuse the buffers.
  CHECK(allocations_of([&] { step(8); }) == 0);
  CHECK(allocations_of([&] { evaluate(250); }) == 0);
}
}  // namespace

TEST_CASE("training and evaluation allocate nothing once sized") {
  check_training_allocates_nothing(json{{"kind", "mlp"}, {"hidden", {128}}});
  check_training_allocates_nothing(json{{"kind", "lenet"}, {"channels", {4, 8}}});
  check_training_allocates_nothing(json{{"kind", "cnn"}, {"channels", {4}}, {"hidden", {16}}});
}
TEST_CASE("a node's evaluation on the test subset allocates nothing once sized") {
  auto test = std::make_shared<Dataset>(labelled_dataset(1200, 10, 784));
  LearningSetup setup;
  setup.test = test;
  setup.network = make_network(json{{"kind", "mlp"}, {"hidden", {128}}}, test->shape, 10);
  std::vector<int32_t> subset;
  for (int32_t i = 0; i < test->size(); i += 2) subset.push_back(i);
  setup.eval_set = eval_subset(*test, subset);
  std::vector<float> params(static_cast<size_t>(setup.network->param_count()));
  Rng init(1);
  setup.network->init(params.data(), init);
  evaluate(setup, params.data());
  CHECK(allocations_of([&] { evaluate(setup, params.data()); }) == 0);
}
#endif
