# shellcheck shell=bash disable=SC2034
# Shared by the script tests: sourced with the dlsim binary as $1.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export DLSIM=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/dlsim-scripts-XXXXXX")
cleanups=("rm -rf '$work'")
# Runs every cleanup, latest first, when the test ends however it ends.
cleanup() {
  for ((i = ${#cleanups[@]} - 1; i >= 0; i--)); do eval "${cleanups[i]}" || true; done
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# A small synthetic scenario: 8 nodes, 4 rounds, evaluated at rounds 0, 2 and 4 (well under a second).
cat >"$work/tiny.json" <<'JSON'
{
  "name": "tiny", "nodes": 8, "rounds": 4,
  "topology": {"kind": "regular", "degree": 2},
  "data": {"dataset": {"kind": "synthetic", "classes": 4, "features": 8, "train_samples": 400,
                       "test_samples": 200}},
  "model": {"kind": "mlp", "hidden": [8]},
  "eval": {"every": 2, "test_samples": null}
}
JSON

# Checks a finished 2 x 2 x 2 sweep of tiny.json over training.lr=0.05,0.1 and protocol=dpsgd,ps.
check_sweep() {
  local out=$1 csv=$1/sweep.csv
  [ "$(head -n 1 "$csv" | cut -d, -f1-5)" = "training.lr,protocol,seed,round,sim_time_s" ] ||
    fail "$csv: header $(head -n 1 "$csv")"
  [ "$(tail -n +2 "$csv" | wc -l)" -eq $((8 * 5)) ] || fail "$csv: not 8 runs x 5 rounds"
  [ "$(tail -n +2 "$csv" | cut -d, -f1-3 | sort | uniq -c | awk '$1 == 5' | wc -l)" -eq 8 ] ||
    fail "$csv: not 5 rows for each of 8 runs"
  [ "$(tail -n +2 "$csv" | cut -d, -f1-3 | sort -u | tr '\n' ' ')" = \
    "0.05,dpsgd,1 0.05,dpsgd,2 0.05,ps,1 0.05,ps,2 0.1,dpsgd,1 0.1,dpsgd,2 0.1,ps,1 0.1,ps,2 " ] ||
    fail "$csv: wrong swept values"
  local lr protocol seed run
  for lr in 0.05 0.1; do
    for protocol in dpsgd ps; do
      for seed in 1 2; do
        run=$out/runs/training.lr=${lr}_protocol=${protocol}_seed=$seed
        [ -f "$run/summary.json" ] || fail "$run: no summary.json"
        # The run really used the swept values, and its rows are copied unchanged.
        grep -q "\"lr\": $lr" "$run/scenario.resolved.json" || fail "$run: lr is not $lr"
        grep -q "\"seed\": $seed" "$run/scenario.resolved.json" || fail "$run: seed is not $seed"
        [ "$(grep "^$lr,$protocol,$seed," "$csv" | cut -d, -f4-)" = "$(tail -n +2 "$run/rounds.csv")" ] ||
          fail "$csv: rows of $run differ from its rounds.csv"
      done
    done
  done
  cmp -s <(grep '^0.1,ps,1,' "$csv" | cut -d, -f4-) <(grep '^0.1,dpsgd,1,' "$csv" | cut -d, -f4-) &&
    fail "$csv: ps and dpsgd runs are identical"
  return 0
}

# A dlsim that SIGKILLs itself, once, when asked to run the point lr=0.1, ps, seed 2: a killed run.
cat >"$work/dlsim-killed-once" <<SCRIPT
#!/usr/bin/env bash
if [[ "\$*" == *"/training.lr=0.1_protocol=ps_seed=2"* && -f "$work/kill-once" ]]; then
  rm "$work/kill-once"
  kill -9 \$\$
fi
exec "$DLSIM" "\$@"
SCRIPT
chmod +x "$work/dlsim-killed-once"

sweep_args=("$work/tiny.json" "training.lr=0.05,0.1" "protocol=dpsgd,ps" --seeds 2)
