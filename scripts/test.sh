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
  # clang at -O1 builds the instrumented tree several times faster than gcc at -O2 (gcc took 37
  # CPU-minutes), which keeps CI short; line tables are enough for the sanitizers' reports.
  scripts/install-packages.sh clang libclang-rt-14-dev
  scripts/setup.sh build-sanitize -DCMAKE_CXX_COMPILER=clang++ -DDLSIM_SANITIZE=ON \
    -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only -DNDEBUG"
  cd build-sanitize
  labels=(-LE "fmnist|scripts")
else
  scripts/setup.sh build
  cd build
fi
# The Slurm test's daemons (munge, slurmctld, slurmd), installed only for testing; it starts and
# stops its own cluster.
[ "$(id -u)" -ne 0 ] || ../scripts/slurm-local.sh install
ctest --output-on-failure --timeout 1500 -j 2 "${labels[@]}"
