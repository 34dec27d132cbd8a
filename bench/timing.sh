# Sourced by the bench scripts: reading timing.json.
# field FILE KEY: a number from timing.json (flat or one level deep, "a.b")
field() {
  local key=${2##*.} file=$1
  grep -o "\"$key\": [0-9.e+-]*" "$file" | head -1 | awk '{print $2}'
}

# shares FILE: "train protocol eval other" as % of the run's work, then the same three without
# evaluation, then the utilization of the threads. Work is the jobs' thread time by kind (local
# SGD; the protocol's merging, coding and aggregation; evaluation) plus "other", the simulation
# thread's time outside waiting for jobs (SimGrid, message building, bookkeeping). On one thread
# work is the wall time. Utilization: work / (threads x simulation wall time).
shares() {
  local f=$1
  awk -v s="$(field "$f" simulate_s)" -v c="$(field "$f" compute_s)" -v tr="$(field "$f" train)" \
      -v p="$(field "$f" protocol)" -v e="$(field "$f" eval)" -v t="$(field "$f" threads)" 'BEGIN {
    o = s - c; work = tr + p + e + o; if (work <= 0) work = 1
    rest = work - e; if (rest <= 0) rest = 1
    printf "%.1f %.1f %.1f %.1f %.1f %.1f %.1f %.0f\n", 100 * tr / work, 100 * p / work,
      100 * e / work, 100 * o / work, 100 * tr / rest, 100 * p / rest, 100 * o / rest,
      100 * work / (t * s) }'
}

# per_node_round FILE: "train protocol eval other" as microseconds of work per node-round (the
# same four parts as shares).
per_node_round() {
  local f=$1
  awk -v s="$(field "$f" simulate_s)" -v c="$(field "$f" compute_s)" -v tr="$(field "$f" train)" \
      -v p="$(field "$f" protocol)" -v e="$(field "$f" eval)" \
      -v nrs="$(field "$f" node_rounds_per_s)" 'BEGIN {
    n = nrs * s; if (n <= 0) n = 1
    printf "%.0f %.0f %.0f %.0f\n", 1e6 * tr / n, 1e6 * p / n, 1e6 * e / n, 1e6 * (s - c) / n }'
}
