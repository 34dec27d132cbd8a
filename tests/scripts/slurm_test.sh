#!/usr/bin/env bash
# scripts/sweep.sh --slurm for real, on a single-node Slurm cluster started on localhost:
# the combined CSV, a killed task retried, a rerun a no-op. Skipped (77) when not root.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
[ "$(id -u)" -eq 0 ] || { echo "skipped: starting slurmd needs root"; exit 77; }
"$repo/scripts/slurm-local.sh" start "$work/slurm"
cleanups+=("'$repo/scripts/slurm-local.sh' stop '$work/slurm'")
export SLURM_CONF=$work/slurm/slurm.conf
out=$work/sweep
task_logs() { find "$out/slurm" -name '*_*.out' | wc -l; }

# First pass: one task is killed; the sweep says so and fails, the others are combined.
touch "$work/kill-once"
DLSIM=$work/dlsim-killed-once timeout 60 "$repo/scripts/sweep.sh" "${sweep_args[@]}" --slurm \
  --out "$out" && fail "a sweep with a killed task succeeded"
[ "$(task_logs)" -eq 8 ] || fail "not 8 array tasks"
[ "$(tail -n +2 "$out/sweep.csv" | wc -l)" -eq $((7 * 5)) ] || fail "sweep.csv: not 7 runs"
grep -q "kill-once" "$out/slurm/task.sh" && fail "task.sh is not the point runner"

# Rerun: an array of the one killed point.
DLSIM=$work/dlsim-killed-once timeout 60 "$repo/scripts/sweep.sh" "${sweep_args[@]}" --slurm \
  --out "$out"
[ "$(task_logs)" -eq 9 ] || fail "the rerun did not submit exactly one task"
find "$out/slurm" -name '*_7.out' | wc -l | grep -qx 2 || fail "the rerun's task is not point 7"
check_sweep "$out"

# Rerun of a finished sweep: nothing is submitted.
timeout 60 "$repo/scripts/sweep.sh" "${sweep_args[@]}" --slurm --out "$out"
[ "$(task_logs)" -eq 9 ] || fail "a rerun of a finished sweep submitted tasks"
check_sweep "$out"
echo "slurm test passed"
