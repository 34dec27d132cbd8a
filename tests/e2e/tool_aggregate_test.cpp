// `dlsim tool aggregate`: aggregation rules on the user's own CSV rows.
#include "harness.hpp"

using namespace harness;

namespace {

const std::string kRows = "1,2,3\n4,5,6\n7,8,9\n";

Result aggregate(const std::vector<std::string>& options, const std::string& input) {
  TempDir dir;
  std::vector<std::string> args = {"tool", "aggregate"};
  args.insert(args.end(), options.begin(), options.end());
  return dlsim(args, dir, input);
}

}  // namespace

TEST_CASE("a rule's aggregate of stdin's rows is one CSV row") {
  for (const char* rule : {"mean", "median", "geometric-median", "centered-clip"}) {
    CAPTURE(rule);
    const Result r = aggregate({"--rule", rule}, kRows);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "4,5,6\n");
    CHECK(r.err.empty());
  }
  // f and the rule's own options, as --key value; blank lines and spaces are fine.
  const std::string points = "7\n0\n\n20\n 3\n1 \n";
  CHECK(aggregate({"--rule", "krum", "--f", "1"}, points).out == "1\n");
  CHECK(aggregate({"--rule", "krum", "--f", "1", "--neighbours", "n-f-1"}, points).out == "3\n");
  CHECK(aggregate({"--rule", "multi-krum", "--f", "1", "--m", "2"}, points).out == "0.5\n");
  CHECK(aggregate({"--rule", "mean", "--f", "1", "--nnm"}, kRows).out == "3.5,4.5,5.5\n");
  // Flag on positive 1-D points: unit inputs 1 (and 0 for the zero point), one dimension, so
  // (1/m) * 4 with m = ceil(5/2) = 3, or rescaled to the median norm 3.
  CHECK(std::stod(aggregate({"--rule", "flag"}, "7\n0\n20\n3\n1\n").out) ==
        doctest::Approx(4.0 / 3));
  CHECK(std::stod(aggregate({"--rule", "flag", "--norm", "median"}, "7\n0\n20\n3\n1\n").out) ==
        doctest::Approx(3.0));
}

TEST_CASE("the aggregate is printed with every digit a float holds") {
  // (0.1 + 0.2 + 0.7) / 3 and 1 / 3 as floats: the shortest text that reads back the same float.
  const Result r = aggregate({"--rule", "mean"}, "0.1,1\n0.2,0\n0.7,0\n");
  CHECK(r.out == "0.33333334,0.33333334\n");
  CHECK(aggregate({"--rule", "mean"}, "1e-30,-3e38\n").out == "1e-30,-3e+38\n");
}

TEST_CASE("NaN and infinities are read, and dropped by a robust rule") {
  const Result r = aggregate({"--rule", "trimmed-mean", "--f", "1"}, "1,nan\n2,5\n3,-inf\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "2,5\n");
  CHECK(aggregate({"--rule", "mean"}, "1\nnan\n").out == "nan\n");
}

TEST_CASE("bad input exits 2 with a message") {
  struct Case {
    const char* what;
    std::vector<std::string> options;
    std::string input;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"unknown rule",
       {"--rule", "krun"},
       kRows,
       "tool.rule: unknown aggregator \"krun\" (did you mean \"krum\"?)"},
      {"no rule", {}, kRows, "tool.rule: missing"},
      {"too few rows for f",
       {"--rule", "krum", "--f", "1"},
       kRows,
       "stdin: krum needs n >= 2f + 3 = 5 input vectors for f = 1, got n = 3"},
      {"no rows", {"--rule", "mean"}, "", "stdin: mean needs n >= 1 input vectors"},
      {"ragged rows",
       {"--rule", "median"},
       "1,2\n3,4\n5\n",
       "stdin line 3: 1 values where the first row has 2"},
      {"not a number", {"--rule", "median"}, "1,x\n", "stdin line 1: \"x\" is not a number"},
      {"another rule's option",
       {"--rule", "median", "--m", "2"},
       kRows,
       "tool.m: unknown key (did you mean \"f\"?)"},
      {"bad option value",
       {"--rule", "krum", "--neighbours", "n"},
       kRows,
       "tool.neighbours: got \"n\" (a string), expected one of \"n-f-2\", \"n-f-1\""},
      {"bad rule parameter", {"--rule", "centered-clip", "--tau", "0"}, kRows, "tool.tau: 0 must"},
      {"unknown option",
       {"--rule", "median", "--frobnicate", "1"},
       kRows,
       "tool.frobnicate: unknown key"},
      {"gossip rule without its own vector",
       {"--rule", "clipped-gossip"},
       kRows,
       "stdin: clipped-gossip needs the node's own vector"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    const Result r = aggregate(c.options, c.input);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
  }
}

TEST_CASE("dlsim list shows the rules and the tool's options") {
  TempDir dir;
  const Result r = dlsim({"list"}, dir);
  CHECK(r.exit_code == 0);
  for (const char* text : {"aggregators (\"kind\"):", "centered-clip", "clipped-gossip",
                           "krum, multi-krum, bulyan: nearest others", "aggregate"})
    CHECK_MESSAGE(r.out.find(text) != std::string::npos, text);
}
