#include "sim/outputs.hpp"

#include <oneapi/tbb/version.h>
#include <xbt/base.h>

// simgrid/version.h uses xbt/base.h's macros without including it.
#include <simgrid/version.h>

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace dlsim {
namespace {

namespace fs = std::filesystem;

struct Spread {
  double mean = 0, min = 0, max = 0;
  int count = 0;  // nodes behind the figures (0: every honest node diverged)
};

// Mean, min and max over the honest nodes that are up and have not diverged: Byzantine models
// say nothing of the defence, a crashed node's frozen model nothing of the protocol, and a
// diverged model is counted in the `diverged` column instead of turning the mean to NaN. Only the
// nodes evaluated count (eval.nodes).
Spread spread(const Metrics& m, const EvalPoint& e, double Evaluation::*field) {
  Spread s;
  for (size_t i = 0; i < e.nodes.size(); ++i) {
    if (m.roles()[i] != Role::honest || !e.up[i] || !e.evaluated[i] || e.diverged(i)) continue;
    const double v = e.nodes[i].*field;
    s.min = s.count ? std::min(s.min, v) : v;
    s.max = s.count ? std::max(s.max, v) : v;
    s.mean += v;
    ++s.count;
  }
  if (s.count) s.mean /= s.count;
  return s;
}

const EvalPoint* eval_at(const Metrics& m, int round) {
  for (const auto& e : m.evals())
    if (e.round == round) return &e;
  return nullptr;
}

std::string rounds_csv(const Scenario& s, const Metrics& m) {
  std::string out =
      "round,sim_time_s,bytes,bytes_total,value_bytes,value_bytes_total,metadata_bytes,"
      "metadata_bytes_total,messages,messages_total,missed,train_loss,"
      "test_accuracy,test_accuracy_min,test_accuracy_max,test_loss,consensus_distance,diverged,"
      "alive,lost\n";
  uint64_t bytes_total = 0, value_bytes_total = 0, messages_total = 0;
  for (int r = 0; r <= s.rounds; ++r) {
    const RoundStats& st = m.rounds()[r];
    bytes_total += st.bytes;
    value_bytes_total += st.value_bytes;
    messages_total += st.messages;
    const EvalPoint* e = eval_at(m, r);
    if (r == 0 && !e) continue;
    out += fmt::format("{},{:.6f},{},{},{},{},{},{},{},{},{},", r, st.end_time, st.bytes,
                       bytes_total, st.value_bytes, value_bytes_total, st.bytes - st.value_bytes,
                       bytes_total - value_bytes_total, st.messages, messages_total, st.missed);
    // Cells with no finite honest node behind them stay empty rather than 0 or NaN.
    out += r > 0 && st.train_loss_count > 0
               ? fmt::format("{:.6f},", st.train_loss_sum / st.train_loss_count)
               : std::string(",");
    if (e) {
      const Spread acc = spread(m, *e, &Evaluation::accuracy);
      const Spread loss = spread(m, *e, &Evaluation::loss);
      out += acc.count > 0 ? fmt::format("{:.6f},{:.6f},{:.6f},{:.6f},{:.6e},", acc.mean, acc.min,
                                         acc.max, loss.mean, e->consensus)
                           : std::string(",,,,,");
      out += fmt::format("{},", e->diverged_honest(m.roles()));
    } else {
      out += ",,,,,,";
    }
    out += fmt::format("{},{}\n", st.alive, st.lost);
  }
  return out;
}

std::string nodes_csv(const Metrics& m) {
  std::string out =
      "round,node,role,test_accuracy,test_loss,train_loss,bytes_sent,bytes_received,messages_sent,"
      "messages_received,status,diverged\n";
  for (const auto& e : m.evals())
    for (size_t i = 0; i < e.nodes.size(); ++i) {
      const NodeTotals& t = e.totals[i];
      // A node not evaluated (eval.nodes) has empty accuracy and loss cells.
      const std::string tested =
          e.evaluated[i] ? fmt::format("{:.6f},{:.6f}", e.nodes[i].accuracy, e.nodes[i].loss)
                         : std::string(",");
      out +=
          fmt::format("{},{},{},{},{:.6f},{},{},{},{},{},{}\n", e.round, i, role_name(m.roles()[i]),
                      tested, e.train_loss[i], t.bytes_sent, t.bytes_received, t.messages_sent,
                      t.messages_received, e.up[i] ? "up" : "crashed", e.diverged(i) ? 1 : 0);
    }
  return out;
}

std::string messages_csv(const Metrics& m) {
  std::string out = "sent_at,arrived_at,src,dst,round,tag,bytes,value_bytes,metadata_bytes\n";
  for (const auto& r : m.messages())
    out += fmt::format("{:.9f},{},{},{},{},{},{},{},{}\n", r.sent_at,
                       r.arrived_at ? fmt::format("{:.9f}", *r.arrived_at) : std::string(), r.src,
                       r.dst, r.round, r.tag, r.bytes, r.value_bytes, r.bytes - r.value_bytes);
  return out;
}

// Removes files a previous run left in the folder that this run does not write.
void remove_stale(const std::string& dir, const std::string& name) {
  std::error_code ignored;
  fs::remove(fs::path(dir) / name, ignored);
}

}  // namespace

void check_output_dir(const std::string& dir) {
  fs::path at = fs::absolute(dir);
  while (!fs::exists(at)) at = at.parent_path();  // the nearest folder that exists
  const std::string where = "output directory " + dir;
  if (!fs::is_directory(at))
    throw ConfigError(where, fmt::format("cannot be created: {} is not a directory", at.string()));
  if (access(at.c_str(), W_OK) != 0)
    throw ConfigError(where,
                      fmt::format("cannot be written: {}: {}", at.string(), std::strerror(errno)));
}

void write_file_atomically(const std::string& path, std::string_view content) {
  const fs::path final_path(path);
  const fs::path temporary =
      final_path.parent_path() / fmt::format(".{}.partial", final_path.filename().string());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw std::runtime_error(fmt::format("cannot write {}", temporary.string()));
    }
  }
  fs::rename(temporary, final_path);
}

