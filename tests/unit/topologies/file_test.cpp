#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "topologies/topology.hpp"

using namespace dlsim;

namespace {

// A uniquely named edge-list file, removed at the end of the test.
class EdgeFile {
 public:
  explicit EdgeFile(const std::string& text) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() / ("dlsim_edges_" + std::to_string(::getpid()) +
                                                       "_" + std::to_string(counter++) + ".txt"))
                .string();
    std::ofstream(path_) << text;
  }
  ~EdgeFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string error_of(const std::string& path, int nodes) {
  try {
    Topology topology(json{{"kind", "file"}, {"path", path}}, nodes, 1);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("file topology reads an edge list with comments and blank lines") {
  EdgeFile file(
      "# a 4-cycle and a chord\n0 1\n1 2   # trailing comment\n\n  2\t3\n3 0\n0 2\n2 0\n");
  Topology topology(json{{"kind", "file"}, {"path", file.path()}}, 4, 1);
  const Graph& g = *topology.at_round(0);
  CHECK(g.edge_count() == 5);  // "2 0" repeats "0 2"
  CHECK(g.has_edge(0, 2));
  CHECK(g.has_edge(3, 0));
  CHECK_FALSE(g.has_edge(1, 3));
  CHECK(g.degree(0) == 3);
}

TEST_CASE("file topology errors name the file and line") {
  const std::string quoted_missing = "\"/nonexistent/edges.txt\"";
  CHECK(error_of("/nonexistent/edges.txt", 4) ==
        "topology.path: " + quoted_missing +
            " cannot be opened; expected an edge list file (\"a b\" per line)");

  EdgeFile bad("0 1\n# fine\n1 x\n");
  CHECK(error_of(bad.path(), 4) ==
        "topology.path: \"" + bad.path() + "\" line 3: got \"1 x\", expected two node ids \"a b\"");
  EdgeFile three("0 1 2\n");
  CHECK(
      error_of(three.path(), 4).ends_with("line 1: got \"0 1 2\", expected two node ids \"a b\""));
  EdgeFile one("0 1\n1\n");
  CHECK(error_of(one.path(), 4).ends_with("line 2: got \"1\", expected two node ids \"a b\""));
  EdgeFile range("0 1\n1 4\n");
  CHECK(error_of(range.path(), 4) ==
        "topology.path: \"" + range.path() +
            "\" line 2: node id 4 is out of range; expected ids in [0, 4) for 4 nodes");
  EdgeFile negative("0 -1\n");
  CHECK(error_of(negative.path(), 4)
            .ends_with("line 1: node id -1 is out of range; expected ids "
                       "in [0, 4) for 4 nodes"));
  EdgeFile loop("0 1\n2 2\n");
  CHECK(
      error_of(loop.path(), 3).ends_with("line 2: self-loop 2 2; expected two different node ids"));
  EdgeFile split("0 1\n2 3\n");
  CHECK(error_of(split.path(), 5) ==
        "topology.path: \"" + split.path() +
            "\" describes a graph that is not connected: 3 components, node 2 cannot reach node 0; "
            "expected a connected graph on 5 nodes");
  try {
    Topology topology(json{{"kind", "file"}}, 4, 1);
    FAIL("expected a missing path to fail");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) == "topology.path: missing; expected a string");
  }
}
