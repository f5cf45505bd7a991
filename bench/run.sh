#!/usr/bin/env bash
# form4 benchmarks (a benchmark, not a test): `make bench`.
#
# 1. In one process, poppler's text extraction alone (glyphs, boxes, fonts, colours) against the
#    full `form4 extract` pipeline, alternating the two, median of several rounds; their ratio.
# 2. A single-file `form4 extract` run end to end, as `make` would call it per PDF.
#
# Usage: bench/run.sh [FORM4_BINARY] [SAMPLES_DIR]
set -euo pipefail
form4=${1:-.build/release/form4}
samples=${2:-Samples}
runs=${RUNS:-7}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo "== in-process: poppler text extraction vs full pipeline ($samples/rendered, median of $runs)"
"$form4" bench "$samples/rendered" --runs "$runs"

one="$samples/edgar-real/form4-chromium-letter.pdf"
echo "== single file end to end: form4 extract $one"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 3 --runs 30 --style basic "$form4 extract $one -o /dev/null"
else
  start=$(date +%s%N)
  for _ in $(seq 20); do "$form4" extract "$one" -o /dev/null; done
  echo "mean $(( ($(date +%s%N) - start) / 20000000 )) ms over 20 runs (install hyperfine for spread)"
fi
