#include "sim/simulation.hpp"

#include <sys/resource.h>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/ConditionVariable.hpp>
#include <simgrid/s4u/Mailbox.hpp>
#include <simgrid/s4u/Mutex.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <exception>
#include <map>
#include <unordered_map>

#include "sim/compute_pool.hpp"
#include "sim/eval_nodes.hpp"
#include "sim/honest_board.hpp"
#include "sim/platform.hpp"
#include "sim/progress.hpp"

namespace sg4 = simgrid::s4u;

namespace dlsim {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Everything learning needs, built before the simulation starts.
struct Prepared {
  LearningSetup setup;
  Partition partition;
  std::vector<char> evaluated;  // by learning node
};

Prepared prepare(const Scenario& s) {
  Prepared p;
  DataSplit data = s.dataset_kind->make.load(s.dataset, s.seed);
  LearningSetup& setup = p.setup;
  setup.train = data.train;
  setup.test = data.test;
  setup.network = std::make_shared<const Network<float>>(
      network_architecture(*s.model_kind, s.model, data.train->shape, data.train->classes),
      data.train->classes);
  setup.sgd = sgd_config(s.training, s.rounds);
  setup.batch_size = static_cast<int>(s.training.integer("batch_size"));
  setup.local_steps = static_cast<int>(s.training.integer("local_steps"));
  setup.augment_noise = s.training.real("augment_noise");

  // The evaluation subset: the same random test samples for every node and round.
  const int test_size = data.test->size();
  int samples = test_size;
  if (!s.eval.is_null("test_samples")) {
    samples = static_cast<int>(s.eval.integer("test_samples"));
    if (samples > test_size)
      s.eval.fail("test_samples",
                  fmt::format("is more than the {} samples of the test set", test_size));
  }
  std::vector<int32_t> order(test_size);
  for (int i = 0; i < test_size; ++i) order[i] = i;
  Rng eval_rng(s.seed, {static_cast<uint64_t>(Stream::eval)});
  eval_rng.shuffle(order.begin(), order.end());
  order.resize(samples);
  std::sort(order.begin(), order.end());
  setup.eval_set = eval_subset(*data.test, order);

  Rng partition_rng(s.seed, {static_cast<uint64_t>(Stream::partition)});
  p.partition = s.partition_kind->make(s.partition, *data.train, s.nodes, partition_rng);
  p.evaluated = nodes_to_evaluate(s);
  return p;
}

// A message in flight: what the receiver gets from its mailbox.
struct Envelope {
  MessagePtr message;
  double sent_at;
  size_t log_index;
  int from;
  // The send, held rather than detached: SimGrid 3.32 lists detached activities in one std::list
  // and finds each finished one by a linear search, O(messages in flight) per message (99% of
  // the time at 10,000 nodes).
  sg4::CommPtr comm = nullptr;
};

class SimNode;

// Gathers each node's state as it begins the round after a checkpoint's last one, and writes the
// checkpoint once every node has.
struct Checkpointer {
  int every = 0;  // 0: no checkpoints
  std::string dir;
  std::string scenario;
  int kill_after = 0;  // tests: SIGKILL the run once this many were written
  int written = 0;
  // By rounds done: nodes are not in step (one far ahead may give its state to the next
  // checkpoint before a slow one gives its state to this one).
  std::map<int, Checkpoint> pending;
  std::map<int, int> taken;

