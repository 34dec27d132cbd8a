#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "helpers.hpp"
#include "models/sampler.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

std::vector<int32_t> draw(BatchSampler& sampler, Rng& rng, int batch, int batches) {
  std::vector<int32_t> out(static_cast<size_t>(batch) * batches);
  for (int b = 0; b < batches; ++b) sampler.next(batch, rng, out.data() + b * batch);
  return out;
}

}  // namespace

TEST_CASE("every local index comes exactly once per epoch, across batch boundaries") {
  const std::vector<int32_t> local = {3, 7, 10, 11, 20, 21, 22, 40, 41, 99};
  for (int batch : {1, 3, 4, 10, 25}) {
    CAPTURE(batch);
    BatchSampler sampler(local);
    CHECK(sampler.size() == 10);
    Rng rng(5);
    const auto drawn = draw(sampler, rng, batch, 20);
    std::vector<std::vector<int32_t>> epochs;
    for (size_t e = 0; (e + 1) * 10 <= drawn.size(); ++e) {
      std::vector<int32_t> epoch(drawn.begin() + static_cast<long>(e * 10),
                                 drawn.begin() + static_cast<long>(e * 10 + 10));
      epochs.push_back(epoch);
      std::sort(epoch.begin(), epoch.end());
      CHECK(epoch == local);
    }
    REQUIRE(epochs.size() >= 2);
    CHECK(epochs[0] != epochs[1]);              // reshuffled at each epoch
    if (batch == 1) CHECK(epochs[0] != local);  // shuffled before the first epoch too
  }
}

TEST_CASE("the sampler is deterministic for its rng") {
  const std::vector<int32_t> local = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  BatchSampler a(local), b(local), c(local);
  Rng ra(9), rb(9), rc(10);
  const auto da = draw(a, ra, 5, 7), db = draw(b, rb, 5, 7), dc = draw(c, rc, 5, 7);
  CHECK(da == db);
  CHECK(da != dc);
}

TEST_CASE("a sampler without samples refuses to draw") {
  BatchSampler empty;
  Rng rng(1);
  int32_t out[1];
  CHECK_THROWS(empty.next(1, rng, out));
}

TEST_CASE("gather_batch copies rows and labels and keeps its buffer") {
  const Dataset data = labelled_dataset(20, 4, 3);
  Matrix x;
  std::vector<int32_t> labels;
  const int32_t idx[] = {5, 0, 19, 5};
  gather_batch(data, idx, 4, x, labels);
  REQUIRE(x.rows() == 4);
  REQUIRE(labels.size() == 4);
  for (int k = 0; k < 4; ++k) {
    CHECK(x.row(k) == data.x.row(idx[k]));
    CHECK(labels[k] == data.y[idx[k]]);
  }
  const float* buffer = x.data();
  gather_batch(data, idx + 1, 2, x, labels);
  CHECK(x.data() == buffer);  // a smaller batch reuses the rows
  CHECK(labels.size() == 2);
  CHECK(first_rows(x, 2).row(1) == data.x.row(19));
  const int32_t bad[] = {20};
  CHECK_THROWS(gather_batch(data, bad, 1, x, labels));
}
