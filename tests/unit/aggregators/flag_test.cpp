// The Flag Aggregator: subspace recovery with outliers, the mean as a special case, monotone IRLS,
// degenerate inputs, and the Gram-matrix cost.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "aggregators/flag_subspace.hpp"
#include "aggregators/gram.hpp"
#include "helpers.hpp"

using namespace dlsim;
using namespace dlsim::test;

namespace {

json flag(int m, int iterations = 100, double lambda = 0) {
  return {{"kind", "flag"}, {"m", m}, {"iterations", iterations}, {"lambda", lambda}};
}

std::vector<double> unit(const std::vector<float>& v) {
  double norm = 0;
  for (float x : v) norm += double(x) * x;
  norm = std::sqrt(norm);
  std::vector<double> u(v.size());
  for (size_t k = 0; k < v.size(); ++k) u[k] = norm > 0 ? v[k] / norm : 0;
  return u;
}

// An orthonormal basis (rows) of a random m-dimensional subspace of R^dim.
std::vector<std::vector<double>> random_basis(int m, int dim, uint64_t seed) {
  const Rows raw = gaussian_rows(m, dim, 0.0f, 1.0f, seed);
  std::vector<std::vector<double>> basis;
  for (const auto& row : raw) {
    std::vector<double> b(row.begin(), row.end());
    for (const auto& q : basis) {
      double along = 0;
      for (int k = 0; k < dim; ++k) along += b[k] * q[k];
      for (int k = 0; k < dim; ++k) b[k] -= along * q[k];
    }
    double norm = 0;
    for (double x : b) norm += x * x;
    for (double& x : b) x /= std::sqrt(norm);
    basis.push_back(b);
  }
  return basis;
}

// Vectors sum_k c_k basis_k with coefficients centre + N(0, 1), scaled by 0.5 + i (norms differ).
Rows in_subspace(const std::vector<std::vector<double>>& basis, int count, uint64_t seed,
                 float centre = 0) {
  const int dim = static_cast<int>(basis.front().size());
  const Rows c = gaussian_rows(count, static_cast<int>(basis.size()), centre, 1.0f, seed);
  Rows rows(count, std::vector<float>(dim));
  for (int i = 0; i < count; ++i)
    for (size_t k = 0; k < basis.size(); ++k)
      for (int d = 0; d < dim; ++d)
        rows[i][d] += static_cast<float>((0.5 + i) * c[i][k] * basis[k][d]);
  return rows;
}

std::vector<double> project(const std::vector<std::vector<double>>& basis,
                            const std::vector<double>& v) {
  std::vector<double> out(v.size());
  for (const auto& q : basis) {
    double along = 0;
    for (size_t k = 0; k < v.size(); ++k) along += q[k] * v[k];
    for (size_t k = 0; k < v.size(); ++k) out[k] += along * q[k];
  }
  return out;
}

void check_near(const std::vector<float>& got, const std::vector<double>& want, double tolerance) {
  REQUIRE(got.size() == want.size());
  double error = 0, norm = 0;
  for (size_t k = 0; k < got.size(); ++k) {
    error += (got[k] - want[k]) * (got[k] - want[k]);
    norm += want[k] * want[k];
  }
  CHECK(std::sqrt(error) <= tolerance * std::sqrt(norm));
}

// The unit Gram matrix of rows, as the rule builds it.
std::vector<double> unit_gram(const Rows& rows) {
  std::vector<std::vector<float>> units;
  for (const auto& row : rows) {
    const auto u = unit(row);
    units.emplace_back(u.begin(), u.end());
  }
  std::vector<const float*> pointers;
  for (const auto& u : units) pointers.push_back(u.data());
  GramMatrix gram;
  gram.compute(pointers, static_cast<int64_t>(rows.front().size()));
  std::vector<double> out;
  for (int i = 0; i < gram.size(); ++i)
    for (int j = 0; j < gram.size(); ++j) out.push_back(gram(i, j));
  return out;
}

}  // namespace

