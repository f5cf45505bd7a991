#!/usr/bin/env bash
# form4 benchmarks (a benchmark, not a test): `make bench`.
#
# form4 against the tools users would otherwise pick, on the same files and in the same run:
# poppler's own text extraction (the floor: in-process through `form4 bench`, and pdftotext
# -bbox-layout), pdfplumber and PyMuPDF words, tesseract and ocrmypdf on image-only pages, and
# form4 extract / batch. bench/compare.py measures, bench/report.py writes bench/results.md and
# bench/results.svg.
#
# Usage: bench/run.sh [FORM4_BINARY] [SAMPLES_DIR]
#   RUNS=5        rounds (median and spread are over them)
#   CORPUS=DIR    a corpus from `make corpus` (rendered/, image-only/, bound/ are used). Default:
#                 /tmp/form4-bench-corpus when it exists (e.g. `make corpus N=300 SEED=1
#                 OUT=/tmp/form4-bench-corpus`), else /tmp/form4-bench-corpus-small, generated
#                 on first use: 60 rendered + 4 image-only documents, SEED=1 (about 2 minutes;
#                 300 mixed documents with scans take 10+). A CORPUS that does not exist yet is
#                 generated with that same small mix.
#   OCR_PAGES=6   image-only pages per corpus (OCR costs about 2 s a page for every OCR tool)
#   BENCH_VENV    the venv of the Python peers (default .build/bench-venv)
#
# bench/run.sh --quick [FORM4_BINARY] [SAMPLES_DIR]: the former short run only (in-process
# poppler vs pipeline with `form4 bench`, and one file end to end).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
if [ "${1:-}" = "--quick" ]; then quick=true; shift; fi
form4=${1:-.build/release/form4}
samples=${2:-Samples}
runs=${RUNS:-5}

if $quick; then
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
  exit 0
fi

# Command-line tools: poppler-utils (pdftotext, pdftoppm, pdfinfo), tesseract, and what ocrmypdf
# calls (ghostscript, qpdf is in its wheel). Installed with apt-get when missing.
missing=""
for tool in pdftotext:poppler-utils pdftoppm:poppler-utils pdfinfo:poppler-utils \
            tesseract:tesseract-ocr gs:ghostscript; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing="$missing ${tool#*:}"
done
ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || missing="$missing tesseract-ocr-eng"
if [ -n "$missing" ]; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  echo "installing Debian packages:$missing"
  $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $(echo "$missing" | tr ' ' '\n' | sort -u)
fi

# The Python peers, in a venv of their own.
venv=${BENCH_VENV:-.build/bench-venv}
if ! "$venv/bin/python" -c "import pdfplumber, pymupdf, ocrmypdf, matplotlib" 2>/dev/null; then
  echo "setting up $venv (bench/requirements.txt)"
  ${PYTHON:-python3} -m venv "$venv"
  "$venv/bin/pip" install -q -r bench/requirements.txt
fi

# The corpus.
if [ -z "${CORPUS:-}" ]; then
  if [ -d /tmp/form4-bench-corpus ]; then CORPUS=/tmp/form4-bench-corpus; else CORPUS=/tmp/form4-bench-corpus-small; fi
fi
if [ ! -d "$CORPUS" ]; then
  echo "generating the bench corpus in $CORPUS (60 rendered + 4 image-only, SEED=1)"
  make -s corpus-deps >/dev/null
  make -s corpus N=64 SEED=1 OUT="$CORPUS" GROUPS=rendered=60,image-only=4
fi

if [ -n "${MAKELEVEL:-}" ]; then
  command="make bench RUNS=$runs CORPUS=$CORPUS OCR_PAGES=${OCR_PAGES:-6}"
else
  command="bench/run.sh $* (RUNS=$runs CORPUS=$CORPUS OCR_PAGES=${OCR_PAGES:-6})"
fi
"$venv/bin/python" bench/compare.py --form4 "$form4" --runs "$runs" --ocr-pages "${OCR_PAGES:-6}" \
  --command "$command" "$samples" "$CORPUS"
"$venv/bin/python" bench/report.py bench/results.json
