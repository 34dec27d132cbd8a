#!/usr/bin/env bash
# Runs a scenario over a grid of rows x columns and prints a markdown table of the honest nodes'
# final test accuracy, then a row of bytes sent and a row of simulated time for the first row.
# Each row or column is LABEL=KEY=VALUE[;KEY=VALUE...]: the --set overrides of that line.
# With --time-to T, a second table gives the simulated seconds each run took to reach mean
# accuracy T (one of the scenario's eval.targets; "-": never).
#   scripts/results/grid.sh SCENARIO OUT_DIR [--time-to T] --rows SPEC... --cols SPEC...
# Runs go to OUT_DIR/ROW/COL; a finished run (with its summary.json) is not run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/results/summary_fields.sh
dlsim=${DLSIM:-build/dlsim}
[ -x "$dlsim" ] || scripts/setup.sh build
scenario=$1 out=$2
shift 2
rows=() cols=() target= time_to_target=
while (($#)); do
  case $1 in
    --rows) target=rows ;;
    --cols) target=cols ;;
    --time-to) time_to_target=$2 && shift ;;
    *) if [ "$target" = rows ]; then rows+=("$1"); else cols+=("$1"); fi ;;
  esac
  shift
done
sets() { # sets SPEC: the --set arguments of a spec
  local IFS=';'
  for assignment in ${1#*=}; do printf -- '--set\n%s\n' "$assignment"; done
}
for row in "${rows[@]}"; do
  for col in "${cols[@]}"; do
    dir=$out/${row%%=*}/${col%%=*}
    [ -f "$dir/summary.json" ] && continue
    mapfile -t args < <(sets "$row"; sets "$col")
    "$dlsim" run "$scenario" --quiet --out "$dir" "${args[@]}"
  done
done
table() {  # table CELL: one row per grid row, one column per grid column, CELL DIR prints a cell
  printf '| |'
  for col in "${cols[@]}"; do printf ' %s |' "${col%%=*}"; done
  printf '\n|---|'
  for col in "${cols[@]}"; do printf -- '---:|'; done
  printf '\n'
  for row in "${rows[@]}"; do
    printf '| %s |' "${row%%=*}"
    for col in "${cols[@]}"; do printf ' %s |' "$("$1" "$out/${row%%=*}/${col%%=*}")"; done
    printf '\n'
  done
}
accuracy_cell() { printf '%.3f' "$(final_accuracy "$1")"; }
time_cell() {
  local t
  t=$(time_to "$1" "$time_to_target" sim_time_s)
  if [ "$t" = - ]; then printf -- -; else printf '%.0f' "$t"; fi
}
table accuracy_cell
first=${rows[0]%%=*}
printf '| GB sent (%s) |' "$first"
for col in "${cols[@]}"; do
  printf ' %.2f |' "$(awk -v b="$(total_bytes "$out/$first/${col%%=*}")" 'BEGIN {print b / 1e9}')"
done
printf '\n| simulated s (%s) |' "$first"
for col in "${cols[@]}"; do printf ' %.1f |' "$(total_time "$out/$first/${col%%=*}")"; done
printf '\n'
if [ -n "$time_to_target" ]; then
  printf '\nSimulated seconds to %s mean test accuracy:\n\n' "$time_to_target"
  table time_cell
fi
