// The aggregation rules a scenario can name. A robust Metropolis-Hastings average needs no rule of
// its own: a gossip protocol applies any rule to its neighbours' vectors plus its own.
#include <stdexcept>

#include "aggregators/rules.hpp"

namespace dlsim {

const Registry<AggregatorMaker>& aggregator_registry() {
  static const Registry<AggregatorMaker> registry("aggregator", {
                                                                    mean_rule(),
                                                                    median_rule(),
                                                                    trimmed_mean_rule(),
                                                                    geometric_median_rule(),
                                                                    krum_rule(),
                                                                    multi_krum_rule(),
                                                                    bulyan_rule(),
                                                                    meamed_rule(),
                                                                    phocas_rule(),
                                                                    centered_clip_rule(),
                                                                    clipped_gossip_rule(),
                                                                    flag_rule(),
                                                                });
  return registry;
}

const ParamSpec& aggregator_common_params() {
  static const ParamSpec spec = {
      integer_param("f", nullptr, "Byzantine inputs to tolerate (null: the protocol decides)")
          .range(0, 1 << 20)
          .optional(),
      bool_param("nnm", false,
                 "nearest-neighbour mixing first: each input becomes the mean of its n - f "
                 "nearest inputs, itself included"),
  };
  return spec;
}

AggregatorChoice read_aggregator(const json& section, const std::string& path) {
  auto [rule, params] =
      aggregator_registry().read(section, path, "mean", aggregator_common_params());
  return {rule, std::move(params)};
}

std::unique_ptr<Aggregator> make_aggregator(const AggregatorChoice& choice, int f) {
  if (!choice.params.is_null("f")) f = static_cast<int>(choice.params.integer("f"));
  if (f < 0) throw std::logic_error("make_aggregator: negative f");
  auto rule = choice.rule->make(choice.params, f);
  if (choice.params.flag("nnm")) return make_nnm(std::move(rule), f);
  return rule;
}

}  // namespace dlsim
