#!/usr/bin/env bash
# Runs a scenario over a grid of parameters and seeds with GNU parallel (on this machine, or on
# several over ssh) or as a Slurm job array, then combines the runs' rounds.csv into one CSV.
#   scripts/sweep.sh SCENARIO.json KEY=V1,V2... [KEY=V1,V2...]... [--seeds N] [--jobs J]
#                    [--threads T] [--out DIR] [--sshloginfile FILE | --slurm]
# KEY is any `dlsim run --set` key; values are split at the commas outside JSON brackets
# (model.hidden=[64,32],[128] has two values). Seeds are 1..N (default 1).
# Layout: DIR/points.tsv (one row per run), DIR/runs/KEY=VALUE_..._seed=S/ (dlsim's outputs),
# DIR/sweep.csv (every run's rounds.csv rows, led by the swept values and the seed), DIR/joblog
# (GNU parallel) or DIR/slurm/ (the array's script and task logs).
# Rerunning the same command skips the finished runs (those with a summary.json) and runs the
# others again: failed, killed, or never started.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dlsim=$(realpath "${DLSIM:-$here/../build/dlsim}")

usage() {
  sed -n '4,5p' "$0" | sed 's/^# *//' >&2
  exit 2
}
die() {
  echo "sweep: $*" >&2
  exit 2
}

scenario='' out='' seeds=1 jobs='' threads=1 sshloginfile='' slurm=false axes=()
while (($#)); do
  case $1 in
    --seeds | --jobs | --threads | --out | --sshloginfile)
      (($# >= 2)) || die "$1 needs a value"
      case $1 in
        --seeds) seeds=$2 ;;
        --jobs) jobs=$2 ;;
        --threads) threads=$2 ;;
        --out) out=$2 ;;
        --sshloginfile) sshloginfile=$(realpath "$2") ;;
      esac
      shift 2
      ;;
    --slurm) slurm=true && shift ;;
    -h | --help) usage ;;
    -*) die "unknown option $1" ;;
    *)
      if [ -z "$scenario" ]; then scenario=$1; else axes+=("$1"); fi
      shift
      ;;
  esac
done
[ -n "$scenario" ] || usage
[ -f "$scenario" ] || die "no scenario file $scenario"
[[ $seeds =~ ^[1-9][0-9]*$ ]] || die "--seeds: got \"$seeds\", expected a positive integer"
[[ -z $jobs || $jobs =~ ^[1-9][0-9]*$ ]] || die "--jobs: got \"$jobs\", expected a positive integer"
[[ $threads =~ ^[1-9][0-9]*$ ]] || die "--threads: got \"$threads\", expected a positive integer"
[[ $slurm == false || -z $sshloginfile ]] || die "--slurm and --sshloginfile exclude each other"
if $slurm; then
  command -v sbatch >/dev/null || die "--slurm: no sbatch here (install slurm-client, or run on a login node)"
else
  command -v parallel >/dev/null || die "no GNU parallel here (apt-get install parallel)"
fi
[ -x "$dlsim" ] || die "no dlsim binary at $dlsim (build it with scripts/setup.sh, or set DLSIM)"
scenario=$(realpath "$scenario")
name=$(basename "$scenario" .json)
out=${out:-results/sweep-$name}
mkdir -p "$out"
out=$(realpath "$out")

python3 "$here/sweep-grid.py" expand "$out" "$seeds" "${axes[@]}"
count=$(($(wc -l <"$out/points.tsv") - 1))
point=("$here/sweep-point.sh" "$dlsim" "$scenario" "$out" "$threads")

# The rows of points.tsv (from 0) whose run has not finished.
unfinished() {
  local i=0 run
  while IFS=$'\t' read -r run _; do
    [ -f "$out/runs/$run/summary.json" ] || echo "$i"
    i=$((i + 1))
  done < <(tail -n +2 "$out/points.tsv")
}
mapfile -t pending < <(unfinished)

# Catch a bad key or value before anything is queued: validate each grid point (first seed).
for i in "${pending[@]}"; do
  [ "$(sed -n "$((i + 2))p" "$out/points.tsv" | awk -F'\t' '{print $NF}')" = 1 ] || continue
  if ! "${point[@]}" "$i" --validate; then
    [ -d "$out/runs" ] || rm "$out/points.tsv" # nothing ran: the corrected grid may use DIR
    exit 2
  fi
done

echo "sweep: $count runs, ${#pending[@]} to run -> $out" >&2
if ((${#pending[@]})); then
  if $slurm; then
    mkdir -p "$out/slurm"
    {
      echo '#!/usr/bin/env bash'
      echo "exec $(printf '%q ' "${point[@]}")\"\$SLURM_ARRAY_TASK_ID\""
    } >"$out/slurm/task.sh"
    chmod +x "$out/slurm/task.sh"
    list=$(IFS=, && echo "${pending[*]}")
    job=$(sbatch --parsable --array="$list${jobs:+%$jobs}" --cpus-per-task="$threads" \
      --job-name="dlsim-$name" --output="$out/slurm/%A_%a.out" "$out/slurm/task.sh")
    job=${job%%;*}
    echo "sweep: Slurm job array $job" >&2
    # Wait until no task is left (sbatch --wait would, but polls ever more slowly); a finished job
    # is either listed with no task or already forgotten (invalid id). Other errors: keep waiting.
    while true; do
      if states=$(squeue -h -j "$job" -o %T 2>&1); then
        [ -z "$states" ] && break
      elif [[ $states == *"Invalid job id"* ]]; then
        break
      fi
      sleep 2
    done
  else
    # GNU parallel resumes by job number: forget the successes whose run has no summary.json
    # (deleted since), so that --resume-failed runs them again with the failed and unstarted ones.
    if [ -f "$out/joblog" ]; then
      awk -F'\t' -v pending=" ${pending[*]} " \
        'NR == 1 || $7 != 0 || $8 != 0 || !index(pending, " " ($1 - 1) " ")' \
        "$out/joblog" >"$out/.joblog.partial"
      mv "$out/.joblog.partial" "$out/joblog"
    fi
    parallel -q --joblog "$out/joblog" --resume-failed ${jobs:+--jobs "$jobs"} \
      ${sshloginfile:+--sshloginfile "$sshloginfile"} "${point[@]}" ::: $(seq 0 $((count - 1))) ||
      true
  fi
fi

python3 "$here/sweep-grid.py" combine "$out"
mapfile -t failed < <(unfinished)
echo "sweep: $((count - ${#failed[@]}))/$count runs finished -> $out/sweep.csv" >&2
if ((${#failed[@]})); then
  echo "sweep: unfinished (rerun the same command to retry them):" >&2
  for i in "${failed[@]}"; do sed -n "$((i + 2))s/\t.*//p" "$out/points.tsv" >&2; done
  exit 1
fi
