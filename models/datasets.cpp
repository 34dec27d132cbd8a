// The datasets a scenario can name; each lives in its own file.
#include "models/dataset.hpp"
#include "models/fashion_mnist.hpp"
#include "models/synthetic.hpp"

namespace dlsim {

const Registry<DatasetMaker>& dataset_registry() {
  static const Registry<DatasetMaker> registry("dataset", {
                                                              synthetic_dataset(),
                                                              fashion_mnist_dataset(),
                                                          });
  return registry;
}

}  // namespace dlsim
