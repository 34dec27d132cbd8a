#pragma once
// Components chosen by name from a scenario ("kind": "ring"). Each folder keeps one registry list;
// adding a component is its own file plus one line there.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/params.hpp"

namespace dlsim {

template <class Maker>
struct Component {
  std::string name;
  std::string help;
  ParamSpec params;
  Maker make;
};

template <class Maker>
class Registry {
 public:
  Registry(std::string what, std::vector<Component<Maker>> entries)
      : what_(std::move(what)), entries_(std::move(entries)) {}

  // Finds `name`, or fails naming `path`, the bad name, the valid ones and the closest.
  const Component<Maker>& find(const std::string& name, const std::string& path) const {
    for (const auto& e : entries_)
      if (e.name == name) return e;
    const std::string hint = closest_key(name, names());
    throw ConfigError(path,
                      fmt::format("unknown {} \"{}\"{}; expected one of: {}", what_, name,
                                  hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint),
                                  fmt::join(names(), ", ")));
  }

  // Reads a section {"kind": NAME, ...params} (or just "NAME"): finds the component and validates
  // its parameters together with `common` ones that every kind of this registry shares.
  std::pair<const Component<Maker>*, Params> read(const json& section, const std::string& path,
                                                  const std::string& default_kind = "",
                                                  const ParamSpec& common = {}) const {
    if (section.is_string()) return read(json{{"kind", section}}, path, default_kind, common);
    if (!section.is_object())
      throw ConfigError(path,
                        fmt::format("got {} ({}), expected a name or an object with a \"kind\"",
                                    section.dump(), describe_json(section)));
    std::string kind = default_kind;
    if (section.contains("kind")) {
      if (!section["kind"].is_string())
        throw ConfigError(
            join_path(path, "kind"),
            fmt::format("got {}, expected a string naming a {}", section["kind"].dump(), what_));
      kind = section["kind"].get<std::string>();
    } else if (kind.empty()) {
      throw ConfigError(join_path(path, "kind"),
                        fmt::format("missing; expected one of: {}", fmt::join(names(), ", ")));
    }
    const auto& component = find(kind, join_path(path, "kind"));
    json with_kind = section;
    with_kind["kind"] = kind;
    ParamSpec spec = common;
    spec.insert(spec.end(), component.params.begin(), component.params.end());
    return {&component, read_params(with_kind, spec, path, {"kind"})};
  }

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : entries_) out.push_back(e.name);
    return out;
  }
  const std::vector<Component<Maker>>& entries() const { return entries_; }
  const std::string& what() const { return what_; }

 private:
  std::string what_;
  std::vector<Component<Maker>> entries_;
};

}  // namespace dlsim