  bool due(int round) const { return every > 0 && round > 1 && (round - 1) % every == 0; }
};

// State shared by every node of the run. Touched only from the simulation thread.
struct World {
  const Scenario& scenario;
  const LearningSetup& setup;
  Topology& topology;
  ComputePool& pool;
  Metrics& metrics;
  Progress& progress;
  std::vector<sg4::Mailbox*> mailboxes;
  std::unordered_map<const Envelope*, std::unique_ptr<Envelope>> in_flight;  // freed at the end
  // By sender: its sends that their receiver took, for the sender to wait on (see release_sends).
  std::vector<std::vector<sg4::CommPtr>> delivered;
  double receive_timeout;
  int eval_every;
  bool eval_at_start;
  std::vector<Role> roles;                       // every node's, service nodes last
  std::vector<std::unique_ptr<Attack>> attacks;  // by node id; null but on Byzantine nodes
  int attack_start = 1;
  int attack_every = 1;
  HonestBoard* board = nullptr;
  int finished = 0;
  // Faults: each sender's loss stream, and how many nodes began each round (a recovering node
  // waits until every node up in its recovery round began it).
  std::vector<Rng> loss_rngs = {};
  std::vector<int> started = {};
  sg4::MutexPtr started_mutex = sg4::Mutex::create();
  sg4::ConditionVariablePtr started_more = sg4::ConditionVariable::create();
  sg4::ConditionVariablePtr finished_more = sg4::ConditionVariable::create();
  std::vector<char> evaluated = {};  // by learning node: evaluate its model (eval.nodes)
  Checkpointer checkpoints = {};
  // Resuming: nodes replay their traces until this round, then load their states (0: not
  // resuming); the evaluations of the rounds before it are restored, not redone.
  Checkpoint* resume = nullptr;
  int replay_until = 0;
  // The first error raised inside a node (a rule refusing its inputs, a file a protocol cannot
  // write): it kills every actor and run_simulation rethrows it, so the run ends with its message
  // instead of SimGrid aborting on an exception that leaves an actor.
  std::exception_ptr failure = nullptr;
};

// Writes the checkpoint taken after `rounds_done` rounds, once every node gave it its state.
void write_taken_checkpoint(World& world, int rounds_done) {
  Checkpointer& c = world.checkpoints;
  Checkpoint& checkpoint = c.pending.at(rounds_done);
  world.pool.flush();  // the evaluations of the rounds done
  checkpoint.scenario = c.scenario;
  checkpoint.every = c.every;
  checkpoint.rounds_done = rounds_done;
  Archive a = Archive::saving(checkpoint.evaluations);
  world.metrics.persist_evaluations(a, rounds_done + 1);
  write_checkpoint(c.dir, checkpoint);
  c.pending.erase(rounds_done);
  c.taken.erase(rounds_done);
  if (++c.written == c.kill_after) std::raise(SIGKILL);
}

class SimNode final : public Node {
 public:
  SimNode(World& world, int id, Learner learner, std::unique_ptr<NodeProtocol> protocol)
      : world_(world),
        id_(id),
        learner_(std::move(learner)),
        protocol_(std::move(protocol)),
        attack_rng_(world.scenario.seed,
                    {static_cast<uint64_t>(Stream::attack), static_cast<uint64_t>(id) + 1}) {}

  int id() const override { return id_; }
  Role role() const override { return world_.roles[id_]; }
  int round() const override { return round_; }
  double now() const override { return sg4::Engine::get_clock(); }
  const Graph& overlay() override { return *graph_; }
  const LearningSetup& setup() const override { return world_.setup; }
  Learner& learner() override { return learner_; }

  void compute(double flops, std::function<void()> job) override {
    if (recording()) trace_.compute(flops);
    run_job(flops, Work::protocol, std::move(job));
  }

  void train(int steps) override {
    train_compute(local_sgd_flops(world_.setup, steps),
                  [this, steps] { return local_sgd(world_.setup, learner_, steps, round_); });
  }

  void gradient(Workspace& ws, float* grad) override {
    train_compute(world_.setup.network->train_flops(world_.setup.batch_size), [this, &ws, grad] {
      return minibatch_gradient(world_.setup, learner_, ws, grad);
    });
  }

  void train_compute(double flops, std::function<double()> job) override {
    double loss = 0;
    run_job(flops, Work::train, [&] { loss = job(); });
    if (recording()) trace_.train(flops, loss);
    train_loss_ = loss;
  }

