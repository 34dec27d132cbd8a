#!/usr/bin/env bash
# Engine benchmark: wall time, node-rounds per second, where the wall time goes (with and without
# evaluation), and the 2-thread over 1-thread speed-up (with a check that both runs wrote identical
# outputs).
#   bench/engine.sh [SCENARIO.json...]   (default: the 96-node D-PSGD and JWINS runs, and D-PSGD
#                                         training LeNet for 6 rounds)
# Figures are ratios from one run on this machine; nothing here is a timed test.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
dlsim=${DLSIM:-build/dlsim}
[ -x "$dlsim" ] || scripts/setup.sh build
scenarios=("$@")
((${#scenarios[@]})) || scenarios=(scenarios/dpsgd-fmnist-96.json scenarios/jwins-fmnist-96.json
  bench/scenarios/dpsgd-lenet-96.json)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-20s %3s %8s %9s | %6s %6s %6s %6s | %6s %6s %6s | %5s %5s %5s %5s | %5s %7s %s\n' \
  scenario thr wall_s node_rnd/s train% proto% eval% other% train% proto% other% tr_us pr_us \
  ev_us ot_us util% speedup identical
for s in "${scenarios[@]}"; do
  name=$(basename "$s" .json)
  for t in 1 2; do
    "$dlsim" run "$s" --threads "$t" --quiet --out "$out/$name-$t"
  done
  t1=$(field "$out/$name-1/timing.json" simulate_s)
  for t in 1 2; do
    f="$out/$name-$t/timing.json"
    identical=yes
    for csv in rounds.csv nodes.csv summary.json; do
      cmp -s "$out/$name-1/$csv" "$out/$name-$t/$csv" || identical=no
    done
    read -r tr p e o tr_ne p_ne o_ne u < <(shares "$f")
    read -r tr_us p_us e_us o_us < <(per_node_round "$f")
    awk -v n="$name" -v t="$t" -v w="$(field "$f" wall_s)" -v s="$(field "$f" simulate_s)" \
        -v nrs="$(field "$f" node_rounds_per_s)" -v t1="$t1" -v id="$identical" \
        -v sh="$tr $p $e $o $tr_ne $p_ne $o_ne $u $tr_us $p_us $e_us $o_us" 'BEGIN {
      split(sh, v, " ")
      printf "%-20s %3d %8.2f %9.0f | %5.1f%% %5.1f%% %5.1f%% %5.1f%% | %5.1f%% %5.1f%% %5.1f%% | %5d %5d %5d %5d | %4d%% %7.2f %s\n",
        n, t, w, nrs, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[9], v[10], v[11], v[12], v[8],
        t1 / s, id }'
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first four shares: of the run's work, that is the compute jobs' thread time by kind (train:"
echo "local SGD; proto: the protocol's merging, coding, aggregation; eval: evaluation) and the"
echo "simulation thread's own time outside compute (other: SimGrid, message building, bookkeeping);"
echo "on 1 thread, shares of the wall time. Next three: the same without evaluation. *_us: the same"
echo "four as microseconds of work per node-round. util: work / (threads x wall). speedup: 1-thread"
echo "over this run's simulation wall time."
