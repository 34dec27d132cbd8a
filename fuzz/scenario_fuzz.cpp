// libFuzzer target: what `dlsim validate` runs on a scenario's text before loading any data
// (JSON parsing with comments, then load_scenario's validation). Bad input must end in a
// ConfigError naming the key; any other exception, a crash or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Same parse as read_json_file; a syntax error is its ConfigError, so only valid JSON goes on.
  const auto document = dlsim::json::parse(text, nullptr, /*allow_exceptions=*/false,
                                           /*ignore_comments=*/true);
  if (document.is_discarded()) return 0;
  try {
    dlsim::load_scenario(document);
  } catch (const dlsim::ConfigError&) {
  }
  return 0;
}
