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
        "50%=byzantine.count=6")

echo "Blind inverters (each sends the negation of its honest vector: -update, or its inverted signs):"
"$grid" "$scenario" results/signsgd/blind --rows "${counts[@]}" --cols "${methods[@]}"

echo
echo "Omniscient Byzantine workers (negative-sum against the mean, colluding-vote against the vote):"
"$grid" "$scenario" results/signsgd/byzantine --rows "${counts[@]:1}" \
  --cols "distributed SGD=$dsgd;byzantine.attack=negative-sum" \
         "signSGD=protocol.beta=0;byzantine.attack=colluding-vote" \
         "Signum=protocol.beta=0.9;byzantine.attack=colluding-vote"

echo
printf '| bytes per round (no attack) |'
for method in "${methods[@]}"; do
  run=results/signsgd/blind/0%/${method%%=*}
  rounds=$(awk -F, 'NR > 1 {r = $1} END {print r}' "$run/rounds.csv")
  printf ' %d |' "$(awk -v b="$(total_bytes "$run")" -v r="$rounds" 'BEGIN {printf "%d", b / r}')"
done
printf '\n'
