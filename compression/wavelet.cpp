#include "compression/wavelet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <stdexcept>
#include <utility>

#include "compression/wavelet_levels.hpp"

namespace dlsim {

namespace {

// Reconstruction low-pass (scaling) filters as PyWavelets 1.1.1 tabulates them, printed with
// `python3 -c "import pywt; print(pywt.Wavelet('db2').rec_lo)"`: Daubechies' extremal-phase (dbN)
// and least-asymmetric (symN) orthogonal filters. Typed from PyWavelets, not re-derived, because
// its symN values differ from dbN's in the last digits (sym2 vs db2) and results must match it.
// The other three filters follow from this one (quadrature mirror); the unit tests check the
// orthonormality and vanishing moments of every filter.
struct Scaling {
  const char* name;
  std::vector<double> rec_lo;
};

const std::vector<Scaling>& scaling_filters() {
  static const std::vector<Scaling> filters = {
      {"haar", {0.7071067811865476, 0.7071067811865476}},
      {"db1", {0.7071067811865476, 0.7071067811865476}},
      {"db2", {0.48296291314453416, 0.8365163037378079, 0.2241438680420134, -0.12940952255126037}},
      {"db3",
       {0.33267055295008263, 0.8068915093110925, 0.45987750211849154, -0.13501102001025458,
        -0.08544127388202666, 0.03522629188570953}},
      {"db4",
       {0.2303778133088965, 0.7148465705529157, 0.6308807679298589, -0.027983769416859854,
        -0.18703481171909309, 0.030841381835560764, 0.0328830116668852, -0.010597401785069032}},
      {"db5",
       {0.16010239797419293, 0.6038292697971896, 0.7243085284377729, 0.13842814590132074,
        -0.24229488706638203, -0.032244869584638375, 0.07757149384004572, -0.006241490212798274,
        -0.012580751999081999, 0.0033357252854737712}},
      {"db6",
       {0.11154074335010947, 0.49462389039845306, 0.7511339080210954, 0.31525035170919763,
        -0.22626469396543983, -0.12976686756726194, 0.09750160558732304, 0.027522865530305727,
        -0.03158203931748603, 0.0005538422011614961, 0.004777257510945511, -0.0010773010853084796}},
      {"db7",
       {0.07785205408500918, 0.3965393194819173, 0.7291320908462351, 0.4697822874051931,
        -0.14390600392856498, -0.22403618499387498, 0.07130921926683026, 0.08061260915108308,
        -0.03802993693501441, -0.01657454163066688, 0.01255099855609984, 0.0004295779729213665,
        -0.0018016407040474908, 0.00035371379997452024}},
      {"db8",
       {0.05441584224310401, 0.31287159091429995, 0.6756307362972898, 0.5853546836542067,
        -0.015829105256349306, -0.2840155429615469, 0.0004724845739132828, 0.12874742662047847,
        -0.017369301001807547, -0.044088253930794755, 0.013981027917398282, 0.008746094047405777,
        -0.004870352993451574, -0.00039174037337694705, 0.0006754494064505693,
        -0.00011747678412476953}},
      {"sym2", {0.48296291314469025, 0.836516303737469, 0.22414386804185735, -0.12940952255092145}},
      {"sym3",
       {0.3326705529509569, 0.8068915093133388, 0.4598775021193313, -0.13501102001039084,
        -0.08544127388224149, 0.035226291882100656}},
      {"sym4",
       {0.0322231006040427, -0.012603967262037833, -0.09921954357684722, 0.29785779560527736,
        0.8037387518059161, 0.49761866763201545, -0.02963552764599851, -0.07576571478927333}},
      {"sym5",
       {0.019538882735286728, -0.021101834024758855, -0.17532808990845047, 0.01660210576452232,
        0.6339789634582119, 0.7234076904024206, 0.1993975339773936, -0.039134249302383094,
        0.029519490925774643, 0.027333068345077982}},
      {"sym6",
       {-0.007800708325034148, 0.0017677118642428036, 0.04472490177066578, -0.021060292512300564,
        -0.07263752278646252, 0.3379294217276218, 0.787641141030194, 0.4910559419267466,
        -0.048311742585633, -0.11799011114819057, 0.0034907120842174702, 0.015404109327027373}},
      {"sym7",
       {0.010268176708511255, 0.004010244871533663, -0.10780823770381774, -0.14004724044296152,
        0.2886296317515146, 0.767764317003164, 0.5361019170917628, 0.017441255086855827,
        -0.049552834937127255, 0.0678926935013727, 0.03051551316596357, -0.01263630340325193,
        -0.0010473848886829163, 0.002681814568257878}},
      {"sym8",
       {0.0018899503327594609, -0.0003029205147213668, -0.01495225833704823, 0.003808752013890615,
        0.049137179673607506, -0.027219029917056003, -0.05194583810770904, 0.3644418948353314,
        0.7771857517005235, 0.4813596512583722, -0.061273359067658524, -0.1432942383508097,
        0.007607487324917605, 0.03169508781149298, -0.0005421323317911481, -0.0033824159510061256}},
  };
  return filters;
}

const std::vector<std::pair<WaveletMode, std::string>>& modes() {
  static const std::vector<std::pair<WaveletMode, std::string>> all = {
      {WaveletMode::symmetric, "symmetric"}, {WaveletMode::zero, "zero"},
      {WaveletMode::constant, "constant"},   {WaveletMode::periodic, "periodic"},
      {WaveletMode::reflect, "reflect"},     {WaveletMode::periodization, "periodization"},
  };
  return all;
}

ptrdiff_t positive_mod(ptrdiff_t a, ptrdiff_t p) {
  const ptrdiff_t r = a % p;
  return r < 0 ? r + p : r;
}

// The index of the signal sample that PyWavelets' extension places at position s (any integer)
// of a signal of length n, or -1 for a zero.
ptrdiff_t source_index(ptrdiff_t s, ptrdiff_t n, WaveletMode mode) {
  switch (mode) {
    case WaveletMode::symmetric: {  // x[-1] = x[0]: half-sample symmetric, period 2n
      const ptrdiff_t r = positive_mod(s, 2 * n);
      return r < n ? r : 2 * n - 1 - r;
    }
    case WaveletMode::reflect: {  // x[-1] = x[1]: whole-sample symmetric, period 2n - 2
      if (n == 1) return 0;
      const ptrdiff_t r = positive_mod(s, 2 * n - 2);
      return r < n ? r : 2 * n - 2 - r;
    }
    case WaveletMode::periodic:
      return positive_mod(s, n);
    case WaveletMode::constant:
      return std::clamp<ptrdiff_t>(s, 0, n - 1);
    case WaveletMode::zero:
      return -1;
    case WaveletMode::periodization: {  // an odd signal first repeats its last sample
      const ptrdiff_t r = positive_mod(s, n + n % 2);
      return r < n ? r : n - 1;
    }
  }
  return -1;
}

}  // namespace

const std::vector<std::string>& wavelet_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : scaling_filters()) out.emplace_back(f.name);
    return out;
  }();
  return names;
}

