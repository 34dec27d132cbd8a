#!/usr/bin/env bash
# The dAD table of the README: dsgd, dad, rank-dad at ranks 2, 8 and 16 (= the batch: lossless),
# and powersgd (rank 2) on scenarios/dad-fmnist.json (8 sites, MLP [512, 512], batch 16 per site,
# all-reduce), then the bytes per round of each and the effective rank over training (site 0 of
# the rank-16 run, tol 0.01).
#   scripts/results/dad.sh   (runs go to results/dad/fmnist/PROTOCOL)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=results/dad
rank() { # rank R TOL: the --set value of a rank-dad run of rank R that traces its effective rank
  printf '{"kind":"rank-dad","rank":%s,"tol":%s,"trace":"%s/rank-%s.csv"}' "$1" "$2" "$out" "$1"
}
cols=("dsgd=protocol.kind=dsgd" "dad=protocol.kind=dad" "rank-dad-2=protocol=$(rank 2 0.001)"
      "rank-dad-8=protocol=$(rank 8 0.001)" "rank-dad-16=protocol=$(rank 16 0.01)" "powersgd-2=protocol={\"kind\":\"powersgd\",\"rank\":2}")
scripts/results/grid.sh scenarios/dad-fmnist.json "$out" --rows "fmnist=seed=1" --cols "${cols[@]}"
printf '| MB per round |'
for col in "${cols[@]}"; do
  awk -F, 'END {printf " %.2f |", $3 / 1e6}' "$out/fmnist/${col%%=*}/rounds.csv"
done
printf '\n\nEffective rank of rank-dad-16 (site 0), mean over the rounds of each span, per dense layer:\n'
awk -F, 'NR > 1 {span = int(($1 - 1) / 50); s[span "," $2] += $3; n[span "," $2]++; layers[$2]; spans[span]}
  END {printf "| rounds |"; for (l = 0; l in layers; ++l) printf " layer %s |", l; printf "\n|---|"
       for (l = 0; l in layers; ++l) printf "---:|"; printf "\n"
       for (sp = 0; (sp "," 0) in n; ++sp) {
         printf "| %d-%d |", sp * 50 + 1, sp * 50 + 50
         for (l = 0; (sp "," l) in n; ++l) printf " %.2f |", s[sp "," l] / n[sp "," l]
         printf "\n"}}' "$out/rank-16.csv"
