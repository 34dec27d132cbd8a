// Checkpoints end to end: for every protocol (and stateful rules, attacks, the honest board and
// lossy links), a run killed after a checkpoint and resumed writes byte-identical outputs to a run
// never interrupted; bad checkpoints and option mixes are refused clearly.
#include "harness.hpp"

using namespace harness;

namespace {

const char* outputs[] = {"rounds.csv", "nodes.csv", "summary.json", "messages.csv"};

json base() {
  json s = small_scenario();
  s["rounds"] = 12;
  s["training"] = {{"lr", 0.1}, {"momentum", 0.9}, {"batch_size", 16}, {"local_steps", 2}};
  s["eval"] = {{"every", 3}, {"test_samples", 300}};
  s["output"] = {{"messages", true}};
  return s;
}

json with(json s, const json& protocol, const json& byzantine = nullptr) {
  s["protocol"] = protocol;
  if (!byzantine.is_null()) s["byzantine"] = byzantine;
  return s;
}

// Every case: a protocol, with what carries state from round to round.
std::vector<std::pair<std::string, json>> cases() {
  json lossy = with(base(), {{"kind", "dpsgd"}, {"receive_timeout", "1s"}});
  lossy["faults"] = json::array({{{"kind", "loss"}, {"probability", 0.1}}});
  json btard = with(base(), {{"kind", "btard"}, {"receive_timeout", "1s"}, {"validators", 2}},
                    {{"count", 2}, {"attack", {{"kind", "sign-flip"}}}});
  btard["topology"] = "full";
  // Crashes spanning checkpoints: one for good, one back in round 11.
  json crashes = with(base(), {{"kind", "dpsgd"}, {"receive_timeout", "1s"}});
  crashes["faults"] =
      json::array({{{"kind", "crash"}, {"node", 2}, {"round", 6}},
                   {{"kind", "crash"}, {"node", 5}, {"round", 4}, {"recover_round", 11}}});
  json some = with(base(), {{"kind", "dpsgd"}});
  some["eval"]["nodes"] = 3;
  json signum = base();
  signum["training"]["momentum"] = 0;  // signsgd keeps its own, and takes one gradient a round
  signum["training"]["local_steps"] = 1;
  return {
      {"dpsgd", with(base(), {{"kind", "dpsgd"}})},
      {"dpsgd, CenteredClip from its previous output, delayed attack",
       with(base(),
            {{"kind", "dpsgd"}, {"aggregator", {{"kind", "centered-clip"}, {"start", "previous"}}}},
            {{"count", 1}, {"attack", {{"kind", "delayed"}, {"delay", 2}}}})},
      {"ps, median, ALIE (the honest board)",
       with(base(), {{"kind", "ps"}, {"aggregator", "median"}},
            {{"count", 2}, {"attack", {{"kind", "alie"}}}})},
      {"jwins", with(base(), {{"kind", "jwins"}})},
      {"choco", with(base(), {{"kind", "choco"}})},
      {"random subsampling", with(base(), {{"kind", "random-subsampling"}})},
      {"signum, server", with(signum, {{"kind", "signsgd"}, {"beta", 0.9}, {"ties", "random"}})},
      {"signum, gossip", with(signum, {{"kind", "signsgd"}, {"mode", "gossip"}, {"beta", 0.9}})},
      {"dad", with(base(), {{"kind", "dad"}})},
      {"rank-dad, relay", with(base(), {{"kind", "rank-dad"}, {"mode", "ps"}})},
      {"powersgd (error feedback)", with(base(), {{"kind", "powersgd"}})},
      {"btard, two liars", btard},
      {"dpsgd over lossy links", lossy},
      {"dpsgd with crashes", crashes},
      {"dpsgd evaluating 3 nodes", some},
  };
}

void run_ok(const TempDir& dir, const json& s, const std::string& out,
            std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {
      "run", write_scenario(dir, s).string(), "--out", (dir / out).string(), "--quiet", "--threads",
      "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  const Result r = dlsim(args, dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
}

// Kills the run after its `kill`-th checkpoint (a real SIGKILL): it leaves the checkpoint and no
// output file.
void run_killed(const TempDir& dir, const std::vector<std::string>& args, int kill) {
  std::vector<std::string> all = args;
  all.insert(all.end(), {"--quiet", "--kill-after-checkpoint", std::to_string(kill)});
  const Result r = dlsim(all, dir);
  // Killed by a signal (-1), or the shell's report of it.
  REQUIRE_MESSAGE((r.exit_code == -1 || r.exit_code == 128 + 9), r.err);
}

void check_same(const fs::path& a, const fs::path& b) {
  for (const char* file : outputs) {
    CAPTURE(file);
    REQUIRE(fs::exists(b / file));
    CHECK(slurp(a / file) == slurp(b / file));
  }
}

}  // namespace

TEST_CASE("a run killed after a checkpoint and resumed ends byte-identical, for every protocol") {
  for (const auto& named : cases()) {
    const json& s = named.second;
    CAPTURE(named.first);
    TempDir dir;
    run_ok(dir, s, "whole");
    // Checkpointing itself changes nothing.
    run_ok(dir, s, "checkpointed", {"--checkpoint-every", "4"});
    check_same(dir / "whole", dir / "checkpointed");
    CHECK_FALSE(fs::exists(dir / "checkpointed" / "checkpoint.bin"));  // removed once whole

    // Killed after round 4 or 8, resumed.
    for (int kill : {1, 2}) {
      CAPTURE(kill);
      const fs::path out = dir / fmt::format("killed-{}", kill);
      const std::string scenario = (dir / "scenario.json").string();
      run_killed(dir, {"run", scenario, "--out", out.string(), "--checkpoint-every", "4"}, kill);
      CHECK(fs::exists(out / "checkpoint.bin"));
      CHECK_FALSE(fs::exists(out / "rounds.csv"));
      const Result r = dlsim({"run", "--resume", out.string(), "--quiet", "--threads", "1"}, dir);
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      check_same(dir / "whole", out);
    }
  }
}

TEST_CASE("a resumed run can be killed and resumed again") {
  TempDir dir;
  const json s = cases()[1].second;  // stateful rule and attack
  run_ok(dir, s, "whole");
  const fs::path out = dir / "killed";
  const std::string scenario = (dir / "scenario.json").string();
  run_killed(dir, {"run", scenario, "--out", out.string(), "--checkpoint-every", "3"}, 1);
  run_killed(dir, {"run", "--resume", out.string()}, 2);  // the checkpoint of round 9
  const Result r = dlsim({"run", "--resume", out.string(), "--quiet"}, dir);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  check_same(dir / "whole", out);
}

TEST_CASE("bad resumes are refused with the reason") {
  TempDir dir;
  const json s = cases()[0].second;
  const std::string scenario = write_scenario(dir, s).string();

  Result r = dlsim({"run", "--resume", (dir / "nothing").string()}, dir);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no checkpoint to resume from") != std::string::npos);

  const fs::path out = dir / "killed";
  run_killed(dir, {"run", scenario, "--out", out.string(), "--checkpoint-every", "4"}, 1);
  const std::string bytes = slurp(out / "checkpoint.bin");
  std::ofstream(out / "checkpoint.bin", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  r = dlsim({"run", "--resume", out.string()}, dir);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("truncated") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "rounds.csv"));

  std::ofstream(out / "checkpoint.bin", std::ios::binary) << "not a checkpoint at all";
  r = dlsim({"run", "--resume", out.string()}, dir);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("not a dlsim checkpoint") != std::string::npos);

  r = dlsim({"run", scenario, "--resume", out.string()}, dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--resume takes the scenario") != std::string::npos);

  r = dlsim({"run", scenario, "--checkpoint-every", "0"}, dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--checkpoint-every: got \"0\"") != std::string::npos);
}
