"""bench/results.json (written by compare.py) -> results.md and results.svg beside it.

    python bench/report.py [bench/results.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Ratio columns per set: (heading, reference tool). A ratio is the tool's pages/s over the
# reference's: 2.0 means twice as fast, 0.5 half as fast.
REFERENCES = {
    "rendered": [("× floor", "poppler"), ("× pdfplumber", "pdfplumber"), ("× PyMuPDF", "pymupdf")],
    "image-only": [("× tesseract", "tesseract"), ("× tesseract, same image", "tesseract-cairo"), ("× ocrmypdf", "ocrmypdf")],
}
COLOURS = {"floor": "#7f7f7f", "peer": "#1f77b4", "ours": "#d62728"}


def groups(rows):
    """Rows grouped by (corpus, set), in the order compare.py wrote them."""
    out = {}
    for row in rows:
        out.setdefault((row["corpus"], row["set"]), []).append(row)
    return out


def fmt(value, digits=1):
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}" if value >= 1 else f"{value:.{digits + 1}f}"


def table(rows, set_name):
    by_tool = {r["tool"]: r for r in rows if r["available"]}
    refs = REFERENCES[set_name]
    head = ["tool", "output stage", "pages/s (median)", "spread (min–max)", "in-process pages/s",
            "peak RSS MiB", "output (last round)"] + [h for h, _ in refs]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        name = r["label"] + (" **(floor)**" if r["kind"] == "floor" else "")
        stage = "words only" if r["stage"] == "words" else "**full records**"
        if not r["available"]:
            lines.append(f"| {name} | {stage} | not available | | | | |" + " |" * len(refs))
            continue
        ratios = [f"{r['pages_per_s'] / by_tool[ref]['pages_per_s']:.2f}" if ref in by_tool else "–"
                  for _, ref in refs]
        lines.append("| " + " | ".join([
            name, stage, f"**{fmt(r['pages_per_s'])}**", f"{fmt(r['min'])}–{fmt(r['max'])}",
            fmt(r["inner_pages_per_s"]), fmt(r["rss_mib"]), r["output"], *ratios]) + " |")
    return "\n".join(lines)


def targets(rows_by_group):
    """The issue's targets, checked on every corpus."""
    out = ["| corpus | target | needed | measured | met |", "|---|---|---|---|---|"]

    def rate(rows, tool, inner=False):
        r = next((r for r in rows if r["tool"] == tool and r["available"]), None)
        if r is None:
            return None
        return r["inner_pages_per_s"] if inner else r["pages_per_s"]

    def check(corpus, what, needed, value, ok):
        if value is None:
            out.append(f"| {corpus} | {what} | {needed} | not available | – |")
        else:
            out.append(f"| {corpus} | {what} | {needed} | {value} | {'**yes**' if ok else 'no'} |")

    for (corpus, set_name), rows in rows_by_group.items():
        name = Path(corpus).name
        b1, b2 = rate(rows, "batch1"), rate(rows, "batch2")
        if set_name == "rendered":
            plumber, floor = rate(rows, "pdfplumber"), rate(rows, "poppler")
            mu, mu_inner = rate(rows, "pymupdf"), rate(rows, "pymupdf", inner=True)
            if b1 and plumber:
                check(name, "rendered: `batch --jobs 1` (records) vs pdfplumber words", "≥ 30× faster",
                      f"{b1 / plumber:.1f}× faster", b1 / plumber >= 30)
            if b1 and floor:
                check(name, "rendered: `batch --jobs 1` vs poppler in-process floor", "≤ 1.25× the time",
                      f"{floor / b1:.2f}× the time", floor / b1 <= 1.25)
            if b1 and mu:
                check(name, "rendered: `batch --jobs 1` vs PyMuPDF words (whole script, wall clock)",
                      "≤ 1.3× the time", f"{mu / b1:.2f}× the time", mu / b1 <= 1.3)
            if b1 and mu_inner:
                check(name, "rendered: `batch --jobs 1` vs PyMuPDF words (its extraction loop alone)",
                      "≤ 1.3× the time", f"{mu_inner / b1:.2f}× the time", mu_inner / b1 <= 1.3)
        else:
            for tool, image in (("tesseract", "pdftoppm's image"), ("tesseract-cairo", "the same image as form4")):
                tess = rate(rows, tool)
                if b1 and tess:
                    check(name, f"image-only: `batch --jobs 1` vs tesseract CLI on {image}", "≤ 1.2× the time",
                          f"{tess / b1:.2f}× the time", tess / b1 <= 1.2)
        if b1 and b2:
            check(name, f"{set_name}: `--jobs 2` over `--jobs 1` throughput", "≥ 1.8×", f"{b2 / b1:.2f}×", b2 / b1 >= 1.8)
        elif b1 is None:
            check(name, f"{set_name}: `form4 batch` targets", "", None, False)
    return "\n".join(out)


