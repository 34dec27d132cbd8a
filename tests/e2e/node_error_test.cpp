// An error raised inside a node during the simulation ends the run with the error's message and
// exit status 1, and leaves no output file (SimGrid alone would abort with a backtrace).
#include "harness.hpp"

using namespace harness;

TEST_CASE("an error inside a node ends the run cleanly") {
  TempDir dir;
  json s = small_scenario();
  s["protocol"] = {{"kind", "rank-dad"}, {"trace", "/proc/dlsim-cannot-write-here/ranks.csv"}};
  const Result r = run_scenario(dir, s);
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("dlsim: error: ", 0) == 0);
  CHECK(r.err.find("Uncaught exception") == std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out" / "rounds.csv"));
}
