"""The report of a benchmark run (``run.py``): the Markdown tables and the plot.

Nothing here is typed by hand: every figure comes from the records of the
run (``records.py``), and every target's verdict and margin is computed
from them (``targets.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from records import _LABELS, INF, _cell, _ratio, _select, _values, machine, summary, work
from targets import targets

__all__ = ["machine", "render", "targets", "write_docs"]

MARK_BEGIN = "<!-- benchmark report: begin (python benchmarks/run.py --docs) -->"
MARK_END = "<!-- benchmark report: end -->"


# --------------------------------------------------------------------------- the page


def _cli_row(records: list[dict], kind: str, size: int, sides: tuple, timeout: float) -> str:
    """One table row: the sides' median CLI times, commitlogic's ratios, the peak memories."""
    stats = {
        side: summary(_values(_select(records, what="cli", kind=kind, size=size, side=side)))
        for side in sides
    }
    peaks = [
        summary(_values(_select(records, what="cli", kind=kind, size=size, side=side), "peak_mb"))
        for side in sides
    ]
    mine = stats[sides[0]]
    cells = [_cell(mine, timeout)]
    for side in sides[1:]:
        cells += [_cell(stats[side], timeout), _ratio(mine, stats[side])]
    memory = " / ".join(_cell(p, unit="MB") for p in peaks)
    return f"| {_LABELS[kind]} | {size:,} | " + " | ".join(cells) + f" | {memory} |"


def _cli_table(records: list[dict], rows: tuple, sides: tuple, timeout: float) -> list[str]:
    """The table of CLI status times: commitlogic against two floors, one row per instance."""
    short = {"sign floor": "sign", "clingo floor": "clingo", "SAT floor": "SAT"}
    head = ["instance", "statements", sides[0]]
    for side in sides[1:]:
        head += [side, f"÷ {short[side]}"]
    head.append(f"peak memory ({' / '.join(short.get(side, side) for side in sides)})")
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    return lines + [_cli_row(records, kind, size, sides, timeout) for kind, size in rows]


def _figure(records: list[dict], what: str, kind: str, size: int, figure: str, bound: float) -> str:
    chosen = _select(records, what=what, kind=kind, size=size)
    stats = summary(_values(chosen, figure))
    if stats is None and any(r.get("timeout") for r in chosen):
        return f"timeout (> {bound:g} s)"
    return _cell(stats, bound)


def _agreement(records: list[dict]) -> list[str]:
    agreements = _select(records, what="agreement")
    compared = [r for r in agreements if r["agree"] is not None]
    differ = [r for r in compared if not r["agree"]]
    text = (
        "all agreed."
        if not differ
        else "they DISAGREED on "
        + ", ".join(f"{r['kind']} {r['size']:,} seed {r['seed']}" for r in differ)
        + "."
    )
    missing = [
        f"{r['kind']} {r['size']:,} seed {r['seed']}" for r in agreements if r["agree"] is None
    ]
    out = [
        f"Commitlogic's answers and the floors' were compared on {len(compared)} of "
        f"{len(agreements)} instances (where at least two sides finished): {text}"
    ]
    if missing:
        out.append(f"Not compared (a side did not finish): {', '.join(missing)}.")
    return out


def _spread_table(records: list[dict], sizes: list[tuple[int, float]]) -> list[str]:
    """The status of the many summits in parts on worker processes, against one reasoner."""
    out = [
        "",
        "### A status in parts on two worker processes (`status --workers 2`), many summits",
        "",
        "| statements | one reasoner (ground + status) | in parts, 2 workers | ÷ one reasoner "
        "| same answers |",
        "|---:|---:|---:|---:|---|",
    ]
    for size, bound in sizes:
        chosen = _select(records, what="spread", kind="summits", size=size)
        if not chosen:
            continue
        one = summary(_values(chosen, "ground + status"))
        parts = summary(_values(chosen, "status in parts"))
        same = {r.get("figures", {}).get("same answers") for r in chosen}
        agreed = "yes" if same == {True} else "no" if False in same else "n/a"
        out.append(
            f"| {size:,} | {_cell(one, bound)} | {_cell(parts, bound)} | {_ratio(parts, one)} "
            f"| {agreed} |"
        )
    return out


def render(result: dict) -> str:
    """Return the Markdown report of a run."""
    records, settings, box = result["records"], result["settings"], result["machine"]
    small, large, huge, timeout = (
        settings["small"],
        settings["large"],
        settings["huge"],
        settings["timeout"],
    )
    huge_timeout = settings["huge_timeout"]
    out = ["### The machine and the run", ""]
    out += [f"- **{key}**: {value}" for key, value in box.items()]
    out += [
        f"- **seeds**: {', '.join(map(str, settings['seeds']))} at {small:,} statements; "
        f"{', '.join(map(str, settings['large_seeds']))} at {large:,}"
        + (f"; 0 at {huge:,}" if huge else ""),
        f"- **runs per seed**: {settings['repeats']}; time limit per process: "
        f"{timeout:g} s ({huge_timeout:g} s at {huge:,})",
        f"- **command**: `{settings['command']}` ({settings['minutes']} min)",
        "",
        "Cells give the median, and (least to greatest) when there was more than one run.",
        "",
        "### Headline: status against the sign-heuristic floor (process start included)",
        "",
    ]
    rows = (("implications", small), ("summits", small), ("implications", large))
    out += _cli_table(records, rows, ("commitlogic", "sign floor", "SAT floor"), timeout)
    out += ["", *_agreement(records), ""]
    out += [
        "### The live reasoner and conflicts (in-process)",
        "",
        f"| measure | random implications {small:,} | random implications {large:,} "
        f"| many summits {large:,} |",
        "|---|---:|---:|---:|",
    ]
    live = [
        ("load", "live", "load"),
        ("ground (build the Reasoner)", "live", "ground"),
        ("fresh status", "live", "status"),
        ("status under one assumption", "live", "what-if status"),
        ("what-if that turns inconsistent, with its conflict", "live", "inconsistent what-if"),
        ("Reasoner.add of one statement, then status", "live", "add + status"),
        ("minimal conflict (inconsistent variant)", "conflict", "conflict"),
    ]
    columns = (("implications", small), ("implications", large), ("summits", large))
    for label, what, figure in live:
        cells = [
            _figure(
                records,
                what,
                kind + ("-inconsistent" if what == "conflict" else ""),
                size,
                figure,
                timeout,
            )
            if what == "live" or kind == "implications"
            else "not run"
            for kind, size in columns
        ]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    sizes_found = sorted(
        {
            r.get("figures", {}).get(name)
            for r in _select(records, kind="implications-inconsistent")
            + _select(records, what="live")
            for name in ("conflict size", "what-if conflict size")
        }
        - {None}
    )
    if sizes_found:
        out += ["", f"Conflict sizes found: {', '.join(map(str, sizes_found))}."]
    out += [
        "",
        "### In-process phases: the many summits, and the largest size (JSON Lines)",
        "",
        "| instance | statements | load | ground | status | whole process "
        "| load + ground + status per 1,000 statements "
        "| peak memory | sign floor (process) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [("summits", small, timeout)]
    if huge:
        rows += [("implications", huge, huge_timeout), ("summits", huge, huge_timeout)]
    for kind, size, bound in rows:
        cells = [
            _figure(records, "phases", kind, size, figure, bound)
            for figure in ("load", "ground", "status", "total")
        ]
        whole = summary(work(_select(records, what="phases", kind=kind, size=size)))
        per = (
            "n/a"
            if whole is None or whole["median"] == INF
            else _cell({"median": whole["median"] * 1000 / size, "n": 1})
        )
        peak = _cell(
            summary(_values(_select(records, what="phases", kind=kind, size=size), "peak_mb")),
            unit="MB",
        )
        floor = _figure(records, "floor", kind, size, "seconds", bound)
        if floor == "n/a":
            floor = _cell(
                summary(_values(_select(records, what="floor", kind=kind, size=size))), bound
            )
        out.append(
            f"| {_LABELS[kind]} | {size:,} | "
            + " | ".join(cells)
            + f" | {per} | {peak} | {floor} |"
        )
    out += _spread_table(records, [(large, timeout)] + ([(huge, huge_timeout)] if huge else []))
    if settings.get("project", True):
        out += [
            "",
            "### The project's own families, against the clingo floor and the SAT floor",
            "",
        ]
        rows = (("generate", small), ("chains", small))
        out += _cli_table(records, rows, ("commitlogic", "clingo floor", "SAT floor"), timeout)
        conflict = _figure(records, "conflict", "inconsistent", small, "conflict", timeout)
        out += ["", f"Minimal conflict of generate.py --inconsistent at {small:,}: {conflict}."]
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
        "### Targets (issue 16)",
        "",
        "| target | measured | limit | met? | by how much | where the time went |",
        "|---|---:|---:|---|---|---|",
    ]
    for row in targets(result):
        met = {True: "**met**", False: "**missed**", None: "n/a"}[row["met"]]
        out.append(
            f"| {row['target']} | {row['measured']} | {row['limit']} | {met} | {row['margin']} "
            f"| {row['where']} |"
        )
    return "\n".join(out) + "\n"


def plot(result: dict, target: Path) -> None:
    """Draw the CLI status times of the three sides, per instance (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    records, settings = result["records"], result["settings"]
    small, large, timeout = settings["small"], settings["large"], settings["timeout"]
    groups = [
        ("implications", small),
        ("summits", small),
        ("implications", large),
        ("generate", small),
        ("chains", small),
    ]
    sides = ("commitlogic", "sign floor", "clingo floor", "SAT floor")
    figure, axes = pyplot.subplots(figsize=(10, 4.8))
    width = 0.2
    for index, side in enumerate(sides):
        heights, hatches = [], []
        for kind, size in groups:
            stats = summary(_values(_select(records, what="cli", kind=kind, size=size, side=side)))
            value = None if stats is None else stats["median"]
            hatches.append(value == INF)
            heights.append(timeout if value == INF else (value or 0))
        positions = [g + (index - 1.5) * width for g in range(len(groups))]
        bars = axes.bar(positions, heights, width, label=side, color=f"C{index}")
        for bar, timed_out in zip(bars, hatches, strict=True):
            if timed_out:
                bar.set_hatch("//")
                bar.set_alpha(0.5)
    axes.set_xticks(range(len(groups)), [f"{_LABELS[k]}\n{s:,}" for k, s in groups])
    axes.set_yscale("log")
    axes.set_ylabel("seconds (median; hatched = time limit hit)")
    axes.set_title(f"commitlogic status (CLI) and its floors, {result['machine']['cores']} cores")
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
