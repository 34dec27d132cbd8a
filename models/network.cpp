#include "models/network.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace dlsim {

namespace {

// Grows m to hold rows x cols; never shrinks, so a workspace reaches a steady state and then
// allocates nothing whatever batch sizes follow.
template <class T>
void reserve(MatrixOf<T>& m, Eigen::Index rows, Eigen::Index cols) {
  if (m.cols() != cols || m.rows() < rows) m.resize(rows, cols);
}

// Softmax of each row of logits into probabilities, plus the summed cross-entropy and the number
// of correct arg-max predictions. Written as plain loops so the summation order is fixed.
template <class T>
BatchResult softmax_cross_entropy(ConstMapOf<T> logits, const int32_t* y, MapOf<T> probabilities) {
  BatchResult result;
  const auto classes = logits.cols();
  for (Eigen::Index r = 0; r < logits.rows(); ++r) {
    const T* z = logits.row(r).data();
    T* p = probabilities.row(r).data();
    const int32_t label = y[r];
    if (label < 0 || label >= classes)
      throw std::invalid_argument(fmt::format("label {} out of range [0, {})", label, classes));
    // Strict > keeps the lowest index on ties, for the prediction and the shift alike.
    Eigen::Index best = 0;
    for (Eigen::Index c = 1; c < classes; ++c)
      if (z[c] > z[best]) best = c;
    // Shifting by the max keeps exp() from overflowing (log-sum-exp).
    const T shift = z[best];
    double sum = 0;
    for (Eigen::Index c = 0; c < classes; ++c) {
      p[c] = std::exp(z[c] - shift);
      sum += p[c];
    }
    const auto inverse = static_cast<T>(1.0 / sum);
    for (Eigen::Index c = 0; c < classes; ++c) p[c] *= inverse;
    result.loss_sum += std::log(sum) - (static_cast<double>(z[label]) - shift);
    result.correct += best == label;
  }
  result.samples = static_cast<int>(logits.rows());
  return result;
}

}  // namespace

template <class T>
Network<T>::Network(const Architecture& architecture, int classes)
    : input_(architecture.input()), classes_(classes) {
  for (const LayerSpec& spec : architecture.layers()) layers_.push_back(make_layer<T>(spec));
  if (layers_.empty()) throw std::invalid_argument("a network needs at least one layer");
  int size = input_.size();
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (layers_[i]->input_shape().size() != size)
      throw std::invalid_argument(fmt::format("layer {} ({}) takes {} inputs but receives {}", i,
                                              layers_[i]->name(), layers_[i]->input_shape().size(),
                                              size));
    offsets_.push_back(param_count_);
    param_count_ += layers_[i]->param_count();
    size = layers_[i]->output_shape().size();
  }
  if (size != classes_)
    throw std::invalid_argument(
        fmt::format("the last layer gives {} outputs for {} classes", size, classes_));
}

template <class T>
void Network<T>::init(T* params, Rng& rng) const {
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->init(params + offsets_[i], rng);
}

template <class T>
void Network<T>::forward(const T* params, ConstMapOf<T> x, WorkspaceOf<T>& ws,
                         bool keep_input) const {
  if (x.cols() != input_.size())
    throw std::invalid_argument(
        fmt::format("batch has {} features, the network takes {}", x.cols(), input_.size()));
  const auto batch = x.rows();
  const size_t n = layers_.size();
  ws.activations.resize(n + 1);
  ws.deltas.resize(n + 1);
  ws.batch = static_cast<int>(batch);
  // For a gradient, the input is copied so that the workspace holds every layer's input.
  if (keep_input) {
    reserve(ws.activations[0], batch, x.cols());
    first_rows(ws.activations[0], batch) = x;
  }
  for (size_t i = 0; i < n; ++i) {
    reserve(ws.activations[i + 1], batch, layers_[i]->output_shape().size());
    layers_[i]->forward(params + offsets_[i], i == 0 ? x : ws.activation(i),
                        first_rows(ws.activations[i + 1], batch));
  }
  reserve(ws.probabilities, batch, classes_);
}

template <class T>
BatchResult Network<T>::loss(const int32_t* y, WorkspaceOf<T>& ws) const {
  return softmax_cross_entropy<T>(ws.activation(layers_.size()), y,
                                  first_rows(ws.probabilities, ws.batch));
}

template <class T>
BatchResult Network<T>::evaluate(const T* params, ConstMapOf<T> x, const int32_t* y,
                                 WorkspaceOf<T>& ws) const {
  forward(params, x, ws, false);
  return loss(y, ws);
}

template <class T>
BatchResult Network<T>::gradient(const T* params, ConstMapOf<T> x, const int32_t* y, T* grad,
                                 WorkspaceOf<T>& ws) const {
  if (x.rows() < 1) throw std::invalid_argument("gradient of an empty batch");
  forward(params, x, ws, true);
  const BatchResult result = loss(y, ws);
  const size_t n = layers_.size();
  const auto batch = x.rows();

  // Gradient of the mean loss with respect to the logits: (softmax - onehot) / batch.
  reserve(ws.deltas[n], batch, classes_);
  MapOf<T> dlogits = first_rows(ws.deltas[n], batch);
  dlogits = first_rows(ws.probabilities, batch);
  for (Eigen::Index r = 0; r < batch; ++r) dlogits(r, y[r]) -= T{1};
  dlogits /= static_cast<T>(batch);

  for (size_t i = n; i-- > 0;) {
    const T* p = params + offsets_[i];
    T* g = grad + offsets_[i];
    if (i == 0) {
      layers_[i]->backward(p, ws.activation(i), ws.activation(i + 1), ws.delta(i + 1), g, nullptr);
      continue;
    }
    reserve(ws.deltas[i], batch, ws.activations[i].cols());
    MapOf<T> din = first_rows(ws.deltas[i], batch);
    layers_[i]->backward(p, ws.activation(i), ws.activation(i + 1), ws.delta(i + 1), g, &din);
  }
  return result;
}

namespace {
// Softmax and cross-entropy: max, exp, sum, scale and the label's log per logit, roughly.
double loss_flops(int batch, int classes) {
  return 4.0 * batch * classes;
}
}  // namespace

template <class T>
double Network<T>::train_flops(int batch) const {
  double flops = loss_flops(batch, classes_) + 2.0 * batch * classes_;  // + dlogits
  for (const auto& layer : layers_)
    flops += layer->forward_flops(batch) + layer->backward_flops(batch);
  // Nothing needs the gradient with respect to the data, so gradient() does not compute it.
  return flops - layers_.front()->input_gradient_flops(batch);
}

template <class T>
double Network<T>::eval_flops(int batch) const {
  double flops = loss_flops(batch, classes_);
  for (const auto& layer : layers_) flops += layer->forward_flops(batch);
  return flops;
}

template class Network<float>;
template class Network<double>;

Architecture network_architecture(const Component<NetworkMaker>& network, const Params& params,
                                  Shape input, int classes) {
  try {
    Architecture a = network.make(params, input, classes);
    if (a.output().size() != classes)
      throw std::invalid_argument(
          fmt::format("it ends with {} outputs for {} classes", a.output().size(), classes));
    return a;
  } catch (const std::invalid_argument& e) {
    throw ConfigError(
        params.path(),
        fmt::format("network \"{}\" does not fit the {}x{}x{} input: {}", network.name,
                    input.channels, input.height, input.width, e.what()));
  }
}

}  // namespace dlsim