  void send(int dst, MessagePtr message) override {
    if (dst == id_ || dst < 0 || dst >= static_cast<int>(world_.mailboxes.size()))
      throw std::logic_error(fmt::format("node {} cannot send to node {}", id_, dst));
    const uint64_t bytes = message->size();
    if (recording()) trace_.send(dst, message->tag, bytes, message->value_bytes);
    const size_t index =
        world_.metrics.on_send(id_, dst, round_, message->tag, bytes, message->value_bytes, now());
    // Refused by a peer crashed for this round, or dropped by a lossy link: sent, never on the
    // wire, lost.
    const FaultSchedule& faults = world_.scenario.faults;
    const double p = faults.loss_probability(id_, dst);
    if (faults.down(dst, round_) || (p > 0 && world_.loss_rngs[id_].uniform() < p)) {
      world_.metrics.on_lost(round_);
      return;
    }
    auto envelope = std::make_unique<Envelope>(Envelope{std::move(message), now(), index, id_});
    Envelope* raw = envelope.get();
    world_.in_flight.emplace(raw, std::move(envelope));
    raw->comm = world_.mailboxes[dst]->put_async(raw, bytes);
  }

  std::vector<Inbound> gather(uint16_t tag, std::span<const int> from) override {
    if (recording()) trace_.gather(tag, from);
    std::vector<Inbound> got;
    auto wanted = [&](const Message& m) {
      return static_cast<int>(m.round) == round_ && m.tag == tag &&
             std::find(from.begin(), from.end(), static_cast<int>(m.src)) != from.end() &&
             std::none_of(got.begin(), got.end(),
                          [&](const Inbound& in) { return in.message->src == m.src; });
    };
    // Messages that arrived early, while the node was busy with something else.
    for (auto it = early_.begin(); it != early_.end();) {
      if (wanted(*it->message)) {
        got.push_back(std::move(*it));
        it = early_.erase(it);
      } else {
        ++it;
      }
    }
    const double deadline = now() + world_.receive_timeout;
    while (got.size() < from.size()) {
      const double remaining = deadline - now();
      if (remaining <= 0) break;
      // A receive that times out may already be matched with a message in transfer: it is kept
      // and waited on again by the next gather, or that message would be lost.
      if (!receiving_) receiving_ = world_.mailboxes[id_]->get_async<Envelope>(&received_);
      // (wait_for would cancel the transfer on timeout; wait_any_for leaves it running.)
      waiting_.assign(1, receiving_);
      try {
        if (sg4::Comm::wait_any_for(waiting_, remaining) < 0) break;
      } catch (const simgrid::NetworkFailureException&) {
        // A transfer over a failed link: that message is lost (counted at the end, still in
        // flight); wait for the next one.
        receiving_ = nullptr;
        continue;
      }
      const sg4::CommPtr comm = std::move(receiving_);
      receiving_ = nullptr;
      Envelope* raw = received_;
      auto owned = std::move(world_.in_flight.at(raw));
      world_.in_flight.erase(raw);
      world_.delivered[owned->from].push_back(std::move(owned->comm));
      Inbound in{std::move(owned->message), owned->sent_at, comm->get_finish_time()};
      world_.metrics.on_receive(id_, in.message->size(), owned->log_index, in.arrived_at);
      if (wanted(*in.message))
        got.push_back(std::move(in));
      else if (static_cast<int>(in.message->round) >= round_)
        early_.push_back(std::move(in));  // a later phase or round; stale ones are dropped
    }
    if (got.size() < from.size())
      world_.metrics.on_missed(round_, static_cast<int>(from.size() - got.size()));
    std::sort(got.begin(), got.end(),
              [](const Inbound& a, const Inbound& b) { return a.src() < b.src(); });
    return got;
  }

  Attack* attack() override {
    Attack* a = world_.attacks[id_].get();
    const bool active =
        round_ >= world_.attack_start && (round_ - world_.attack_start) % world_.attack_every == 0;
    return a && active ? a : nullptr;
  }

  Rng& attack_rng() override { return attack_rng_; }

  void publish(std::span<const float> shared) override {
    if (recording()) trace_.publish(shared.size());
    if (role() == Role::honest) world_.board->post(id_, round_, shared);
  }

  HonestVectors honest_vectors() override {
    if (recording()) trace_.read_board();
    if (!world_.board->enabled()) return {};
    return world_.board->read(id_, round_);
  }

