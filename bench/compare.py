"""form4 against the tools users would otherwise pick, on the same files, in the same run.

    python bench/compare.py --form4 .build/release/form4 --runs 5 Samples /tmp/form4-bench-corpus-small

For every corpus given, two sets of files:
  rendered    PDFs with a native text layer (rendered/, bound/, printers/, edgar-real/)
  image-only  scanned pages without any text layer (image-only/), the first files up to
              --ocr-pages pages: OCR costs seconds a page, so this set is kept small

and, per set, the tools below, each run as a subprocess, timed from outside (wall clock) with its
peak RSS (the largest single process of its tree, from wait4). Every round runs every tool once,
in an order rotated (and reversed every other round) so that machine drift spreads over all of
them. Results: median pages/s over the rounds, min-max spread, peak RSS, in bench/results.json;
report.py turns that into bench/results.md and the plot.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = str(HERE / "words.py")

SETS = {
    "rendered": ["rendered", "bound", "printers", "edgar-real"],
    "image-only": ["image-only"],
}


# ---- running one command: wall time and peak RSS -------------------------------------------

def run(cmd, stdout=subprocess.DEVNULL, env=None):
    """Runs cmd; returns (seconds, peak RSS in KiB, its stdout if captured). Raises on failure."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    # wait4 gives the rusage of this child and all it waited for: ru_maxrss is the largest of them.
    output = process.stdout.read() if process.stdout else b""
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0,):
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {process.returncode}: {errors.decode()[-800:]}")
    return seconds, usage.ru_maxrss, output


@dataclass
class Measure:
    """What one tool did in one round over one set of files."""
    seconds: float                  # wall clock of the subprocess(es)
    rss_kib: int
    inner_seconds: float | None = None   # the tool's own timing of the work, without start-up
    output: str = ""                # what came out: "35,674 words", "44 forms"


# ---- the tools -----------------------------------------------------------------------------

@dataclass
class Tool:
    key: str
    label: str
    kind: str        # floor | peer | ours
    stage: str       # words | records
    sets: tuple
    note: str = ""


TOOLS = [
    Tool("poppler", "poppler glyphs, in-process (`form4 bench`)", "floor", "words", ("rendered",),
         "poppler-glib text extraction alone: glyphs with boxes, fonts, colours. Our words stage."),
    Tool("pdftotext", "`pdftotext -bbox-layout`, per file", "floor", "words", ("rendered",),
         "one process per file, XHTML with word boxes"),
    Tool("pdfplumber", "pdfplumber `extract_words()`", "peer", "words", ("rendered",),
         "one Python process over the whole set"),
    Tool("pymupdf", "PyMuPDF `get_text(\"words\")`", "peer", "words", ("rendered",),
         "one Python process over the whole set"),
    Tool("tesseract", "`pdftoppm -r 300` + `tesseract` CLI, per page", "peer", "words", ("image-only",),
         "OMP_THREAD_LIMIT=1; TSV words; rasterising counted (form4 renders too)"),
    Tool("tesseract-cairo", "`pdftocairo -r 300` + `tesseract` CLI, per page", "peer", "words", ("image-only",),
         "the same page image form4 OCRs (poppler's cairo rasteriser, 300 dpi, grey, uncompressed TIFF); "
         "OMP_THREAD_LIMIT=1; TSV words; rasterising counted"),
    Tool("ocrmypdf", "`ocrmypdf` + pdfplumber words", "peer", "words", ("image-only",),
         "one Python process; ocrmypdf.ocr(jobs=1, output_type=pdf, optimize=0)"),
    Tool("pipeline", "form4 pipeline, in-process (`form4 bench`)", "ours", "records", ("rendered",),
         "same process and files as the poppler row, alternating with it"),
    Tool("extract-each", "`form4 extract FILE`, per file", "ours", "records", ("rendered", "image-only"),
         "one process per file, as a shell loop or make would call it"),
    Tool("extract-all", "`form4 extract FILE...`, one process", "ours", "records", ("rendered",),
         "all files of the set in one call, JSONL"),
    Tool("batch1", "`form4 batch --jobs 1`", "ours", "records", ("rendered", "image-only"),
         "records.jsonl, manifest, XML, tables, SQLite"),
    Tool("batch2", "`form4 batch --jobs 2`", "ours", "records", ("rendered", "image-only"),
         "two worker processes"),
]


