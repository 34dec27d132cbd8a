#pragma once
// Fashion-MNIST (Xiao et al. 2017) from the IDX files of Debian's dataset-fashion-mnist package.
#include "models/dataset.hpp"

namespace dlsim {

Component<DatasetMaker> fashion_mnist_dataset();

}  // namespace dlsim
