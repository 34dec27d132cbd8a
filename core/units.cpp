#include "core/units.hpp"

#include <fmt/format.h>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

namespace dlsim {
namespace {

using UnitTable = std::vector<std::pair<std::string, double>>;

// Splits "12.5Mbps" into 12.5 and "Mbps"; the number must be finite and non-negative.
std::optional<double> parse_with(const std::string& text, const UnitTable& units) {
  const char* begin = text.c_str();
  char* end = nullptr;
  const double value = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(value) || value < 0) return std::nullopt;
  std::string unit(end);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front()))) unit.erase(0, 1);
  for (const auto& [name, factor] : units)
    if (unit == name) return value * factor;
  return std::nullopt;
}

}  // namespace

std::optional<double> parse_bandwidth(const std::string& text) {
  static const UnitTable units = {{"bps", 1.0 / 8},
                                  {"Kbps", 1e3 / 8},
                                  {"Mbps", 1e6 / 8},
                                  {"Gbps", 1e9 / 8},
                                  {"Tbps", 1e12 / 8},
                                  {"Bps", 1},
                                  {"KBps", 1e3},
                                  {"MBps", 1e6},
                                  {"GBps", 1e9},
                                  {"TBps", 1e12},
                                  {"Kibps", 1024.0 / 8},
                                  {"Mibps", 1048576.0 / 8},
                                  {"Gibps", 1073741824.0 / 8},
                                  {"KiBps", 1024.0},
                                  {"MiBps", 1048576.0},
                                  {"GiBps", 1073741824.0}};
  return parse_with(text, units);
}

std::optional<double> parse_duration(const std::string& text) {
  static const UnitTable units = {{"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3},
                                  {"s", 1},     {"m", 60},    {"h", 3600}};
  return parse_with(text, units);
}

std::optional<double> parse_speed(const std::string& text) {
  static const UnitTable units = {{"f", 1},    {"kf", 1e3},  {"Kf", 1e3}, {"Mf", 1e6},
                                  {"Gf", 1e9}, {"Tf", 1e12}, {"Pf", 1e15}};
  return parse_with(text, units);
}

std::string format_bytes(double bytes) {
  static const char* names[] = {"B", "kB", "MB", "GB", "TB"};
  int i = 0;
  while (bytes >= 1000 && i < 4) bytes /= 1000, ++i;
  return i == 0 ? fmt::format("{:.0f} B", bytes) : fmt::format("{:.1f} {}", bytes, names[i]);
}

std::string format_seconds(double s) {
  if (s < 60) return fmt::format("{:.1f}s", s);
  if (s < 3600)
    return fmt::format("{}m{:02d}s", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  return fmt::format("{}h{:02d}m", static_cast<int>(s) / 3600, static_cast<int>(s) % 3600 / 60);
}

}  // namespace dlsim
