"""The peers' side of the benchmark: the script a user would write around a Python PDF library.

    python words.py pdfplumber OUT FILE...   words of every page with pdfplumber's extract_words()
    python words.py pymupdf    OUT FILE...   words of every page with PyMuPDF's page.get_text("words")
    python words.py ocrmypdf   OUT FILE...   ocrmypdf (one job, OCR layer only) then pdfplumber words

Writes one line per word (file, page, x0, top, x1, bottom, text) to OUT, and prints one JSON line
to stdout: {"seconds": time spent on the files, excluding interpreter start and imports,
"pages": ..., "words": ...}. compare.py times the whole process from outside as well.
"""

import json
import sys
import tempfile
import time
from pathlib import Path


def pdfplumber_words(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for w in page.extract_words():
                yield number, w["x0"], w["top"], w["x1"], w["bottom"], w["text"]


def pymupdf_words(path):
    import pymupdf

    with pymupdf.open(path) as doc:
        for number, page in enumerate(doc, 1):
            for x0, y0, x1, y1, text, *_ in page.get_text("words"):
                yield number, x0, y0, x1, y1, text


def ocrmypdf_words(path):
    """OCR the scan into a PDF with a text layer, as ocrmypdf users do, then read it back."""
    import ocrmypdf

    with tempfile.TemporaryDirectory() as tmp:
        ocred = Path(tmp) / "ocr.pdf"
        # Kindest settings for speed: one job (the bench is single-core per tool), no PDF/A
        # conversion through Ghostscript, no image optimisation.
        ocrmypdf.ocr(path, ocred, jobs=1, output_type="pdf", optimize=0, progress_bar=False)
        yield from pdfplumber_words(ocred)


READERS = {"pdfplumber": pdfplumber_words, "pymupdf": pymupdf_words, "ocrmypdf": ocrmypdf_words}
IMPORTS = {"pdfplumber": ["pdfplumber"], "pymupdf": ["pymupdf"], "ocrmypdf": ["ocrmypdf", "pdfplumber"]}


def main(argv):
    tool, out, files = argv[1], argv[2], argv[3:]
    read = READERS[tool]
    # Import before the clock starts: interpreter start and imports are reported apart.
    for module in IMPORTS[tool]:
        __import__(module)
    pages, words = set(), 0
    start = time.perf_counter()
    with open(out, "w", encoding="utf-8") as sink:
        for path in files:
            for page, x0, top, x1, bottom, text in read(path):
                pages.add((path, page))
                words += 1
                sink.write(f"{path}\t{page}\t{x0:.2f}\t{top:.2f}\t{x1:.2f}\t{bottom:.2f}\t{text}\n")
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "pages": len(pages), "words": words}))


if __name__ == "__main__":
    main(sys.argv)
