#include "sim/scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/rng.hpp"
#include "topologies/topology.hpp"

namespace dlsim {
namespace {

const ParamSpec& top_params() {
  static const ParamSpec spec = {
      text_param("name", "dlsim", "run name; also names the default output folder"),
      integer_param("seed", 1, "seed of every random stream of the run").min(0),
      integer_param("nodes", nullptr, "number of learning nodes").range(1, 1e6),
      integer_param("rounds", 10, "communication rounds").range(1, 1e7),
      object_param("network", json::object(), "the simulated platform"),
      object_param("topology", json{{"kind", "regular"}},
                   "the overlay graph (a name or an object)"),
      object_param("data", json::object(), "dataset and partition"),
      object_param("model", json{{"kind", "mlp"}},
                   "the network trained by every node (a name or an object)"),
      object_param("training", json::object(), "optimizer and local steps"),
      object_param("protocol", json{{"kind", "dpsgd"}},
                   "the learning protocol (a name or an object)"),
      object_param("byzantine", json::object(), "Byzantine nodes and their attack"),
      object_param("eval", json::object(), "evaluation on held-out data"),
      object_param("output", json::object(), "what is written and where"),
      list_param("faults", ParamType::objects, json::array(),
                 "simulated faults, each {\"kind\": ...}: crash, link-failure, degradation, loss"),
  };
  return spec;
}

const ParamSpec& network_params() {
  static const ParamSpec spec = {
      choice_param(
          "platform", "star", {"star", "file"},
          "star: one private link per node to a shared switch; file: a SimGrid XML platform"),
      unit_param("bandwidth", ParamType::bandwidth, "100Mbps",
                 "each node's link, in each direction")
          .min(1),
      unit_param("latency", ParamType::duration, "5ms",
                 "one-way latency between two nodes (each node's link carries half)"),
      unit_param("speed", ParamType::speed, "20Gf", "each node's compute speed").min(1),
      choice_param(
          "model", "CM02", {"CM02", "LV08", "Constant"},
          "SimGrid network model; CM02 gives latency + size/bandwidth with max-min sharing"),
      list_param("cfg", ParamType::texts, json::array(), "raw SimGrid --cfg items, \"key:value\""),
      object_param("heterogeneity", json::object(),
                   "per-node spread of bandwidth, latency and speed"),
      object_param("stragglers", json::object(), "a fraction of nodes with slower compute"),
      text_param("file", nullptr, "SimGrid platform XML (platform \"file\")").optional(),
      list_param("hosts", ParamType::texts, nullptr,
                 "hosts of the XML platform, node i on the i-th (default: all hosts by name)")
          .optional(),
  };
  return spec;
}

const ParamSpec& heterogeneity_params() {
  static const ParamSpec spec = {
      choice_param("distribution", "uniform", {"uniform", "lognormal"},
                   "per-node factor: uniform in [1-s, 1+s], or lognormal exp(N(0, s^2))"),
      real_param("bandwidth", 0.0, "spread s of the bandwidth factor").range(0, 5),
      real_param("latency", 0.0, "spread s of the latency factor").range(0, 5),
      real_param("speed", 0.0, "spread s of the speed factor").range(0, 5),
  };
  return spec;
}

const ParamSpec& straggler_params() {
  static const ParamSpec spec = {
      real_param("fraction", 0.0, "fraction of nodes, chosen at random, that are stragglers")
          .range(0, 1),
      real_param("slowdown", 10.0, "a straggler computes this many times slower").min(1),
  };
  return spec;
}

const ParamSpec& data_params() {
  static const ParamSpec spec = {
      object_param("dataset", json{{"kind", "synthetic"}}, "the dataset (a name or an object)"),
      object_param("partition", json{{"kind", "iid"}}, "how training data is split among nodes"),
  };
  return spec;
}

const ParamSpec& training_params() {
  static const ParamSpec spec = [] {
    ParamSpec s = sgd_params();
    s.push_back(integer_param("batch_size", 8, "samples per SGD step").range(1, 1e6));
    s.push_back(integer_param("local_steps", 1, "SGD steps per round").range(0, 1e6));
    s.push_back(real_param("augment_noise", 0.0,
                           "data augmentation: stddev of Gaussian noise added to every input "
                           "feature of every training minibatch (0: none)")
                    .min(0));
    return s;
  }();
  return spec;
}

const ParamSpec& model_common_params() {
  static const ParamSpec spec = {
      bool_param("same_init", true, "all nodes start from the same model (else one seed per node)"),
  };
  return spec;
}

const ParamSpec& protocol_common_params() {
  static const ParamSpec spec = {
      unit_param("receive_timeout", ParamType::duration, "600s",
                 "how long a node waits for a round's messages before going on without them")
          .min(1e-9),
  };
  return spec;
}

const ParamSpec& byzantine_params() {
  static const ParamSpec spec = {
      integer_param("count", 0, "number of Byzantine nodes").min(0),
      real_param("fraction", nullptr, "fraction of the nodes that are Byzantine (overrides count)")
          .range(0, 1)
          .optional(),
      choice_param("placement", "random", {"random", "highest-degree", "list"},
                   "which nodes: drawn from the seed, the best-connected (in round 1's overlay), "
                   "or the ids in \"nodes\""),
      list_param("nodes", ParamType::integers, json::array(), "node ids, with placement \"list\"")
          .min(0),
      component_param("attack", json{{"kind", "sign-flip"}},
                      "what the Byzantine nodes do (a name or an object with \"kind\")"),
      integer_param("start_round", 1, "first round the attack is active").min(1),
      integer_param("every", 1, "the attack is active every k rounds from start_round").min(1),
  };
  return spec;
}

const ParamSpec& eval_params() {
  static const ParamSpec spec = {
      integer_param("every", 10, "evaluate every k rounds (and after the last)").range(1, 1e7),
      integer_param("test_samples", 2000, "test samples used (null: the whole test set)")
          .min(1)
          .optional(),
      list_param("targets", ParamType::reals, json{0.5, 0.6, 0.7, 0.8},
                 "accuracies for time-to-accuracy in summary.json")
          .range(0, 1),
      bool_param("at_start", true, "also evaluate the initial models (round 0)"),
      integer_param("nodes", nullptr,
                    "evaluate only this many honest nodes, drawn once (null: every node); "
                    "the means are over them")
          .min(1)
          .optional(),
  };
  return spec;
}

const ParamSpec& output_params() {
  static const ParamSpec spec = {
      text_param("dir", nullptr, "output folder (default results/<name>)").optional(),
      bool_param("nodes", true, "write nodes.csv (one row per node and evaluation)"),
      bool_param("messages", false, "write messages.csv (one row per message)"),
  };
  return spec;
}

// Accepts "name" for {"kind": "name"} in sections chosen by kind.
json as_kind_object(const json& v) {
  return v.is_string() ? json{{"kind", v}} : v;
}

void check_network(const Scenario& s) {
  const Params& n = s.network;
  const Params& h = s.heterogeneity;
  if (h.text("distribution") == "uniform")
    for (const char* key : {"bandwidth", "latency", "speed"})
      if (h.real(key) >= 1)
        h.fail(key, "is too large: a uniform spread s needs s < 1 (factors in [1-s, 1+s])");
  if (n.text("platform") == "file") {
    if (n.is_null("file")) n.fail("file", "is missing: platform \"file\" needs a SimGrid XML file");
    if (!std::filesystem::exists(n.text("file"))) n.fail("file", "does not exist");
    if (!n.is_null("hosts") && static_cast<int>(n.texts("hosts").size()) < s.nodes)
      n.fail("hosts", fmt::format("lists fewer hosts than the {} nodes", s.nodes));
  } else if (!n.is_null("file")) {
    n.fail("file", "is only used with platform \"file\"");
  }
}

}  // namespace

// The Byzantine nodes' ids, sorted.
std::vector<int> place_byzantine(const Scenario& s) {
  const Params& b = s.byzantine;
  const std::string& placement = b.text("placement");
  std::vector<int> ids;
  if (placement == "list") {
    for (int64_t id : b.integers("nodes")) {
      if (id >= s.nodes)
        b.fail("nodes", fmt::format("names node {}, but the nodes are 0 to {}", id, s.nodes - 1));
      ids.push_back(static_cast<int>(id));
    }
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end())
      b.fail("nodes", "names a node twice");
    return ids;
  }
  if (!b.integers("nodes").empty())
    b.fail("nodes", fmt::format("is only read with placement \"list\", not \"{}\"", placement));
  const int count = b.is_null("fraction")
                        ? static_cast<int>(b.integer("count"))
                        : static_cast<int>(std::lround(b.real("fraction") * s.nodes));
  if (count > s.nodes)
    b.fail(b.is_null("fraction") ? "count" : "fraction",
           fmt::format("gives {} Byzantine nodes, more than the {} nodes", count, s.nodes));
  std::vector<int> order(s.nodes);
  for (int i = 0; i < s.nodes; ++i) order[i] = i;
  if (placement == "random") {
    Rng rng(s.seed, {static_cast<uint64_t>(Stream::attack)});
    rng.shuffle(order.begin(), order.end());
  } else {
    const auto graph = s.overlay->at_round(1);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return graph->degree(a) > graph->degree(b); });
  }
  ids.assign(order.begin(), order.begin() + count);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// A crashed honest node posts no vector for the rounds it is down, and an omniscient attacker