// Honest vectors spread over their subspace (no honest direction weaker than an outlier's), so the
// first fit, the plain flag mean, starts IRLS in the honest subspace's basin.
TEST_CASE("flag recovers the honest subspace: honest unit vectors kept whole, outliers projected") {
  const int dim = 200, m = 3;
  for (uint64_t seed : {1, 2, 3}) {
    CAPTURE(seed);
    const auto basis = random_basis(m, dim, seed);
    const Rows honest = in_subspace(basis, 10, seed + 10);
    Rows rows = honest;
    // Arbitrary outliers: large random vectors, and one a flipped honest vector.
    const Rows outliers = gaussian_rows(2, dim, 0.0f, 30.0f, seed + 20);
    rows.insert(rows.begin() + 3, outliers.begin(), outliers.end());
    rows.push_back(honest[0]);
    for (float& x : rows.back()) x = -100 * x + 1;
    // The paper's combination over the honest subspace: (1/m) sum_i P x_i over every input.
    std::vector<double> want(dim);
    for (const auto& row : rows) {
      const auto p = project(basis, unit(row));
      for (int k = 0; k < dim; ++k) want[k] += p[k] / m;
    }
    check_near(aggregate(flag(m), 3, rows), want, 1e-3);

    // Outliers orthogonal to the honest subspace: exactly the honest unit vectors' sum over m.
    Rows orthogonal = honest;
    for (auto row : outliers) {
      const auto p = project(basis, std::vector<double>(row.begin(), row.end()));
      for (int k = 0; k < dim; ++k) row[k] -= static_cast<float>(p[k]);
      orthogonal.push_back(row);
    }
    std::vector<double> honest_sum(dim);
    for (const auto& row : honest) {
      const auto u = unit(row);
      for (int k = 0; k < dim; ++k) honest_sum[k] += u[k] / m;
    }
    check_near(aggregate(flag(m), 2, orthogonal), honest_sum, 1e-4);
  }
}

TEST_CASE("flag with m = p and no outliers is the mean of the unit inputs") {
  const Rows rows = gaussian_rows(6, 40, 0.5f, 1.0f, 4);
  std::vector<double> want(40);
  for (const auto& row : rows) {
    const auto u = unit(row);
    for (int k = 0; k < 40; ++k) want[k] += u[k] / 6;
  }
  check_near(aggregate(flag(6), 0, rows), want, 1e-5);
  // Inputs of equal norm: the plain mean, at once (one fit) or after many.
  Rows same_norm;
  for (const auto& row : rows) {
    const auto u = unit(row);
    same_norm.emplace_back(u.begin(), u.end());
  }
  const auto mean = mean_of(same_norm);
  for (int iterations : {1, 50})
    check_near(aggregate(flag(6, iterations), 0, same_norm), {mean.begin(), mean.end()}, 1e-5);
}

TEST_CASE("the IRLS objective never increases from one fit to the next") {
  for (uint64_t seed : {5, 6, 7, 8}) {
    CAPTURE(seed);
    // Noisy vectors near a 2-dimensional subspace plus outliers.
    const auto basis = random_basis(2, 30, seed);
    Rows rows = in_subspace(basis, 9, seed + 1, 1.0f);
    const Rows noise = gaussian_rows(9, 30, 0.0f, 0.05f, seed + 2);
    for (int i = 0; i < 9; ++i)
      for (int k = 0; k < 30; ++k) rows[i][k] += noise[i][k];
    const Rows outliers = gaussian_rows(4, 30, 0.0f, 1.0f, seed + 3);
    rows.insert(rows.end(), outliers.begin(), outliers.end());
    const auto gram = unit_gram(rows);
    FlagSubspace fit;
    FlagSettings settings;
    settings.m = 2;
    settings.iterations = 200;
    settings.tolerance = 0;
    fit.fit(gram, 13, settings);
    const auto f = fit.objectives();
    REQUIRE(f.size() >= 4);  // the start and at least three fits
    for (size_t k = 1; k < f.size(); ++k) {
      CAPTURE(k);
      CHECK(f[k] <= f[k - 1] + 1e-12 * f[0]);
    }
    CHECK(f[2] < f[1]);  // reweighting does improve on the plain flag mean
    // The kept subspace fits the near-subspace vectors better than the outliers.
    for (int i = 0; i < 9; ++i) CHECK(fit.ratios()[i] > fit.ratios()[9]);
  }
}

