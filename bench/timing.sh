# Sourced by the bench scripts: reading timing.json.
# field FILE KEY: a number from timing.json (flat or one level deep, "a.b")
field() {
  local key=${2##*.} file=$1
  grep -o "\"$key\": [0-9.e+-]*" "$file" | head -1 | awk '{print $2}'
}

# shares FILE: "train protocol eval other" as % of the simulation's wall time, then the same
# three without evaluation (train protocol other, % of the wall time outside evaluation jobs).
# Job CPU time is split by kind in proportion to the wall time spent computing.
shares() {
  local f=$1
  awk -v s="$(field "$f" simulate_s)" -v c="$(field "$f" compute_s)" -v tr="$(field "$f" train)" \
      -v p="$(field "$f" protocol)" -v e="$(field "$f" eval)" 'BEGIN {
    cpu = tr + p + e; if (cpu <= 0) cpu = 1
    wtr = c * tr / cpu; wp = c * p / cpu; we = c * e / cpu; wo = s - c; rest = s - we
    if (rest <= 0) rest = 1
    printf "%.1f %.1f %.1f %.1f %.1f %.1f %.1f\n", 100 * wtr / s, 100 * wp / s, 100 * we / s,
      100 * wo / s, 100 * wtr / rest, 100 * wp / rest, 100 * wo / rest }'
}
