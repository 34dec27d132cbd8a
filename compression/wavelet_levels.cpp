#include "compression/wavelet_levels.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace dlsim {

namespace {

// Calls body(std::integral_constant<int, T>) for the tap count, so that the loops over the taps
// of every wavelet dlsim knows (2 to 16 taps) are unrolled; T = 0 for any other count.
template <class Body>
void with_taps(int taps, Body&& body) {
  switch (taps) {
    case 2:
      return body(std::integral_constant<int, 2>{});
    case 4:
      return body(std::integral_constant<int, 4>{});
    case 6:
      return body(std::integral_constant<int, 6>{});
    case 8:
      return body(std::integral_constant<int, 8>{});
    case 10:
      return body(std::integral_constant<int, 10>{});
    case 12:
      return body(std::integral_constant<int, 12>{});
    case 14:
      return body(std::integral_constant<int, 14>{});
    case 16:
      return body(std::integral_constant<int, 16>{});
    default:
      return body(std::integral_constant<int, 0>{});
  }
}

// The term band o adds to a synthesis output through taps lo[j], hi[j].
double synthesis_term(double lo, double hi, double approx, float detail) {
  return std::fma(lo, approx, hi * static_cast<double>(detail));
}

}  // namespace

void analyse_level(const LevelFilters& f, const double* window, size_t m, double* approx,
                   float* detail) {
  with_taps(f.taps, [&](auto fixed) {
    const int taps = fixed() > 0 ? fixed() : f.taps;
    for (size_t o = 0; o < m; ++o) {
      const double* x = window + 2 * o;
      double a = 0, d = 0;
      for (int r = 0; r < taps; ++r) {
        a += f.lo[r] * x[r];
        d += f.hi[r] * x[r];
      }
      approx[o] = a;
      detail[o] = static_cast<float>(d);
    }
  });
}

void synthesise_level(const LevelFilters& f, const double* approx, const float* detail,
                      ptrdiff_t bands, ptrdiff_t n, double* out) {
  const ptrdiff_t taps = f.taps;
  // Output k from bands first..last.
  auto edge = [&](ptrdiff_t k) {
    const ptrdiff_t at = k + taps - 2;
    const ptrdiff_t first = at >= taps - 1 ? (at - taps + 2) / 2 : 0;
    const ptrdiff_t last = std::min(bands - 1, at / 2);
    double sum = 0;
    for (ptrdiff_t o = first; o <= last; ++o)
      sum += synthesis_term(f.lo[at - 2 * o], f.hi[at - 2 * o], approx[o], detail[o]);
    out[k] = sum;
  };
  // Outputs 2p and 2p+1 take bands p..p+taps/2-1 (taps taps-2, taps-4, ... and taps-1,
  // taps-3, ...) while those bands exist; the last few outputs take fewer.
  const ptrdiff_t pairs = std::max<ptrdiff_t>(0, std::min(n / 2, bands - taps / 2 + 1));
  with_taps(f.taps, [&](auto fixed) {
    if constexpr (fixed() == 0) {
      for (ptrdiff_t k = 0; k < 2 * pairs; ++k) edge(k);
    } else {
      constexpr int t = fixed();
      for (ptrdiff_t p = 0; p < pairs; ++p) {
        double even = 0, odd = 0;
        for (int i = 0; i < t / 2; ++i) {
          even += synthesis_term(f.lo[t - 2 - 2 * i], f.hi[t - 2 - 2 * i], approx[p + i],
                                 detail[p + i]);
          odd += synthesis_term(f.lo[t - 1 - 2 * i], f.hi[t - 1 - 2 * i], approx[p + i],
                                detail[p + i]);
        }
        out[2 * p] = even;
        out[2 * p + 1] = odd;
      }
    }
  });
  for (ptrdiff_t k = 2 * pairs; k < n; ++k) edge(k);
}

void synthesise_periodic_level(const LevelFilters& f, const double* approx, const float* detail,
                               ptrdiff_t bands, double* out) {
  const ptrdiff_t period = 2 * bands;
  std::fill(out, out + period, 0.0);
  for (ptrdiff_t o = 0; o < bands; ++o) {
    for (ptrdiff_t j = 0; j < f.taps; ++j) {
      ptrdiff_t at = f.taps / 2 + 2 * o - j;
      while (at < 0) at += period;
      while (at >= period) at -= period;
      out[at] += synthesis_term(f.lo[j], f.hi[j], approx[o], detail[o]);
    }
  }
}

}  // namespace dlsim