TEST_CASE("with the pairwise regulariser the objective still never increases") {
  // Vectors within 60 degrees of each other, so every |Y^T (x_i - x_j)| <= 1.
  Rows rows = gaussian_rows(8, 20, 1.0f, 0.15f, 9);
  const auto gram = unit_gram(rows);
  FlagSubspace fit;
  FlagSettings settings;
  settings.m = 3;
  settings.lambda = 8;
  settings.iterations = 100;
  settings.tolerance = 0;
  fit.fit(gram, 8, settings);
  const auto f = fit.objectives();
  REQUIRE(f.size() >= 3);
  for (size_t k = 1; k < f.size(); ++k) CHECK(f[k] <= f[k - 1] + 1e-12 * f[0]);
  // And the regulariser changes the answer.
  CHECK(distance(aggregate(flag(3, 100, 8), 0, rows), aggregate(flag(3, 100, 0), 0, rows)) > 1e-4);
}

TEST_CASE("flag on degenerate inputs") {
  const Rows rows = gaussian_rows(4, 10, 0.3f, 1.0f, 11);
  SUBCASE("all zero vectors give zero") {
    const auto out = aggregate(flag(2), 0, Rows(3, std::vector<float>(10, 0.0f)));
    for (float x : out) CHECK(x == 0);
  }
  SUBCASE("zero and broken vectors drop out") {
    Rows with = rows;
    with.push_back(std::vector<float>(10, 0.0f));
    with.insert(with.begin(), {1, kNaN, 0, 0, 0, 0, 0, 0, 0, 0});
    with.insert(with.begin() + 2, {kInf, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    const auto want = aggregate(flag(2), 0, rows);
    check_near(aggregate(flag(2), 0, with), {want.begin(), want.end()}, 1e-6);
  }
  SUBCASE("identical vectors: rank 1, the unit vector times p / m") {
    const Rows same(5, rows[0]);
    const auto u = unit(rows[0]);
    std::vector<double> want(10);
    for (int k = 0; k < 10; ++k) want[k] = u[k] * 5 / 2;
    check_near(aggregate(flag(2), 0, same), want, 1e-6);
  }
  SUBCASE("p < m: the subspace is the inputs' whole span, still divided by m") {
    std::vector<double> want(10);
    for (const auto& row : rows) {
      const auto u = unit(row);
      for (int k = 0; k < 10; ++k) want[k] += u[k] / 7;
    }
    check_near(aggregate(flag(7), 0, rows), want, 1e-5);
  }
  SUBCASE("one input, and no input") {
    const auto u = unit(rows[1]);
    check_near(aggregate("flag", 0, {rows[1]}), u, 1e-6);
    CHECK(contains(aggregation_error([&] { aggregate("flag", 0, {}); }),
                   "flag needs n >= 1 input vectors"));
  }
}

TEST_CASE("flag's median norm option keeps the direction and sets the length") {
  const Rows rows = gaussian_rows(7, 12, 0.5f, 1.0f, 12);
  const auto paper = aggregate("flag", 0, rows);
  const auto scaled = aggregate({{"kind", "flag"}, {"norm", "median"}}, 0, rows);
  std::vector<double> norms;
  for (const auto& row : rows) norms.push_back(distance(row, std::vector<float>(12, 0.0f)));
  std::sort(norms.begin(), norms.end());
  const double length = distance(paper, std::vector<float>(12, 0.0f));
  std::vector<double> want(12);
  for (int k = 0; k < 12; ++k) want[k] = paper[k] * norms[3] / length;
  check_near(scaled, want, 1e-5);
}

TEST_CASE("flag costs O(n p^2): linear in the length, the fit independent of it") {
  auto rule = make_rule("flag", 3);
  const double one = rule->flops(15, 1'000'000), two = rule->flops(15, 2'000'000);
  CHECK(two / one == doctest::Approx(2).epsilon(0.01));
  // The Gram matrix's 15 * 16 / 2 inner products plus the weighted sum, 270 flops a coordinate,
  // and a fit that costs about as much as 4 coordinates.
  CHECK(one > 270e6);
  CHECK(one < 275e6);
}
