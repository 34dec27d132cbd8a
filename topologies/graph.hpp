#pragma once
// An undirected overlay graph: who talks to whom. Neighbour lists are sorted, without self-loops.
#include <cstddef>
#include <span>
#include <vector>

namespace dlsim {

class Graph {
 public:
  explicit Graph(int nodes = 0);

  // Adds the undirected edge a-b; self-loops and duplicates are ignored. Call finalize() after.
  void add_edge(int a, int b);
  // Sorts neighbour lists and removes duplicates.
  void finalize();

  int size() const { return static_cast<int>(adjacency_.size()); }
  int degree(int v) const { return static_cast<int>(adjacency_[v].size()); }
  std::span<const int> neighbors(int v) const { return adjacency_[v]; }
  bool has_edge(int a, int b) const;
  size_t edge_count() const;
  bool connected() const;

 private:
  std::vector<std::vector<int>> adjacency_;
};

// Metropolis-Hastings mixing weight between neighbours of degrees di and dj; the self weight is
// 1 minus the sum over neighbours.
inline double mh_weight(int di, int dj) {
  return 1.0 / (1.0 + (di > dj ? di : dj));
}
double mh_self_weight(const Graph& g, int v);

}  // namespace dlsim
