"""Print HTML to PDF with headless Chromium, and bind PDFs with qpdf."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    # A fresh profile per process: parallel Chromium instances must not share one.
    with tempfile.TemporaryDirectory(prefix="form4-chromium-") as profile:
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
             f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
        )
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"chromium produced no PDF for {html_path}")


def join_pdfs(parts: list[Path], out_path: Path) -> None:
    subprocess.run(["qpdf", "--empty", "--pages", *map(str, parts), "--", str(out_path)], check=True)


def page_count(pdf_path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf_path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