// waits for every honest node's vector each round (HonestBoard): the two cannot be combined.
void check_crash_and_attack(const Scenario& s) {
  if (s.faults.crashes.empty() || s.byzantine_ids.empty()) return;
  if (make_attack(s.attack, 0)->knowledge() != Knowledge::omniscient) return;
  throw ConfigError("faults", "a crash cannot be combined with an omniscient attack (\"" +
                                  s.attack.kind->name +
                                  "\" reads every honest node's vector each round)");
}

// The kind of a top-level section written without one, e.g. {"receive_timeout": 2} created by
// --set protocol.receive_timeout=2: the section's default kind, as when the section is absent.
std::string default_kind(const std::string& section) {
  for (const Param& p : top_params())
    if (p.key == section) return p.fallback["kind"].get<std::string>();
  throw std::logic_error("no top-level section " + section);
}

// The byzantine section with its attack's parameters resolved.
json resolved_byzantine(const Scenario& s) {
  json b = s.byzantine.values();
  b["attack"] = s.attack.params.values();
  return b;
}

std::vector<SectionSpec> scenario_sections() {
  return {{"(top level)", &top_params()},
          {"network", &network_params()},
          {"network.heterogeneity", &heterogeneity_params()},
          {"network.stragglers", &straggler_params()},
          {"data", &data_params()},
          {"model (every kind)", &model_common_params()},
          {"training", &training_params()},
          {"protocol (every kind)", &protocol_common_params()},
          {"topology (every kind)", &topology_common_params()},
          {"byzantine", &byzantine_params()},
          {"eval", &eval_params()},
          {"output", &output_params()}};
}

