#!/usr/bin/env bash
# Scale benchmark: D-PSGD on 6-regular graphs, MLP [128] for 100 rounds at 100 and 1,000 nodes and
# logistic regression for 20 rounds at 100, 1,000 and 10,000 nodes (Fashion-MNIST, iid; 50 honest
# nodes evaluated, see bench/scenarios/scale-*.json). Reports wall time, node-rounds per second,
# where the time goes, peak memory, bytes per node against one node's model and optimizer state,
# and how wall time and memory grow from one size to the next (linear: growth = node ratio).
#   bench/scale.sh [THREADS]   (default 2)
# Figures are from one run on this machine; nothing here is a timed test.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
dlsim=${DLSIM:-build/dlsim}
[ -x "$dlsim" ] || scripts/setup.sh build
threads=${1:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "threads $threads; load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-7s %6s %4s %8s %9s | %5s %5s %5s %5s | %8s %10s %10s %9s | %6s %6s\n' model nodes rnds \
  wall_s node_rnd/s train proto eval other peak_MB B/node marg_B/node learner_B wall_x mem_x
run() { # run MODEL SCENARIO NODES...
  local model=$1 scenario=$2 prev=""
  shift 2
  for n in "$@"; do
    local dir="$out/$model-$n"
    "$dlsim" run "$scenario" --set nodes="$n" --threads "$threads" --quiet --out "$dir"
    local f=$dir/timing.json
    read -r tr p e o _ < <(shares "$f")
    local wall rss
    wall=$(field "$f" simulate_s)
    rss=$(field "$f" peak_rss_bytes)
    # Marginal bytes per node: the memory added per node over the previous size (the dataset and
    # the process's fixed cost cancel out).
    awk -v m="$model" -v n="$n" -v w="$wall" \
        -v nrs="$(field "$f" node_rounds_per_s)" -v sh="$tr $p $e $o" -v rss="$rss" \
        -v lb="$(field "$f" learner_bytes)" -v prev="$prev" 'BEGIN {
      split(sh, v, " "); split(prev, q, " ")
      rounds = nrs * w / n
      marg = prev == "" ? "-" : sprintf("%.0f", (rss - q[3]) / (n - q[1]))
      wx = prev == "" ? "-" : sprintf("%.2f", w / q[2]); mx = prev == "" ? "-" : sprintf("%.2f", rss / q[3])
      printf "%-7s %6d %4.0f %8.2f %9.0f | %4.1f%% %4.1f%% %4.1f%% %4.1f%% | %8.1f %10.0f %10s %9d | %6s %6s\n",
        m, n, rounds, w, nrs, v[1], v[2], v[3], v[4], rss / 1e6, rss / n, marg, lb, wx, mx }'
    prev="$n $wall $rss"
  done
}
run mlp bench/scenarios/scale-mlp.json 100 1000
run logreg bench/scenarios/scale-logreg.json 100 1000 10000
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wall_s: the simulation's wall time; shares as in bench/engine.sh; peak_MB: peak resident memory"
echo "(dataset included); B/node: peak / nodes; marg_B/node: memory added per node over the previous"
echo "size; learner_B: one node's parameters and optimizer state; wall_x, mem_x: growth over the"
echo "previous size (10x nodes: linear is 10)."
