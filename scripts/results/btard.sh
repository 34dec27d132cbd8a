#!/usr/bin/env bash
# The BTARD table of the README: each attack against the plain all-reduce (mean), the all-reduce
# with CenteredClip but no checks, and BTARD, on scenarios/btard-fmnist-16.json (16 peers, 7
# Byzantine from step 20); then, for BTARD, the step by which every Byzantine peer was banned,
# and the bytes and simulated time of each column without attack.
#   scripts/results/btard.sh   (runs go to results/btard/ATTACK/PROTOCOL)
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-packages.sh jq  # reads the ban records of summary.json
out=results/btard
rows=("none=byzantine.count=0"
      "sign-flip-x1000=byzantine.attack={\"kind\":\"sign-flip\",\"scale\":1000}"
      "random-direction=byzantine.attack=random-direction"
      "label-flip=byzantine.attack=label-flip"
      "delayed=byzantine.attack={\"kind\":\"delayed\",\"delay\":50}"
      "ipm=byzantine.attack=ipm"
      "alie=byzantine.attack=alie")
cols=("all-reduce=protocol.verify=false;protocol.aggregator=mean"
      "centered-clip=protocol.verify=false"
      "btard=protocol.verify=true")
nice scripts/results/grid.sh scenarios/btard-fmnist-16.json "$out" --rows "${rows[@]}" \
  --cols "${cols[@]}"
echo
echo "| attack | BTARD: step all 7 banned | bans (gradient / aggregate / other) | honest banned |"
echo "|---|---:|---:|---:|"
for row in "${rows[@]:1}"; do
  name=${row%%=*}
  jq -r --arg name "$name" '.protocol as $p | "| \($name) | \($p.all_byzantine_banned_round //
    "not all") | \([$p.bans[] | select(.reason == "gradient")] | length) / \([$p.bans[] |
    select(.reason == "aggregate")] | length) / \([$p.bans[] | select(.reason != "gradient" and
    .reason != "aggregate")] | length) | \($p.honest_banned) |"' "$out/$name/btard/summary.json"
done
echo
base=$out/none/all-reduce/summary.json
for col in centered-clip btard; do
  jq -r --arg col "$col" --slurpfile base "$base" '"| \($col) over all-reduce | bytes x\(.totals.bytes
    / $base[0].totals.bytes * 100 | round / 100) | simulated time x\(.totals.sim_time_s /
    $base[0].totals.sim_time_s * 100 | round / 100) |"' "$out/none/$col/summary.json"
done
echo
echo "| BTARD, attacks every 10th step | final accuracy | Byzantine banned (steps) | honest banned |"
echo "|---|---:|---:|---:|"
for attack in 'sign-flip-x1000={"kind":"sign-flip","scale":1000}' 'alie="alie"'; do
  name=${attack%%=*} dir=results/btard-every10/${attack%%=*}
  [ -f "$dir/summary.json" ] || nice "${DLSIM:-build/dlsim}" run scenarios/btard-fmnist-16.json \
    --quiet --out "$dir" --set byzantine.every=10 --set "byzantine.attack=${attack#*=}"
  jq -r --arg name "$name" '"| \($name) | \(.final.test_accuracy * 1000 | round / 1000) |
    \(.protocol.byzantine_banned) of 7 (\([.protocol.bans[].round] | map(tostring) | join(", ")))
    | \(.protocol.honest_banned) |"' "$dir/summary.json" | tr -d '\n' | tr -s ' '
  echo
done
