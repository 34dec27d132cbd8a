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

// The gradient at params of the batch s.indices[0..batch), labels through label_map (if any),
// features augmented with setup.augment_noise drawn from `augment` (if not null).
double batch_gradient(const LearningSetup& setup, const float* params,
                      std::span<const int32_t> label_map, Rng* augment, Workspace& ws,
                      float* grad) {
  Scratch& s = thread_scratch();
  const int batch = setup.batch_size;
  gather_batch(*setup.train, s.indices.data(), batch, s.x, s.y);
  if (!label_map.empty())
    for (int i = 0; i < batch; ++i) s.y[i] = label_map[s.y[i]];
  if (augment && setup.augment_noise > 0) {
    float* features = s.x.data();
    const int64_t count = static_cast<int64_t>(batch) * s.x.cols();
    for (int64_t k = 0; k < count; ++k)
      features[k] += static_cast<float>(setup.augment_noise * augment->normal());
  }
  ConstMatrixMap x(s.x.data(), batch, s.x.cols());
  const BatchResult r = setup.network->gradient(params, x, s.y.data(), grad, ws);
  return r.loss_sum / r.samples;
}

std::span<int32_t> batch_indices(const LearningSetup& setup) {
  Scratch& s = thread_scratch();
  if (static_cast<int>(s.indices.size()) < setup.batch_size) s.indices.resize(setup.batch_size);
  return {s.indices.data(), static_cast<size_t>(setup.batch_size)};
}

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

double minibatch_gradient(const LearningSetup& setup, Learner& learner, Workspace& ws,
                          float* grad) {
  learner.sampler.next(setup.batch_size, learner.rng, batch_indices(setup).data());
  return batch_gradient(setup, learner.params.data(), learner.label_map, &learner.rng, ws, grad);
}

double local_sgd(const LearningSetup& setup, Learner& learner, int steps, int round) {
  Scratch& s = thread_scratch();
  const int64_t n = setup.network->param_count();
  if (s.grad.size() < n) s.grad.resize(n);
  const double lr = setup.sgd.lr_at(round);
  double loss = 0;
  for (int step = 0; step < steps; ++step) {
    loss += minibatch_gradient(setup, learner, s.workspace, s.grad.data());
    sgd_step(setup.sgd, lr, learner.params.data(), s.grad.data(), n,
             learner.momentum.size() ? learner.momentum.data() : nullptr);
  }
  return steps ? loss / steps : 0;
}

double seeded_gradient(const LearningSetup& setup, const float* params, uint64_t batch_seed,
                       std::span<const int32_t> label_map, float* grad) {
  Rng rng(batch_seed);
  for (int32_t& index : batch_indices(setup))
    index = static_cast<int32_t>(rng.below(static_cast<uint64_t>(setup.train->size())));
  return batch_gradient(setup, params, label_map, nullptr, thread_scratch().workspace, grad);
}

double local_sgd_flops(const LearningSetup& setup, int steps) {
  // The update reads grad, momentum and params: a handful of flops per parameter.
  const double update = 4.0 * static_cast<double>(setup.network->param_count());
  return steps * (setup.network->train_flops(setup.batch_size) + update);
}

std::shared_ptr<const Dataset> eval_subset(const Dataset& data, std::span<const int32_t> indices) {
  auto subset = std::make_shared<Dataset>();
  subset->shape = data.shape;
  subset->classes = data.classes;
  const auto n = static_cast<int>(indices.size());
  if (n > 0) gather_batch(data, indices.data(), n, subset->x, subset->y);
  return subset;
}

Evaluation evaluate(const LearningSetup& setup, const float* params) {
  Scratch& s = thread_scratch();
  const Dataset& data = *setup.eval_set;
  double loss = 0;
  int64_t correct = 0;
  const int total = data.size();
  const auto features = data.x.cols();
  for (int at = 0; at < total; at += eval_chunk) {
    const int n = std::min(eval_chunk, total - at);
    ConstMatrixMap x(data.x.data() + at * features, n, features);
    const BatchResult r = setup.network->evaluate(params, x, data.y.data() + at, s.workspace);
    loss += r.loss_sum;
    correct += r.correct;
  }
  Evaluation e;
  if (total > 0) e.accuracy = static_cast<double>(correct) / total, e.loss = loss / total;
  return e;
}

}  // namespace dlsim
