#!/usr/bin/env python3
"""Memory of a long image-only batch: does a worker grow as it OCRs page after page?

`make bench-ocr-memory` (a benchmark, not a test). Runs `form4 batch` over at least PAGES
image-only pages and samples the resident set size (VmRSS) of every worker process twice a
second, next to how many files the run has finished (records.jsonl). The worker's RSS once the
first 10 % of the pages are done is the baseline; growth is its peak after that, over the
baseline. One tesseract engine per worker is built once and reused, so a worker should level
off after its first pages.

When the given image-only PDFs hold fewer pages than asked for, they are used again as copies
with a comment line appended after %%EOF (readers ignore it), so that each copy has its own
SHA-256 and the batch extracts it in full instead of skipping it as already done.

Usage: bench/ocr_memory.py FORM4 [--pages 300] [--jobs 1] [--markdown FILE] DIR_OR_PDF...
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def image_only_pdfs(inputs):
    found = []
    for item in inputs:
        path = Path(item)
        found += sorted(path.rglob("*.pdf")) if path.is_dir() else [path]
    return found


def descendants(pid: int):
    """Every process below pid (workers are children of the batch process)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    result, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            result.append(child)
            todo.append(child)
    return result


def rss_kib(pid: int):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def finished_files(out: Path) -> int:
    try:
        with open(out / "records.jsonl", "rb") as handle:
            return sum(1 for _ in handle)
    except OSError:
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("form4")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--markdown", help="also write the result as a Markdown section to this file")
    args = parser.parse_args()

    sources = [(pdf, page_count(pdf)) for pdf in image_only_pdfs(args.inputs)]
    sources = [(pdf, pages) for pdf, pages in sources if pages > 0]
    if not sources:
        sys.exit("ocr_memory: no image-only PDFs found in " + " ".join(args.inputs))

    work = Path(tempfile.mkdtemp(prefix="form4-ocr-memory-"))
    inputs, out = work / "in", work / "out"
    inputs.mkdir()
    files, pages = [], 0
    while pages < args.pages:
        for pdf, count in sources:
            if pages >= args.pages:
                break
            copy = inputs / f"{len(files):04d}-{pdf.name}"
            copy.write_bytes(pdf.read_bytes() + f"\n% form4 ocr-memory copy {len(files)}\n".encode())
            files.append((copy, count))
            pages += count
    # Pages done when the k-th file is done (files finish in about this order).
    pages_after = [0]
    for _, count in files:
        pages_after.append(pages_after[-1] + count)

    print(f"ocr_memory: {len(files)} files, {pages} image-only pages, --jobs {args.jobs}", flush=True)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    started = time.monotonic()
    batch = subprocess.Popen([args.form4, "batch", str(inputs), "--out", str(out), "--jobs", str(args.jobs), "--quiet"],
                             env=env)
    samples = []  # (seconds, files done, {pid: rss KiB})
    while batch.poll() is None:
        workers = {pid: rss for pid in descendants(batch.pid) if (rss := rss_kib(pid)) is not None}
        samples.append((time.monotonic() - started, finished_files(out), workers))
        time.sleep(0.5)
    seconds = time.monotonic() - started
    if batch.returncode != 0:
        sys.exit(f"ocr_memory: form4 batch exited with {batch.returncode}")
    done = finished_files(out)

    # Per worker: baseline = its largest RSS until 10 % of the pages were done; peak = its largest after.
    first_pages = 0.1 * pages
    baseline, peak = {}, {}
    for _, files_done, workers in samples:
        early = pages_after[min(files_done, len(files))] <= first_pages
        for pid, rss in workers.items():
            target = baseline if early else peak
            target[pid] = max(target.get(pid, 0), rss)
    growth = [(peak[pid] - baseline[pid]) / baseline[pid] for pid in peak if baseline.get(pid)]
    worst = max(growth) if growth else float("nan")
    base_mib = max(baseline.values(), default=0) / 1024
    peak_mib = max(list(peak.values()) + list(baseline.values()), default=0) / 1024

    # The worker's largest RSS within each tenth of the run: a leak climbs from tenth to tenth,
    # while a heavy page (two pages, A4, many fields re-read) shows as a single high tenth.
    trace = []
    for tenth in range(10):
        low, high = tenth * pages / 10, (tenth + 1) * pages / 10
        within = [max(w.values(), default=0) for _, files_done, w in samples
                  if low <= pages_after[min(files_done, len(files))] <= high]
        trace.append(f"{max(within, default=0) / 1024:.0f}")

    # A leak keeps climbing; a heavy page is a one-off. The second half's peak against the
    # first half's tells the two apart where the strict figure above cannot.
    first_half = max((int(t) for t in trace[:5]), default=0)
    second_half = max((int(t) for t in trace[5:]), default=0)
    halves = (second_half - first_half) / first_half if first_half else float("nan")

    lines = [
        f"## Memory over a long image-only batch",
        "",
        f"- **Command:** `bench/ocr_memory.py {args.form4} --pages {args.pages} --jobs {args.jobs} {' '.join(args.inputs)}`",
        f"- **Date:** {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} cores.",
        f"- **Run:** {done} files, {pages} image-only pages OCRed in {seconds:.0f} s ({pages / seconds:.2f} pages/s), "
        f"{len(samples)} RSS samples of {len({pid for _, _, w in samples for pid in w})} worker process(es).",
        f"- **Worker RSS** after the first 10 % of the pages: {base_mib:.1f} MiB; peak over the whole run: {peak_mib:.1f} MiB.",
        f"- **Largest worker RSS within each tenth of the pages (MiB):** {', '.join(trace)}.",
        f"- **Growth after the first pages:** {worst * 100:+.1f} % (largest over the workers: peak after the first 10 % of "
        f"the pages against the peak within them; target: at most +10 %).",
        f"- **Second half against first half:** peak {second_half} MiB against {first_half} MiB, {halves * 100:+.1f} % "
        f"(a leak would make the second half the larger).",
        "",
    ]
    print("\n".join(lines))
    if args.markdown:
        Path(args.markdown).write_text("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
