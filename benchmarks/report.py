"""The report of a benchmark run (``run.py``): the machine, tables, targets and the plot.

Nothing here is typed by hand: every figure comes from the records of the
run, and every target's verdict and margin is computed from them.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

__all__ = ["machine", "render", "targets", "write_docs"]

MARK_BEGIN = "<!-- benchmark report: begin (python benchmarks/run.py --docs) -->"
MARK_END = "<!-- benchmark report: end -->"
INF = math.inf
_LABELS = {"generate": "generate.py", "chains": "generate.py --chains"}


# --------------------------------------------------------------------------- the machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent,
        )
        return done.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def machine() -> dict:
    """Describe the machine and the software the run measured."""
    memory = _memory_gib()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory": None if memory is None else f"{memory:.1f} GiB",
        "load average at the end": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "clingo": _version("clingo"),
        "python-sat": _version("python-sat"),
        "toml-rs": _version("toml-rs"),
        "commitlogic": f"{_version('commitlogic')} (commit {_commit()})",
    }


# --------------------------------------------------------------------------- statistics


def _values(records: Iterable[dict], figure: str | None = None) -> list[float]:
    """The samples of a figure (or the process's seconds); a timeout counts as infinite."""
    found = []
    for record in records:
        if figure is None:
            value = record.get("seconds")
        elif figure == "peak_mb":
            value = record.get("peak_mb")
        else:
            value = record.get("figures", {}).get(figure)
        if value is None and (record.get("timeout") is not None or figure is None):
            value = INF if record.get("timeout") is not None else None
        if value is not None:
            found.append(float(value))
    return found


def summary(values: list[float]) -> dict | None:
    """Median, least and greatest of the samples (infinite = timed out), or None."""
    if not values:
        return None
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def _select(records: list[dict], **wanted: object) -> list[dict]:
    return [r for r in records if all(r.get(k) == v for k, v in wanted.items())]


def _time(seconds: float | None, timeout: float | None = None) -> str:
    if seconds is None:
        return "n/a"
    if seconds == INF:
        return f"timeout (> {timeout:g} s)" if timeout else "timeout"
    if seconds < 1:
        return f"{seconds * 1000:,.1f} ms"
    if seconds < 120:
        return f"{seconds:,.2f} s"
    return f"{seconds / 60:,.1f} min"


def _cell(stats: dict | None, timeout: float | None = None, unit: str = "s") -> str:
    if stats is None:
        return "n/a"
    if unit == "MB":
        return f"{stats['median']:,.0f} MB" if stats["median"] != INF else "n/a"
    text = _time(stats["median"], timeout)
    if stats["n"] > 1 and stats["median"] != INF:
        text += f" ({_time(stats['min'], timeout)} to {_time(stats['max'], timeout)})"
    return text


def _ratio(mine: dict | None, theirs: dict | None) -> str:
    if not mine or not theirs:
        return "n/a"
    a, b = mine["median"], theirs["median"]
    if a == INF or b == INF or b == 0:
        return "n/a (timeout)" if INF in (a, b) else "n/a"
    return f"{a / b:.2f}x"


# --------------------------------------------------------------------------- targets


def _verdict(value: float | None, limit: float, timeout: float | None, unit: str) -> tuple:
    """Return (measured text, met?, by how much) for ``value <= limit``."""
    if value is None:
        return "n/a (a side did not finish, or was not run)", None, "n/a"
    if value == INF and unit == "s" and timeout is not None and timeout < limit:
        return (
            f"timeout (> {timeout:g} s)",
            None,
            "not decided: the run's limit is below the target",
        )
    if value == INF:
        bound = f"> {timeout:g} s" if timeout else "timeout"
        over = f"by more than {timeout / limit:.1f}x" if timeout and unit == "s" else "timed out"
        return f"timeout ({bound})", False, over
    shown = (
        f"{value:.2f}x" if unit == "x" else (f"{value:,.0f} MB" if unit == "MB" else _time(value))
    )
    if value <= limit:
        return shown, True, f"{(1 - value / limit) * 100:.0f}% under the limit"
    return shown, False, f"{value / limit:.2f}x the limit"


def _median(stats: dict | None) -> float | None:
    return None if stats is None else stats["median"]


def _quotient(a: dict | None, b: dict | None) -> float | None:
    if a is None or b is None:
        return None
    if b["median"] in (0, INF):
        return None  # the floor (or the base) did not finish: no ratio
    if a["median"] == INF:
        return INF
    return a["median"] / b["median"]


def targets(result: dict) -> list[dict]:
    """Compute the targets of issue 11 from the records: measured, limit, met, margin."""
    records, settings = result["records"], result["settings"]
    small, large, huge = settings["small"], settings["large"], settings["huge"]
    timeout, huge_timeout = settings["timeout"], settings["huge_timeout"]

    def cli(kind: str, size: int, side: str) -> dict | None:
        return summary(_values(_select(records, what="cli", kind=kind, size=size, side=side)))

    def fig(what: str, kind: str, size: int, figure: str) -> dict | None:
        chosen = _select(records, what=what, kind=kind, size=size)
        return summary(_values(chosen, figure))

    rows = []

    def add(
        name: str,
        value: float | None,
        limit: float,
        unit: str,
        how: str,
        bound: float | None = timeout,
    ) -> None:
        shown, met, margin = _verdict(value, limit, bound, unit)
        limit_text = {"x": f"{limit:g}x", "MB": f"{limit:,.0f} MB"}.get(unit, _time(limit))
        rows.append(
            {
                "target": name,
                "measured": shown,
                "limit": limit_text,
                "met": met,
                "margin": margin,
                "how": how,
            }
        )

    def add_memory(name: str, chosen: list[dict], value: float | None, limit: float) -> None:
        """A memory target: undecided when a process was stopped before it finished."""
        if value is not None and any(r.get("timeout") for r in chosen):
            rows.append(
                {
                    "target": name,
                    "measured": f"{value:,.0f} MB when stopped",
                    "limit": f"{limit:,.0f} MB",
                    "met": None if value <= limit else False,
                    "margin": "not decided: the process hit its time limit"
                    if value <= limit
                    else f"{value / limit:.2f}x the limit before it was stopped",
                    "how": "peak RSS of the process",
                }
            )
            return
        add(name, value, limit, "MB", "peak RSS of the process")

    for kind, label in (("generate", "generate.py"), ("chains", "chains")):
        add(
            f"{small:,}: CLI status ÷ clingo floor ({label})",
            _quotient(cli(kind, small, "commitlogic"), cli(kind, small, "clingo floor")),
            1.5,
            "x",
            "median CLI time ÷ median floor time, process start included",
        )
    big = cli("generate", large, "commitlogic")
    add(f"{large:,}: CLI status time", _median(big), 10, "s", "median over the large seeds")
    add(
        f"{large:,}: CLI status ÷ clingo floor",
        _quotient(big, cli("generate", large, "clingo floor")),
        2,
        "x",
        "medians",
    )
    peak = summary(
        _values(
            _select(records, what="cli", kind="generate", size=large, side="commitlogic"), "peak_mb"
        )
    )
    add_memory(
        f"{large:,}: CLI status peak memory",
        _select(records, what="cli", kind="generate", size=large, side="commitlogic"),
        _median(peak),
        1024,
    )
    if huge:
        whole = _median(fig("phases", "generate", huge, "total"))
        add(
            f"{huge:,} (JSON Lines): in-process status",
            whole,
            120,
            "s",
            "load + ground + status in one process",
            huge_timeout,
        )
        peak_huge = summary(_values(_select(records, what="phases", size=huge), "peak_mb"))
        add_memory(
            f"{huge:,}: peak memory",
            _select(records, what="phases", size=huge),
            _median(peak_huge),
            6144,
        )
    front = [_median(fig("phases", "generate", large, name)) for name in ("load", "ground")]
    solving = _median(fig("phases", "generate", large, "status"))
    share = None
    if None not in front and solving not in (None, INF, 0):
        share = sum(front) / solving  # type: ignore[arg-type]
    add(
        f"{large:,}: front end (load + ground) ÷ status",
        share,
        1,
        "x",
        "in-process phases; n/a when the status did not finish",
    )
    status_small = fig("phases", "generate", small, "status")
    conflict_small = fig("conflict", "inconsistent", small, "conflict")
    add(
        f"{small:,}: minimal conflict ÷ status",
        _quotient(conflict_small, status_small),
        1,
        "x",
        "median conflict (inconsistent variant) ÷ median status (same seeds), in-process",
    )
    add(
        f"{large:,}: minimal conflict",
        _median(fig("conflict", "inconsistent", large, "conflict")),
        10,
        "s",
        "median over the large seeds, in-process",
    )
    add(
        f"{small:,}: what-if, one formula",
        _median(fig("whatif", "generate", small, "what-if formula")),
        0.020,
        "s",
        f"median of {settings['what_ifs']} what-ifs per run, median over runs",
    )
    add(
        f"{small:,}: status under an assumption ÷ fresh status",
        _quotient(
            fig("whatif", "generate", small, "what-if status"),
            fig("whatif", "generate", small, "status"),
        ),
        0.5,
        "x",
        "medians, same runs",
    )
    add(
        f"{small:,}: tolerant ÷ strict status",
        _quotient(fig("tolerant", "generate", small, "status"), status_small),
        2,
        "x",
        "medians, in-process",
    )
    return rows


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
