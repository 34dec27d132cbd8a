#pragma once
// The arithmetic of one level of the wavelet transform, written out so that its bits do not
// depend on the compiler: analysis rounds each tap's product and adds them in tap order;
// synthesis adds fma(lo, approximation, hi * detail) band by band. The file is compiled without
// floating-point contraction (CMakeLists.txt), so that no other product is fused.
#include <cstddef>

namespace dlsim {

struct LevelFilters {
  const double* lo;
  const double* hi;
  int taps;
};

// m outputs: approx[o] = sum_r lo[r] window[2o + r], detail[o] likewise with hi (as float).
void analyse_level(const LevelFilters& f, const double* window, size_t m, double* approx,
                   float* detail);

// n outputs (pywt.idwt's valid part) from `bands` approximation and detail coefficients:
// out[k] = sum over o of lo[k + taps - 2 - 2o] approx[o] + hi[...] detail[o], o ascending.
void synthesise_level(const LevelFilters& f, const double* approx, const float* detail,
                      ptrdiff_t bands, ptrdiff_t n, double* out);

// Periodization: the transpose of the periodic analysis over the even length 2 bands, each
// band's taps added to out in tap order (f holds the decomposition filters).
void synthesise_periodic_level(const LevelFilters& f, const double* approx, const float* detail,
                               ptrdiff_t bands, double* out);

}  // namespace dlsim
