"""Timings of the reasoner's solving side: status, what-ifs and conflicts, against the floor.

    python benchmarks/consequences.py [--sizes 1000,10000] [--seeds 0,1,2] [--repeat 5] [--no-floor]

For each size and seed it generates a scenario (``generate.py``) and its
inconsistent variant, loads them once (loading is not timed here: see
``run.py``), then prints, per line: building the ``Reasoner`` (grounding),
a fresh ``status``, a ``status`` under one assumption on the live reasoner,
one what-if formula (``query``), a minimal ``conflict`` of the inconsistent
variant, and the number of solver calls of each; with the floor
(``floor.py``: clasp's brave and cautious enumeration on a raw program),
its status time.  What-ifs are repeated and their median is printed.
Timings on a shared machine are noisy: compare medians of several runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import floor  # noqa: E402
from generate import generate, write  # noqa: E402

from commitlogic import Reasoner, load  # noqa: E402
from commitlogic.reasoning.solver import Solver  # noqa: E402

__all__ = ["main"]

CALLS = 0
_solve = Solver.solve


def _counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    global CALLS
    CALLS += 1
    return _solve(self, *args, **kwargs)


Solver.solve = _counted  # type: ignore[method-assign]


def timed(function, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Return ``(value, seconds, solver calls)`` of one call."""
    global CALLS
    CALLS = 0
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start, CALLS


def measure(size: int, seed: int, repeat: int, with_floor: bool, folder: Path) -> str:
    """Measure one size and seed; return one printed line."""
    path, bad = folder / f"s{size}_{seed}.toml", folder / f"i{size}_{seed}.toml"
    write(path, generate(size, seed))
    write(bad, generate(size, seed, inconsistent=True))
    scenario = load(path)
    reasoner, ground, _ = timed(Reasoner, scenario)
    report, status, status_calls = timed(reasoner.status)
    possible = sorted(name for name, s in report.atoms.items() if s == "possible")
    picks = possible[:: max(1, len(possible) // repeat)][:repeat]
    formula = scenario.outcomes[0].when
    what_ifs, queries = [], []
    for index, atom in enumerate(picks):
        assume = [f"not {atom}" if index % 2 else atom]
        what_ifs.append(timed(reasoner.status, assume=assume)[1:])
        queries.append(timed(reasoner.query, formula, assume=assume)[1:])
    conflict_reasoner = Reasoner(load(bad))
    conflict, conflict_time, conflict_calls = timed(conflict_reasoner.conflict)
    line = (
        f"{size:>7} seed {seed}: ground {ground:6.2f} s  status {status:6.2f} s"
        f" ({status_calls} calls)  what-if status {_median(what_ifs)}"
        f"  what-if query {_median(queries, 1000, 'ms')}"
        f"  conflict {conflict_time:6.2f} s ({conflict_calls} calls, {len(conflict or ())} ids)"
    )
    if with_floor:
        instance = floor.read(str(path))
        start = time.perf_counter()
        brave, cautious = floor.controls(instance)
        floor.solve_status(brave, cautious, instance)
        line += f"  floor status {time.perf_counter() - start:6.2f} s"
    return line


def _median(samples: list[tuple[float, int]], scale: float = 1, unit: str = "s") -> str:
    seconds = statistics.median(s for s, _ in samples) * scale
    calls = statistics.median(c for _, c in samples)
    return f"{seconds:7.3f} {unit} ({calls:g} calls)"


def main() -> None:
    """Run the measurements given on the command line and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--repeat", type=int, default=5, help="what-ifs per size (median)")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor's status")
    arguments = parser.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    with tempfile.TemporaryDirectory() as folder:
        for size in map(int, arguments.sizes.split(",")):
            for seed in map(int, arguments.seeds.split(",")):
                line = measure(size, seed, arguments.repeat, not arguments.no_floor, Path(folder))
                print(line, flush=True)


if __name__ == "__main__":
    main()
