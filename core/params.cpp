#include "core/params.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "core/units.hpp"

namespace dlsim {

namespace {
Param make_param(std::string key, ParamType type, json fallback, std::string help) {
  Param p;
  p.key = std::move(key);
  p.type = type;
  p.fallback = std::move(fallback);
  p.help = std::move(help);
  return p;
}
}  // namespace

Param integer_param(std::string key, json fallback, std::string help) {
  return make_param(std::move(key), ParamType::integer, std::move(fallback), std::move(help));
}
Param real_param(std::string key, json fallback, std::string help) {
  return make_param(std::move(key), ParamType::real, std::move(fallback), std::move(help));
}
Param bool_param(std::string key, bool fallback, std::string help) {
  return make_param(std::move(key), ParamType::boolean, fallback, std::move(help));
}
Param text_param(std::string key, json fallback, std::string help) {
  return make_param(std::move(key), ParamType::text, std::move(fallback), std::move(help));
}
Param choice_param(std::string key, std::string fallback, std::vector<std::string> choices,
                   std::string help) {
  Param p = make_param(std::move(key), ParamType::choice, std::move(fallback), std::move(help));
  p.choices = std::move(choices);
  return p;
}
Param list_param(std::string key, ParamType element_list, json fallback, std::string help) {
  return make_param(std::move(key), element_list, std::move(fallback), std::move(help));
}
Param unit_param(std::string key, ParamType unit, json fallback, std::string help) {
  return make_param(std::move(key), unit, std::move(fallback), std::move(help));
}
Param object_param(std::string key, json fallback, std::string help) {
  return make_param(std::move(key), ParamType::object, std::move(fallback), std::move(help));
}
Param component_param(std::string key, json fallback, std::string help) {
  return make_param(std::move(key), ParamType::component, std::move(fallback), std::move(help));
}

std::string join_path(const std::string& parent, const std::string& key) {
  if (parent.empty()) return key;
  if (key.empty()) return parent;
  return parent + "." + key;
}

std::string describe_json(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    case json::value_t::number_float:
      return "a number";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "a list";
    case json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string bounds_text(const Param& p) {
  const bool has_lo = std::isfinite(p.lo), has_hi = std::isfinite(p.hi);
  if (has_lo && has_hi) return fmt::format(" in [{}, {}]", p.lo, p.hi);
  if (has_lo) return fmt::format(" >= {}", p.lo);
  if (has_hi) return fmt::format(" <= {}", p.hi);
  return "";
}

std::string expected_text(const Param& p) {
  switch (p.type) {
    case ParamType::integer:
      return "an integer" + bounds_text(p);
    case ParamType::real:
      return "a number" + bounds_text(p);
    case ParamType::boolean:
      return "true or false";
    case ParamType::text:
      return "a string";
    case ParamType::choice:
      return fmt::format("one of \"{}\"", fmt::join(p.choices, "\", \""));
    case ParamType::reals:
      return "a non-empty list of numbers" + bounds_text(p);
    case ParamType::integers:
      return "a non-empty list of integers" + bounds_text(p);
    case ParamType::texts:
      return "a list of strings";
    case ParamType::bandwidth:
      return "a bandwidth such as \"100Mbps\" or \"1GBps\"" + bounds_text(p);
    case ParamType::duration:
      return "a duration such as \"5ms\" or \"2s\"" + bounds_text(p);
    case ParamType::speed:
      return "a compute speed such as \"20Gf\"" + bounds_text(p);
    case ParamType::object:
      return "an object";
    case ParamType::component:
      return "a name or an object with a \"kind\"";
    case ParamType::objects:
      return "a list of objects";
  }
  return "?";
}

bool in_bounds(const Param& p, double v) {
  return v >= p.lo && v <= p.hi;
}

bool is_integer(const json& v) {
  if (v.is_number_integer()) return true;
  // 1e3 or 4.0 written by a script is still an integer.
  return v.is_number_float() && std::isfinite(v.get<double>()) &&
         std::floor(v.get<double>()) == v.get<double>() && std::fabs(v.get<double>()) < 9e15;
}

std::optional<double> unit_value(ParamType type, const json& v) {
  if (v.is_number())
    return v.get<double>() >= 0 ? std::optional<double>(v.get<double>()) : std::nullopt;
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  if (type == ParamType::bandwidth) return parse_bandwidth(s);
  if (type == ParamType::duration) return parse_duration(s);
  return parse_speed(s);
}

// Returns the normalised value, or throws naming the path, the value and what was expected.
json check_value(const Param& p, const json& v, const std::string& path) {
  auto bad = [&]() -> ConfigError {
    return ConfigError(path, fmt::format("got {} ({}), expected {}", v.dump(), describe_json(v),
                                         expected_text(p)));
  };
  if (v.is_null()) {
    if (p.nullable) return v;
    throw bad();
  }
  switch (p.type) {
    case ParamType::integer:
      if (!is_integer(v) || !in_bounds(p, v.get<double>())) throw bad();
      return v.get<int64_t>();
    case ParamType::real:
      if (!v.is_number() || !std::isfinite(v.get<double>()) || !in_bounds(p, v.get<double>()))
        throw bad();
      return v;
    case ParamType::boolean:
      if (!v.is_boolean()) throw bad();
      return v;
    case ParamType::text:
      if (!v.is_string()) throw bad();
      return v;
    case ParamType::choice:
      if (!v.is_string() ||
          std::find(p.choices.begin(), p.choices.end(), v.get<std::string>()) == p.choices.end())
        throw bad();
      return v;
    case ParamType::reals:
    case ParamType::integers:
      if (!v.is_array() || v.empty()) throw bad();
      for (const auto& e : v) {
        const bool ok = p.type == ParamType::integers
                            ? is_integer(e)
                            : e.is_number() && std::isfinite(e.get<double>());
        if (!ok || !in_bounds(p, e.get<double>())) throw bad();
      }
      return v;
    case ParamType::texts:
      if (!v.is_array()) throw bad();
      for (const auto& e : v)
        if (!e.is_string()) throw bad();
      return v;
    case ParamType::bandwidth:
    case ParamType::duration:
    case ParamType::speed: {
      const auto value = unit_value(p.type, v);
      if (!value || !in_bounds(p, *value)) throw bad();
      return v;
    }
    case ParamType::object:
      if (!v.is_object()) throw bad();
      return v;
    case ParamType::component:
      if (!v.is_object() && !v.is_string()) throw bad();
      return v;
    case ParamType::objects:
      if (!v.is_array()) throw bad();
      for (const auto& e : v)
        if (!e.is_object()) throw bad();
      return v;
  }
  throw bad();
}

}  // namespace

std::string closest_key(const std::string& key, const std::vector<std::string>& valid) {
  // A prefix ("erdos" for "erdos-renyi") counts as one edit; far-off names suggest nothing.
  std::string best;
  size_t best_score = std::max<size_t>(2, key.size() / 3) + 1;
  for (const auto& candidate : valid) {
    const bool prefix = candidate.rfind(key, 0) == 0 || key.rfind(candidate, 0) == 0;
    const size_t score = prefix ? 1 : edit_distance(key, candidate);
    if (score < best_score) best = candidate, best_score = score;
  }
  return best;
}

std::string describe_param(const Param& p) {
  const std::string fallback = !p.fallback.is_null() ? "default " + p.fallback.dump()
                               : p.nullable          ? std::string("optional")
                                                     : std::string("required");
  return fmt::format("{} ({})", expected_text(p), fallback);
}

Params read_params(const json& section, const ParamSpec& spec, const std::string& path,
                   const std::vector<std::string>& extra_keys) {
  if (!section.is_object())
    throw ConfigError(path, fmt::format("got {} ({}), expected an object", section.dump(),
                                        describe_json(section)));
  std::vector<std::string> valid = extra_keys;
  for (const auto& p : spec) valid.push_back(p.key);
  for (const auto& [key, value] : section.items()) {
    if (std::find(valid.begin(), valid.end(), key) != valid.end()) continue;
    const std::string hint = closest_key(key, valid);
    throw ConfigError(join_path(path, key),
                      fmt::format("unknown key{}; valid keys here: {}",
                                  hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint),
                                  fmt::join(valid, ", ")));
  }
  json values = json::object();
  for (const auto& key : extra_keys)
    if (section.contains(key)) values[key] = section[key];
  for (const auto& p : spec) {
    const std::string key_path = join_path(path, p.key);
    if (section.contains(p.key)) {
      values[p.key] = check_value(p, section[p.key], key_path);
    } else if (p.fallback.is_null() && !p.nullable) {
      throw ConfigError(key_path, fmt::format("missing; expected {}", expected_text(p)));
    } else {
      values[p.key] = p.fallback;
    }
  }
  return Params(path, std::move(values), std::make_shared<const ParamSpec>(spec));
}

