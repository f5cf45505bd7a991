"""Print HTML to PDF (headless Chromium, WeasyPrint or wkhtmltopdf), and bind PDFs with qpdf."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path


# The printers a corpus document may come from. Chromium is what EDGAR users mostly print
# with; "chromium-header-footer" is Chromium with the print header and footer a browser adds by
# default (date and time, title, address, page count); WeasyPrint (run as its command line does
# by default, ignoring the HTML's presentational attributes such as td width and valign) and
# wkhtmltopdf lay the same page out differently.
PRINTERS = ("chromium", "chromium-header-footer", "weasyprint", "wkhtmltopdf")


def print_pdf(html_path: Path, pdf_path: Path, printer: str = "chromium") -> None:
    if printer in ("chromium", "chromium-header-footer"):
        # A fresh profile per process: parallel Chromium instances must not share one.
        with tempfile.TemporaryDirectory(prefix="form4-chromium-") as profile:
            furniture = [] if printer == "chromium-header-footer" else ["--no-pdf-header-footer"]
            command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", *furniture,
                       "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
                       f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    elif printer == "weasyprint":
        subprocess.run(["weasyprint", "-q", str(html_path), str(pdf_path)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    elif printer == "wkhtmltopdf":
        subprocess.run(["wkhtmltopdf", "-q", str(html_path), str(pdf_path)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    else:
        raise ValueError(f"unknown printer {printer!r}; known: {', '.join(PRINTERS)}")
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"{printer} produced no PDF for {html_path}")


def join_pdfs(parts: list[Path], out_path: Path) -> None:
    subprocess.run(["qpdf", "--empty", "--pages", *map(str, parts), "--", str(out_path)], check=True)


def page_count(pdf_path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf_path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