Scenario load_scenario(const json& document) {
  Scenario s;
  json doc = document;
  if (doc.is_object())
    for (const char* key : {"topology", "model", "protocol"})
      if (doc.contains(key)) doc[key] = as_kind_object(doc[key]);
  const Params top = read_params(doc, top_params(), "");
  s.name = top.text("name");
  s.seed = static_cast<uint64_t>(top.integer("seed"));
  s.nodes = static_cast<int>(top.integer("nodes"));
  s.rounds = static_cast<int>(top.integer("rounds"));

  s.network = read_params(top.raw("network"), network_params(), "network");
  s.heterogeneity =
      read_params(s.network.raw("heterogeneity"), heterogeneity_params(), "network.heterogeneity");
  s.stragglers = read_params(s.network.raw("stragglers"), straggler_params(), "network.stragglers");
  check_network(s);

  s.overlay = std::make_shared<Topology>(top.raw("topology"), s.nodes, s.seed);
  s.topology = s.overlay->params().values();

  json data = top.raw("data");
  for (const char* key : {"dataset", "partition"})
    if (data.contains(key)) data[key] = as_kind_object(data[key]);
  const Params data_params_read = read_params(data, data_params(), "data");
  std::tie(s.dataset_kind, s.dataset) =
      dataset_registry().read(data_params_read.raw("dataset"), "data.dataset");
  s.dataset_kind->make.check(s.dataset);
  std::tie(s.partition_kind, s.partition) =
      partition_registry().read(data_params_read.raw("partition"), "data.partition");

  std::tie(s.model_kind, s.model) = network_registry().read(
      top.raw("model"), "model", default_kind("model"), model_common_params());
  s.training = read_params(top.raw("training"), training_params(), "training");
  std::tie(s.protocol_kind, s.protocol) = protocol_registry().read(
      top.raw("protocol"), "protocol", default_kind("protocol"), protocol_common_params());
  s.byzantine = read_params(top.raw("byzantine"), byzantine_params(), "byzantine");
  s.byzantine_ids = place_byzantine(s);
  s.attack = read_attack(s.byzantine.raw("attack"), "byzantine.attack");
  s.eval = read_params(top.raw("eval"), eval_params(), "eval");
  s.output = read_params(top.raw("output"), output_params(), "output");
  s.faults =
      read_faults(top.raw("faults"), {s.nodes, s.rounds, s.network.text("platform") == "star"});
  check_crash_and_attack(s);

  json network = s.network.values();
  network["heterogeneity"] = s.heterogeneity.values();
  network["stragglers"] = s.stragglers.values();
  s.resolved = {{"name", s.name},
                {"seed", s.seed},
                {"nodes", s.nodes},
                {"rounds", s.rounds},
                {"network", network},
                {"topology", s.topology},
                {"data", {{"dataset", s.dataset.values()}, {"partition", s.partition.values()}}},
                {"model", s.model.values()},
                {"training", s.training.values()},
                {"protocol", s.protocol.values()},
                {"byzantine", resolved_byzantine(s)},
                {"eval", s.eval.values()},
                {"output", s.output.values()},
                {"faults", s.faults.resolved}};
  return s;
}