Wavelet make_wavelet(const std::string& name) {
  for (const auto& f : scaling_filters()) {
    if (name != f.name) continue;
    Wavelet w;
    w.name = name;
    w.rec_lo = f.rec_lo;
    const size_t n = w.rec_lo.size();
    for (size_t k = 0; k < n; ++k)
      w.rec_hi.push_back((k % 2 == 0 ? 1.0 : -1.0) * w.rec_lo[n - 1 - k]);
    w.dec_lo.assign(w.rec_lo.rbegin(), w.rec_lo.rend());
    w.dec_hi.assign(w.rec_hi.rbegin(), w.rec_hi.rend());
    return w;
  }
  throw std::invalid_argument(fmt::format("unknown wavelet \"{}\"; expected one of: {}", name,
                                          fmt::join(wavelet_names(), ", ")));
}

const std::vector<std::string>& wavelet_mode_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [mode, name] : modes()) out.push_back(name);
    return out;
  }();
  return names;
}

WaveletMode parse_wavelet_mode(const std::string& name) {
  for (const auto& [mode, known] : modes())
    if (known == name) return mode;
  throw std::invalid_argument(fmt::format("unknown wavelet mode \"{}\"; expected one of: {}", name,
                                          fmt::join(wavelet_mode_names(), ", ")));
}

int dwt_max_level(size_t n, int filter_length) {
  if (filter_length < 2 || n < static_cast<size_t>(filter_length - 1)) return 0;
  return std::bit_width(n / static_cast<size_t>(filter_length - 1)) - 1;
}

size_t dwt_coeff_len(size_t n, int filter_length, WaveletMode mode) {
  if (mode == WaveletMode::periodization) return (n + 1) / 2;
  return (n + static_cast<size_t>(filter_length) - 1) / 2;
}

