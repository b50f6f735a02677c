"""The benchmark: commitlogic against the raw clingo floor and a rebuild per query.

    python benchmarks/run.py [--sizes 1000,10000] [--seed 0] [--docs]

For each size it generates a scenario (``generate.py``) and its
inconsistent variant, then measures, each side in a fresh subprocess so that
peak memory is per size and per side:

* commitlogic: load the file, ground (build the ``Reasoner``), the full
  status, what-ifs on the live reasoner (a status under one assumption, and
  the status of one formula under one assumption), a minimal conflict on the
  inconsistent variant, and peak memory;
* the floor (``floor.py``): the same work in a minimal raw clingo script;
* naive: a what-if answered by building a fresh reasoner (load, ground, status);
* the command line: ``commitlogic status FILE --json`` and ``floor.py FILE``
  as whole processes, start-up included.

It prints one table.  ``--docs`` also writes it into docs/benchmarks.md
(between the markers) and draws docs/benchmarks.png (needs matplotlib:
``pip install -e '.[plot]'``).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate, write  # noqa: E402

DEFAULT_SIZES = (1000, 3000, 10000, 30000, 100000)
WHAT_IFS = 5  # what-if queries per size (--what-ifs); the median is reported
MARK_BEGIN = "<!-- benchmark table: begin (python benchmarks/run.py --docs) -->"
MARK_END = "<!-- benchmark table: end -->"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def _what_if_atoms(atoms: dict[str, str]) -> list[str]:
    """Pick atoms whose assumption changes something: possible ones, spread over the universe."""
    possible = sorted(name for name, status in atoms.items() if status == "possible")
    step = max(1, len(possible) // WHAT_IFS)
    return possible[::step][:WHAT_IFS]


def measure_library(path: str, inconsistent: str, time_limit: float) -> dict:
    """Measure commitlogic in this process (run in a fresh subprocess per size)."""
    import commitlogic

    result: dict[str, float | None] = {}
    scenario, result["load"] = _timed(commitlogic.load, path)
    reasoner, result["ground"] = _timed(commitlogic.Reasoner, scenario, time_limit=time_limit)
    report, result["status"] = _timed(reasoner.status)
    picks = _what_if_atoms({k: str(v) for k, v in report.atoms.items()})
    outcome = scenario.outcomes[0].when
    statuses, queries = [], []
    for index, atom in enumerate(picks):
        assume = [f"not {atom}" if index % 2 else atom]
        statuses.append(_timed(reasoner.status, assume=assume)[1])
        queries.append(_timed(reasoner.query, outcome, assume=assume)[1])
    result["what-if status"] = statistics.median(statuses)
    result["what-if query"] = statistics.median(queries)

    def fresh() -> None:
        commitlogic.Reasoner(commitlogic.load(path)).status(assume=[picks[0]])

    result["naive what-if"] = _timed(fresh)[1]
    broken = commitlogic.Reasoner(commitlogic.load(inconsistent), time_limit=time_limit)
    conflict, result["conflict"] = _timed(broken.conflict)
    result["conflict size"] = len(conflict or ())
    result["peak MB"] = _peak_mb()
    return result


def measure_floor(path: str, inconsistent: str) -> dict:
    """Measure the raw clingo floor in this process."""
    import clingo
    import floor

    result: dict[str, float | None] = {}
    instance, result["load"] = _timed(floor.read, path)
    (brave, cautious), result["ground"] = _timed(floor.controls, instance)
    status, result["status"] = _timed(floor.solve_status, brave, cautious, instance)
    picks = _what_if_atoms(status["atoms"])
    times = []
    for index, atom in enumerate(picks):
        symbol = clingo.Function("t", [clingo.String(atom)])
        extra = [(symbol, not index % 2)]
        times.append(_timed(floor.solve_status, brave, cautious, instance, extra)[1])
    result["what-if status"] = statistics.median(times)
    broken = floor.read(inconsistent)
    control = floor.ground(broken, ["--models=1"])
    _, result["conflict"] = _timed(floor.minimal_conflict, broken, control)
    result["peak MB"] = _peak_mb()
    return result


def _subprocess(argv: list[str], timeout: float) -> tuple[float | None, str]:
    start = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, ""
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.strip()[-500:]}")
    return elapsed, done.stdout


def measure_size(size: int, seed: int, folder: Path, timeout: float) -> dict:
    """Generate the instances of one size and measure every side in its own process."""
    path, broken = folder / f"s{size}.toml", folder / f"x{size}.toml"
    write(path, generate(size, seed))
    write(broken, generate(size, seed, inconsistent=True))
    me = [sys.executable, str(Path(__file__).resolve())]
    row: dict = {"size": size}
    for side in ("library", "floor"):
        argv = [*me, "--measure", side, str(path), str(broken), "--limit", str(timeout)]
        argv += ["--what-ifs", str(WHAT_IFS)]
        _, out = _subprocess(argv, timeout * 3)
        row[side] = json.loads(out) if out else {}
    cli = [sys.executable, "-m", "commitlogic", "status", str(path), "--json"]
    row["library"]["status CLI"], cli_out = _subprocess(cli, timeout)
    floor_cli = [sys.executable, str(HERE / "floor.py"), str(path)]
    row["floor"]["status CLI"], floor_out = _subprocess(floor_cli, timeout)
    if cli_out and floor_out:  # the answers must agree, or the timings mean nothing
        theirs, ours = json.loads(floor_out), json.loads(cli_out)
        if theirs != ours:
            raise RuntimeError(f"commitlogic and the floor disagree on {path}")
    return row


# --------------------------------------------------------------------------- the table

ROWS = (
    ("load", "load the file"),
    ("ground", "ground"),
    ("status", "full status"),
    ("status CLI", "status, CLI process"),
    ("what-if status", "what-if: status (median)"),
    ("what-if query", "what-if: one formula (median)"),
    ("conflict", "minimal conflict"),
    ("peak MB", "peak memory"),
)


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return "timeout"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if value < 1:
        return f"{value * 1000:,.1f} ms"
    return f"{value:,.2f} s"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None or theirs == 0:
        return ""
    return f"{ours / theirs:.2f}x"


def table(rows: list[dict]) -> str:
    """Return the Markdown table of the measured rows."""
    lines = [
        "| statements | measure | commitlogic | floor | ÷ floor | naive (rebuild) | ÷ naive |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ours, floor, naive = row["library"], row["floor"], row["library"].get("naive what-if")
        for key, label in ROWS:
            unit = "MB" if key == "peak MB" else "s"
            mine = ours.get(key, None) if key in ours else None
            theirs = floor.get(key) if key in floor else None
            if key == "what-if query":
                theirs = None  # the floor answers what-ifs with a whole status only
            cells = [f"{row['size']:,}", label, _cell(mine, unit)]
            cells += [_cell(theirs, unit) if key in floor else "", _ratio(mine, theirs)]
            if key.startswith("what-if"):
                cells += [_cell(naive, unit), _ratio(mine, naive)]
            else:
                cells += ["", ""]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def plot(rows: list[dict], target: Path) -> None:
    """Draw time against size, log-log, for the main measures of both sides."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(8, 5))
    sizes = [row["size"] for row in rows]
    keys = ("load", "ground", "status", "status CLI", "what-if status", "conflict")
    for side, style in (("library", "-"), ("floor", "--")):
        for colour, key in enumerate(keys):
            values = [row[side].get(key) for row in rows]
            if any(v is None for v in values) or not values:
                continue
            name = "commitlogic" if side == "library" else "floor"
            axes.plot(sizes, values, style, color=f"C{colour}", marker="o", label=f"{name}: {key}")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("statements")
    axes.set_ylabel("seconds")
    axes.set_title("commitlogic and the raw clingo floor (2 cores)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize="small", ncol=2)
    figure.tight_layout()
    figure.savefig(target, dpi=100)


def write_docs(rows: list[dict]) -> None:
    """Put the table into docs/benchmarks.md between the markers, and draw the plot."""
    page = ROOT / "docs" / "benchmarks.md"
    text = page.read_text(encoding="utf-8")
    start, end = text.index(MARK_BEGIN), text.index(MARK_END)
    text = text[: start + len(MARK_BEGIN)] + "\n\n" + table(rows) + "\n" + text[end:]
    write(page, text)
    (ROOT / "docs" / "benchmarks.json").write_text(json.dumps(rows, indent=1) + "\n")
    plot(rows, ROOT / "docs" / "benchmarks.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per measurement")
    parser.add_argument("--docs", action="store_true", help="update docs/benchmarks.md and .png")
    parser.add_argument("--measure", nargs=3, metavar=("SIDE", "FILE", "BROKEN"))
    parser.add_argument("--limit", type=float, default=600)
    parser.add_argument("--what-ifs", type=int, default=WHAT_IFS, help="what-ifs per size")
    arguments = parser.parse_args()
    globals()["WHAT_IFS"] = arguments.what_ifs
    if arguments.measure:
        side, path, broken = arguments.measure
        if side == "library":
            result = measure_library(path, broken, arguments.limit)
        else:
            result = measure_floor(path, broken)
        json.dump(result, sys.stdout)
        return
    sizes = [int(text.replace("_", "")) for text in arguments.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="commitlogic-bench-") as folder:
        for size in sizes:
            print(f"measuring {size:,} statements...", file=sys.stderr, flush=True)
            rows.append(measure_size(size, arguments.seed, Path(folder), arguments.timeout))
    print(table(rows))
    if arguments.docs:
        write_docs(rows)


if __name__ == "__main__":
    main()
