#pragma once
// A node's learning state and the two things done with it: local SGD steps and evaluation.
// Both run inside compute-pool jobs, on per-thread scratch buffers, so nodes hold only their
// parameters, optimizer state and data indices.
#include <memory>
#include <span>
#include <vector>

#include "core/rng.hpp"
#include "models/dataset.hpp"
#include "models/network.hpp"
#include "models/optimizer.hpp"
#include "models/sampler.hpp"

namespace dlsim {

// What every node of a run shares, read-only.
struct LearningSetup {
  std::shared_ptr<const Dataset> train;
  std::shared_ptr<const Dataset> test;
  std::shared_ptr<const Network<float>> network;
  SgdConfig sgd;
  int batch_size = 8;
  int local_steps = 1;  // SGD steps per round
  // Data augmentation: each training minibatch's features get N(0, augment_noise^2) noise, drawn
  // from the learner's own stream (so runs stay deterministic); 0 draws nothing.
  double augment_noise = 0;
  // The test samples used for evaluation, gathered once (eval_subset) so that every evaluation
  // reads them in place.
  std::shared_ptr<const Dataset> eval_set;
};

// The rows `indices` of `data`, as a dataset of their own.
std::shared_ptr<const Dataset> eval_subset(const Dataset& data, std::span<const int32_t> indices);

struct Learner {
  Vector params;
  Vector momentum;  // empty when the optimizer has no momentum
  BatchSampler sampler;
  Rng rng;  // minibatch sampling
  // Data poisoning: the label trained on for each true label (empty: the true labels).
  std::vector<int32_t> label_map;

  // The label map is set again at every round's start, so it is not state.
  void persist(Archive& a) { a(params, momentum, sampler, rng); }
};

// A learner with its initial parameters (from init_rng) and its data.
Learner make_learner(const LearningSetup& setup, std::vector<int32_t> indices, Rng init_rng,
                     Rng data_rng);

// The mean-loss gradient of one minibatch at the learner's parameters, into grad (param_count
// floats); ws keeps the batch's activations and deltas. Advances the sampler; returns the mean
// loss. Costs setup.network->train_flops(setup.batch_size).
double minibatch_gradient(const LearningSetup& setup, Learner& learner, Workspace& ws, float* grad);

// Runs `steps` SGD steps at round `round`'s learning rate; returns their mean training loss.
double local_sgd(const LearningSetup& setup, Learner& learner, int steps, int round);
// The gradient at `params` on a minibatch of setup.batch_size samples drawn uniformly from the
// whole training set with Rng(batch_seed): anyone who knows the seed and the parameters can
// recompute it exactly (BTARD's validators do). label_map as in Learner (empty: true labels).
// Writes param_count floats to grad; returns the batch's mean loss.
double seeded_gradient(const LearningSetup& setup, const float* params, uint64_t batch_seed,
                       std::span<const int32_t> label_map, float* grad);

// Simulated cost of local_sgd: forward, backward and the optimizer update.
double local_sgd_flops(const LearningSetup& setup, int steps);

struct Evaluation {
  double accuracy = 0;
  double loss = 0;
};
// Accuracy and mean loss of `params` on the setup's evaluation set: batched GEMMs over the samples
// in place, no copy and no allocation once this thread's workspace is sized.
Evaluation evaluate(const LearningSetup& setup, const float* params);

}  // namespace dlsim
