#pragma once
// What a protocol sees of the node it runs on. The engine (sim/) implements it on SimGrid; calls
// that communicate or compute block the node while simulated time passes.
#include <functional>
#include <span>
#include <vector>

#include "attacks/attack.hpp"
#include "models/learner.hpp"
#include "protocols/message.hpp"
#include "topologies/graph.hpp"

namespace dlsim {

// Learning nodes are honest or Byzantine; service nodes (a parameter server) are declared by the
// protocol, get ids after the learning nodes, and are neither evaluated nor counted in means.
enum class Role { honest, byzantine, server };
const char* role_name(Role role);

struct Inbound {
  MessagePtr message;
  double sent_at = 0;     // simulated seconds
  double arrived_at = 0;  // when the last byte arrived
  int src() const { return static_cast<int>(message->src); }
};

class Node {
 public:
  virtual ~Node() = default;

  virtual int id() const = 0;
  virtual Role role() const = 0;
  virtual int round() const = 0;       // 1-based round being run
  virtual double now() const = 0;      // simulated seconds
  virtual const Graph& overlay() = 0;  // the overlay graph of the current round
  virtual const LearningSetup& setup() const = 0;
  virtual Learner& learner() = 0;

  // Runs `job` on the compute pool and lets flops / host speed of simulated time pass. Learner
  // state is only ever changed inside such jobs: one node's jobs run in the order submitted, so
  // the engine's evaluation of the previous round, queued before, sees a consistent model.
  virtual void compute(double flops, std::function<void()> job) = 0;

  // Local SGD steps as one compute job; records the mean training loss for the round.
  virtual void train(int steps) = 0;
  // A training job of the protocol's own (e.g. a gradient on a batch it draws itself): compute
  // counted as training, and the loss the job returns recorded as the round's training loss.
  virtual void train_compute(double flops, std::function<double()> job) = 0;

  // One minibatch gradient at the current parameters, without a step, as one compute job: into
  // grad (param_count floats), with the batch's activations and deltas kept in ws; records its
  // loss as the round's training loss.
  virtual void gradient(Workspace& ws, float* grad) = 0;

  // Sends without blocking (as on a TCP connection with a posted receive); the transfer takes
  // simulated time on the platform. The message's size is what is counted and transferred.
  virtual void send(int dst, MessagePtr message) = 0;

  // Waits for one message with `tag` of the current round from each node of `from`, until all
  // arrived or the scenario's receive timeout passed; returns those that arrived, by sender id.
  // Messages of later rounds that arrive meanwhile are kept for later.
  virtual std::vector<Inbound> gather(uint16_t tag, std::span<const int> from) = 0;

  // Byzantine nodes: the node's attack when it is active this round (the scenario's start round
  // and frequency), else null. Always null on honest and service nodes.
  virtual Attack* attack() = 0;
  // This node's attack random stream (Byzantine nodes only).
  virtual Rng& attack_rng() = 0;
  // Honest nodes publish the vector they share this round, so that omniscient attackers can see
  // it (a no-op when no attack needs it). Byzantine nodes read every honest node's vector of the
  // round with honest_vectors(), which waits until all of them have published.
  virtual void publish(std::span<const float> shared) = 0;
  struct HonestVectors {
    std::vector<const float*> vectors;
    std::vector<int> ids;
  };
  virtual HonestVectors honest_vectors() = 0;
};

}  // namespace dlsim
