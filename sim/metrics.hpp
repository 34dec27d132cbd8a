#pragma once
// What a run measures: bytes and messages (from the real encoded sizes), simulated time, training
// loss, and evaluations of the nodes' models. Everything is recorded from the simulation thread in
// the simulation's own (deterministic) order, except evaluation results, which compute jobs write
// into their own slots.
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "models/learner.hpp"
#include "protocols/node.hpp"

namespace dlsim {

struct RoundStats {
  double end_time = 0;       // when the last node finished the round
  uint64_t bytes = 0;        // sent during the round
  uint64_t value_bytes = 0;  // of which carry model values; the rest is metadata
  uint64_t messages = 0;
  uint64_t missed = 0;  // expected messages that did not arrive before the timeout
  uint64_t lost = 0;  // sent in the round, never delivered (faults, or still in flight at the end)
  int alive = 0;      // learning nodes up (not crashed) in the round
  double train_loss_sum = 0;  // over honest up nodes with a finite loss
  int train_loss_count = 0;
  int nodes_done = 0;
};

struct NodeTotals {
  uint64_t bytes_sent = 0;
  uint64_t bytes_received = 0;
  uint64_t messages_sent = 0;
  uint64_t messages_received = 0;
};

// One evaluation of every node at the end of a round (round 0: the initial models).
// Learning nodes only (not servers); means and consensus count honest nodes only, and of those only
// the ones that have not diverged (diverged ones are counted instead, so a NaN model is reported,
// not hidden in a NaN mean).
struct EvalPoint {
  int round = 0;
  std::vector<Evaluation> nodes;   // filled by compute jobs
  std::vector<NodeTotals> totals;  // each node's counters when it finished the round
  std::vector<char> up;            // each node was up (not crashed); means count those only
  std::vector<char> evaluated;     // each node's model was evaluated (eval.nodes); means count
                                   // those only, the others' accuracy and loss are not measured
  std::vector<double> train_loss;  // each node's mean training loss of the round
  std::vector<char> broken;        // each node's parameters or training loss were not finite
  std::vector<double> sum;         // sum of the finite models (freed once every node reported)
  int summed = 0;                  // honest models in sum
  double sum_squares = 0;
  int reported = 0;
  uint64_t jobs_end = 0;  // one past the number of its last evaluation job (not saved: a restored
                          // evaluation is complete)
  double consensus = 0;   // mean squared distance of the honest up, finite models to their average

  // A node has diverged when its parameters, its training loss or its test loss are not finite
  // (the test loss once the evaluation job has run).
  bool diverged(size_t node) const;
  int diverged_honest(const std::vector<Role>& roles) const;
  void persist(Archive& a) {
    a(round, nodes, totals, up, evaluated, train_loss, broken, sum, summed, sum_squares, reported,
      consensus);
  }
};

struct MessageRecord {
  double sent_at = 0;
  std::optional<double> arrived_at;  // empty if never received
  int src = 0;
  int dst = 0;
  int round = 0;
  int tag = 0;
  uint64_t bytes = 0;
  uint64_t value_bytes = 0;
};

class Metrics {
 public:
  // roles: of every node, learning nodes first, then service nodes.
  Metrics(std::vector<Role> roles, int rounds, bool log_messages);

  // Returns the message's index in the log (or 0 when not logging).
  size_t on_send(int src, int dst, int round, int tag, uint64_t bytes, uint64_t value_bytes,
                 double now);
  void on_receive(int dst, uint64_t bytes, size_t log_index, double arrived_at);
  void on_missed(int round, int count);
  void on_lost(int round);
  // A node finished `round` (1-based; 0 = before training) at `now` with the given training loss
  // (counted in the round's mean for honest nodes only). A crashed node (up false) reports its
  // rounds too, but adds neither time nor loss.
  void on_round_end(int node, int round, double now, double train_loss, bool up = true);
  // Opens an evaluation slot for `round` and records this node's state into it; returns the slot
  // where the evaluation job writes. Call after on_round_end for that round, for learning nodes.
  // A node not evaluated (evaluated false) keeps its slot empty and out of the means; an evaluated
  // one's slot is filled by the compute job numbered `job`.
  Evaluation* record_eval(int node, int round, const Vector& params, bool up = true,
                          bool evaluated = true, uint64_t job = 0);
  // Checkpoints: saves the evaluations of the rounds before `before` (complete, once every node
  // began that round), or restores them into a new run's empty list.
  void persist_evaluations(Archive& a, int before);

  const std::vector<Role>& roles() const { return roles_; }
  int learners() const { return learners_; }
  int honest() const { return honest_; }
  const std::vector<RoundStats>& rounds() const { return rounds_; }
  const std::deque<EvalPoint>& evals() const { return evals_; }
  const std::vector<MessageRecord>& messages() const { return messages_; }
  const NodeTotals& totals(int node) const { return totals_[node]; }
  int completed_rounds() const { return completed_; }  // rounds every node has finished
  uint64_t bytes_total() const { return bytes_total_; }
  uint64_t value_bytes_total() const { return value_bytes_total_; }

  // Mean accuracy over honest nodes of the latest complete evaluation, if any (progress line):
  // every node reported it and its jobs, numbered below `jobs_finished_below`, have run.
  std::optional<double> latest_accuracy(uint64_t jobs_finished_below) const;

 private:
  std::vector<Role> roles_;
  int nodes_;     // every node, service nodes included
  int learners_;  // learning nodes (honest and Byzantine)
  int honest_;
  bool log_messages_;
  std::vector<RoundStats> rounds_;  // index = round; 0 is the start
  std::deque<EvalPoint> evals_;     // a deque: slots handed to jobs never move
  std::vector<NodeTotals> totals_;
  std::vector<double> last_train_loss_;
  std::vector<MessageRecord> messages_;
  uint64_t bytes_total_ = 0;
  uint64_t value_bytes_total_ = 0;
  int completed_ = 0;
};

}  // namespace dlsim
