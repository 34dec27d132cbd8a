// dlsim command line: run, validate, list.
#include <unistd.h>

#include <fmt/format.h>
#include <oneapi/tbb/info.h>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "aggregators/aggregator.hpp"
#include "attacks/attack.hpp"
#include "core/units.hpp"
#include "models/dataset.hpp"
#include "models/network.hpp"
#include "models/partition.hpp"
#include "protocols/protocol.hpp"
#include "sim/checkpoint.hpp"
#include "sim/outputs.hpp"
#include "sim/scenario.hpp"
#include "sim/simulation.hpp"
#include "sim/tools.hpp"
#include "topologies/topology.hpp"

using namespace dlsim;

namespace {

constexpr const char* usage = R"(usage:
  dlsim run SCENARIO.json [--set KEY=VALUE]... [--out DIR] [--threads N] [--quiet]
            [--checkpoint-every N]
  dlsim run --resume DIR [--threads N] [--quiet]
  dlsim validate SCENARIO.json [--set KEY=VALUE]...
  dlsim list
  dlsim tool NAME [--option VALUE]...  < input
  dlsim --version

run       simulate the scenario and write rounds.csv, nodes.csv, summary.json... into DIR
          (default: the scenario's output.dir, else results/<name>)
validate  check the scenario (and load its data) without simulating
list      every component that can be chosen by name, with its parameters and defaults
tool      run one library function on numbers from stdin (see `dlsim list` for the tools)
--set     override a scenario key, e.g. --set training.lr=0.1 --set topology=ring
--threads compute threads (default: all cores); results do not depend on it
--checkpoint-every  write DIR/checkpoint.bin every N rounds (replacing the last one)
--resume  continue the run whose checkpoint is in DIR, to the outputs it would have written
--quiet   no progress line and no summary line
)";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Command {
  std::string verb;
  std::string scenario;
  std::vector<std::string> sets;
  std::string out;
  int threads = 0;
  bool quiet = false;
  int checkpoint_every = 0;
  std::string resume;
  int kill_after_checkpoint = 0;  // tests only: die as if killed after writing this many
};

int positive_option(const std::string& option, const std::string& v, long most) {
  char* end = nullptr;
  const long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || n < 1 || n > most)
    throw UsageError(
        fmt::format("{}: got \"{}\", expected an integer in [1, {}]", option, v, most));
  return static_cast<int>(n);
}

Command parse_args(int argc, char** argv) {
  Command c;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) throw UsageError("missing command");
  c.verb = args[0];
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
      return args[++i];
    };
    if (a == "--set") {
      c.sets.push_back(value());
    } else if (a == "--out") {
      c.out = value();
    } else if (a == "--threads") {
      c.threads = positive_option(a, value(), 1024);
    } else if (a == "--checkpoint-every") {
      c.checkpoint_every = positive_option(a, value(), 1L << 30);
    } else if (a == "--kill-after-checkpoint") {
      c.kill_after_checkpoint = positive_option(a, value(), 1L << 30);
    } else if (a == "--resume") {
      c.resume = value();
    } else if (a == "--quiet") {
      c.quiet = true;
    } else if (!a.empty() && a[0] == '-') {
      throw UsageError("unknown option " + a);
    } else if (c.scenario.empty()) {
      c.scenario = a;
    } else {
      throw UsageError("unexpected argument " + a);
    }
  }
  if (!c.resume.empty()) {
    if (c.verb != "run") throw UsageError("--resume is an option of run");
    if (!c.scenario.empty() || !c.sets.empty() || !c.out.empty() || c.checkpoint_every)
      throw UsageError(
          "--resume takes the scenario, --set, --out and --checkpoint-every of the run it "
          "continues");
  } else if ((c.verb == "run" || c.verb == "validate") && c.scenario.empty()) {
    throw UsageError(c.verb + " needs a scenario file");
  }
  return c;
}

// Runs `step`, prefixing the scenario file to any configuration error it reports.
template <class F>
auto naming_file(const Command& c, F step) {
  try {
    return step();
  } catch (const ConfigError& e) {
    throw ConfigError(c.scenario, e.what());
  }
}

json document(const Command& c) {
  json document = read_json_file(c.scenario);
  for (const auto& s : c.sets) apply_override(document, s);
  return document;
}

Scenario load(const Command& c, const json& document) {
  return naming_file(c, [&] { return load_scenario(document); });
}

void print_spec(const ParamSpec& spec, const std::string& indent) {
  for (const auto& p : spec)
    fmt::print("{}{:<18} {}\n{}{:<18} {}\n", indent, p.key, p.help, indent, "", describe_param(p));
}

