// Wall time of one aggregation of p = 15 vectors of length n = 1e5, 1e6, 1e7 for the Flag
// Aggregator and the classic robust rules (f = 3, each rule's defaults), on one core. Prints a
// markdown table of milliseconds and one of each rule's time relative to flag. Run by
// bench/aggregators.sh; not a test.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "aggregators/aggregator.hpp"
#include "core/rng.hpp"

using namespace dlsim;

namespace {

using Clock = std::chrono::steady_clock;

// The best of a few calls after a warm-up call (buffers sized, pages touched), in milliseconds.
double best_ms(Aggregator& rule, const AggregationInput& in, float* out, int calls) {
  rule.aggregate(in, out);
  double best = 1e300;
  for (int k = 0; k < calls; ++k) {
    const auto start = Clock::now();
    rule.aggregate(in, out);
    best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  return best;
}

}  // namespace

// With arguments, only the rules named (e.g. `bench_aggregators flag median`).
int main(int argc, char** argv) {
  std::vector<std::string> rules = {"flag",   "mean",       "median", "trimmed-mean",    "meamed",
                                    "phocas", "multi-krum", "bulyan", "geometric-median"};
  if (argc > 1) rules.assign(argv + 1, argv + argc);
  const int p = 15, f = 3;
  const std::vector<int64_t> lengths = {100'000, 1'000'000, 10'000'000};
  std::vector<std::vector<double>> ms(lengths.size());
  for (size_t l = 0; l < lengths.size(); ++l) {
    const int64_t n = lengths[l];
    Rng rng(7);
    std::vector<std::vector<float>> vectors(p, std::vector<float>(n));
    for (auto& v : vectors)
      for (auto& x : v) x = static_cast<float>(rng.normal());
    std::vector<const float*> pointers;
    for (const auto& v : vectors) pointers.push_back(v.data());
    AggregationInput in;
    in.vectors = pointers;
    in.dim = n;
    std::vector<float> out(n);
    for (const auto& name : rules) {
      auto rule = make_aggregator(read_aggregator(name, "rule"), f);
      ms[l].push_back(best_ms(*rule, in, out.data(), n >= 10'000'000 ? 1 : 3));
    }
  }
  // One table per figure: a row per length, a column per rule.
  const auto table = [&](const std::string& title, auto cell) {
    fmt::print("{}\n\n| n |", title);
    for (const auto& name : rules) fmt::print(" {} |", name);
    fmt::print("\n|---|");
    for (size_t r = 0; r < rules.size(); ++r) fmt::print("---:|");
    fmt::print("\n");
    for (size_t l = 0; l < lengths.size(); ++l) {
      fmt::print("| {:.0e} |", static_cast<double>(lengths[l]));
      for (double t : ms[l]) fmt::print(" {} |", cell(t, ms[l].front()));
      fmt::print("\n");
    }
  };
  table(fmt::format("Milliseconds per aggregation, p = {}, f = {}:", p, f),
        [](double t, double) { return fmt::format("{:.1f}", t); });
  table(fmt::format("\nTime relative to {}:", rules.front()),
        [](double t, double first) { return fmt::format("{:.2f}", t / first); });
}
