#!/usr/bin/env bash
# The Flag Aggregator table of the README: scenarios/flag-fmnist.json (15 workers with noisy
# minibatches, a parameter server) for f = 0, 1, 3 and the attacks below, against the classic
# rules; then the simulated time each run took to reach TARGET mean accuracy.
#   scripts/results/flag.sh   (runs go to results/flag/ROW/RULE; TARGET=0.8 by default, one of the scenario's eval.targets)
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${TARGET:-0.8}
out=results/flag
rows=("f0-none=byzantine.count=0"
      "f1-alie=byzantine.count=1;byzantine.attack=alie"
      "f1-sign-flip=byzantine.count=1;byzantine.attack=sign-flip"
      "f3-alie=byzantine.count=3;byzantine.attack=alie"
      "f3-ipm=byzantine.count=3;byzantine.attack=ipm"
      "f3-sign-flip=byzantine.count=3;byzantine.attack=sign-flip")
cols=("flag=protocol.aggregator={\"kind\":\"flag\",\"norm\":\"median\"}"
      "flag-paper=protocol.aggregator=flag")
for rule in multi-krum bulyan median meamed phocas trimmed-mean mean; do
  cols+=("$rule=protocol.aggregator=$rule")
done
nice scripts/results/grid.sh scenarios/flag-fmnist.json "$out" --time-to "$target" \
  --rows "${rows[@]}" --cols "${cols[@]}"
