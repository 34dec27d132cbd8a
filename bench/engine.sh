#!/usr/bin/env bash
# Engine benchmark: wall time, node-rounds per second, where the wall time goes, and the
# 2-thread over 1-thread speed-up (with a check that both runs wrote identical outputs).
#   bench/engine.sh [SCENARIO.json...]   (default: the 96-node and the 1,000-node D-PSGD runs)
# Figures are ratios from one run on this machine; nothing here is a timed test.
set -euo pipefail
cd "$(dirname "$0")/.."
dlsim=${DLSIM:-build/dlsim}
[ -x "$dlsim" ] || scripts/setup.sh build
scenarios=("$@")
((${#scenarios[@]})) || scenarios=(scenarios/dpsgd-fmnist-96.json bench/scenarios/dpsgd-fmnist-1000.json)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

field() { # field FILE KEY: a number from timing.json (flat or one level deep, "a.b")
  local key=${2##*.} file=$1
  grep -o "\"$key\": [0-9.e+-]*" "$file" | head -1 | awk '{print $2}'
}

printf '%-22s %7s %9s %10s %9s %9s %9s %9s %8s %s\n' scenario threads wall_s node_rnd/s train% protocol% eval% other% speedup identical
for s in "${scenarios[@]}"; do
  name=$(basename "$s" .json)
  for t in 1 2; do
    "$dlsim" run "$s" --threads "$t" --quiet --out "$out/$name-$t"
  done
  t1=$(field "$out/$name-1/timing.json" simulate_s)
  for t in 1 2; do
    f="$out/$name-$t/timing.json"
    sim=$(field "$f" simulate_s); wall=$(field "$f" wall_s); nrs=$(field "$f" node_rounds_per_s)
    compute=$(field "$f" compute_s); train=$(field "$f" train); proto=$(field "$f" protocol); ev=$(field "$f" eval)
    identical=yes
    for csv in rounds.csv nodes.csv summary.json; do
      cmp -s "$out/$name-1/$csv" "$out/$name-$t/$csv" || identical=no
    done
    # Job CPU time is split by kind in proportion to the wall time spent computing.
    awk -v n="$name" -v t="$t" -v w="$wall" -v s="$sim" -v nrs="$nrs" -v c="$compute" \
        -v tr="$train" -v p="$proto" -v e="$ev" -v t1="$t1" -v id="$identical" 'BEGIN {
      cpu = tr + p + e; if (cpu <= 0) cpu = 1
      printf "%-22s %7d %9.2f %10.0f %8.1f%% %8.1f%% %8.1f%% %8.1f%% %8.2f %s\n", n, t, w, nrs,
        100 * c * tr / cpu / s, 100 * c * p / cpu / s, 100 * c * e / cpu / s, 100 * (s - c) / s, t1 / s, id }'
  done
done
echo "train/protocol/eval: share of simulate wall time in compute jobs of that kind;"
echo "other: SimGrid, message encoding, bookkeeping (the simulation thread outside compute batches)."
