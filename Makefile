# form4: Form 4 PDFs in, trustworthy records out.
#
#   make run     install what is missing, build, extract every PDF in Samples/ into out/, score it
#   make test    install what is missing, build and run every test (Swift and corpus checks)
#   make deps    install missing Debian packages and Python test packages (needs root or sudo)
#   make build   release build of the `form4` command (.build/release/form4)
#   make eval    accuracy of the extraction on the committed Samples/
#   make bench   timings against poppler, pdftotext, pdfplumber, PyMuPDF, tesseract, ocrmypdf (bench/)
#   make bench-ocr-memory   worker memory over a 300-page image-only batch (bench/ocr-memory.md)
#
# Corpus generation (make corpus, corpus-deps, samples, corpus-test) lives in scripts/corpus.mk.

SWIFT ?= swift
PYTHON ?= python3
FORM4 = .build/release/form4
# The Swift runtime and Foundation linked into the binary: a `form4` process starts about 7 ms
# sooner (35 instead of 42 ms for a one-page extract), which counts when make calls it per file.
RELEASE_FLAGS = -c release --product form4 --static-swift-stdlib
OUT_DIR ?= out

# Debian packages the Swift build and the tests need.
DEB_PACKAGES = libpoppler-glib-dev libglib2.0-dev libtesseract-dev tesseract-ocr-eng wamerican wamerican-small libsqlite3-dev libssl-dev poppler-utils pkg-config qpdf sqlite3 hyperfine
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build run test eval bench bench-ocr-memory clean

deps:
	@missing=""; \
	for package in $(DEB_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi
	@$(PYTHON) -c "import jinja2, pytest" 2>/dev/null || $(PYTHON) -m pip install -q -r scripts/corpus/requirements.txt pytest

build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

run: build
	@mkdir -p $(OUT_DIR)
	find Samples -name '*.pdf' | sort | xargs $(FORM4) extract --format jsonl -o $(OUT_DIR)/samples.jsonl || true
	@echo "wrote $(OUT_DIR)/samples.jsonl ($$(wc -l < $(OUT_DIR)/samples.jsonl) files)"
	$(FORM4) eval Samples --max-wrong 20

eval: build
	$(FORM4) eval Samples --max-wrong 0

bench: build
	RUNS="$(RUNS)" CORPUS="$(CORPUS)" OCR_PAGES="$(OCR_PAGES)" bench/run.sh $(FORM4) Samples

# PAGES image-only pages (the Samples' and the bench corpus's, reused as copies when too few),
# one worker; its RSS is sampled twice a second. About 10 minutes for 300 pages.
PAGES ?= 300
bench-ocr-memory: build
	$(PYTHON) bench/ocr_memory.py $(FORM4) --pages $(PAGES) --jobs 1 --markdown bench/ocr-memory.md \
	  Samples/image-only $(wildcard /tmp/form4-bench-corpus-small/image-only)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(PYTHON) -m pytest -q scripts/corpus/tests

clean:
	rm -rf .build $(OUT_DIR)

include scripts/corpus.mk
include scripts/archive.mk
