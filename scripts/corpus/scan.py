"""Turn a printed PDF into a "scanned" PDF: rasterise, damage, then either
OCR it (tesseract PDF with an invisible text layer) or wrap the bare images
(image-only PDF, no text layer at all)."""

from __future__ import annotations

import dataclasses
import os
import random
import subprocess
import tempfile
from pathlib import Path

import img2pdf

from .printing import join_pdfs


@dataclasses.dataclass(frozen=True)
class Damage:
    max_skew: float      # degrees
    noise: float         # ImageMagick -attenuate for Gaussian noise
    blur: float          # sigma in pixels
    contrast_cut: int    # percent squeezed off both ends (+level): a greyer, flatter page
    jpeg_rounds: tuple   # JPEG qualities applied in turn; the last one is what is stored


LIGHT = Damage(max_skew=0.6, noise=0.1, blur=0.35, contrast_cut=4, jpeg_rounds=(40,))
HEAVY = Damage(max_skew=1.5, noise=0.9, blur=0.8, contrast_cut=14, jpeg_rounds=(22, 40))


def damage_page(png: Path, jpg: Path, dpi: int, damage: Damage, rng: random.Random) -> None:
    skew = rng.uniform(-damage.max_skew, damage.max_skew)
    seed = rng.randint(1, 2**31 - 1)  # ImageMagick's own noise, made repeatable
    source = png
    for round_number, quality in enumerate(damage.jpeg_rounds):
        target = jpg if round_number == len(damage.jpeg_rounds) - 1 else jpg.with_suffix(f".r{round_number}.jpg")
        command = ["convert", "-seed", str(seed), str(source)]
        if round_number == 0:
            command += ["-background", "white", "-rotate", f"{skew:.3f}", "-gravity", "center",
                        "-extent", _size_of(png),
                        "-attenuate", str(damage.noise), "+noise", "Gaussian",
                        "-blur", f"0x{damage.blur}",
                        "+level", f"{damage.contrast_cut}%,{100 - damage.contrast_cut}%"]
        command += ["-colorspace", "Gray", "-density", str(dpi), "-units", "PixelsPerInch",
                    "-quality", str(quality), str(target)]
        subprocess.run(command, check=True)
        source = target


def _size_of(image: Path) -> str:
    return subprocess.run(["identify", "-format", "%wx%h", str(image)], check=True,
                          capture_output=True, text=True).stdout.strip()


def scan_pdf(pdf: Path, out_pdf: Path, dpi: int, damage: Damage, rng: random.Random, ocr: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="form4-scan-") as work_dir:
        work = Path(work_dir)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(work / "page")], check=True)
        pages = sorted(work.glob("page-*.png"))
        jpgs = []
        for png in pages:
            jpg = png.with_suffix(".jpg")
            damage_page(png, jpg, dpi, damage, rng)
            jpgs.append(jpg)
        if not ocr:
            out_pdf.write_bytes(img2pdf.convert([str(j) for j in jpgs]))
            return
        # tesseract's PDF renderer embeds a JPEG input as is, so the file stays small
        environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        page_pdfs = []
        for jpg in jpgs:
            base = jpg.with_suffix("")
            subprocess.run(["tesseract", str(jpg), str(base), "-l", "eng", "--dpi", str(dpi), "pdf"],
                           check=True, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            page_pdfs.append(base.with_suffix(".pdf"))
        join_pdfs(page_pdfs, out_pdf)
