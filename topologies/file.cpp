#include <fmt/format.h>
#include <charconv>
#include <fstream>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "topologies/generators.hpp"

namespace dlsim {

namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// Parses the next whitespace-separated integer of `s`, consuming it.
std::optional<int64_t> next_id(std::string_view& s) {
  s = trim(s);
  int64_t id = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (error != std::errc() || (end != s.data() + s.size() && *end != ' ' && *end != '\t'))
    return std::nullopt;
  s.remove_prefix(static_cast<size_t>(end - s.data()));
  return id;
}

// Connected components of `g`, with the smallest node that node 0 cannot reach (or -1).
std::pair<int, int> components(const Graph& g) {
  std::vector<char> seen(static_cast<size_t>(g.size()), 0);
  int count = 0, unreached = -1;
  for (int start = 0; start < g.size(); ++start) {
    if (seen[start]) continue;
    if (count++ == 1) unreached = start;
    std::vector<int> frontier{start};
    seen[start] = 1;
    while (!frontier.empty()) {
      const int v = frontier.back();
      frontier.pop_back();
      for (int u : g.neighbors(v))
        if (!seen[u]) seen[u] = 1, frontier.push_back(u);
    }
  }
  return {count, unreached};
}

Graph make_file(const Params& params, int nodes, Rng&) {
  const std::string& path = params.text("path");
  std::ifstream in(path);
  if (!in) params.fail("path", "cannot be opened; expected an edge list file (\"a b\" per line)");
  Graph g(nodes);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view text = line;
    text = trim(text.substr(0, text.find('#')));  // '#' starts a comment
    if (text.empty()) continue;
    std::string_view rest = text;
    const auto a = next_id(rest);
    const auto b = a ? next_id(rest) : std::nullopt;
    if (!a || !b || !trim(rest).empty())
      params.fail("path",
                  fmt::format("line {}: got \"{}\", expected two node ids \"a b\"", number, text));
    for (int64_t id : {*a, *b})
      if (id < 0 || id >= nodes)
        params.fail("path", fmt::format("line {}: node id {} is out of range; expected ids in "
                                        "[0, {}) for {} nodes",
                                        number, id, nodes, nodes));
    if (*a == *b)
      params.fail("path", fmt::format("line {}: self-loop {} {}; expected two different node ids",
                                      number, *a, *b));
    g.add_edge(static_cast<int>(*a), static_cast<int>(*b));
  }
  if (in.bad()) params.fail("path", "could not be read to the end");
  g.finalize();
  if (!g.connected()) {
    const auto [count, unreached] = components(g);
    params.fail("path", fmt::format("describes a graph that is not connected: {} components, "
                                    "node {} cannot reach node 0; expected a connected graph on "
                                    "{} nodes",
                                    count, unreached, nodes));
  }
  return g;
}

}  // namespace

Component<TopologyMaker> file_topology() {
  return {"file",
          "edge list read from a text file: one \"a b\" pair of 0-based node ids per line",
          {text_param("path", nullptr, "edge list file; '#' starts a comment")},
          make_file};
}

}  // namespace dlsim
