#!/usr/bin/env bash
# Runs one point of a sweep: row INDEX (from 0) of OUT/points.tsv, into OUT/runs/RUN.
# The task that scripts/sweep.sh gives GNU parallel (locally or over ssh) and each Slurm array task;
# with --validate it only checks the point's scenario.
#   scripts/sweep-point.sh DLSIM SCENARIO OUT THREADS INDEX [--validate]
set -euo pipefail
dlsim=$1 scenario=$2 out=$3 threads=$4 index=$5 validate=${6:-}
mapfile -t lines <"$out/points.tsv"
IFS=$'\t' read -r -a keys <<<"${lines[0]}"
IFS=$'\t' read -r -a values <<<"${lines[index + 1]}"
run=$out/runs/${values[0]}
sets=()
for ((i = 1; i < ${#keys[@]}; i++)); do sets+=(--set "${keys[i]}=${values[i]}"); done
if [ "$validate" = --validate ]; then
  "$dlsim" validate "$scenario" "${sets[@]}" >/dev/null
  exit
fi
# Finished already (a point counts as finished when dlsim has written its summary.json, last).
[ -f "$run/summary.json" ] && exit 0
exec "$dlsim" run "$scenario" "${sets[@]}" --threads "$threads" --out "$run"
