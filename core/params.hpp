#pragma once
// Declared, validated parameters. Every configurable thing (a scenario section, a topology, a
// protocol...) declares its parameters once as a ParamSpec; the same declaration validates user
// JSON (unknown keys, types, ranges, choices), fills in defaults, and is printed by `dlsim list`.
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace dlsim {

using nlohmann::json;

// A user-facing configuration error; `what()` names the JSON path, the value and what was expected.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& path, const std::string& message)
      : std::runtime_error(path.empty() ? message : path + ": " + message) {}
};

enum class ParamType {
  integer,
  real,
  boolean,
  text,
  choice,     // one string of `choices`
  reals,      // list of numbers
  integers,   // list of integers
  texts,      // list of strings
  bandwidth,  // "100Mbps", "1GBps" or a number in bytes per second
  duration,   // "5ms", "2s" or a number in seconds
  speed,      // "20Gf" or a number in flop/s
  object,     // a nested JSON object, validated by its owner
  component,  // a component chosen by name: "name" or {"kind": "name", ...}, validated by its owner
  objects,    // a list of objects, each validated by its owner
};

struct Param {
  std::string key;
  ParamType type = ParamType::text;
  json fallback;  // default value; null means the key is required
  std::string help;
  double lo = -std::numeric_limits<double>::infinity();  // numeric bounds (list elements too)
  double hi = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;
  bool nullable = false;  // null is an accepted value (e.g. "no limit")

  Param& min(double v) { return lo = v, *this; }
  Param& max(double v) { return hi = v, *this; }
  Param& range(double a, double b) { return lo = a, hi = b, *this; }
  Param& optional() { return nullable = true, *this; }
};
using ParamSpec = std::vector<Param>;

// Builders that keep declarations to one line each.
Param integer_param(std::string key, json fallback, std::string help);
Param real_param(std::string key, json fallback, std::string help);
Param bool_param(std::string key, bool fallback, std::string help);
Param text_param(std::string key, json fallback, std::string help);
Param choice_param(std::string key, std::string fallback, std::vector<std::string> choices,
                   std::string help);
Param list_param(std::string key, ParamType element_list, json fallback, std::string help);
Param unit_param(std::string key, ParamType unit, json fallback, std::string help);
Param object_param(std::string key, json fallback, std::string help);
Param component_param(std::string key, json fallback, std::string help);

// Validated values of one section, with defaults filled in.
class Params {
 public:
  Params() = default;
  Params(std::string path, json values, std::shared_ptr<const ParamSpec> spec)
      : path_(std::move(path)), values_(std::move(values)), spec_(std::move(spec)) {}

  int64_t integer(const std::string& key) const;
  double real(const std::string& key) const;  // integer, real, bandwidth, duration and speed
  bool flag(const std::string& key) const;
  const std::string& text(const std::string& key) const;
  std::vector<double> reals(const std::string& key) const;
  std::vector<int64_t> integers(const std::string& key) const;
  std::vector<std::string> texts(const std::string& key) const;
  bool is_null(const std::string& key) const;
  const json& raw(const std::string& key) const;

  const std::string& path() const { return path_; }
  std::string path_of(const std::string& key) const;
  const json& values() const { return values_; }

  // For cross-field checks done by owners: throws a ConfigError naming this key.
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

 private:
  const Param& param(const std::string& key) const;
  std::string path_;
  json values_ = json::object();
  std::shared_ptr<const ParamSpec> spec_;
};

// Validates `section` (an object) against `spec`. Keys in `extra_keys` (such as "kind", read by the
// caller) are allowed and kept. Unknown keys fail with the closest valid key as a suggestion.
Params read_params(const json& section, const ParamSpec& spec, const std::string& path,
                   const std::vector<std::string>& extra_keys = {});

// "topology.degree" style join; empty parts are skipped.
std::string join_path(const std::string& parent, const std::string& key);

// The JSON type of a value in words ("a string", "an integer"...), for messages.
std::string describe_json(const json& value);

// The valid key closest to `key` by edit distance, or "" when none is close.
std::string closest_key(const std::string& key, const std::vector<std::string>& valid);

// Human-readable form of a parameter's type, default and bounds (for `dlsim list`).
std::string describe_param(const Param& p);

}  // namespace dlsim
