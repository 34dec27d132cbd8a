#pragma once
// What a protocol sees of the node it runs on. The engine (sim/) implements it on SimGrid; calls
// that communicate or compute block the node while simulated time passes.
#include <functional>
#include <span>
#include <vector>

#include "models/learner.hpp"
#include "protocols/message.hpp"
#include "topologies/graph.hpp"

namespace dlsim {

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
  virtual int round() const = 0;       // 0-based round being run
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

  // Sends without blocking (as on a TCP connection with a posted receive); the transfer takes
  // simulated time on the platform. The message's size is what is counted and transferred.
  virtual void send(int dst, MessagePtr message) = 0;

  // Waits for one message with `tag` of the current round from each node of `from`, until all
  // arrived or the scenario's receive timeout passed; returns those that arrived, by sender id.
  // Messages of later rounds that arrive meanwhile are kept for later.
  virtual std::vector<Inbound> gather(uint16_t tag, std::span<const int> from) = 0;
};

}  // namespace dlsim
