#include "sim/metrics.hpp"

#include <algorithm>
#include <cmath>

namespace dlsim {

Metrics::Metrics(std::vector<Role> roles, int rounds, bool log_messages)
    : roles_(std::move(roles)),
      nodes_(static_cast<int>(roles_.size())),
      learners_(static_cast<int>(
          std::count_if(roles_.begin(), roles_.end(), [](Role r) { return r != Role::server; }))),
      honest_(static_cast<int>(std::count(roles_.begin(), roles_.end(), Role::honest))),
      log_messages_(log_messages),
      rounds_(rounds + 1),
      totals_(nodes_),
      last_train_loss_(nodes_, 0.0) {}

size_t Metrics::on_send(int src, int dst, int round, int tag, uint64_t bytes, uint64_t value_bytes,
                        double now) {
  RoundStats& r = rounds_[std::min<size_t>(round, rounds_.size() - 1)];
  r.bytes += bytes;
  r.value_bytes += value_bytes;
  r.messages += 1;
  bytes_total_ += bytes;
  value_bytes_total_ += value_bytes;
  totals_[src].bytes_sent += bytes;
  totals_[src].messages_sent += 1;
  if (!log_messages_) return 0;
  messages_.push_back({now, std::nullopt, src, dst, round, tag, bytes, value_bytes});
  return messages_.size() - 1;
}

void Metrics::on_receive(int dst, uint64_t bytes, size_t log_index, double arrived_at) {
  totals_[dst].bytes_received += bytes;
  totals_[dst].messages_received += 1;
  if (log_messages_) messages_[log_index].arrived_at = arrived_at;
}

void Metrics::on_missed(int round, int count) {
  rounds_[round].missed += count;
}

void Metrics::on_lost(int round) {
  rounds_[std::min<size_t>(round, rounds_.size() - 1)].lost += 1;
}

void Metrics::on_round_end(int node, int round, double now, double train_loss, bool up) {
  RoundStats& r = rounds_[round];
  if (up) {
    r.end_time = std::max(r.end_time, now);
    r.alive += roles_[node] != Role::server;
    if (roles_[node] == Role::honest && std::isfinite(train_loss)) {
      r.train_loss_sum += train_loss;
      r.train_loss_count += 1;
    }
  }
  last_train_loss_[node] = train_loss;
  if (++r.nodes_done == nodes_) {
    while (completed_ + 1 < static_cast<int>(rounds_.size()) &&
           rounds_[completed_ + 1].nodes_done == nodes_)
      ++completed_;
  }
}

Evaluation* Metrics::record_eval(int node, int round, const Vector& params, bool up, bool evaluated,
                                 uint64_t job) {
  auto it = std::find_if(evals_.begin(), evals_.end(),
                         [&](const EvalPoint& e) { return e.round == round; });
  if (it == evals_.end()) {
    EvalPoint e;
    e.round = round;
    e.nodes.resize(learners_);
    e.totals.resize(learners_);
    e.train_loss.resize(learners_);
    e.up.resize(learners_);
    e.evaluated.resize(learners_);
    e.broken.resize(learners_);
    e.sum.assign(params.size(), 0.0);
    evals_.push_back(std::move(e));
    it = std::prev(evals_.end());
  }
  EvalPoint& e = *it;
  e.totals[node] = totals_[node];
  e.train_loss[node] = last_train_loss_[node];
  e.up[node] = up;
  e.evaluated[node] = evaluated;
  if (evaluated) e.jobs_end = std::max(e.jobs_end, job + 1);
  e.broken[node] = !params.allFinite() || !std::isfinite(last_train_loss_[node]);
  if (roles_[node] == Role::honest && up && !e.broken[node]) {
    for (Eigen::Index k = 0; k < params.size(); ++k) e.sum[k] += params[k];
    e.sum_squares += params.cast<double>().squaredNorm();
    e.summed += 1;
  }
  if (++e.reported == learners_) {
    // mean_i |x_i - mean|^2 = mean_i |x_i|^2 - |mean|^2, over the honest up, finite models
    const double h = std::max(e.summed, 1);
    double mean_norm = 0;
    for (double v : e.sum) mean_norm += (v / h) * (v / h);
    e.consensus = std::max(0.0, e.sum_squares / h - mean_norm);
    std::vector<double>().swap(e.sum);
  }
  return &e.nodes[node];
}

std::optional<double> Metrics::latest_accuracy(uint64_t jobs_finished_below) const {
  for (auto it = evals_.rbegin(); it != evals_.rend(); ++it) {
    if (it->reported < learners_ || it->jobs_end > jobs_finished_below) continue;
    double sum = 0;
    int count = 0;
    for (int i = 0; i < learners_; ++i)
      if (roles_[i] == Role::honest && it->up[i] && it->evaluated[i] && !it->diverged(i))
        sum += it->nodes[i].accuracy, ++count;
    return sum / std::max(count, 1);
  }
  return std::nullopt;
}

void Metrics::persist_evaluations(Archive& a, int before) {
  uint64_t count = std::count_if(evals_.begin(), evals_.end(),
                                 [&](const EvalPoint& e) { return e.round < before; });
  a(count);
  if (!a.is_loading()) {
    for (EvalPoint& e : evals_)
      if (e.round < before) e.persist(a);
    return;
  }
  if (!evals_.empty()) throw std::logic_error("evaluations restored into a run that has some");
  for (uint64_t i = 0; i < count; ++i) evals_.emplace_back().persist(a);
}

bool EvalPoint::diverged(size_t node) const {
  return broken[node] || !std::isfinite(nodes[node].loss);
}

int EvalPoint::diverged_honest(const std::vector<Role>& roles) const {
  int count = 0;
  for (size_t i = 0; i < nodes.size(); ++i) count += roles[i] == Role::honest && diverged(i);
  return count;
}

}  // namespace dlsim
