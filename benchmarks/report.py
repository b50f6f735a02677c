"""The report of a benchmark run (``run.py``): the Markdown tables and the plot.

Nothing here is typed by hand: every figure comes from the records of the
run (``records.py``), and every target's verdict and margin is computed
from them (``targets.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from records import _LABELS, INF, _cell, _ratio, _select, _values, machine, summary
from targets import targets

__all__ = ["machine", "render", "targets", "write_docs"]

MARK_BEGIN = "<!-- benchmark report: begin (python benchmarks/run.py --docs) -->"
MARK_END = "<!-- benchmark report: end -->"


# --------------------------------------------------------------------------- the page


def render(result: dict) -> str:
    """Return the Markdown report of a run."""
    records, settings, box = result["records"], result["settings"], result["machine"]
    small, large, huge, timeout = (
        settings["small"],
        settings["large"],
        settings["huge"],
        settings["timeout"],
    )
    out = ["### The machine and the run", ""]
    out += [f"- **{key}**: {value}" for key, value in box.items()]
    out += [
        f"- **seeds**: {', '.join(map(str, settings['seeds']))} at {small:,} statements; "
        f"{', '.join(map(str, settings['large_seeds']))} at {large:,}; 0 at {huge:,}"
        if huge
        else f"- **seeds**: {settings['seeds']} / {settings['large_seeds']}",
        f"- **runs per seed**: {settings['repeats']}; time limit per process: "
        f"{timeout:g} s ({settings['huge_timeout']:g} s at {huge:,})",
        f"- **command**: `{settings['command']}` ({settings['minutes']} min)",
        "",
        "Cells give the median, and (least to greatest) when there was more than one run.",
        "",
        "### Status from the command line (process start included)",
        "",
        "| instance | statements | commitlogic | clingo floor | ÷ clingo | SAT floor | ÷ SAT "
        "| peak memory (commitlogic / clingo / SAT) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, size in (("generate", small), ("chains", small), ("generate", large)):
        stats = {
            side: summary(_values(_select(records, what="cli", kind=kind, size=size, side=side)))
            for side in ("commitlogic", "clingo floor", "SAT floor")
        }
        peaks = [
            summary(
                _values(_select(records, what="cli", kind=kind, size=size, side=side), "peak_mb")
            )
            for side in ("commitlogic", "clingo floor", "SAT floor")
        ]
        mine = stats["commitlogic"]
        out.append(
            f"| {_LABELS[kind]} | {size:,} | {_cell(mine, timeout)} | "
            f"{_cell(stats['clingo floor'], timeout)} | {_ratio(mine, stats['clingo floor'])} | "
            f"{_cell(stats['SAT floor'], timeout)} | {_ratio(mine, stats['SAT floor'])} | "
            + " / ".join(_cell(p, unit="MB") for p in peaks)
            + " |"
        )
    agreements = _select(records, what="agreement")
    compared = [r for r in agreements if r["agree"] is not None]
    differ = [r for r in compared if not r["agree"]]
    out += [
        "",
        f"The three sides' answers were compared on {len(compared)} of "
        f"{len(agreements)} instances (where at least two finished): "
        + (
            "all agreed."
            if not differ
            else "they DISAGREED on "
            + ", ".join(f"{r['kind']} {r['size']:,} seed {r['seed']}" for r in differ)
            + "."
        ),
        "",
    ]
    out += [
        "### In-process phases (one process per run)",
        "",
        "| instance | statements | load | ground | status | whole | peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    sizes = [(small, "generate", " (TOML)"), (large, "generate", " (TOML)")]
    if huge:
        sizes.append((huge, "generate", " (JSON Lines)"))
    for size, kind, suffix in sizes:
        chosen = _select(records, what="phases", kind=kind, size=size)
        bound = settings["huge_timeout"] if size == huge else timeout
        cells = [
            _cell(summary(_values(chosen, f)), bound) for f in ("load", "ground", "status", "total")
        ]
        cells = [
            c
            if c != "n/a" or not any(r.get("timeout") for r in chosen)
            else f"timeout (> {bound:g} s)"
            for c in cells
        ]
        peak = _cell(summary(_values(chosen, "peak_mb")), unit="MB")
        out.append(f"| generate.py{suffix} | {size:,} | " + " | ".join(cells) + f" | {peak} |")
    out += [
        "",
        "### What-ifs, tolerant mode and conflicts (in-process)",
        "",
        "| measure | statements | time |",
        "|---|---:|---:|",
    ]
    extra = [
        ("fresh status", "whatif", "generate", small, "status"),
        ("what-if: status under one assumption", "whatif", "generate", small, "what-if status"),
        (
            "what-if: one formula under one assumption",
            "whatif",
            "generate",
            small,
            "what-if formula",
        ),
        ("tolerant status", "tolerant", "generate", small, "status"),
        ("minimal conflict", "conflict", "inconsistent", small, "conflict"),
        ("minimal conflict", "conflict", "inconsistent", large, "conflict"),
    ]
    for label, what, kind, size, figure in extra:
        chosen = _select(records, what=what, kind=kind, size=size)
        stats = summary(_values(chosen, figure))
        if stats is None and any(r.get("timeout") for r in chosen):
            stats = {"median": INF, "min": INF, "max": INF, "n": len(chosen)}
        out.append(f"| {label} | {size:,} | {_cell(stats, timeout)} |")
    sizes_found = sorted(
        {r.get("figures", {}).get("conflict size") for r in _select(records, what="conflict")}
        - {None}
    )
    if sizes_found:
        out += ["", f"Conflict sizes found: {', '.join(map(str, sizes_found))} statements."]
    failed = [r for r in records if r.get("failed")]
    if failed:
        out += ["", "Failed processes (not counted as times):", ""]
        for r in failed:
            last = r["failed"].strip().splitlines()[-1] if r["failed"].strip() else ""
            why = last or f"exit {r['code']}"
            out.append(
                f"- {r['what']} {r['side']} {r['kind']} {r['size']:,} seed {r['seed']}: `{why}`"
            )
    out += [
        "",
        "### Targets (issue 11)",
        "",
        "| target | measured | limit | met? | by how much |",
        "|---|---:|---:|---|---|",
    ]
    for row in targets(result):
        met = {True: "**met**", False: "**missed**", None: "n/a"}[row["met"]]
        out.append(
            f"| {row['target']} | {row['measured']} | {row['limit']} | {met} | {row['margin']} |"
        )
    return "\n".join(out) + "\n"


def plot(result: dict, target: Path) -> None:
    """Draw the CLI status times of the three sides, per instance (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    records, settings = result["records"], result["settings"]
    small, large, timeout = settings["small"], settings["large"], settings["timeout"]
    groups = [("generate", small), ("chains", small), ("generate", large)]
    sides = ("commitlogic", "clingo floor", "SAT floor")
    figure, axes = pyplot.subplots(figsize=(8, 4.5))
    width = 0.25
    for index, side in enumerate(sides):
        heights, hatches = [], []
        for kind, size in groups:
            stats = summary(_values(_select(records, what="cli", kind=kind, size=size, side=side)))
            value = None if stats is None else stats["median"]
            hatches.append(value == INF)
            heights.append(timeout if value == INF else (value or 0))
        positions = [g + (index - 1) * width for g in range(len(groups))]
        bars = axes.bar(positions, heights, width, label=side, color=f"C{index}")
        for bar, timed_out in zip(bars, hatches, strict=True):
            if timed_out:
                bar.set_hatch("//")
                bar.set_alpha(0.5)
    axes.set_xticks(range(len(groups)), [f"{_LABELS[k]}\n{s:,}" for k, s in groups])
    axes.set_yscale("log")
    axes.set_ylabel("seconds (median; hatched = time limit hit)")
    axes.set_title(f"commitlogic status (CLI) and two floors, {result['machine']['cores']} cores")
    axes.grid(True, axis="y", which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(target, dpi=100)


def write_docs(result: dict, docs: Path) -> None:
    """Put the report into docs/benchmarks.md between the markers; write .json and .png."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import write

    page = docs / "benchmarks.md"
    text = page.read_text(encoding="utf-8")
    start, end = text.index(MARK_BEGIN), text.index(MARK_END)
    text = text[: start + len(MARK_BEGIN)] + "\n\n" + render(result) + "\n" + text[end:]
    write(page, text)
    write(docs / "benchmarks.json", json.dumps(result, indent=1) + "\n")
    try:
        plot(result, docs / "benchmarks.png")
    except ImportError:
        print("matplotlib is not installed: benchmarks.png was not redrawn", file=sys.stderr)