  // The actor's body: every round of the protocol, then report.
  void main() {
    world_.mailboxes[id_]->set_receiver(sg4::Actor::self());
    replaying_ = world_.resume != nullptr;
    if (replaying_) trace_ = std::move(world_.resume->traces[id_]);
    if (world_.eval_at_start) end_round(0);
    const FaultSchedule::Crash* crash = world_.scenario.faults.crash_of(id_);
    for (round_ = 1; round_ <= world_.scenario.rounds; ++round_) {
      release_sends();
      if (crash && round_ == crash->round) {
        checkpoint_crashed(*crash);
        if (!sit_out(*crash)) break;
      }
      if (round_ == world_.replay_until)
        restore();
      else if (world_.checkpoints.due(round_))
        checkpoint(round_);
      ++world_.started[round_];
      world_.started_more->notify_all();
      graph_ = world_.topology.at_round(round_);
      train_loss_ = 0;
      if (replaying_) {
        replay_round();
      } else {
        if (recording()) trace_.round(round_);
        poison_labels();
        protocol_->round(*this);
      }
      end_round(round_);
    }
    world_.mailboxes[id_]->set_receiver(nullptr);
    ++world_.finished;
    // An actor that ends cancels its sends still in transfer (they are not detached): every node
    // stays until all have finished, when no message is awaited any more. Its pending receive is
    // cancelled now, as ending would have.
    if (receiving_) receiving_->cancel();
    receiving_ = nullptr;
    const int count = static_cast<int>(world_.roles.size());
    if (world_.finished == count) world_.finished_more->notify_all();  // once: n wake-ups, not n^2
    std::unique_lock lock(*world_.started_mutex);
    while (world_.finished < count) world_.finished_more->wait(lock);
  }

 private:
  bool recording() const { return world_.checkpoints.every > 0 && !replaying_; }

  // SimGrid keeps each send in its sender's list of activities until the sender waits on it, and
  // every receive searches the receiver's list linearly: never waited on, a node's sends would
  // make each receive cost O(rounds). Waiting on a send already received returns at once.
  void release_sends() {
    for (const sg4::CommPtr& comm : world_.delivered[id_]) comm->wait();
    world_.delivered[id_].clear();
  }

  // What a checkpoint holds of the node: learning, protocol and attack state, between rounds.
  void persist(Archive& a) {
    a(learner_, attack_rng_);
    protocol_->persist(a);
    if (Attack* attack = world_.attacks[id_].get()) attack->persist(a);
  }

  // Gives the checkpoint this node's trace and state as it begins round_.
  void checkpoint(int round) {
    Checkpointer& c = world_.checkpoints;
    const int done = round - 1;
    const auto count = world_.roles.size();
    Checkpoint& pending = c.pending[done];
    pending.traces.resize(count);
    pending.states.resize(count);
    pending.traces[id_] = trace_;
    Archive a = Archive::saving(pending.states[id_]);
    persist(a);
    if (++c.taken[done] == static_cast<int>(count)) write_taken_checkpoint(world_, done);
  }

  // The round a crashed node begins again (after the last round when it never recovers).
  int rejoin_round(const FaultSchedule::Crash& crash) const {
    return crash.recover ? crash.recover : world_.scenario.rounds + 1;
  }

  // A node that crashes keeps its state until it recovers, so it gives it now to every checkpoint
  // taken while it is down; resuming from one, it loads it now, and sits out for real.
  void checkpoint_crashed(const FaultSchedule::Crash& crash) {
    const int back = rejoin_round(crash);
    if (replaying_ && round_ < world_.replay_until && world_.replay_until < back) restore();
    for (int r = round_ + 1; r < back; ++r)
      if (r > world_.replay_until && world_.checkpoints.due(r)) checkpoint(r);
  }

  // Resuming: the trace is replayed up to this round; the node loads its state and runs on.
  void restore() {
    size_t at = replay_at_;
    Trace::Entry e;
    if (trace_.next(at, e))
      throw CheckpointError(fmt::format("node {}'s trace goes past its checkpoint", id_));
    replaying_ = false;
    replayed_message_ = nullptr;
    zeros_ = {};
    std::vector<uint8_t>& state = world_.resume->states[id_];
    Archive a = Archive::loading(state);
    persist(a);
    a.expect_end();
    state = {};
  }

