#!/usr/bin/env bash
# Installs what dlsim needs from Debian 12's packages (only what is missing) and builds it.
# Safe to run again: installed packages are skipped and the build is incremental.
#   scripts/setup.sh [BUILD_DIR] [extra cmake options...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true

packages=(g++ cmake ninja-build pkg-config libsimgrid-dev libeigen3-dev libtbb-dev
          nlohmann-json3-dev libfmt-dev doctest-dev zlib1g-dev dataset-fashion-mnist
          parallel python3-matplotlib)
scripts/install-packages.sh "${packages[@]}"

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build_dir" --parallel
