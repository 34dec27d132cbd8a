#!/usr/bin/env bash
# The signSGD table of the README: distributed SGD (ps with the mean), signSGD and Signum on
# scenarios/signsgd-fmnist.json (12 workers) with 0 to 50% blind inverters, then with 17 to 50%
# omniscient Byzantine workers (each method's strongest attack of the papers), and each method's
# bytes per round.
#   scripts/results/signsgd.sh   (runs go to results/signsgd/{blind,byzantine}/ROW/COLUMN)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/results/summary_fields.sh
grid=scripts/results/grid.sh
scenario=scenarios/signsgd-fmnist.json
dsgd='protocol={"kind":"ps","aggregator":"mean"};training.lr=0.05;training.momentum=0.9'
methods=("distributed SGD=$dsgd" "signSGD=protocol.beta=0" "Signum=protocol.beta=0.9")
counts=("0%=byzantine.count=0" "17%=byzantine.count=2" "33%=byzantine.count=4"
        "42%=byzantine.count=5" "50%=byzantine.count=6")

echo "Blind inverters (each sends the negation of its honest vector: -update, or its inverted signs):"
"$grid" "$scenario" results/signsgd/blind --rows "${counts[@]}" --cols "${methods[@]}"

echo
echo "Omniscient Byzantine workers (negative-sum against the mean, colluding-vote against the vote):"
"$grid" "$scenario" results/signsgd/byzantine --rows "${counts[@]:1}" \
  --cols "distributed SGD=$dsgd;byzantine.attack=negative-sum" \
         "signSGD=protocol.beta=0;byzantine.attack=colluding-vote" \
         "Signum=protocol.beta=0.9;byzantine.attack=colluding-vote"

echo
echo "The colluding voters always voting against the honest majority (colluding-vote, mode against):"
against='byzantine.attack={"kind":"colluding-vote","mode":"against"}'
"$grid" "$scenario" results/signsgd/against --rows "${counts[@]:1}" \
  --cols "signSGD=protocol.beta=0;$against" "Signum=protocol.beta=0.9;$against"

echo
# Ties broken by a coin: the server's vote travels in 1 bit per coordinate instead of 2.
random_ties=results/signsgd/ties-random
[ -f "$random_ties/summary.json" ] ||
  build/dlsim run "$scenario" --quiet --out "$random_ties" --set protocol.ties=random
per_round() { # per_round RUN: total bytes / rounds
  local rounds
  rounds=$(awk -F, 'NR > 1 {r = $1} END {print r}' "$1/rounds.csv")
  awk -v b="$(total_bytes "$1")" -v r="$rounds" 'BEGIN {printf "%d", b / r}'
}
printf '| bytes per round (no attack) |'
for method in "${methods[@]}"; do printf ' %d |' "$(per_round "results/signsgd/blind/0%/${method%%=*}")"; done
printf '\n\nsignSGD with ties random: %d bytes per round, accuracy %.3f\n' \
  "$(per_round "$random_ties")" "$(final_accuracy "$random_ties")"