def plot(rows_by_group, path):
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"   # text stays text: a small, diffable SVG
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, NullFormatter

    panels = list(rows_by_group.items())
    heights = [len(rows) * 0.32 + 0.9 for _, rows in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, sum(heights) + 0.6),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    for ax, ((corpus, set_name), rows) in zip(axes[:, 0], panels):
        rows = [r for r in rows if r["available"]][::-1]
        y = range(len(rows))
        values = [r["pages_per_s"] for r in rows]
        errors = [[r["pages_per_s"] - r["min"] for r in rows], [r["max"] - r["pages_per_s"] for r in rows]]
        ax.barh(y, values, xerr=errors, color=[COLOURS[r["kind"]] for r in rows], capsize=2)
        ax.set_yticks(list(y), [r["label"].replace("`", "") + (" [words]" if r["stage"] == "words" else "")
                                for r in rows], fontsize=8)
        for i, v in enumerate(values):
            ax.text(rows[i]["max"] * 1.03, i, " " + fmt(v), va="center", fontsize=7)
        if max(values) / min(values) > 10:   # a log scale where the tools are orders apart
            ax.set_xscale("log")
            ax.set_xlim(min(values) / 2, max(values) * 4)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.xaxis.set_minor_formatter(NullFormatter())
        else:
            ax.set_xlim(0, max(r["max"] for r in rows) * 1.2)
        ax.set_title(f"{Path(corpus).name} / {set_name}: {rows[0]['files']} files, {rows[0]['pages']} pages",
                     fontsize=9)
        ax.grid(axis="x", which="both", alpha=0.3)
    axes[-1, 0].set_xlabel("pages per second (median of the rounds; whiskers: slowest–fastest round)")
    fig.legend(handles=[Patch(color=COLOURS["floor"], label="floor: poppler"),
                        Patch(color=COLOURS["peer"], label="peers (words only)"),
                        Patch(color=COLOURS["ours"], label="form4 (full records)")],
               loc="upper center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.5 / fig.get_figheight()))
    fig.savefig(path)


def main():
    source = Path(sys.argv[1] if len(sys.argv) > 1 else HERE / "results.json")
    data = json.loads(source.read_text())
    by_group = groups(data["rows"])
    m, v = data["machine"], data["versions"]
    parts = [
        "# form4 against the tools users would otherwise pick",
        "",
        "Generated by `make bench` (bench/compare.py, then bench/report.py); do not edit by hand.",
        "",
        f"- **Date:** {data['date']}; the whole run took {data['seconds'] / 60:.1f} min.",
        f"- **Command:** `{data['command']}`",
        f"- **Machine:** {m['nproc']} cores, {m['cpu']}, {m['memory_gib']} GiB memory, Linux {m['kernel']}.",
        "- **Versions:** " + "; ".join(f"{k} {val}" for k, val in v.items()) + ".",
        *([f"- **Load average** (1, 5, 15 min) when the run started: {', '.join(f'{x:.2f}' for x in data['load']['before'])}; "
           f"when it ended: {', '.join(f'{x:.2f}' for x in data['load']['after'])}. Above 0 at the start means other "
           "work shared the cores with the bench; it hits `--jobs 2` hardest."] if "load" in data else []),
        f"- **Method:** {data['runs']} rounds; every round runs every tool once over the same files, in an "
        "order rotated each round and reversed every other round, so that machine drift spreads over all "
        "tools. Each tool is a subprocess timed from outside (wall clock, start-up included); pages/s is "
        "the set's page count over that time, median of the rounds, with the slowest and fastest round. "
        "Peak RSS is the largest single process of the tool's process tree (wait4), over all rounds. "
        "OCR runs with OMP_THREAD_LIMIT=1. Rounds follow one untimed warm-up pass of every tool on the "
        "first native-text file.",
        "- **In-process pages/s:** the tool's own timing of its work, without interpreter start and imports "
        "(Python peers), or the in-process figures of `form4 bench` (which runs poppler alone and the "
        "full pipeline alternately in one process, `--runs 1` per round).",
        f"- **Sets:** *rendered* = native-text PDFs (rendered/, bound/, printers/, edgar-real/); *image-only* = scans "
        f"without a text layer, the first files up to {data['ocr_pages']} pages per corpus (OCR costs "
        "seconds per page, so this set is kept small to hold the run under 15 minutes).",
        "",
        "**The peers only get words, not records.** pdfplumber, PyMuPDF, pdftotext, tesseract and "
        "ocrmypdf stop at words with boxes; form4 goes on to find the form's boxes and columns, read, "
        "normalise and score every field, and (`batch`) write JSONL, XML, CSV tables and SQLite. Rows "
        "marked *words only* against rows marked *full records* are not the same work: for a like-for-like "
        "words-stage comparison, our words stage is the *poppler glyphs, in-process* row (form4 reads "
        "poppler's glyphs and builds its words from them), which is also the floor.",
        "",
        "**Two tesseract rows.** The CLI is timed on the page image of `pdftoppm` (poppler's Splash "
        "rasteriser) and on that of `pdftocairo` (cairo, which form4 renders with through poppler-glib: the "
        "same pixels form4 OCRs). Compare their word counts: on scans of less than 300 dpi, tesseract's "
        "page-layout analysis skips most of the form's ruled tables in Splash's enlarged image (page 1 of the 200-dpi "
        "scan Samples/image-only/f0079 gave 285 words against 642 from cairo's image, nearly all the difference in the tables), "
        "which makes that row faster and its reading far poorer.",
        "",
        "Ratios: the row's pages/s divided by the reference's (above 1: faster than it). The output column "
        "shows that each tool did the work; word counts differ between tools because their rules for "
        "splitting words differ, so they say nothing about accuracy.",
        "",
        "![pages per second per tool](results.svg)",
        "",
    ]
    for (corpus, set_name), rows in by_group.items():
        parts += [f"## {Path(corpus).name} ({corpus}) — {set_name}: {rows[0]['files']} files, "
                  f"{rows[0]['pages']} pages", "", table(rows, set_name), ""]
        notes = [f"- {r['label']}: {r['note']}" for r in rows if r["note"]]
        parts += ["<details><summary>how each tool was run</summary>", "", *notes, "", "</details>", ""]
    parts += ["## Targets", "", targets(by_group), ""]
    (source.parent / "results.md").write_text("\n".join(parts))
    plot(by_group, source.parent / "results.svg")
    print(f"wrote {source.parent / 'results.md'} and {source.parent / 'results.svg'}")


if __name__ == "__main__":
    main()
