#include "sim/faults.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Link.hpp>

#include <algorithm>

namespace sg4 = simgrid::s4u;

namespace dlsim {
namespace {

int node_of(const Params& p, const FaultContext& run, const std::string& key = "node") {
  const int64_t node = p.integer(key);
  if (node >= run.nodes)
    p.fail(key, fmt::format("names no node: the nodes are 0 to {}", run.nodes - 1));
  return static_cast<int>(node);
}

void crash(const Params& p, const FaultContext& run, FaultSchedule& out) {
  const int node = node_of(p, run);
  const int64_t round = p.integer("round");
  if (round > run.rounds) p.fail("round", fmt::format("is beyond the {} rounds", run.rounds));
  int recover = 0;
  if (!p.is_null("recover_round")) {
    const int64_t r = p.integer("recover_round");
    if (r <= round) p.fail("recover_round", fmt::format("is not after the crash round {}", round));
    if (r > run.rounds) p.fail("recover_round", fmt::format("is beyond the {} rounds", run.rounds));
    recover = static_cast<int>(r);
  }
  if (out.crash_of(node))
    p.fail("node", "already crashes in an earlier entry (one crash per node)");
  out.crashes.push_back({node, static_cast<int>(round), recover});
}

FaultSchedule::LinkChange link_span(const Params& p, const FaultContext& run) {
  if (!run.star_platform)
    p.fail("kind", "needs network.platform \"star\" (one link per node); not \"file\"");
  FaultSchedule::LinkChange c;
  c.node = node_of(p, run);
  c.start = p.real("start");
  if (!p.is_null("end")) {
    c.end = p.real("end");
    if (c.end <= c.start) p.fail("end", "is not after start");
  }
  return c;
}

void link_failure(const Params& p, const FaultContext& run, FaultSchedule& out) {
  FaultSchedule::LinkChange c = link_span(p, run);
  c.off = true;
  out.links.push_back(c);
}

void degradation(const Params& p, const FaultContext& run, FaultSchedule& out) {
  FaultSchedule::LinkChange c = link_span(p, run);
  c.bandwidth_factor = p.real("bandwidth_factor");
  c.latency_factor = p.real("latency_factor");
  out.links.push_back(c);
}

void loss(const Params& p, const FaultContext& run, FaultSchedule& out) {
  out.losses.push_back({p.is_null("node") ? -1 : node_of(p, run), p.real("probability")});
}

Param node_param(std::string help) {
  return integer_param("node", nullptr, std::move(help)).min(0);
}

ParamSpec span_params() {
  return {
      node_param("the node whose link (both directions) changes"),
      unit_param("start", ParamType::duration, nullptr, "simulated time the change begins").min(0),
      unit_param("end", ParamType::duration, nullptr,
                 "simulated time the link is restored (null: never)")
          .min(0)
          .optional()};
}

ParamSpec with(ParamSpec spec, std::initializer_list<Param> more) {
  spec.insert(spec.end(), more);
  return spec;
}

}  // namespace

const FaultSchedule::Crash* FaultSchedule::crash_of(int node) const {
  for (const auto& c : crashes)
    if (c.node == node) return &c;
  return nullptr;
}

bool FaultSchedule::down(int node, int round) const {
  const Crash* c = crash_of(node);
  return c && round >= c->round && (c->recover == 0 || round < c->recover);
}

double FaultSchedule::loss_probability(int src, int dst) const {
  double kept = 1;
  for (const auto& l : losses)
    if (l.node < 0 || l.node == src || l.node == dst) kept *= 1 - l.probability;
  return 1 - kept;
}

const Registry<FaultMaker>& fault_registry() {
  static const Registry<FaultMaker> registry(
      "fault",
      {
          {"crash",
           "the node stops at the start of a round: it trains, sends and receives nothing; with "
           "recover_round it rejoins then with the state it had",
           {node_param("the node that crashes"),
            integer_param("round", nullptr, "first round the node is down").min(1),
            integer_param("recover_round", nullptr, "round it comes back (null: never)")
                .min(1)
                .optional()},
           crash},
          {"link-failure",
           "the node's link is off from start to end: transfers on it fail and are lost",
           span_params(), link_failure},
          {"degradation",
           "the node's link bandwidth and latency are multiplied by factors from start to end",
           with(span_params(),
                {real_param("bandwidth_factor", 1.0, "bandwidth multiplier").range(1e-6, 1e6),
                 real_param("latency_factor", 1.0, "latency multiplier").range(1e-6, 1e6)}),
           degradation},
          {"loss",
           "each message to or from the node (every message when node is null) is lost with a "
           "probability",
           {integer_param("node", nullptr, "the node whose messages may be lost (null: all)")
                .min(0)
                .optional(),
            real_param("probability", nullptr, "probability that one message is lost").range(0, 1)},
           loss},
      });
  return registry;
}

FaultSchedule read_faults(const json& list, const FaultContext& run) {
  FaultSchedule out;
  out.resolved = json::array();
  for (size_t i = 0; i < list.size(); ++i) {
    const auto [kind, params] = fault_registry().read(list[i], fmt::format("faults[{}]", i));
    kind->make(params, run, out);
    out.resolved.push_back(params.values());
  }
  return out;
}

void start_link_faults(const FaultSchedule& faults, sg4::Host* host) {
  if (faults.links.empty()) return;
  // Events in time order; at equal times restorations first, so back-to-back spans chain.
  struct Event {
    double at;
    bool restore;
    FaultSchedule::LinkChange change;
  };
  std::vector<Event> events;
  for (const auto& c : faults.links) {
    events.push_back({c.start, false, c});
    if (c.end >= 0) events.push_back({c.end, true, c});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.at < b.at || (a.at == b.at && a.restore && !b.restore);
  });
  // A daemon: it ends with the last node, so an event after the run does not stretch the clock.
  sg4::Actor::create("faults", host, [events] {
    for (const Event& e : events) {
      sg4::this_actor::sleep_until(e.at);
      const auto* duplex = sg4::SplitDuplexLink::by_name(fmt::format("link-{}", e.change.node));
      for (sg4::Link* link : {duplex->get_link_up(), duplex->get_link_down()}) {
        if (e.change.off) {
          if (e.restore)
            link->turn_on();
          else
            link->turn_off();
        } else {
          const double b = e.change.bandwidth_factor, l = e.change.latency_factor;
          link->set_bandwidth(link->get_bandwidth() * (e.restore ? 1 / b : b));
          link->set_latency(link->get_latency() * (e.restore ? 1 / l : l));
        }
      }
    }
  })->daemonize();
}

}  // namespace dlsim
