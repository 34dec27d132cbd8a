#include "models/learner.hpp"

namespace dlsim {
namespace {

// Per-thread buffers: sized by the largest batch seen, then reused without allocating.
struct Scratch {
  Workspace workspace;
  Matrix x;
  std::vector<int32_t> y;
  std::vector<int32_t> indices;
  Vector grad;
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

constexpr int eval_chunk = 250;

}  // namespace

Learner make_learner(const LearningSetup& setup, std::vector<int32_t> indices, Rng init_rng,
                     Rng data_rng) {
  Learner l;
  l.params.resize(setup.network->param_count());
  setup.network->init(l.params.data(), init_rng);
  if (setup.sgd.momentum > 0) l.momentum = Vector::Zero(l.params.size());
  l.sampler = BatchSampler(std::move(indices));
  l.rng = data_rng;
  return l;
}

double local_sgd(const LearningSetup& setup, Learner& learner, int steps, int round) {
  Scratch& s = thread_scratch();
  const int64_t n = setup.network->param_count();
  if (s.grad.size() < n) s.grad.resize(n);
  if (static_cast<int>(s.indices.size()) < setup.batch_size) s.indices.resize(setup.batch_size);
  const double lr = setup.sgd.lr_at(round);
  double loss = 0;
  for (int step = 0; step < steps; ++step) {
    learner.sampler.next(setup.batch_size, learner.rng, s.indices.data());
    gather_batch(*setup.train, s.indices.data(), setup.batch_size, s.x, s.y);
    if (!learner.label_map.empty())
      for (int i = 0; i < setup.batch_size; ++i) s.y[i] = learner.label_map[s.y[i]];
    if (setup.augment_noise > 0) {
      float* features = s.x.data();
      const int64_t count = static_cast<int64_t>(setup.batch_size) * s.x.cols();
      for (int64_t k = 0; k < count; ++k)
        features[k] += static_cast<float>(setup.augment_noise * learner.rng.normal());
    }
    ConstMatrixMap x(s.x.data(), setup.batch_size, s.x.cols());
    const BatchResult r =
        setup.network->gradient(learner.params.data(), x, s.y.data(), s.grad.data(), s.workspace);
    loss += r.loss_sum / r.samples;
    sgd_step(setup.sgd, lr, learner.params.data(), s.grad.data(), n,
             learner.momentum.size() ? learner.momentum.data() : nullptr);
  }
  return steps ? loss / steps : 0;
}

double local_sgd_flops(const LearningSetup& setup, int steps) {
  // The update reads grad, momentum and params: a handful of flops per parameter.
  const double update = 4.0 * static_cast<double>(setup.network->param_count());
  return steps * (setup.network->train_flops(setup.batch_size) + update);
}

Evaluation evaluate(const LearningSetup& setup, const float* params) {
  Scratch& s = thread_scratch();
  double loss = 0;
  int64_t correct = 0;
  const auto total = static_cast<int>(setup.test_subset.size());
  for (int at = 0; at < total; at += eval_chunk) {
    const int n = std::min(eval_chunk, total - at);
    gather_batch(*setup.test, setup.test_subset.data() + at, n, s.x, s.y);
    ConstMatrixMap x(s.x.data(), n, s.x.cols());
    const BatchResult r = setup.network->evaluate(params, x, s.y.data(), s.workspace);
    loss += r.loss_sum;
    correct += r.correct;
  }
  Evaluation e;
  if (total > 0) e.accuracy = static_cast<double>(correct) / total, e.loss = loss / total;
  return e;
}

}  // namespace dlsim
