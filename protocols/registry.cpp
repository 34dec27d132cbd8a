#include "protocols/btard.hpp"
#include "protocols/choco.hpp"
#include "protocols/dpsgd.hpp"
#include "protocols/jwins.hpp"
#include "protocols/protocol.hpp"
#include "protocols/ps.hpp"
#include "protocols/random_subsampling.hpp"
#include "protocols/share_protocol.hpp"
#include "protocols/signsgd.hpp"
#include "protocols/topk.hpp"

namespace dlsim {

const Registry<ProtocolMaker>& protocol_registry() {
  static const Registry<ProtocolMaker> registry("protocol", {
                                                                dpsgd_component(),
                                                                ps_component(),
                                                                jwins_component(),
                                                                topk_component(),
                                                                random_subsampling_component(),
                                                                choco_component(),
                                                                dsgd_component(),
                                                                dad_component(),
                                                                rank_dad_component(),
                                                                powersgd_component(),
                                                                btard_component(),
                                                                signsgd_component(),
                                                            });
  return registry;
}

}  // namespace dlsim
