#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install, build, run the whole test suite.
#   scripts/test.sh            release build, every test (unit, end-to-end, scripts, Fashion-MNIST)
#   scripts/test.sh --sanitize the unit and end-to-end tests, built by clang, under AddressSanitizer
#                              + UndefinedBehaviorSanitizer (the Fashion-MNIST checks take minutes
#                              in release and far longer instrumented, and the script tests only
#                              drive the binary: both run in the release build only)
set -euo pipefail
cd "$(dirname "$0")/.."
labels=()
if [ "${1:-}" = "--sanitize" ]; then
  # The fuzzing tree: clang, AddressSanitizer + UndefinedBehaviorSanitizer (and coverage
  # counters) on all code; scripts/fuzz.sh then reuses it, so CI builds instrumented code once.
  scripts/install-packages.sh clang libclang-rt-14-dev
  scripts/setup.sh build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DDLSIM_FUZZ=ON
  cd build-fuzz
  labels=(-LE "fmnist|scripts")
else
  scripts/setup.sh build
  cd build
fi
# The Slurm test's daemons (munge, slurmctld, slurmd), installed only for testing; it starts and
# stops its own cluster.
[ "$(id -u)" -ne 0 ] || ../scripts/slurm-local.sh install
ctest --output-on-failure --timeout 1500 -j 2 "${labels[@]}"
