#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang into build-fuzz, with AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs each for SECONDS (default 30) on its checked-in seed corpus.
# Fails on any finding (crash, sanitizer report, unexpected exception); the input that caused it
# is left in build-fuzz/fuzz/ as crash-*. New inputs go to build-fuzz/fuzz/corpus, not to fuzz/corpus.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
# The other dependencies are scripts/setup.sh's; this adds clang and its fuzzer runtime.
scripts/install-packages.sh clang libclang-rt-14-dev

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DDLSIM_FUZZ=ON >/dev/null
cmake --build build-fuzz --parallel --target fuzz_decoders fuzz_scenario

status=0
for target in decoders scenario; do
  log=build-fuzz/fuzz/fuzz_$target.log
  mkdir -p "build-fuzz/fuzz/corpus/$target"
  echo "fuzz: $target for ${seconds}s"
  if ! (cd build-fuzz/fuzz && ./fuzz_$target -max_total_time="$seconds" -timeout=10 \
          -rss_limit_mb=2048 -print_final_stats=1 "corpus/$target" "../../fuzz/corpus/$target" \
          2>"fuzz_$target.log"); then
    echo "fuzz: $target FOUND A PROBLEM ($log):"
    tail -40 "$log"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec" "$log" || true
done
exit $status
