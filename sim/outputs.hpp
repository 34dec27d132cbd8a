#pragma once
// The files a run leaves: rounds.csv, nodes.csv, messages.csv (opt-in), summary.json,
// scenario.resolved.json and timing.json. Each is written under a temporary name and renamed
// into place, so no file under a final name is ever half-written.
#include <string>
#include <string_view>

#include "sim/simulation.hpp"

namespace dlsim {

// The deterministic summary of a run (summary.json without the scenario).
json summarize(const Scenario& scenario, const RunResult& result);

// Writes every output into `dir` (created if needed); wall-clock figures go to timing.json only,
// so every other file is byte-identical for the same scenario and seed.
void write_outputs(const std::string& dir, const Scenario& scenario, const RunResult& result,
                   double wall_seconds);

// Refuses, before a run starts, an output folder that could not be created or written (a path
// under a file, a read-only place): better than a run that fails after its last round.
void check_output_dir(const std::string& dir);

// Writes `content` to `path` atomically (temporary file in the same folder, then rename).
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace dlsim