  // Redoes what round_ did on the network and the clock, from the trace, without learning.
  void replay_round() {
    Trace::Entry e;
    if (!trace_.next(replay_at_, e) || e.op != Trace::Op::round || e.round != round_)
      throw CheckpointError(fmt::format("node {}'s trace does not begin round {}", id_, round_));
    for (size_t at = replay_at_; trace_.next(at, e) && e.op != Trace::Op::round; replay_at_ = at) {
      switch (e.op) {
        case Trace::Op::compute:
        case Trace::Op::train:
          if (e.flops > 0) sg4::this_actor::execute(e.flops);
          if (e.op == Trace::Op::train) train_loss_ = e.loss;
          break;
        case Trace::Op::send: {
          // The same header and size as the message sent; its content is never read, as every
          // message of a replayed round is received in a replayed round. One copy serves every
          // neighbour, as the message did.
          const MessagePtr& last = replayed_message_;
          if (!last || last->tag != e.tag || last->round != static_cast<uint32_t>(round_) ||
              last->size() != e.bytes || last->value_bytes != e.value_bytes) {
            auto m = std::make_shared<Message>();
            m->tag = e.tag;
            m->round = static_cast<uint32_t>(round_);
            m->src = static_cast<uint32_t>(id_);
            m->bytes.resize(e.bytes);
            m->value_bytes = e.value_bytes;
            replayed_message_ = std::move(m);
          }
          send(e.dst, replayed_message_);
          break;
        }
        case Trace::Op::gather:
          gather(e.tag, e.from);
          break;
        case Trace::Op::publish:
          zeros_.resize(e.count);
          publish(zeros_);
          break;
        case Trace::Op::read_board:
          honest_vectors();
          break;
        case Trace::Op::round:
          break;
      }
    }
  }

  void run_job(double flops, Work kind, std::function<void()> job) {
    const auto ticket = world_.pool.submit(id_, kind, std::move(job));
    if (flops > 0) sg4::this_actor::execute(flops);
    world_.pool.wait(ticket);
  }

  // An active attack may train on other labels (label flip); outside its rounds, the true ones.
  void poison_labels() {
    learner_.label_map.clear();
    const Attack* a = attack();
    if (!a) return;
    const int classes = world_.setup.train->classes;
    for (int y = 0; y < classes; ++y) learner_.label_map.push_back(a->label(y, classes));
  }

  // A crash: the node reports its down rounds (its frozen model is still evaluated, but no mean
  // counts it) and, if it recovers, waits until the others began the recovery round, then rejoins
  // with the state it had. Returns whether it rejoins.
  bool sit_out(const FaultSchedule::Crash& crash) {
    train_loss_ = 0;
    const int back = rejoin_round(crash);
    for (; round_ < back; ++round_) end_round(round_, false);
    if (!crash.recover) return false;
    // The others: every node up in that round, but those rejoining in it too (they wait as well).
    const FaultSchedule& faults = world_.scenario.faults;
    int others = 0;
    for (int n = 0; n < static_cast<int>(world_.roles.size()); ++n) {
      const FaultSchedule::Crash* c = faults.crash_of(n);
      others += !(c && (faults.down(n, back) || c->recover == back));
    }
    std::unique_lock lock(*world_.started_mutex);
    while (world_.started[back] < others) world_.started_more->wait(lock);
    return true;
  }

  void end_round(int round, bool up = true) {
    Metrics& metrics = world_.metrics;
    metrics.on_round_end(id_, round, now(), train_loss_, up);
    if (role() == Role::server) return;  // service nodes are not evaluated
    const int rounds = world_.scenario.rounds;
    const bool evaluate_now = round == rounds || (round > 0 && round % world_.eval_every == 0) ||
                              (round == 0 && world_.eval_at_start);
    // A resumed run restored the evaluations of the replayed rounds.
    if (evaluate_now && round >= world_.replay_until) {
      const bool evaluated = world_.evaluated[id_];
      Evaluation* slot =
          metrics.record_eval(id_, round, learner_.params, up, evaluated, world_.pool.jobs());
      // Not charged as simulated time: evaluation is the observer's cost, not the node's.
      if (evaluated)
        world_.pool.submit(id_, Work::eval, [this, slot] {
          *slot = evaluate(world_.setup, learner_.params.data());
        });
    }
    if (round > 0)
      world_.progress.update(metrics, now(), [this] { return world_.pool.finished_below(); });
  }

