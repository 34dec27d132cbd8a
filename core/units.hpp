#pragma once
// Physical quantities written as users write them ("100Mbps", "5ms", "20Gf"), in SI units.
#include <optional>
#include <string>

namespace dlsim {

// Bytes per second. Units: bps/Kbps/Mbps/Gbps (bits) and Bps/KBps/MBps/GBps (bytes), decimal
// prefixes, also the binary KiBps/MiBps/GiBps and Kibps/Mibps/Gibps.
std::optional<double> parse_bandwidth(const std::string& text);
// Seconds. Units: ns, us, ms, s, m (minutes), h.
std::optional<double> parse_duration(const std::string& text);
// Flop per second. Units: f, kf, Mf, Gf, Tf (case of the prefix as in SimGrid).
std::optional<double> parse_speed(const std::string& text);

// Short human forms for logs and progress lines.
std::string format_bytes(double bytes);
std::string format_seconds(double seconds);

}  // namespace dlsim
