#include "protocols/dpsgd.hpp"
#include "protocols/protocol.hpp"

namespace dlsim {

const Registry<ProtocolMaker>& protocol_registry() {
  static const Registry<ProtocolMaker> registry("protocol", {
                                                                dpsgd_component(),
                                                            });
  return registry;
}

}  // namespace dlsim
