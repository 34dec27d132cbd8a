#include "models/relu.hpp"

namespace dlsim {

void Relu::forward(const float* /*params*/, ConstMatrixMap in, MatrixMap out) const {
  out = in.cwiseMax(0.0f);
}

void Relu::backward(const float* /*params*/, ConstMatrixMap /*in*/, ConstMatrixMap out,
                    ConstMatrixMap dout, float* /*grad*/, MatrixMap* din) const {
  // The derivative at 0 is taken as 0, as PyTorch does.
  if (din) din->array() = (out.array() > 0.0f).select(dout.array(), 0.0f);
}

}  // namespace dlsim