class Runner:
    def __init__(self, form4: str, python: str, work: Path, env: dict):
        self.form4, self.python, self.work, self.env = form4, python, work, env
        self.has_batch = self._has_batch()

    def _has_batch(self) -> bool:
        help_text = subprocess.run([self.form4, "--help"], capture_output=True, text=True).stdout
        return any(line.strip().startswith("batch ") for line in help_text.splitlines())

    def available(self, tool: Tool) -> bool:
        return self.has_batch or not tool.key.startswith("batch")

    def measure(self, tool: Tool, files: list[str], bench_cache: dict) -> Measure:
        return getattr(self, "_" + tool.key.replace("-", "_"))(files, bench_cache)

    def _in_process(self, files, cache, key):
        # `form4 bench` times poppler alone and our pipeline in one process, alternating them.
        # The first of its two rows in a round runs it; the second takes the same run's figure.
        if "bench" in cache:
            result, rss = cache.pop("bench")
        else:
            _, rss, out = run([self.form4, "bench", *files, "--runs", "1", "--json"],
                              stdout=subprocess.PIPE, env=self.env)
            result = json.loads(out)
            cache["bench"] = (result, rss)
        seconds = result[key] * result["pages"] / 1000
        return Measure(seconds, rss, seconds, f"{int(result['pages'])} pages")

    def _poppler(self, files, cache):
        return self._in_process(files, cache, "popplerMsPerPage")

    def _pipeline(self, files, cache):
        return self._in_process(files, cache, "pipelineMsPerPage")

    def _pdftotext(self, files, cache):
        total, peak, words = 0.0, 0, 0
        out = self.work / "pdftotext.html"
        for f in files:
            seconds, rss, _ = run(["pdftotext", "-bbox-layout", f, str(out)], env=self.env)
            total, peak = total + seconds, max(peak, rss)
            words += out.read_text(errors="replace").count("<word ")
        return Measure(total, peak, None, f"{words:,} words")

    def _words(self, library, files):
        out = self.work / f"{library}.tsv"
        seconds, rss, stdout = run([self.python, WORDS, library, str(out), *files],
                                   stdout=subprocess.PIPE, env=self.env)
        report = json.loads(stdout)
        return Measure(seconds, rss, report["seconds"], f"{report['words']:,} words")

    def _pdfplumber(self, files, cache):
        return self._words("pdfplumber", files)

    def _pymupdf(self, files, cache):
        return self._words("pymupdf", files)

    def _ocrmypdf(self, files, cache):
        return self._words("ocrmypdf", files)

    def _tesseract(self, files, cache):
        return self._rasterise_and_ocr(files, ["pdftoppm", "-r", "300", "-gray"], "pgm")

    def _tesseract_cairo(self, files, cache):
        # pdftocairo draws with cairo, as poppler-glib does for form4: the same pixels.
        return self._rasterise_and_ocr(files, ["pdftocairo", "-tiff", "-tiffcompression", "none", "-r", "300", "-gray"], "tif")

    def _rasterise_and_ocr(self, files, rasterise, extension):
        total, peak, words = 0.0, 0, 0
        for f in files:
            pages = self.work / "pages"
            shutil.rmtree(pages, ignore_errors=True)
            pages.mkdir()
            seconds, rss, _ = run([*rasterise, f, str(pages / "p")], env=self.env)
            total, peak = total + seconds, max(peak, rss)
            for image in sorted(pages.glob(f"p-*.{extension}")):
                seconds, rss, _ = run(["tesseract", str(image), str(image.with_suffix("")), "-l", "eng", "tsv"],
                                      env=self.env)
                total, peak = total + seconds, max(peak, rss)
                rows = image.with_suffix(".tsv").read_text().splitlines()[1:]
                words += sum(1 for r in rows if r.startswith("5\t") and r.split("\t")[-1].strip())
        return Measure(total, peak, None, f"{words:,} words")

    def _forms_in(self, jsonl: Path) -> int:
        return sum(len(json.loads(line).get("forms", [])) for line in jsonl.read_text().splitlines() if line)

    def _extract_each(self, files, cache):
        total, peak, forms = 0.0, 0, 0
        out = self.work / "extract.jsonl"
        for f in files:
            seconds, rss, _ = run([self.form4, "extract", f, "--format", "jsonl", "-o", str(out)], env=self.env)
            total, peak = total + seconds, max(peak, rss)
            forms += self._forms_in(out)
        return Measure(total, peak, None, f"{forms} forms")

    def _extract_all(self, files, cache):
        out = self.work / "extract.jsonl"
        seconds, rss, _ = run([self.form4, "extract", *files, "--format", "jsonl", "-o", str(out)], env=self.env)
        return Measure(seconds, rss, None, f"{self._forms_in(out)} forms")

    def _batch(self, files, jobs):
        listing = self.work / "inputs.txt"
        listing.write_text("".join(f + "\n" for f in files))
        out = self.work / f"batch{jobs}"
        shutil.rmtree(out, ignore_errors=True)   # a fresh folder: a second run would skip every file
        seconds, rss, _ = run([self.form4, "batch", f"@{listing}", "--out", str(out), "--jobs", str(jobs), "--quiet"],
                              env=self.env)
        summary = json.loads((out / "summary.json").read_text())
        return Measure(seconds, rss, summary.get("timings", {}).get("seconds"), f"{summary['forms']} forms")

    def _batch1(self, files, cache):
        return self._batch(files, 1)

    def _batch2(self, files, cache):
        return self._batch(files, 2)


# ---- corpora and sets ----------------------------------------------------------------------

