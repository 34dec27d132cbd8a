#pragma once
// A layer with explicit forward and backward passes over a view into the flat parameter vector.
// Layers are immutable definitions shared by all nodes; batch buffers live in a Workspace.
#include <cstdint>
#include <memory>
#include <string>

#include "core/rng.hpp"
#include "models/tensor.hpp"

namespace dlsim {

class Layer {
 public:
  virtual ~Layer() = default;
  virtual std::string name() const = 0;
  virtual Shape input_shape() const = 0;
  virtual Shape output_shape() const = 0;
  virtual int64_t param_count() const { return 0; }
  // Initialises this layer's parameters as PyTorch does (Kaiming-uniform for weights).
  virtual void init(float* /*params*/, Rng& /*rng*/) const {}

  // in: batch x input size; out: batch x output size (overwritten).
  virtual void forward(const float* params, ConstMatrixMap in, MatrixMap out) const = 0;
  // Given dloss/dout, writes dloss/dparams into grad (overwritten, param_count() floats) and
  // dloss/din into din when din is not null.
  virtual void backward(const float* params, ConstMatrixMap in, ConstMatrixMap out,
                        ConstMatrixMap dout, float* grad, MatrixMap* din) const = 0;

  virtual double forward_flops(int batch) const = 0;
  // Includes input_gradient_flops, which a network skips for its first layer.
  virtual double backward_flops(int batch) const = 0;
  virtual double input_gradient_flops(int batch) const = 0;
};

}  // namespace dlsim
