#include "topologies/graph.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace dlsim {

Graph::Graph(int nodes) {
  if (nodes < 0) throw std::invalid_argument("Graph: negative node count " + std::to_string(nodes));
  adjacency_.resize(static_cast<size_t>(nodes));
}

void Graph::add_edge(int a, int b) {
  if (a < 0 || b < 0 || a >= size() || b >= size())
    throw std::out_of_range("Graph::add_edge(" + std::to_string(a) + ", " + std::to_string(b) +
                            ") on a graph of " + std::to_string(size()) + " nodes");
  if (a == b) return;
  adjacency_[a].push_back(b);
  adjacency_[b].push_back(a);
}

void Graph::finalize() {
  for (auto& list : adjacency_) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    list.shrink_to_fit();
  }
}

bool Graph::has_edge(int a, int b) const {
  if (a < 0 || b < 0 || a >= size() || b >= size()) return false;
  // Lists are sorted after finalize(); search the shorter one.
  const auto& list = adjacency_[a].size() <= adjacency_[b].size() ? adjacency_[a] : adjacency_[b];
  return std::binary_search(list.begin(), list.end(), &list == &adjacency_[a] ? b : a);
}

size_t Graph::edge_count() const {
  size_t ends = 0;
  for (const auto& list : adjacency_) ends += list.size();
  return ends / 2;
}

bool Graph::connected() const {
  if (adjacency_.empty()) return true;
  std::vector<char> seen(adjacency_.size(), 0);
  std::vector<int> frontier{0};
  seen[0] = 1;
  size_t reached = 1;
  while (!frontier.empty()) {
    const int v = frontier.back();
    frontier.pop_back();
    for (int u : adjacency_[v])
      if (!seen[u]) {
        seen[u] = 1;
        ++reached;
        frontier.push_back(u);
      }
  }
  return reached == adjacency_.size();
}

double mh_self_weight(const Graph& g, int v) {
  const int dv = g.degree(v);
  double sum = 0.0;
  for (int u : g.neighbors(v)) sum += mh_weight(dv, g.degree(u));
  return 1.0 - sum;
}

}  // namespace dlsim
