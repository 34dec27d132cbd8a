#pragma once
// A feed-forward network over one flat float32 parameter vector (the form protocols ship and
// aggregate), with softmax cross-entropy loss.
#include <functional>
#include <memory>
#include <vector>

#include "core/registry.hpp"
#include "models/architecture.hpp"

namespace dlsim {

// Per-thread buffers for a batch: activations and deltas of every layer. A Workspace is reused
// across calls and nodes, so training allocates nothing once it has seen the largest batch.
// Buffers keep the rows of the largest batch seen; the last batch is their first `batch` rows
// (use the accessors below).
template <class T>
struct WorkspaceOf {
  std::vector<MatrixOf<T>>
      activations;                  // activations[0] = input batch (after gradient(); evaluate()
                                    // reads the input in place), [i+1] = layer i output
  std::vector<MatrixOf<T>> deltas;  // deltas[i] = dloss/d(activations[i]); deltas[0] (the input's)
                                    // is not computed, as nothing upstream of the data needs it
  MatrixOf<T> probabilities;        // softmax of the logits
  int batch = 0;                    // rows of the last forward pass

  ConstMapOf<T> activation(size_t i) const { return first_rows(activations[i], batch); }
  ConstMapOf<T> delta(size_t i) const { return first_rows(deltas[i], batch); }
  ConstMapOf<T> probability() const { return first_rows(probabilities, batch); }
};
using Workspace = WorkspaceOf<float>;

struct BatchResult {
  double loss_sum = 0;  // summed cross-entropy over the batch
  int correct = 0;      // samples whose arg-max prediction equals the label
  int samples = 0;
};

// Instantiated for float (training) and double (gradient checks).
template <class T>
class Network {
 public:
  Network(const Architecture& architecture, int classes);

  int64_t param_count() const { return param_count_; }
  Shape input_shape() const { return input_; }
  int classes() const { return classes_; }
  const std::vector<std::unique_ptr<Layer<T>>>& layers() const { return layers_; }
  int64_t offset(size_t layer) const { return offsets_[layer]; }  // of layer's params

  void init(T* params, Rng& rng) const;

  // Mean-loss gradient of a batch (rows of x, labels y) into grad (param_count floats,
  // overwritten). The workspace keeps each layer's input activations and output deltas of this
  // batch. Labels must be in [0, classes); x needs at least one row.
  BatchResult gradient(const T* params, ConstMapOf<T> x, const int32_t* y, T* grad,
                       WorkspaceOf<T>& ws) const;
  // Forward only, for evaluation: the input is read in place, not copied to the workspace.
  BatchResult evaluate(const T* params, ConstMapOf<T> x, const int32_t* y,
                       WorkspaceOf<T>& ws) const;

  double train_flops(int batch) const;  // forward + backward + loss
  double eval_flops(int batch) const;   // forward + loss

 private:
  // keep_input: copy x to activations[0] (the weight gradient of the first layer reads it).
  void forward(const T* params, ConstMapOf<T> x, WorkspaceOf<T>& ws, bool keep_input) const;
  BatchResult loss(const int32_t* y, WorkspaceOf<T>& ws) const;
  Shape input_;
  int classes_;
  std::vector<std::unique_ptr<Layer<T>>> layers_;
  std::vector<int64_t> offsets_;
  int64_t param_count_ = 0;
};

// Networks by name ("logreg", "mlp", "lenet"...): the architecture for the dataset's input shape
// and class count.
using NetworkMaker = std::function<Architecture(const Params& params, Shape input, int classes)>;
const Registry<NetworkMaker>& network_registry();

// The named network's architecture; a network that does not fit the input (e.g. more pooling than
// the image allows) fails with a ConfigError naming the section.
Architecture network_architecture(const Component<NetworkMaker>& network, const Params& params,
                                  Shape input, int classes);

}  // namespace dlsim
