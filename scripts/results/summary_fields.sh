# Sourced by the results scripts: reads figures from a run's summary.json without extra tools.
# final_accuracy DIR / total_bytes DIR / total_time DIR
final_accuracy() { awk '/"final": \{/ {f=1} f && /"test_accuracy":/ {gsub(/[",]/, ""); print $2; exit}' "$1/summary.json"; }
total_field() { awk -v key="\"$2\":" '/"totals": \{/ {t=1} t && $1 == key {gsub(/,/, ""); print $2; exit}' "$1/summary.json"; }
total_bytes() { total_field "$1" bytes; }
total_time() { total_field "$1" sim_time_s; }
# time_to DIR TARGET FIELD: the first evaluation's FIELD (round, sim_time_s or bytes) at which the
# honest mean accuracy reached TARGET (one of the scenario's eval.targets); "-" if it never did.
time_to() {
  awk -v target="$2" -v key="\"$3\":" '
    /"time_to_accuracy": \[/ {t=1}
    t && $1 == key {v=$2; gsub(/,/, "", v)}
    t && $1 == "\"target\":" && $2 + 0 == target + 0 {print (v == "null" ? "-" : v); found=1; exit}
    END {if (!found) print "-"}' "$1/summary.json"
}
