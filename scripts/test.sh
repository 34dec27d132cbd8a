#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install, build, run the whole test suite.
#   scripts/test.sh            release build, every test (unit, end-to-end, scripts, Fashion-MNIST)
#   scripts/test.sh --sanitize the same under AddressSanitizer + UndefinedBehaviorSanitizer, but
#                              for the Fashion-MNIST checks (minutes in release, far longer
#                              under the sanitizers: they run in the release build only)
set -euo pipefail
cd "$(dirname "$0")/.."
labels=()
if [ "${1:-}" = "--sanitize" ]; then
  scripts/setup.sh build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDLSIM_SANITIZE=ON
  cd build-asan
  labels=(-LE fmnist)
else
  scripts/setup.sh build
  cd build
fi
# The Slurm test's daemons (munge, slurmctld, slurmd), installed only for testing; it starts and
# stops its own cluster.
[ "$(id -u)" -ne 0 ] || ../scripts/slurm-local.sh install
ctest --output-on-failure --timeout 1500 -j 2 "${labels[@]}"