json summarize(const Scenario& s, const RunResult& result) {
  const Metrics& m = *result.metrics;
  json summary;
  summary["name"] = s.name;
  summary["seed"] = s.seed;
  summary["nodes"] = s.nodes;
  summary["byzantine_nodes"] = s.byzantine_ids;
  summary["rounds"] = s.rounds;
  uint64_t messages = 0, missed = 0, lost = 0;
  for (const auto& r : m.rounds()) messages += r.messages, missed += r.missed, lost += r.lost;
  summary["totals"] = {{"bytes", m.bytes_total()},
                       {"value_bytes", m.value_bytes_total()},
                       {"metadata_bytes", m.bytes_total() - m.value_bytes_total()},
                       {"messages", messages},
                       {"missed_messages", missed},
                       {"lost_messages", lost},
                       {"sim_time_s", result.sim_time}};
  if (!m.evals().empty()) {
    const EvalPoint& last = m.evals().back();
    const Spread acc = spread(m, last, &Evaluation::accuracy);
    summary["final"] = {{"round", last.round},
                        {"test_accuracy", acc.mean},
                        {"test_accuracy_min", acc.min},
                        {"test_accuracy_max", acc.max},
                        {"test_loss", spread(m, last, &Evaluation::loss).mean},
                        {"consensus_distance", last.consensus},
                        {"diverged_nodes", last.diverged_honest(m.roles())}};
  }
  // First evaluation at which the mean accuracy reached each target.
  json reached = json::array();
  for (double target : s.eval.reals("targets")) {
    json entry = {
        {"target", target}, {"round", nullptr}, {"sim_time_s", nullptr}, {"bytes", nullptr}};
    uint64_t bytes = 0;
    int counted = 0;
    for (const auto& e : m.evals()) {
      for (; counted < e.round; ++counted) bytes += m.rounds()[counted + 1].bytes;
      if (spread(m, e, &Evaluation::accuracy).mean >= target) {
        entry["round"] = e.round;
        entry["sim_time_s"] = m.rounds()[e.round].end_time;
        entry["bytes"] = bytes;
        break;
      }
    }
    reached.push_back(entry);
  }
  summary["time_to_accuracy"] = reached;
  if (!result.protocol_summary.is_null()) summary["protocol"] = result.protocol_summary;
  summary["versions"] = {
      {"dlsim", DLSIM_VERSION},
      {"simgrid", fmt::format("{}.{}", SIMGRID_VERSION_MAJOR, SIMGRID_VERSION_MINOR)},
      {"eigen",
       fmt::format("{}.{}.{}", EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION)},
      {"tbb", fmt::format("{}.{}", TBB_VERSION_MAJOR, TBB_VERSION_MINOR)}};
  return summary;
}

void write_outputs(const std::string& dir, const Scenario& s, const RunResult& result,
                   double wall_seconds) {
  fs::create_directories(dir);
  const Metrics& m = *result.metrics;
  const auto at = [&](const char* name) { return (fs::path(dir) / name).string(); };
  write_file_atomically(at("scenario.resolved.json"), s.resolved.dump(2) + "\n");
  write_file_atomically(at("rounds.csv"), rounds_csv(s, m));
  if (s.output.flag("nodes"))
    write_file_atomically(at("nodes.csv"), nodes_csv(m));
  else
    remove_stale(dir, "nodes.csv");
  if (s.output.flag("messages"))
    write_file_atomically(at("messages.csv"), messages_csv(m));
  else
    remove_stale(dir, "messages.csv");
  json summary = summarize(s, result);
  summary["scenario"] = s.resolved;
  write_file_atomically(at("summary.json"), summary.dump(2) + "\n");

  const Timing& t = result.timing;
  const double node_rounds = static_cast<double>(s.nodes) * s.rounds;
  json timing = {
      {"wall_s", wall_seconds},
      {"setup_s", t.setup_s},
      {"simulate_s", t.simulate_s},
      {"compute_s", t.compute_s},
      {"compute_share_of_simulate", t.simulate_s > 0 ? t.compute_s / t.simulate_s : 0},
      {"cpu_s", {{"train", t.train_cpu_s}, {"protocol", t.protocol_cpu_s}, {"eval", t.eval_cpu_s}}},
      {"threads", t.threads},
      {"idle_s", t.idle_s},
      {"jobs", t.jobs},
      {"peak_rss_bytes", t.peak_rss_bytes},
      {"peak_rss_bytes_per_node", t.peak_rss_bytes / std::max(s.nodes, 1)},
      {"learner_bytes", t.learner_bytes},
      {"node_rounds_per_s", t.simulate_s > 0 ? node_rounds / t.simulate_s : 0}};
  write_file_atomically(at("timing.json"), timing.dump(2) + "\n");
}

}  // namespace dlsim
