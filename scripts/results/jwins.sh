#!/usr/bin/env bash
# The JWINS results of the README: the five 96-node scenarios (full sharing, JWINS, CHOCO-SGD,
# top-k, random subsampling) on 100 Mbps, JWINS's cut-off at a fixed share, CHOCO's gamma, and
# JWINS against CHOCO-SGD at equal bytes per round on a 10 Mbps network.
#   scripts/results/jwins.sh   (runs go to results/jwins/NAME; finished runs are not run again)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/results/summary_fields.sh
dlsim=${DLSIM:-build/dlsim}
[ -x "$dlsim" ] || scripts/setup.sh build
out=results/jwins
target=${TARGET:-0.8}  # accuracy target (one of the scenarios' eval.targets)
slow_target=${SLOW_TARGET:-0.75}

run() {  # run NAME SCENARIO [--set K=V]...
  local dir=$out/$1 scenario=$2
  shift 2
  [ -f "$dir/summary.json" ] || "$dlsim" run "$scenario" --quiet --out "$dir" "$@"
}
gb() { [ "$1" = - ] && echo - || awk -v b="$1" 'BEGIN {printf "%.2f", b / 1e9}'; }
mb_per_round() { awk -v b="$(total_bytes "$1")" -v r="$2" 'BEGIN {printf "%.1f", b / r / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
seconds() { [ "$1" = - ] && echo - || awk -v s="$1" 'BEGIN {printf "%.1f", s}'; }

# 1. The five protocols, and JWINS with its share fixed at the random list's mean.
for p in dpsgd jwins choco topk random; do run "$p" "scenarios/$p-fmnist-96.json"; done
run jwins-fixed scenarios/jwins-fmnist-96.json --set protocol.alpha=0.343
full=$(total_bytes "$out/dpsgd")
echo "| protocol | final accuracy (min) | GB sent | bytes vs full sharing | round to $target | simulated s to $target | simulated s, 200 rounds |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for p in dpsgd jwins jwins-fixed choco topk random; do
  dir=$out/$p
  min=$(awk '/"test_accuracy_min":/ {gsub(/,/, ""); print $2; exit}' "$dir/summary.json")
  printf '| %s | %.4f (%.3f) | %s | %s | %s | %s | %.1f |\n' "$p" "$(final_accuracy "$dir")" "$min" \
    "$(gb "$(total_bytes "$dir")")" "$(ratio "$(total_bytes "$dir")" "$full")" \
    "$(time_to "$dir" "$target" round)" "$(seconds "$(time_to "$dir" "$target" sim_time_s)")" \
    "$(total_time "$dir")"
done

# 2. CHOCO-SGD's consensus step, at the share the choco scenario uses.
echo
echo "| CHOCO gamma | final accuracy |"
echo "|---:|---:|"
for gamma in 0.1 0.2 0.35 0.5 0.7 0.9 1.0; do
  run "choco-gamma-$gamma" scenarios/choco-fmnist-96.json --set protocol.gamma="$gamma"
  printf '| %s | %.4f |\n' "$gamma" "$(final_accuracy "$out/choco-gamma-$gamma")"
done

# 3. Low budgets on 10 Mbps: JWINS's share list scaled to a mean of BUDGET (with no metadata cap,
# so that no share is promoted to a full one), CHOCO-SGD's top-k at the same share (both send
# indices the same way) with its best gamma for that budget (the first to reach the target, else
# the most accurate), and full sharing for reference.
slow=(--set network.bandwidth=10Mbps --set rounds=300)
run slow-dpsgd scenarios/dpsgd-fmnist-96.json "${slow[@]}"
row() {  # row BUDGET LABEL DIR: a line of the low-budget table
  printf '| %s | %s | %s | %.4f | %s | %s |\n' "$1" "$2" "$(mb_per_round "$3" 300)" \
    "$(final_accuracy "$3")" "$(seconds "$(time_to "$3" "$slow_target" sim_time_s)")" \
    "$(gb "$(time_to "$3" "$slow_target" bytes)")"
}
echo
echo "| budget | protocol | MB per round | final accuracy | simulated s to $slow_target | GB to $slow_target |"
echo "|---:|---|---:|---:|---:|---:|"
row 1 "full sharing" "$out/slow-dpsgd"
for budget in 0.05 0.1 0.2; do
  alphas=$(awk -v b="$budget" 'BEGIN {
    n = split("0.1 0.15 0.2 0.25 0.3 0.4 1.0", a, " ")
    for (i = 1; i <= n; i++) s = s (i > 1 ? "," : "") a[i] * b / 0.343
    print "[" s "]" }')
  run "slow-jwins-$budget" scenarios/jwins-fmnist-96.json "${slow[@]}" --set protocol.alphas="$alphas" \
    --set protocol.metadata_cap=1.0
  best='' best_score=
  for gamma in 0.1 0.3 0.6 1.0; do
    name=slow-choco-$budget-gamma-$gamma
    run "$name" scenarios/choco-fmnist-96.json "${slow[@]}" --set protocol.alpha="$budget" \
      --set protocol.gamma="$gamma"
    # Lower is better: the round the target was reached, else 1000 + the accuracy lost.
    score=$(awk -v r="$(time_to "$out/$name" "$slow_target" round)" \
      -v a="$(final_accuracy "$out/$name")" 'BEGIN {print (r == "-" ? 1000 + (1 - a) : r)}')
    if [ -z "$best_score" ] || awk -v a="$score" -v b="$best_score" 'BEGIN {exit !(a < b)}'; then
      best=$gamma best_score=$score
    fi
  done
  row "$budget" jwins "$out/slow-jwins-$budget"
  row "$budget" "choco (gamma $best)" "$out/slow-choco-$budget-gamma-$best"
done