DwtPlan::DwtPlan(const std::string& wavelet, int levels, WaveletMode mode, size_t n)
    : wavelet_(make_wavelet(wavelet)), mode_(mode) {
  if (n == 0) throw std::invalid_argument("a wavelet transform needs at least one value");
  const int max_level = dwt_max_level(n, wavelet_.length());
  if (levels < 0 || levels > max_level)
    throw std::invalid_argument(
        fmt::format("{} levels of {} (filter length {}) on {} values: the level must be in [0, {}] "
                    "(pywt.dwt_max_level: floor(log2(n / (filter length - 1))))",
                    levels, wavelet, wavelet_.length(), n, max_level));
  lengths_.push_back(n);
  for (int l = 1; l <= levels; ++l)
    lengths_.push_back(dwt_coeff_len(lengths_.back(), wavelet_.length(), mode));
  coeff_count_ = lengths_.back();
  detail_offsets_.assign(lengths_.size(), 0);
  for (int l = levels; l >= 1; --l) {
    detail_offsets_[l] = coeff_count_;
    coeff_count_ += lengths_[l];
  }
  const size_t longest = *std::max_element(lengths_.begin(), lengths_.end()) + 1;
  extended_.resize(longest + 2 * static_cast<size_t>(wavelet_.length()));
  approx_.resize(longest);
  next_.resize(longest);
}

std::vector<size_t> DwtPlan::band_lengths() const {
  std::vector<size_t> out = {lengths_.back()};
  for (int l = levels(); l >= 1; --l) out.push_back(lengths_[l]);
  return out;
}

// Fills extended_ with the signal and its boundary extension, shifted so that analyse() reads
// band o's window at extended_[base + 2o, base + 2o + F).
template <class T>
void DwtPlan::extend(const T* in, size_t n) {
  const auto f = static_cast<ptrdiff_t>(wavelet_.length());
  const auto len = static_cast<ptrdiff_t>(n);
  const bool periodization = mode_ == WaveletMode::periodization;
  // pywt convolves output o at signal position 2o+1 (F/2 + 2o with periodization) with the
  // reversed filter, so the window starts F-1 (F/2-1) samples before.
  const ptrdiff_t left = periodization ? f / 2 - 1 : f - 1;
  const ptrdiff_t total = periodization ? len + len % 2 + f - 2 : len + 2 * f - 2;
  auto outside = [&](ptrdiff_t t) {
    const ptrdiff_t from = source_index(t - left, len, mode_);
    extended_[t] = from < 0 ? 0.0 : static_cast<double>(in[from]);
  };
  for (ptrdiff_t t = 0; t < left; ++t) outside(t);
  double* middle = extended_.data() + left;
  for (ptrdiff_t s = 0; s < len; ++s) middle[s] = static_cast<double>(in[s]);
  for (ptrdiff_t t = left + len; t < total; ++t) outside(t);
}

// One analysis level over extended_: the approximation into approx_, the details (as float) into
// detail. The reversed decomposition filters are the reconstruction filters.
void DwtPlan::analyse(size_t m, float* detail) {
  const double* window = extended_.data() + (mode_ == WaveletMode::periodization ? 0 : 1);
  analyse_level({wavelet_.rec_lo.data(), wavelet_.rec_hi.data(), wavelet_.length()}, window, m,
                approx_.data(), detail);
}

// One synthesis level (pywt.idwt): n outputs from m approximation and detail coefficients.
void DwtPlan::synthesise(const double* approx, const float* detail, size_t m, size_t n,
                         double* out) {
  const auto bands = static_cast<ptrdiff_t>(m);
  if (mode_ == WaveletMode::periodization)  // (orthogonal, so the transpose is the inverse)
    synthesise_periodic_level({wavelet_.dec_lo.data(), wavelet_.dec_hi.data(), wavelet_.length()},
                              approx, detail, bands, out);
  else
    synthesise_level({wavelet_.rec_lo.data(), wavelet_.rec_hi.data(), wavelet_.length()}, approx,
                     detail, bands, static_cast<ptrdiff_t>(n), out);
}

void DwtPlan::forward(const float* x, float* coeffs) {
  const int top = levels();
  if (top == 0) {
    std::copy(x, x + input_size(), coeffs);
    return;
  }
  for (int l = 1; l <= top; ++l) {
    if (l == 1)
      extend(x, lengths_[0]);
    else
      extend(approx_.data(), lengths_[l - 1]);
    analyse(lengths_[l], coeffs + detail_offsets_[l]);
  }
  for (size_t i = 0; i < lengths_[top]; ++i) coeffs[i] = static_cast<float>(approx_[i]);
}

void DwtPlan::inverse(const float* coeffs, float* x) {
  const int top = levels();
  if (top == 0) {
    std::copy(coeffs, coeffs + input_size(), x);
    return;
  }
  for (size_t i = 0; i < lengths_[top]; ++i) approx_[i] = coeffs[i];
  for (int l = top; l >= 1; --l) {
    synthesise(approx_.data(), coeffs + detail_offsets_[l], lengths_[l], lengths_[l - 1],
               next_.data());
    std::swap(approx_, next_);  // swaps the buffers, allocates nothing
  }
  for (size_t i = 0; i < input_size(); ++i) x[i] = static_cast<float>(approx_[i]);
}

}  // namespace dlsim
