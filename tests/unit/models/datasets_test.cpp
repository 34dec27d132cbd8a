#include <doctest/doctest.h>
#include <zlib.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "helpers.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

const char* const kFashionDir = "/usr/share/datasets/fashion-mnist";

std::pair<const Component<DatasetMaker>*, Params> dataset(const json& section) {
  return dataset_registry().read(section, "data");
}

DataSplit load(const json& section, uint64_t seed = 1) {
  auto [component, params] = dataset(section);
  component->make.check(params);
  return component->make.load(params, seed);
}

// A temporary directory holding copies of the Fashion-MNIST files, one of them replaced.
struct FakeFashionDir {
  std::filesystem::path dir;
  explicit FakeFashionDir(const std::string& replaced, const std::vector<unsigned char>& content) {
    // Per process, as ctest may run test cases of several builds at once.
    dir =
        std::filesystem::temp_directory_path() / ("dlsim-fashion-test-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
      std::filesystem::copy_file(std::filesystem::path(kFashionDir) / name, dir / name);
    std::filesystem::remove(dir / replaced);
    gzFile f = gzopen((dir / replaced).c_str(), "wb");
    gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
    gzclose(f);
  }
  ~FakeFashionDir() { std::filesystem::remove_all(dir); }
};

}  // namespace

TEST_CASE("synthetic data has the declared shapes and is deterministic") {
  const json section = {{"kind", "synthetic"},
                        {"features", 5},
                        {"classes", 3},
                        {"train_samples", 300},
                        {"test_samples", 50}};
  const DataSplit a = load(section, 7), b = load(section, 7), c = load(section, 8);
  CHECK(a.train->shape == Shape{5, 1, 1});
  CHECK(a.train->classes == 3);
  CHECK(a.train->size() == 300);
  CHECK(a.train->x.rows() == 300);
  CHECK(a.train->x.cols() == 5);
  CHECK(a.test->size() == 50);
  for (int32_t y : a.train->y) CHECK((y >= 0 && y < 3));
  CHECK(a.train->x == b.train->x);
  CHECK(a.train->y == b.train->y);
  CHECK(a.test->x == b.test->x);
  CHECK(a.train->x != c.train->x);
  CHECK(a.train->x.topRows(50) != a.test->x);  // test samples are fresh draws

  const DataSplit defaults = load(json{{"kind", "synthetic"}});
  CHECK(defaults.train->size() == 4000);
  CHECK(defaults.test->size() == 1000);
  CHECK(defaults.train->x.cols() == 32);
  CHECK(defaults.train->classes == 10);
}

TEST_CASE("fashion-mnist loads the Debian package's files") {
  const DataSplit data = load(json{{"kind", "fashion-mnist"}});
  REQUIRE(data.train->size() == 60000);
  REQUIRE(data.test->size() == 10000);
  CHECK(data.train->shape == Shape{1, 28, 28});
  CHECK(data.train->classes == 10);
  CHECK(data.train->x.rows() == 60000);
  CHECK(data.train->x.cols() == 784);
  std::vector<int> count(10, 0);
  for (int32_t y : data.train->y) {
    REQUIRE((y >= 0 && y < 10));
    ++count[y];
  }
  for (int c : count) CHECK(c == 6000);  // Fashion-MNIST is balanced
  // Normalised: 0 -> -0.2860/0.3530, 255 -> (1-0.2860)/0.3530, training mean 0 and stddev 1.
  CHECK(data.train->x.minCoeff() == doctest::Approx(-0.2860 / 0.3530).epsilon(1e-5));
  CHECK(data.train->x.maxCoeff() == doctest::Approx((1 - 0.2860) / 0.3530).epsilon(1e-5));
  const double mean = data.train->x.cast<double>().mean();
  CHECK(std::abs(mean) < 0.01);

  const DataSplit few = load(json{{"kind", "fashion-mnist"},
                                  {"train_samples", 100},
                                  {"test_samples", 10},
                                  {"normalize", false}});
  CHECK(few.train->size() == 100);
  CHECK(few.test->size() == 10);
  CHECK(few.train->x.minCoeff() >= 0.0f);
  CHECK(few.train->x.maxCoeff() <= 1.0f);
  const Matrix renormalised = (few.train->x.array() - 0.2860f) / 0.3530f;
  CHECK((renormalised - data.train->x.topRows(100)).cwiseAbs().maxCoeff() < 1e-5f);
  CHECK(std::vector<int32_t>(data.test->y.begin(), data.test->y.begin() + 10) == few.test->y);

  CHECK(contains(config_error([] {
                   load(json{{"kind", "fashion-mnist"}, {"train_samples", 60001}});
                 }),
                 "data.train_samples: 60001 exceeds the 60000 samples of"));
}

TEST_CASE("fashion-mnist check names the missing directory and the package") {
  const std::string message = config_error([] {
    auto [component, params] = dataset(json{{"kind", "fashion-mnist"}, {"dir", "/nonexistent/fm"}});
    component->make.check(params);
  });
  CHECK(contains(message, "data.dir: \"/nonexistent/fm\""));
  CHECK(contains(message, "/nonexistent/fm/train-images-idx3-ubyte.gz"));
  CHECK(contains(message, "apt-get install dataset-fashion-mnist"));
  // The synthetic data needs nothing.
  auto [component, params] = dataset(json{{"kind", "synthetic"}});
  CHECK_NOTHROW(component->make.check(params));
}

TEST_CASE("fashion-mnist rejects corrupt files, naming them") {
  {
    const FakeFashionDir fake("t10k-labels-idx1-ubyte.gz", {0, 0, 8, 3, 0, 0, 0, 1, 0});
    const std::string message = config_error([&] {
      load(json{{"kind", "fashion-mnist"}, {"dir", fake.dir.string()}, {"train_samples", 10}});
    });
    CHECK(contains(message, "data.dir"));
    CHECK(contains(message, (fake.dir / "t10k-labels-idx1-ubyte.gz").string()));
    CHECK(contains(message, "magic number 0x00000803, expected 0x00000801"));
  }
  {
    // A valid header announcing 10000 labels, but only two of them.
    const FakeFashionDir fake("t10k-labels-idx1-ubyte.gz", {0, 0, 8, 1, 0, 0, 0x27, 0x10, 1, 2});
    const std::string message = config_error([&] {
      load(json{{"kind", "fashion-mnist"}, {"dir", fake.dir.string()}, {"train_samples", 10}});
    });
    CHECK(contains(message, "t10k-labels-idx1-ubyte.gz is truncated"));
  }
}
