# Batch extraction of an archive with make (included from the top-level Makefile).
#
#   make extract ARCHIVE=/data/form4-pdfs OUT=/data/form4-out -j8
#   make tables OUT=/data/form4-out
#
# `extract` has one rule per PDF: $(OUT)/records/<path>.json from $(ARCHIVE)/<path>.pdf, written
# by `form4 extract --format jsonl`. make's own time stamps decide what is redone: only PDFs that
# are new or newer than their record are read again, and `-jN` runs N of them at once. A PDF that
# cannot be read still gets its record (status "error"); a crash of form4 on one file leaves no
# record for it (make reports the error; rerun with -k to carry on past it).
# `tables` merges the per-file records into $(OUT)/records.jsonl and rebuilds $(OUT)/xml/,
# tables/, form4.sqlite, failures.tsv, review.tsv and summary.json (`form4 merge --from-records`).
#
# For archives with millions of files, or when crashes and hangs must be contained per file, use
# `form4 batch` instead (see docs/scaling.md). File names with spaces or colons do not work with
# make's pattern rules; `form4 batch` takes any name.

FORM4 ?= .build/release/form4
ARCHIVE ?=
RECORDS_DIR = $(OUT)/records

ARCHIVE_PDFS := $(if $(ARCHIVE),$(shell find $(ARCHIVE) -type f -name '*.pdf' 2>/dev/null))
ARCHIVE_RECORDS := $(patsubst $(ARCHIVE)/%.pdf,$(RECORDS_DIR)/%.json,$(ARCHIVE_PDFS))

.PHONY: extract tables archive-check

archive-check:
	@test -n "$(ARCHIVE)" || { echo "make extract: set ARCHIVE=folder-of-pdfs (and OUT=output-folder)"; exit 2; }
	@test -d "$(ARCHIVE)" || { echo "make extract: $(ARCHIVE) is not a folder"; exit 2; }

$(FORM4):
	$(SWIFT) build $(RELEASE_FLAGS)

# The record is written to a temporary name and moved into place, so an interrupted make never
# leaves a half-written record that looks up to date.
$(RECORDS_DIR)/%.json: $(ARCHIVE)/%.pdf | $(FORM4)
	@mkdir -p $(@D)
	@$(FORM4) extract --format jsonl -o $@.tmp $< 2>/dev/null; test -s $@.tmp && mv $@.tmp $@

extract: archive-check $(ARCHIVE_RECORDS)
	@echo "$(words $(ARCHIVE_RECORDS)) records in $(RECORDS_DIR); now: make tables OUT=$(OUT)"

tables: | $(FORM4)
	$(FORM4) merge --from-records $(RECORDS_DIR) --out $(OUT)
