#pragma once
// A feed-forward network over one flat float32 parameter vector (the form protocols ship and
// aggregate), with softmax cross-entropy loss.
#include <functional>
#include <memory>
#include <vector>

#include "core/registry.hpp"
#include "models/layer.hpp"

namespace dlsim {

class Network;

// Per-thread buffers for a batch: activations and deltas of every layer. A Workspace is reused
// across calls and nodes, so training allocates nothing once it has seen the largest batch.
// Buffers keep the rows of the largest batch seen; the last batch is their first `batch` rows
// (use the accessors below).
struct Workspace {
  std::vector<Matrix> activations;  // activations[0] = input batch, activations[i+1] = layer i out
  std::vector<Matrix> deltas;       // deltas[i] = dloss/d(activations[i]); deltas[0] (the input's)
                                    // is not computed, as nothing upstream of the data needs it
  Matrix probabilities;             // softmax of the logits
  int batch = 0;                    // rows of the last forward pass

  ConstMatrixMap activation(size_t i) const { return first_rows(activations[i], batch); }
  ConstMatrixMap delta(size_t i) const { return first_rows(deltas[i], batch); }
  ConstMatrixMap probability() const { return first_rows(probabilities, batch); }
};

struct BatchResult {
  double loss_sum = 0;  // summed cross-entropy over the batch
  int correct = 0;      // samples whose arg-max prediction equals the label
  int samples = 0;
};

class Network {
 public:
  Network(Shape input, int classes, std::vector<std::unique_ptr<Layer>> layers);

  int64_t param_count() const { return param_count_; }
  Shape input_shape() const { return input_; }
  int classes() const { return classes_; }
  const std::vector<std::unique_ptr<Layer>>& layers() const { return layers_; }
  int64_t offset(size_t layer) const { return offsets_[layer]; }  // of layer's params

  void init(float* params, Rng& rng) const;

  // Mean-loss gradient of a batch (rows of x, labels y) into grad (param_count floats,
  // overwritten). The workspace keeps each layer's input activations and output deltas of this
  // batch. Labels must be in [0, classes); x needs at least one row.
  BatchResult gradient(const float* params, ConstMatrixMap x, const int32_t* y, float* grad,
                       Workspace& ws) const;
  // Forward only, for evaluation.
  BatchResult evaluate(const float* params, ConstMatrixMap x, const int32_t* y,
                       Workspace& ws) const;

  double train_flops(int batch) const;  // forward + backward + loss
  double eval_flops(int batch) const;   // forward + loss

 private:
  void forward(const float* params, ConstMatrixMap x, Workspace& ws) const;
  Shape input_;
  int classes_;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<int64_t> offsets_;
  int64_t param_count_ = 0;
};

// Networks by name ("logreg", "mlp"...), built for the dataset's input shape and class count.
using NetworkMaker =
    std::function<std::unique_ptr<Network>(const Params& params, Shape input, int classes)>;
const Registry<NetworkMaker>& network_registry();

}  // namespace dlsim
