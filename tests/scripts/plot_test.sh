#!/usr/bin/env bash
# scripts/plot.py renders a run's accuracy as PNG and PDF.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$DLSIM" run "$work/tiny.json" --quiet --out "$work/run"
"$repo/scripts/plot.py" "$work/run" --out "$work/accuracy"
[ -s "$work/accuracy.png" ] || fail "no PNG"
[ -s "$work/accuracy.pdf" ] || fail "no PDF"
[ "$(head -c 8 "$work/accuracy.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "accuracy.png is not a PNG"
[ "$(head -c 5 "$work/accuracy.pdf")" = "%PDF-" ] || fail "accuracy.pdf is not a PDF"
echo "plot test passed"
