#include "core/archive.hpp"

#include <doctest/doctest.h>

#include <Eigen/Dense>

#include "models/tensor.hpp"

#include "core/rng.hpp"

using namespace dlsim;

namespace {

struct Inner {
  std::vector<float> values;
  int32_t count = 0;
  void persist(Archive& a) { a(values, count); }
};

struct State {
  Rng rng{7};
  double x = 0;
  bool flag = false;
  std::vector<int> ids;
  std::vector<std::vector<float>> ring;
  std::vector<Inner> inners;
  std::string text;
  Eigen::VectorXf vector;
  Matrix matrix;
  void persist(Archive& a) { a(rng, x, flag, ids, ring, inners, text, vector, matrix); }
};

State sample() {
  State s;
  s.rng.next();
  s.rng.normal();  // leaves a spare normal in the state
  s.x = -2.5;
  s.flag = true;
  s.ids = {3, 1, 4};
  s.ring = {{1.0f, 2.0f}, {}, {3.0f}};
  s.inners = {{{0.5f}, 2}, {{}, -1}};
  s.text = "round,rank\n";
  s.vector = Eigen::VectorXf::LinSpaced(5, 0, 1);
  s.matrix = Matrix::Random(3, 2);
  return s;
}

}  // namespace

TEST_CASE("an archive restores what it saved, streams and nested state included") {
  State saved = sample();
  std::vector<uint8_t> bytes;
  Archive out = Archive::saving(bytes);
  out(saved);

  State loaded;
  Archive in = Archive::loading(bytes);
  in(loaded);
  in.expect_end();
  CHECK(loaded.x == saved.x);
  CHECK(loaded.flag);
  CHECK(loaded.ids == saved.ids);
  CHECK(loaded.ring == saved.ring);
  REQUIRE(loaded.inners.size() == 2);
  CHECK(loaded.inners[0].values == saved.inners[0].values);
  CHECK(loaded.inners[1].count == -1);
  CHECK(loaded.text == saved.text);
  CHECK(loaded.vector == saved.vector);
  CHECK(loaded.matrix == saved.matrix);
  // The random stream goes on where it was, spare normal included.
  CHECK(loaded.rng.normal() == saved.rng.normal());
  CHECK(loaded.rng.next() == saved.rng.next());
}

TEST_CASE("a truncated, padded or corrupt archive is refused, never read past its end") {
  State saved = sample();
  std::vector<uint8_t> bytes;
  Archive out = Archive::saving(bytes);
  out(saved);

  for (size_t cut : {size_t{0}, size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    CAPTURE(cut);
    State loaded;
    Archive in = Archive::loading(std::span(bytes).first(cut));
    CHECK_THROWS_AS(in(loaded), CheckpointError);
  }

  std::vector<uint8_t> padded = bytes;
  padded.push_back(0);
  State loaded;
  Archive in = Archive::loading(padded);
  in(loaded);
  CHECK_THROWS_AS(in.expect_end(), CheckpointError);

  // A huge announced count fails before allocating.
  std::vector<uint8_t> huge(8, 0xff);
  std::vector<int> ids;
  Archive h = Archive::loading(huge);
  CHECK_THROWS_AS(h(ids), CheckpointError);
}
