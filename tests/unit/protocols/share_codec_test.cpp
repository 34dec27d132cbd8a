// The share codecs of dsgd / dad / rank-dad / powersgd: what a receiver rebuilds from the shares
// against the gradient computed centrally, and the share sizes against their formulas.
#include <doctest/doctest.h>

#include "protocols/share_codec.hpp"

using namespace dlsim;

namespace {

constexpr int sites = 3, batch = 4, classes = 5;

// A conv layer (gradient fallback) then two dense layers.
Network<float> test_network() {
  return Network<float>(
      Architecture(Shape{1, 4, 4}).conv2d(2, 3, 1, 1).relu().dense(12).relu().dense(classes),
      classes);
}

struct Batch {
  Matrix x;
  std::vector<int32_t> y;
};

Batch random_batch(int rows, int features, Rng& rng) {
  Batch b{Matrix(rows, features), std::vector<int32_t>(rows)};
  for (auto& v : b.x.reshaped()) v = static_cast<float>(rng.normal());
  for (int r = 0; r < rows; ++r) b.y[r] = static_cast<int32_t>(rng.below(classes));
  return b;
}

// Every site's gradient and workspace on its rows of the combined batch.
struct Sites {
  std::vector<Workspace> ws = std::vector<Workspace>(sites);
  std::vector<Vector> grads;
};

Sites site_gradients(const Network<float>& net, const Vector& params, const Batch& all) {
  Sites s;
  for (int i = 0; i < sites; ++i) {
    s.grads.emplace_back(net.param_count());
    const ConstMatrixMap x(all.x.data() + int64_t{i} * batch * all.x.cols(), batch, all.x.cols());
    net.gradient(params.data(), x, all.y.data() + i * batch, s.grads.back().data(), s.ws[i]);
  }
  return s;
}

// The mean of what a receiver rebuilds from every site's share.
Vector rebuilt_mean(ShareCodec& codec, Sites& s) {
  std::vector<Vector> shares;
  for (int i = 0; i < sites; ++i) {
    shares.emplace_back(codec.share_size());
    codec.encode(s.ws[i], s.grads[i].data(), shares.back().data());
  }
  Vector sum(s.grads.front().size());
  for (int i = 0; i < sites; ++i) codec.decode(shares[i].data(), sum.data(), i > 0);
  return sum / static_cast<float>(sites);
}

double relative_error(const Vector& a, const Vector& b) {
  return static_cast<double>((a - b).norm() / b.norm());
}

struct Fixture {
  Network<float> net = test_network();
  Rng rng{7};
  Vector params = Vector(net.param_count());
  Batch all;
  Fixture() {
    net.init(params.data(), rng);
    all = random_batch(sites * batch, net.input_shape().size(), rng);
  }
};

}  // namespace

TEST_CASE("dAD rebuilds the gradient of the combined batch with the bits of gradient sharing") {
  Fixture f;
  Vector central(f.net.param_count());
  Workspace ws;
  f.net.gradient(f.params.data(), ConstMatrixMap(f.all.x.data(), f.all.x.rows(), f.all.x.cols()),
                 f.all.y.data(), central.data(), ws);

  Sites s = site_gradients(f.net, f.params, f.all);
  const auto dad = ad_codec(f.net, batch);
  const Vector rebuilt = rebuilt_mean(*dad, s);
  // The combined batch's mean-loss gradient, up to float rounding of a different summation order.
  CHECK(relative_error(rebuilt, central) < 1e-6);
  // Summing the stacked products is exactly the sum of the sites' own gradients.
  const auto dsgd = gradient_codec(f.net);
  CHECK((rebuilt.array() == rebuilt_mean(*dsgd, s).array()).all());
}

TEST_CASE("rank-dAD at full rank rebuilds what dAD does") {
  Fixture f;
  Sites s = site_gradients(f.net, f.params, f.all);
  const Vector exact = rebuilt_mean(*ad_codec(f.net, batch), s);
  for (const int rank : {batch, 2 * batch}) {
    CAPTURE(rank);
    const auto codec = rank_ad_codec(f.net, batch, rank, 1, 1e-3, Rng(3));
    CHECK(relative_error(rebuilt_mean(*codec, s), exact) < 1e-4);
    // D^T A of a batch of 4 has rank 4 in both dense layers.
    const auto ranks = codec->effective_ranks();
    REQUIRE(ranks.size() == 2);
    CHECK(ranks[0] == batch);
    CHECK(ranks[1] == batch);
  }
  // Below full rank it is an approximation, and warm starts improve it round after round.
  const auto low = rank_ad_codec(f.net, batch, 2, 1, 1e-3, Rng(3));
  const double first = relative_error(rebuilt_mean(*low, s), exact);
  double later = first;
  for (int round = 0; round < 5; ++round) later = relative_error(rebuilt_mean(*low, s), exact);
  CHECK(first > 1e-3);
  CHECK(later <= first);
}

TEST_CASE("PowerSGD at full rank is exact and its error feedback catches up over rounds") {
  Fixture f;
  Sites s = site_gradients(f.net, f.params, f.all);
  const Vector& g = s.grads[0];
  const auto full = powersgd_codec(f.net, classes, 1, Rng(5));
  Vector share(full->share_size()), out(g.size());
  // Full rank for the output layer only (min(12, 5) = 5); the hidden layer needs 12.
  const auto exact = powersgd_codec(f.net, 12, 1, Rng(5));
  Vector exact_share(exact->share_size());
  exact->encode(s.ws[0], g.data(), exact_share.data());
  exact->decode(exact_share.data(), out.data(), false);
  CHECK(relative_error(out, g) < 1e-5);

  // Rank 1: what was sent over k rounds of the same gradient approaches k times the gradient,
  // as the error left behind is sent later (the error stays bounded).
  const auto low = powersgd_codec(f.net, 1, 1, Rng(5));
  Vector low_share(low->share_size()), sent = Vector::Zero(g.size());
  const int rounds = 40;
  for (int k = 0; k < rounds; ++k) {
    low->encode(s.ws[0], g.data(), low_share.data());
    low->decode(low_share.data(), sent.data(), true);
  }
  CHECK(relative_error(sent / rounds, g) < 0.1);
  low->encode(s.ws[0], g.data(), low_share.data());
  low->decode(low_share.data(), out.data(), false);
  CHECK(relative_error(out, g) > 0.1);  // one round alone is far from it
}

TEST_CASE("share sizes follow the formulas") {
  const Network<float> net = test_network();
  const int64_t conv = net.layers()[0]->param_count();
  const int64_t in1 = 2 * 4 * 4, out1 = 12, in2 = 12, out2 = classes;
  CHECK(gradient_codec(net)->share_size() == net.param_count());
  CHECK(ad_codec(net, batch)->share_size() == conv + batch * (in1 + out1 + in2 + out2));
  // rank r per dense layer, capped at min(in, out): r (in + out) + out (the bias gradient).
  const auto low_rank = [&](int64_t r) {
    return conv + r * (in1 + out1) + out1 + std::min<int64_t>(r, out2) * (in2 + out2) + out2;
  };
  for (const int r : {1, 3, 8}) {
    CAPTURE(r);
    CHECK(rank_ad_codec(net, batch, r, 2, 0, Rng(1))->share_size() == low_rank(r));
    CHECK(powersgd_codec(net, r, 1, Rng(1))->share_size() == low_rank(r));
  }
}
