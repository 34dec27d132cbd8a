#pragma once
// Small, fast, seedable random streams. Every node, and every purpose within a node, gets its own
// stream derived from the scenario seed, so results never depend on thread scheduling. The
// distributions are written here (not taken from <random>) so a seed gives the same numbers with
// any standard library.
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <utility>

namespace dlsim {

// One step of splitmix64: a good 64-bit mixer, used to derive seeds.
inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Derives a stream seed from a base seed and any number of ids (node, purpose, round...).
inline uint64_t derive_seed(uint64_t seed, std::initializer_list<uint64_t> ids) {
  uint64_t state = seed;
  uint64_t out = splitmix64(state);
  for (uint64_t id : ids) {
    state ^= id + 0x632be59bd9b4e019ULL + (out << 6) + (out >> 2);
    out = splitmix64(state);
  }
  return out;
}

// Purposes of random streams; each is a separate id in derive_seed so streams never overlap.
enum class Stream : uint64_t {
  topology = 1,
  data,
  partition,
  init,
  training,
  protocol,
  platform,
  eval,
  attack,
  faults,
};

// xoshiro256** (Blackman and Vigna): 32 bytes of state, so thousands of nodes cost nothing.
class Rng {
 public:
  explicit Rng(uint64_t seed = 0) {
    for (auto& word : s_) word = splitmix64(seed);
  }
  Rng(uint64_t seed, std::initializer_list<uint64_t> ids) : Rng(derive_seed(seed, ids)) {}

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n), without modulo bias (Lemire's multiply-and-reject).
  uint64_t below(uint64_t n) {
    __uint128_t m = static_cast<__uint128_t>(next()) * n;
    auto low = static_cast<uint64_t>(m);
    if (low < n) {
      const uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<__uint128_t>(next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }

  // Standard normal (Box-Muller; the second value is kept for the next call).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = r * std::sin(2.0 * M_PI * u2);
    has_spare_ = true;
    return r * std::cos(2.0 * M_PI * u2);
  }
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  // Gamma(shape, 1) by Marsaglia and Tsang; shape < 1 uses the boost x * U^(1/shape).
  double gamma(double shape) {
    if (shape < 1.0) {
      double u = uniform();
      while (u <= 0.0) u = uniform();
      return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x = normal();
      double v = 1.0 + c * x;
      if (v <= 0.0) continue;
      v = v * v * v;
      const double u = uniform();
      if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
    }
  }

  // Fisher-Yates shuffle of a random-access range.
  template <class It>
  void shuffle(It first, It last) {
    const auto n = static_cast<uint64_t>(last - first);
    for (uint64_t i = n; i > 1; --i) {
      const uint64_t j = below(i);
      std::swap(first[i - 1], first[j]);
    }
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace dlsim
