"""Generate a Form 4 test corpus: truth XML -> EDGAR-style HTML -> PDF -> scans.

    python3 -m scripts.corpus.generate --n 20 --seed 7 --out /tmp/c \
        [--groups rendered,scan300,scan200-noisy,image-only,bound,printers] [--jobs 2]
        [--only printers] [--keep-html]

--groups takes group names, optionally with exact counts ("rendered=40,bound=2");
without counts the --n documents are shared out by GROUP_WEIGHTS.  Output:

    OUT/<group>/<name>.pdf   the document
    OUT/<group>/<name>.xml   its truth (the ownership XML it was made from)
    OUT/bound/<name>.pdf     2-3 forms in one PDF; truths <name>.1.xml, <name>.2.xml, ...
    OUT/printers/<name>.pdf  rendered like `rendered`, but printed by WeasyPrint, wkhtmltopdf or
                             Chromium with its print header and footer
    OUT/printers-scan/<name>.pdf  a `printers` print scanned: 300 dpi or noisy 200 dpi with an
                             OCR layer, or 300 dpi image-only (`-image`); made only when given a
                             count (printers-scan=30)

--only generates just the named groups of the plan --groups makes (their documents are the
same as in a full run).

Every document is a pure function of (seed, index), so output is repeatable
(PDF creation dates aside) and independent of --jobs.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import random
import sys
import tempfile
import time
from pathlib import Path

from . import render, scan, synth
from .printing import join_pdfs, print_pdf

# New groups go last: a group's documents are numbered after those of the groups before it.
# printers-scan (weight 0: made only when given a count) scans the other tools' prints.
GROUP_WEIGHTS = {"rendered": 5, "scan300": 2, "scan200-noisy": 2, "image-only": 1, "bound": 1, "printers": 1,
                 "printers-scan": 0}


@dataclasses.dataclass(frozen=True)
class Job:
    group: str
    indexes: tuple          # one document, or 2-3 for a bound PDF


def parse_groups(spec: str, n: int) -> dict[str, int]:
    """"rendered,scan300" or "rendered=40,scan300=15" -> {group: count}."""
    wanted: dict[str, int | None] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, count = item.partition("=")
        if name not in GROUP_WEIGHTS:
            raise SystemExit(f"unknown group {name!r}; known: {', '.join(GROUP_WEIGHTS)}")
        wanted[name] = int(count) if count else None
    if all(count is not None for count in wanted.values()):
        return wanted  # explicit counts
    # Share n out by weight; largest remainder keeps the total exactly n.
    free = [g for g, c in wanted.items() if c is None]
    left = max(n - sum(c for c in wanted.values() if c is not None), 0)
    total = sum(GROUP_WEIGHTS[g] for g in free)
    if total == 0:
        raise SystemExit(f"give {', '.join(free)} a count (NAME=COUNT): no share of --n goes to it")
    exact = {g: left * GROUP_WEIGHTS[g] / total for g in free}
    counts = {g: int(v) for g, v in exact.items()}
    for g in sorted(free, key=lambda g: exact[g] - counts[g], reverse=True)[: left - sum(counts.values())]:
        counts[g] += 1
    return {g: (c if c is not None else counts[g]) for g, c in wanted.items()}


def plan(seed: int, counts: dict[str, int]) -> list[Job]:
    jobs, index = [], 0
    for group in GROUP_WEIGHTS:  # fixed group order: indexes do not depend on the --groups order
        for _ in range(counts.get(group, 0)):
            size = random.Random(f"{seed}:{index}:bound").choice([2, 3]) if group == "bound" else 1
            jobs.append(Job(group, tuple(range(index, index + size))))
            index += size
    return jobs


def choose_variant(seed: int, index: int, group: str) -> render.PrintVariant:
    rng = random.Random(f"{seed}:{index}:print")
    return render.PrintVariant(
        paper=rng.choices(["letter", "a4"], weights=[6, 4])[0],
        scale=rng.choice([80, 85, 90, 95, 100, 100, 100]),
        checkbox="img" if rng.random() < 0.15 else "x",
        extra_page=group == "rendered" and rng.random() < 0.1,
        printer=rng.choice(["weasyprint", "wkhtmltopdf", "chromium-header-footer"])
        if group in ("printers", "printers-scan") else "chromium",
    )


def document_name(seed: int, index: int, xml: bytes, variant: render.PrintVariant) -> str:
    schema = synth.ET.fromstring(xml).findtext("schemaVersion").lower()
    amended = "-4a" if b"<documentType>4/A<" in xml else ""
    return f"f{index:04d}-{schema}{amended}-{variant.tag}"


def build_form(seed: int, index: int, group: str, work: Path, printed: bool = True) -> tuple[str, bytes, Path]:
    """Synthesise, render and print one form; returns (name, truth xml, printed pdf)."""
    xml = synth.to_xml_bytes(synth.make_document(seed, index))
    variant = choose_variant(seed, index, group)
    name = document_name(seed, index, xml, variant)
    html_path = work / f"{name}.html"
    html_path.write_text(render.render_html(xml, variant), encoding="utf-8")
    pdf_path = work / f"{name}.pdf"
    if printed:
        print_pdf(html_path, pdf_path, variant.printer)
    return name, xml, pdf_path


def write_truth(xml: bytes, base: Path, html_source: Path, keep_html: bool) -> None:
    base.with_name(base.name + ".xml").write_bytes(xml)
    if keep_html:
        base.with_name(base.name + ".html").write_bytes(html_source.with_suffix(".html").read_bytes())


def run_job(job: Job, seed: int, out: Path, keep_html: bool, html_only: bool = False) -> list[str]:
    group_dir = out / job.group
    with tempfile.TemporaryDirectory(prefix="form4-job-") as work_dir:
        work = Path(work_dir)
        forms = [build_form(seed, i, job.group, work, printed=not html_only) for i in job.indexes]
        if html_only:
            for name, xml, pdf in forms:
                write_truth(xml, group_dir / name, pdf, keep_html=True)
            return [name for name, _, _ in forms]
        if job.group == "bound":
            name = f"b{job.indexes[0]:04d}-{len(forms)}forms"
            join_pdfs([pdf for _, _, pdf in forms], group_dir / f"{name}.pdf")
            for position, (_, xml, pdf) in enumerate(forms, start=1):
                write_truth(xml, group_dir / f"{name}.{position}", pdf, keep_html)
            return [name]
        (name, xml, pdf), = forms
        rng = random.Random(f"{seed}:{job.indexes[0]}:scan")
        if job.group in ("rendered", "printers"):
            target = group_dir / f"{name}.pdf"
            target.write_bytes(pdf.read_bytes())
        elif job.group == "scan300":
            name += "-300dpi"
            scan.scan_pdf(pdf, group_dir / f"{name}.pdf", 300, scan.LIGHT, rng, ocr=True)
        elif job.group == "scan200-noisy":
            name += "-200dpi"
            scan.scan_pdf(pdf, group_dir / f"{name}.pdf", 200, scan.HEAVY, rng, ocr=True)
        elif job.group == "image-only":
            dpi, damage = rng.choice([(300, scan.LIGHT), (200, scan.HEAVY)])
            name += f"-{dpi}dpi"
            scan.scan_pdf(pdf, group_dir / f"{name}.pdf", dpi, damage, rng, ocr=False)
        elif job.group == "printers-scan":
            dpi, damage, ocr = rng.choice([(300, scan.LIGHT, True), (200, scan.HEAVY, True), (300, scan.LIGHT, False)])
            name += f"-{dpi}dpi" + ("" if ocr else "-image")
            scan.scan_pdf(pdf, group_dir / f"{name}.pdf", dpi, damage, rng, ocr=ocr)
        write_truth(xml, group_dir / name, pdf, keep_html)
        return [name]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20, help="number of documents (bound PDFs count once)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--groups", default=",".join(g for g, weight in GROUP_WEIGHTS.items() if weight),
                        help="comma list of " + ", ".join(GROUP_WEIGHTS) + "; NAME=COUNT for exact counts")
    parser.add_argument("--jobs", type=int, default=2, help="documents processed in parallel")
    parser.add_argument("--keep-html", action="store_true", help="also write the HTML next to each PDF")
    parser.add_argument("--only", default="", help="comma list: generate only these groups of the plan")
    parser.add_argument("--html-only", action="store_true",
                        help="write truth XML and HTML, print nothing (no Chromium needed)")
    args = parser.parse_args(argv)

    counts = parse_groups(args.groups, args.n)
    jobs = plan(args.seed, counts)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if only:
        jobs = [job for job in jobs if job.group in only]
        counts = {group: count for group, count in counts.items() if group in only}
    for group, count in counts.items():
        if count:
            (args.out / group).mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    failures = 0
    # Threads are enough: the work happens in chromium/tesseract/convert subprocesses.
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        futures = {pool.submit(run_job, job, args.seed, args.out, args.keep_html, args.html_only): job for job in jobs}
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            try:
                for name in future.result():
                    print(f"{job.group}/{name}.pdf", flush=True)
            except Exception as error:  # report and carry on; exit status says it failed
                failures += 1
                print(f"FAILED {job}: {error}", file=sys.stderr, flush=True)
    print(f"{len(jobs) - failures} of {len(jobs)} documents in {time.monotonic() - started:.0f}s -> {args.out}",
          file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
