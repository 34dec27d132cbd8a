#pragma once
// A run's checkpoint: everything needed to continue it after it is killed, in DIR/checkpoint.bin.
//
// SimGrid cannot save the state of a simulation, so a checkpoint holds, per node, the trace of
// what the network and the clock saw it do up to the checkpoint (sim/trace.hpp) and its learning
// and protocol state at that point; a resumed run replays the traces, which rebuilds the simulated
// network exactly (same events, same times) at a small fraction of the cost, then loads the states
// and runs on. Results are therefore byte-identical to those of a run never interrupted.
#include <cstdint>
#include <string>
#include <vector>

#include "core/archive.hpp"
#include "sim/trace.hpp"

namespace dlsim {

struct Checkpoint {
  std::string scenario;       // the scenario document (with --set applied), as JSON text
  int every = 0;              // the run's --checkpoint-every
  int rounds_done = 0;        // every node had finished this many rounds and begun none after
  std::vector<Trace> traces;  // by node, up to its checkpoint
  std::vector<std::vector<uint8_t>> states;  // by node: learner, protocol and attack state
  std::vector<uint8_t> evaluations;          // the evaluations of rounds up to rounds_done

  void persist(Archive& a) { a(scenario, every, rounds_done, traces, states, evaluations); }
};

std::string checkpoint_path(const std::string& dir);
// Written under a temporary name and renamed: a kill while writing leaves the previous one.
void write_checkpoint(const std::string& dir, Checkpoint& checkpoint);
// Throws CheckpointError (naming the file) when it is missing, of another version, or corrupt.
Checkpoint read_checkpoint(const std::string& dir);

}  // namespace dlsim