json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path, "cannot open the scenario file");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  } catch (const json::parse_error& e) {
    // nlohmann reports the byte offset; turn it into a line number.
    const std::string content = text.str();
    const size_t upto = std::min(e.byte, content.size());
    const auto line =
        1 + std::count(content.begin(), content.begin() + static_cast<long>(upto), '\n');
    throw ConfigError(path, fmt::format("line {}: invalid JSON ({})", line, e.what()));
  }
}

void apply_override(json& document, const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw ConfigError("--set " + assignment, "expected KEY=VALUE, e.g. --set training.lr=0.1");
  const std::string key = assignment.substr(0, eq);
  const std::string text = assignment.substr(eq + 1);
  json value;
  try {
    value = json::parse(text);
  } catch (const json::parse_error&) {
    value = text;  // a bare word such as ring or 100Mbps
  }
  json* at = &document;
  std::string path;
  size_t start = 0;
  for (;;) {
    const auto dot = key.find('.', start);
    const std::string part =
        key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) throw ConfigError("--set " + assignment, "empty key segment");
    if (at->is_string()) *at = json{{"kind", *at}};  // "model": "mlp" then --set model.hidden=...
    if (!at->is_object())
      throw ConfigError("--set " + assignment, fmt::format("{} is {}, not an object with a key {}",
                                                           path, at->dump(), part));
    path = join_path(path, part);
    if (dot == std::string::npos) {
      (*at)[part] = value;
      return;
    }
    at = &(*at)[part];
    if (at->is_null()) *at = json::object();
    start = dot + 1;
  }
}

}  // namespace dlsim