template <class Maker>
void print_registry(const Registry<Maker>& registry) {
  fmt::print("\n{}s (\"kind\"):\n", registry.what());
  for (const auto& c : registry.entries()) {
    fmt::print("  {:<16} {}\n", c.name, c.help);
    print_spec(c.params, "      ");
  }
}

int list_components() {
  fmt::print("scenario sections:\n");
  for (const auto& section : scenario_sections()) {
    fmt::print("  {}\n", section.name);
    print_spec(*section.params, "      ");
  }
  print_registry(topology_registry());
  print_registry(dataset_registry());
  print_registry(partition_registry());
  print_registry(network_registry());
  print_registry(protocol_registry());
  print_registry(aggregator_registry());
  print_registry(attack_registry());
  print_registry(tool_registry());
  print_registry(fault_registry());
  return 0;
}

int run(Command c) {
  const auto start = std::chrono::steady_clock::now();
  RunOptions options;
  // A resumed run takes its scenario from its checkpoint, and writes where that is.
  Checkpoint checkpoint;
  json scenario_document;
  if (!c.resume.empty()) {
    checkpoint = read_checkpoint(c.resume);
    scenario_document = json::parse(checkpoint.scenario);
    c.scenario = checkpoint_path(c.resume);
    c.out = c.resume;
    options.resume = &checkpoint;
  } else {
    scenario_document = document(c);
  }
  const Scenario scenario = load(c, scenario_document);
  const std::string dir = !c.out.empty()                    ? c.out
                          : !scenario.output.is_null("dir") ? scenario.output.text("dir")
                                                            : "results/" + scenario.name;
  check_output_dir(dir);
  options.threads = c.threads > 0 ? c.threads : tbb::info::default_concurrency();
  options.progress = !c.quiet && isatty(STDERR_FILENO);
  options.checkpoint_every = c.checkpoint_every;
  options.checkpoint_dir = dir;
  options.scenario_text = scenario_document.dump();
  options.kill_after_checkpoint = c.kill_after_checkpoint;
  const RunResult result = naming_file(c, [&] { return run_simulation(scenario, options); });
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  write_outputs(dir, scenario, result, wall);
  // The outputs are whole: the checkpoint has served.
  if (options.checkpoint_every > 0 || options.resume) std::filesystem::remove(checkpoint_path(dir));
  if (!c.quiet) {
    const json summary = summarize(scenario, result);
    const std::string accuracy =
        summary.contains("final") ? fmt::format("accuracy {:.4f} (min {:.4f}, max {:.4f})",
                                                summary["final"]["test_accuracy"].get<double>(),
                                                summary["final"]["test_accuracy_min"].get<double>(),
                                                summary["final"]["test_accuracy_max"].get<double>())
                                  : std::string("no evaluation");
    fmt::print("{}: {} nodes x {} rounds: {}, {} sent, {} simulated, {} wall -> {}\n",
               scenario.name, scenario.nodes, scenario.rounds, accuracy,
               format_bytes(static_cast<double>(result.metrics->bytes_total())),
               format_seconds(result.sim_time), format_seconds(wall), dir);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc >= 2 && std::string(argv[1]) == "tool") {
      if (argc < 3) throw UsageError("tool needs a name");
      run_tool(argv[2], std::vector<std::string>(argv + 3, argv + argc));
      return 0;
    }
    const Command c = parse_args(argc, argv);
    if (c.verb == "run") return run(c);
    if (c.verb == "validate") {
      const Scenario scenario = load(c, document(c));
      naming_file(c, [&] { prepare_check(scenario); });
      fmt::print("{}: valid ({} nodes, {} rounds, protocol {}, topology {})\n", c.scenario,
                 scenario.nodes, scenario.rounds, scenario.protocol_kind->name,
                 scenario.topology["kind"].get<std::string>());
      return 0;
    }
    if (c.verb == "list") return list_components();
    if (c.verb == "--version" || c.verb == "version") {
      fmt::print("dlsim {}\n", DLSIM_VERSION);
      return 0;
    }
    if (c.verb == "--help" || c.verb == "-h" || c.verb == "help") {
      fmt::print("{}", usage);
      return 0;
    }
    throw UsageError("unknown command " + c.verb);
  } catch (const UsageError& e) {
    fmt::print(stderr, "dlsim: {}\n{}", e.what(), usage);
    return 2;
  } catch (const ConfigError& e) {
    fmt::print(stderr, "dlsim: error: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "dlsim: error: {}\n", e.what());
    return 1;
  }
}
