#!/usr/bin/env bash
# scripts/sweep.sh through GNU parallel: the combined CSV, a killed point retried, a rerun a no-op.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
out=$work/sweep
joblog_lines() { wc -l <"$out/joblog"; }

# First pass: one run is killed; the sweep says so and fails, the others are combined.
touch "$work/kill-once"
DLSIM=$work/dlsim-killed-once "$repo/scripts/sweep.sh" "${sweep_args[@]}" --jobs 2 --out "$out" &&
  fail "a sweep with a killed run succeeded"
[ "$(joblog_lines)" -eq 9 ] || fail "joblog: not 8 jobs"
[ "$(awk -F'\t' 'NR > 1 && $8 == 9' "$out/joblog" | wc -l)" -eq 1 ] || fail "joblog: no killed job"
[ "$(tail -n +2 "$out/sweep.csv" | wc -l)" -eq $((7 * 5)) ] || fail "sweep.csv: not 7 runs"

# Rerun: only the killed point runs.
DLSIM=$work/dlsim-killed-once "$repo/scripts/sweep.sh" "${sweep_args[@]}" --jobs 2 --out "$out"
[ "$(joblog_lines)" -eq 10 ] || fail "joblog: the rerun did not run exactly one job"
tail -n 1 "$out/joblog" | grep -q ' 7$' || fail "joblog: the rerun ran another point than row 7"
check_sweep "$out"

# Rerun of a finished sweep: nothing runs, nothing changes.
cp "$out/sweep.csv" "$work/before.csv"
touch "$work/stamp"
"$repo/scripts/sweep.sh" "${sweep_args[@]}" --out "$out"
[ "$(joblog_lines)" -eq 10 ] || fail "joblog: a rerun of a finished sweep ran jobs"
[ -z "$(find "$out/runs" -newer "$work/stamp" -type f)" ] || fail "a finished run was rewritten"
cmp "$out/sweep.csv" "$work/before.csv" || fail "sweep.csv changed"

# A run whose summary.json is gone counts as unfinished and runs again.
rm "$out/runs/training.lr=0.05_protocol=dpsgd_seed=1/summary.json"
"$repo/scripts/sweep.sh" "${sweep_args[@]}" --out "$out"
# Its old success is dropped from the joblog, its new run added: one line for point 0 still.
[ "$(joblog_lines)" -eq 10 ] || fail "joblog: not one more job"
[ "$(awk -F'\t' '$1 == 1' "$out/joblog" | wc -l)" -eq 1 ] || fail "joblog: point 0 not once"
tail -n 1 "$out/joblog" | grep -q ' 0$' || fail "joblog: the unfinished run did not run again"
check_sweep "$out"
cmp "$out/sweep.csv" "$work/before.csv" || fail "sweep.csv differs after running a point again"

# A different grid in the same folder is refused.
"$repo/scripts/sweep.sh" "$work/tiny.json" training.lr=0.2 --out "$out" 2>"$work/err" &&
  fail "another sweep in the same folder was accepted"
grep -q "holds another sweep" "$work/err" || fail "unclear error: $(cat "$work/err")"
echo "sweep test passed"