  World& world_;
  int id_;
  int round_ = 0;
  Learner learner_;
  std::unique_ptr<NodeProtocol> protocol_;
  std::vector<Inbound> early_;
  sg4::CommPtr receiving_;  // a receive posted by a gather that timed out, with its destination
  Envelope* received_ = nullptr;
  std::vector<sg4::CommPtr> waiting_;
  std::shared_ptr<const Graph> graph_;  // this round's overlay, held while the round runs
  double train_loss_ = 0;
  Rng attack_rng_;
  Trace trace_;  // recorded when checkpointing; replayed when resuming
  bool replaying_ = false;
  size_t replay_at_ = 0;         // next trace position to replay
  std::vector<float> zeros_;     // what a replayed round posts to the board
  MessagePtr replayed_message_;  // the last message a replayed round sent
};

// Checkpoints to take, and the one to resume from.
void setup_checkpoints(World& world, const Scenario& s, const RunOptions& options, int count) {
  Checkpointer& c = world.checkpoints;
  Checkpoint* resume = options.resume;
  c.every = resume ? resume->every : options.checkpoint_every;
  if (c.every <= 0 && !resume) return;
  if (resume) {
    if (static_cast<int>(resume->traces.size()) != count ||
        static_cast<int>(resume->states.size()) != count || resume->rounds_done < 1 ||
        resume->rounds_done >= s.rounds)
      throw CheckpointError(fmt::format(
          "the checkpoint does not fit the scenario ({} nodes, {} rounds)", count, s.rounds));
    world.resume = resume;
    world.replay_until = resume->rounds_done + 1;
    Archive a = Archive::loading(resume->evaluations);
    world.metrics.persist_evaluations(a, world.replay_until);
    a.expect_end();
  }
  c.dir = options.checkpoint_dir;
  c.kill_after = options.kill_after_checkpoint;
  c.scenario = resume ? resume->scenario : options.scenario_text;
}

ProtocolEnv protocol_env(const Scenario& s, const LearningSetup& setup) {
  return {s.nodes, static_cast<int>(s.byzantine_ids.size()), s.seed, &setup};
}

}  // namespace

void prepare_check(const Scenario& s) {
  const Prepared prepared = prepare(s);
  // Building the protocol checks what only it can (e.g. a rule that needs more workers).
  s.protocol_kind->make(s.protocol, protocol_env(s, prepared.setup));
}

