#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install, build, run the quickstart scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
build/dlsim run scenarios/quickstart.json "$@"
