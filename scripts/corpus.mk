# Form 4 test corpus (scripts/corpus): synthetic EDGAR ownership XML rendered to
# EDGAR-style HTML, printed by headless Chromium, then scanned/OCRed.
# Included from the top-level Makefile.
#
# Variables (override on the command line, e.g. `make corpus N=500 SEED=1 OUT=/tmp/corpus`):
#   PYTHON  Python 3 interpreter                              (default python3)
#   N       number of documents for `corpus`; a bound PDF counts as one (default 100)
#   SEED    seed; the same seed gives the same documents       (default 1)
#   OUT     output directory for `corpus`                      (default /tmp/form4-corpus)
#   GROUPS  comma list of rendered,scan300,scan200-noisy,image-only,bound,printers (and printers-scan,
#           scans of the other tools' prints, made only when given a count), each optionally
#           NAME=COUNT; empty = all groups shared out by weight (default empty)
#   JOBS    documents processed in parallel                   (default: number of CPUs)
#
# Targets:
#   corpus-deps  install chromium, poppler-utils, imagemagick, tesseract (eng) and qpdf
#                with apt-get when a tool is missing, then the Python requirements
#   corpus       generate a corpus into $(OUT)
#   samples      regenerate Samples/ exactly as committed (PDF creation dates aside)
#   corpus-test  pytest checks of Samples/ (truth XML, text layer vs truth, headings, determinism)

PYTHON ?= python3
N ?= 100
SEED ?= 1
OUT ?= /tmp/form4-corpus
GROUPS ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

CORPUS_GROUPS_ARG = $(if $(strip $(GROUPS)),--groups $(GROUPS),)

# The committed sample set: fixed seed and exact group sizes.  Changing these
# changes Samples/; run `make samples` and commit the result together.
SAMPLES_DIR = Samples
SAMPLES_SEED = 4
SAMPLES_GROUPS = rendered=44,scan300=16,scan200-noisy=16,image-only=6,bound=2,printers=9
EDGAR_REAL = $(CURDIR)/../shared/reference/edgar-374water

.PHONY: corpus-deps corpus samples corpus-test

corpus-deps:
	@missing=""; \
	for tool in chromium:chromium pdftoppm:poppler-utils convert:imagemagick identify:imagemagick \
	            tesseract:tesseract-ocr qpdf:qpdf weasyprint:weasyprint wkhtmltopdf:wkhtmltopdf; do \
	  command -v $${tool%%:*} >/dev/null 2>&1 || missing="$$missing $${tool#*:}"; \
	done; \
	ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || missing="$$missing tesseract-ocr-eng"; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install$$missing"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi
	$(PYTHON) -m pip install -r scripts/corpus/requirements.txt

corpus:
	$(PYTHON) -m scripts.corpus.generate --n $(N) --seed $(SEED) --out $(OUT) --jobs $(JOBS) $(CORPUS_GROUPS_ARG)

# Samples/edgar-real holds the real EDGAR filing (printed and scanned) from
# the shared reference folder; it is copied, not generated.
samples:
	rm -rf $(SAMPLES_DIR)/rendered $(SAMPLES_DIR)/scan300 $(SAMPLES_DIR)/scan200-noisy \
	       $(SAMPLES_DIR)/image-only $(SAMPLES_DIR)/bound $(SAMPLES_DIR)/printers
	$(PYTHON) -m scripts.corpus.generate --seed $(SAMPLES_SEED) --out $(SAMPLES_DIR) \
	    --groups $(SAMPLES_GROUPS) --jobs $(JOBS)
	@if [ -d $(EDGAR_REAL) ]; then \
	  mkdir -p $(SAMPLES_DIR)/edgar-real; \
	  cp $(EDGAR_REAL)/form4-chromium-letter.pdf $(SAMPLES_DIR)/edgar-real/; \
	  cp $(EDGAR_REAL)/form4.xml $(SAMPLES_DIR)/edgar-real/form4-chromium-letter.xml; \
	  for printer in weasyprint wkhtmltopdf; do \
	    $(PYTHON) -c "import sys; from pathlib import Path; from scripts.corpus.printing import print_pdf; \
	      print_pdf(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])" \
	      $(EDGAR_REAL)/form4.html $(SAMPLES_DIR)/edgar-real/form4-$$printer-a4.pdf $$printer; \
	    cp $(EDGAR_REAL)/form4.xml $(SAMPLES_DIR)/edgar-real/form4-$$printer-a4.xml; \
	  done; \
	  mkdir -p $(SAMPLES_DIR)/edgar-real-scan; \
	  cp $(EDGAR_REAL)/form4-scan200-tesseract.pdf $(SAMPLES_DIR)/edgar-real-scan/; \
	  cp $(EDGAR_REAL)/form4.xml $(SAMPLES_DIR)/edgar-real-scan/form4-scan200-tesseract.xml; \
	else echo "note: $(EDGAR_REAL) not found; keeping $(SAMPLES_DIR)/edgar-real as is"; fi
	du -sh $(SAMPLES_DIR)

corpus-test:
	$(PYTHON) -m pytest -q scripts/corpus/tests