RunResult run_simulation(const Scenario& s, const RunOptions& options) {
  RunResult result;
  const auto start = Clock::now();
  Prepared prepared = prepare(s);
  const LearningSetup& setup = prepared.setup;

  const ProtocolEnv env = protocol_env(s, setup);
  auto protocol = s.protocol_kind->make(s.protocol, env);
  const int count = s.nodes + protocol->service_nodes();
  std::vector<Role> roles(count, Role::honest);
  for (int id : s.byzantine_ids) roles[id] = Role::byzantine;
  std::fill(roles.begin() + s.nodes, roles.end(), Role::server);

  int argc = 1;
  char name[] = "dlsim";
  char* argv[] = {name, nullptr};
  sg4::Engine engine(&argc, argv);
  configure_engine(engine, s);
  const auto hosts = build_platform(engine, s, count);

  ComputePool pool(options.threads);
  result.metrics = std::make_unique<Metrics>(roles, s.rounds, s.output.flag("messages"));
  Progress progress(options.progress, s.rounds);
  World world{s,
              setup,
              *s.overlay,
              pool,
              *result.metrics,
              progress,
              {},
              {},
              {},
              s.protocol.real("receive_timeout"),
              static_cast<int>(s.eval.integer("every")),
              s.eval.flag("at_start"),
              roles,
              {}};
  world.attacks.resize(count);
  const uint64_t shared_seed = derive_seed(s.seed, {static_cast<uint64_t>(Stream::attack), 0});
  for (int id : s.byzantine_ids) world.attacks[id] = make_attack(s.attack, shared_seed);
  world.attack_start = static_cast<int>(s.byzantine.integer("start_round"));
  world.attack_every = static_cast<int>(s.byzantine.integer("every"));
  std::vector<int> honest;
  for (int i = 0; i < s.nodes; ++i)
    if (roles[i] == Role::honest) honest.push_back(i);
  int readers = 0;
  for (const auto& a : world.attacks) readers += a && a->knowledge() == Knowledge::omniscient;
  HonestBoard board(std::move(honest), readers);
  world.board = &board;
  world.started.assign(s.rounds + 1, 0);
  world.delivered.resize(count);
  world.evaluated = std::move(prepared.evaluated);
  for (int i = 0; i < count; ++i)
    world.loss_rngs.emplace_back(
        s.seed, std::initializer_list<uint64_t>{static_cast<uint64_t>(Stream::faults),
                                                static_cast<uint64_t>(i)});

  setup_checkpoints(world, s, options, count);

  std::vector<std::unique_ptr<SimNode>> nodes;
  // However the run ends, no job outlives the nodes whose state it uses.
  struct Abandon {
    ComputePool& pool;
    ~Abandon() { pool.abandon(); }
  } abandon_jobs{pool};
  for (int i = 0; i < count; ++i) {
    world.mailboxes.push_back(sg4::Mailbox::by_name(fmt::format("node-{}", i)));
    const bool same_init = s.model.flag("same_init");
    Rng init_rng =
        same_init ? Rng(s.seed, {static_cast<uint64_t>(Stream::init)})
                  : Rng(s.seed, {static_cast<uint64_t>(Stream::init), static_cast<uint64_t>(i)});
    Rng data_rng(s.seed, {static_cast<uint64_t>(Stream::training), static_cast<uint64_t>(i)});
    // Service nodes hold the shared initial model and no data.
    std::vector<int32_t> data =
        i < s.nodes ? std::move(prepared.partition[i]) : std::vector<int32_t>();
    nodes.push_back(std::make_unique<SimNode>(
        world, i, make_learner(setup, std::move(data), init_rng, data_rng),
        protocol->make_node(i)));
  }
  for (int i = 0; i < count; ++i) {
    SimNode* node = nodes[i].get();
    sg4::Actor::create(fmt::format("node-{}", i), hosts[i], [node, &world] {
      // An error ends the run, reported as the run's error (SimGrid would abort the process).
      try {
        node->main();
      } catch (const simgrid::ForcefulKillException&) {
        throw;  // this actor is being killed: SimGrid's own unwinding
      } catch (...) {
        if (!world.failure) world.failure = std::current_exception();
        world.pool.abandon();  // no job may outlive the actors whose state it uses
        sg4::Actor::kill_all();
      }
    });
  }
  start_link_faults(s.faults, hosts[0]);
  result.timing.setup_s = seconds_since(start);

  const auto simulate_start = Clock::now();
  engine.run();
  if (world.failure) std::rethrow_exception(world.failure);  // the killed nodes' jobs never run
  pool.flush();
  progress.finish();
  if (world.finished != count)
    throw std::runtime_error(fmt::format(
        "the simulation stopped with {} of {} nodes unfinished (a protocol waited forever)",
        count - world.finished, count));
  result.sim_time = sg4::Engine::get_clock();
  // Messages never delivered: dropped by a failed link, or still in flight when the run ended.
  for (const auto& [raw, envelope] : world.in_flight)
    result.metrics->on_lost(static_cast<int>(envelope->message->round));
  result.protocol_summary = protocol->summary();
  result.timing.simulate_s = seconds_since(simulate_start);
  result.timing.compute_s = pool.wait_seconds();
  result.timing.idle_s = pool.idle_seconds();
  result.timing.train_cpu_s = pool.cpu_seconds(Work::train);
  result.timing.protocol_cpu_s = pool.cpu_seconds(Work::protocol);
  result.timing.eval_cpu_s = pool.cpu_seconds(Work::eval);
  result.timing.threads = pool.threads();
  result.timing.jobs = pool.jobs();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const uint64_t vectors = setup.sgd.momentum > 0 ? 2 : 1;
  result.timing.learner_bytes = vectors * sizeof(float) * setup.network->param_count();
  result.timing.peak_rss_bytes = static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // KiB on Linux
  return result;
}

}  // namespace dlsim
