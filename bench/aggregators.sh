#!/usr/bin/env bash
# Aggregation cost benchmark: wall time of one aggregation of 15 vectors of length 1e5, 1e6 and
# 1e7 for the Flag Aggregator and the classic robust rules, on one core (needs about 1.3 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/bench_aggregators ] || scripts/setup.sh build
cmake --build build --target bench_aggregators >/dev/null
build/bench_aggregators "$@"