const Param& Params::param(const std::string& key) const {
  if (spec_)
    for (const auto& p : *spec_)
      if (p.key == key) return p;
  // A component asking for a key it did not declare is a bug in dlsim, not a user error.
  throw std::logic_error("undeclared parameter " + path_of(key));
}

std::string Params::path_of(const std::string& key) const {
  return join_path(path_, key);
}

void Params::fail(const std::string& key, const std::string& message) const {
  const json& v = values_.contains(key) ? values_[key] : json();
  throw ConfigError(path_of(key), fmt::format("{} {}", v.dump(), message));
}

const json& Params::raw(const std::string& key) const {
  param(key);
  return values_.at(key);
}

bool Params::is_null(const std::string& key) const {
  return raw(key).is_null();
}

int64_t Params::integer(const std::string& key) const {
  return raw(key).get<int64_t>();
}

double Params::real(const std::string& key) const {
  const Param& p = param(key);
  const json& v = values_.at(key);
  switch (p.type) {
    case ParamType::bandwidth:
    case ParamType::duration:
    case ParamType::speed:
      return *unit_value(p.type, v);
    default:
      return v.get<double>();
  }
}

bool Params::flag(const std::string& key) const {
  return raw(key).get<bool>();
}

const std::string& Params::text(const std::string& key) const {
  return raw(key).get_ref<const std::string&>();
}

std::vector<double> Params::reals(const std::string& key) const {
  return raw(key).get<std::vector<double>>();
}

std::vector<int64_t> Params::integers(const std::string& key) const {
  std::vector<int64_t> out;
  for (const auto& e : raw(key)) out.push_back(static_cast<int64_t>(e.get<double>()));
  return out;
}

std::vector<std::string> Params::texts(const std::string& key) const {
  return raw(key).get<std::vector<std::string>>();
}

}  // namespace dlsim
