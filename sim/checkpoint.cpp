#include "sim/checkpoint.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "sim/outputs.hpp"

namespace dlsim {
namespace {

constexpr char magic[8] = {'d', 'l', 's', 'i', 'm', 'c', 'k', 'p'};
constexpr uint32_t version = 1;

}  // namespace

std::string checkpoint_path(const std::string& dir) {
  return (std::filesystem::path(dir) / "checkpoint.bin").string();
}

void write_checkpoint(const std::string& dir, Checkpoint& checkpoint) {
  std::vector<uint8_t> bytes(magic, magic + sizeof magic);
  Archive a = Archive::saving(bytes);
  uint32_t v = version;
  a(v, checkpoint);
  std::filesystem::create_directories(dir);
  write_file_atomically(checkpoint_path(dir),
                        {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
}

Checkpoint read_checkpoint(const std::string& dir) {
  const std::string path = checkpoint_path(dir);
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw CheckpointError(fmt::format(
        "{}: no checkpoint to resume from (a run writes one with --checkpoint-every N)", path));
  std::vector<uint8_t> bytes(std::filesystem::file_size(path));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!in) throw CheckpointError(fmt::format("{}: cannot read it", path));
  if (bytes.size() < sizeof magic || !std::equal(magic, magic + sizeof magic, bytes.begin()))
    throw CheckpointError(fmt::format("{}: not a dlsim checkpoint", path));
  Checkpoint checkpoint;
  try {
    Archive a = Archive::loading(std::span(bytes).subspan(sizeof magic));
    uint32_t v = 0;
    a(v);
    if (v != version)
      throw CheckpointError(
          fmt::format("written by another dlsim (format {}, this one reads {})", v, version));
    a(checkpoint);
    a.expect_end();
  } catch (const CheckpointError& e) {
    throw CheckpointError(fmt::format("{}: {}", path, e.what()));
  }
  return checkpoint;
}

}  // namespace dlsim