def page_count(path: str) -> int:
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return next(int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:"))


def collect(corpus: Path, set_name: str, ocr_pages: int):
    files = []
    for folder in SETS[set_name]:
        files += sorted(str(p) for p in (corpus / folder).glob("*.pdf"))
    pages = [page_count(f) for f in files]
    if set_name == "image-only" and ocr_pages > 0:
        kept, total = [], 0
        for f, n in zip(files, pages):
            if total >= ocr_pages:
                break
            kept.append((f, n))
            total += n
        files, pages = [f for f, _ in kept], [n for _, n in kept]
    return files, sum(pages)


def order(tools: list, round_index: int) -> list:
    """Rotate by the round number and reverse every other round: each tool runs early and late."""
    shift = round_index % len(tools)
    rotated = tools[shift:] + tools[:shift]
    return rotated[::-1] if round_index % 2 else rotated


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="+", help="corpus folders (with rendered/, image-only/, ...)")
    parser.add_argument("--form4", default=".build/release/form4")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ocr-pages", type=int, default=6, help="image-only pages per corpus (0: all)")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    parser.add_argument("--command", default="", help="the command that started the bench, for the report")
    args = parser.parse_args()

    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    started, load_before = time.time(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="form4-bench-") as tmp:
        runner = Runner(str(Path(args.form4).resolve()), sys.executable, Path(tmp), env)
        if not runner.has_batch:
            print("note: this form4 has no `batch` command; its rows are marked not available", file=sys.stderr)

        plan = []  # (corpus, set, files, pages, tools)
        for corpus in map(Path, args.corpora):
            for set_name in SETS:
                files, pages = collect(corpus, set_name, args.ocr_pages)
                if not files:
                    continue
                tools = [t for t in TOOLS if set_name in t.sets and runner.available(t)]
                plan.append((corpus, set_name, files, pages, tools))
                print(f"{corpus}/{set_name}: {len(files)} files, {pages} pages, {len(tools)} tools", file=sys.stderr)

        results = {(str(c), s, t.key): [] for c, s, _, _, tools in plan for t in tools}

        # Warm-up (not counted): each tool once on the first file of each native-text set, so that
        # page cache, dynamic linking and Python bytecode are warm for every tool alike.
        for corpus, set_name, files, _, tools in plan:
            if set_name == "rendered":
                for tool in tools:
                    runner.measure(tool, files[:1], {})

        for round_index in range(args.runs):
            for corpus, set_name, files, pages, tools in plan:
                cache = {}
                for tool in order(tools, round_index):
                    m = runner.measure(tool, files, cache)
                    results[(str(corpus), set_name, tool.key)].append(m)
                    print(f"round {round_index + 1}/{args.runs} {corpus.name}/{set_name} {tool.key}: "
                          f"{pages / m.seconds:8.2f} pages/s  {m.rss_kib / 1024:6.1f} MiB  {m.output}",
                          file=sys.stderr)

    rows = []
    for corpus, set_name, files, pages, tools in plan:
        for tool in TOOLS:
            if set_name not in tool.sets:
                continue
            measures = results.get((str(corpus), set_name, tool.key))
            row = {"corpus": str(corpus), "set": set_name, "files": len(files), "pages": pages,
                   "tool": tool.key, "label": tool.label, "kind": tool.kind, "stage": tool.stage,
                   "note": tool.note, "available": bool(measures)}
            if measures:
                rates = [pages / m.seconds for m in measures]
                inner = [pages / m.inner_seconds for m in measures if m.inner_seconds]
                row.update(pages_per_s=statistics.median(rates), min=min(rates), max=max(rates),
                           inner_pages_per_s=statistics.median(inner) if inner else None,
                           rss_mib=max(m.rss_kib for m in measures) / 1024,
                           output=measures[-1].output, rates=rates)
            rows.append(row)

    result = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
              "seconds": time.time() - started, "runs": args.runs, "ocr_pages": args.ocr_pages,
              "command": args.command or " ".join(sys.argv), "machine": machine(),
              "versions": versions(args.form4), "rows": rows,
              # Other work on the machine competes with the bench (--jobs 2 most of all): say how much.
              "load": {"before": load_before, "after": os.getloadavg()}}
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {args.out} ({result['seconds'] / 60:.1f} min)", file=sys.stderr)


def machine() -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gib": round(mem / 1024 / 1024, 1),
            "kernel": os.uname().release}


def versions(form4: str) -> dict:
    def first_line(cmd):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True)
            return (p.stdout or p.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    from importlib.metadata import version, PackageNotFoundError
    found = {}
    for package in ("pdfplumber", "pdfminer.six", "pymupdf", "ocrmypdf"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "?"
    head = first_line(["git", "-C", str(HERE), "describe", "--always", "--dirty"])
    return {"form4": f"{form4} (git {head})", "pdftotext": first_line(["pdftotext", "-v"]),
            "tesseract": first_line(["tesseract", "--version"]), "python": sys.version.split()[0], **found}


if __name__ == "__main__":
    main()
