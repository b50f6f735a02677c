"""One in-process measurement of commitlogic, run by ``run.py`` in a fresh process.

    python benchmarks/measure.py phases FILE [--tolerant]
    python benchmarks/measure.py whatif FILE [--what-ifs 5]
    python benchmarks/measure.py conflict FILE
    python benchmarks/measure.py live FILE [--what-ifs 5]
    python benchmarks/measure.py spread FILE [--workers 2]

Uses the public API only (``commitlogic.load``, ``Reasoner``, ``status``,
``query``, ``conflict``).  Prints one JSON object per line, ``{"name":
seconds}``, as soon as each figure is known (flushed), so that a run killed
at its time limit still reports the phases it finished.

* ``phases``: load the file, ground (build the ``Reasoner``), the full status.
* ``whatif``: after a fresh status, the median of ``--what-ifs`` what-ifs on
  the live reasoner, each on a different possible atom, every other one
  negated: a whole status under the assumption, and the status of one
  formula (the first declared outcome's) under it.
* ``conflict``: a minimal conflict of an inconsistent scenario, and its size.
* ``live``: after a fresh status, on the live reasoner: the median of
  ``--what-ifs`` statuses under one assumption (possible atoms, every other
  one negated); a what-if that turns the scenario inconsistent (the
  negation of a certain atom), with its minimal conflict; then
  ``Reasoner.add`` of one statement (an ``if`` between two possible atoms)
  followed by a status.

* ``spread``: the status solved in parts on ``--workers`` processes
  (``commitlogic.analysis.spread.spread_status``, the command line's
  ``status --workers``), then by one reasoner in this process (ground and
  status), and whether both answers are the same.  The parts go first, so
  that the workers are forked from a process without a clingo control.

``--answer PATH`` (``phases``) also writes the status object
(``StatusReport.to_json()``) there, so that ``run.py`` can compare it with a
floor's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["main"]


def _say(name: str, value: object) -> None:
    sys.stdout.write(json.dumps({name: value}) + "\n")
    sys.stdout.flush()


def _timed(name: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    start = time.perf_counter()
    value = function(*args, **kwargs)
    _say(name, time.perf_counter() - start)
    return value


def _picks(atoms: dict[str, str], count: int) -> list[str]:
    """Possible atoms spread over the universe: assuming one changes something."""
    possible = sorted(name for name, status in atoms.items() if status == "possible")
    step = max(1, len(possible) // max(count, 1))
    return possible[::step][:count]


def main(argv: list[str] | None = None) -> None:
    """Run one measurement (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("phases", "whatif", "conflict", "live", "spread"))
    parser.add_argument("file")
    parser.add_argument("--tolerant", action="store_true")
    parser.add_argument("--what-ifs", type=int, default=5)
    parser.add_argument("--answer", metavar="PATH", help="write the status object here")
    parser.add_argument("--workers", type=int, default=2, help="processes of spread (default 2)")
    arguments = parser.parse_args(argv)
    start = time.perf_counter()
    import commitlogic

    scenario = _timed("load", commitlogic.load, arguments.file)
    if arguments.kind == "spread":
        _spread(commitlogic, scenario, arguments.workers)
        return
    reasoner = _timed("ground", commitlogic.Reasoner, scenario, tolerant=arguments.tolerant)
    if arguments.kind == "conflict":
        conflict = _timed("conflict", reasoner.conflict)
        _say("conflict size", None if conflict is None else len(conflict))
        return
    report = _timed("status", reasoner.status)
    _say("total", time.perf_counter() - start)
    if arguments.answer:  # whole or not at all: a run stopped at its limit leaves none
        partial = arguments.answer + ".partial"
        with open(partial, "w", encoding="utf-8") as out:
            json.dump(report.to_json(), out)
        os.replace(partial, arguments.answer)
    if arguments.kind == "phases":
        return
    if arguments.kind == "live":
        _live(commitlogic, reasoner, report, arguments.what_ifs)
        return
    picks = _picks({k: str(v) for k, v in report.atoms.items()}, arguments.what_ifs)
    formula = scenario.outcomes[0].when
    statuses, queries = [], []
    for index, atom in enumerate(picks):
        assume = [f"not {atom}" if index % 2 else atom]
        begin = time.perf_counter()
        reasoner.status(assume=assume)
        statuses.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        reasoner.query(formula, assume=assume)
        queries.append(time.perf_counter() - begin)
    _say("what-if status", statistics.median(statuses) if statuses else None)
    _say("what-if formula", statistics.median(queries) if queries else None)


def _live(commitlogic: Any, reasoner: Any, report: Any, count: int) -> None:
    """The live-reasoner measures of ``live`` (see the module docstring)."""
    atoms = {name: str(value) for name, value in report.atoms.items()}
    picks = _picks(atoms, count)
    statuses = []
    for index, atom in enumerate(picks):
        begin = time.perf_counter()
        reasoner.status(assume=[f"not {atom}" if index % 2 else atom])
        statuses.append(time.perf_counter() - begin)
    _say("what-if status", statistics.median(statuses) if statuses else None)
    certain = sorted(name for name, status in atoms.items() if status == "certain")
    if certain:
        begin = time.perf_counter()
        broken = reasoner.status(assume=[f"not {certain[len(certain) // 2]}"])
        _say("inconsistent what-if", time.perf_counter() - begin)
        _say("what-if conflict size", None if broken.conflict is None else len(broken.conflict))
    possible = _picks(atoms, 2)
    if len(possible) == 2:
        added = commitlogic.Statement(
            "bench_added",
            "if",
            possible[0],
            condition=possible[1],
            by=reasoner.scenario.actors[0].id,
        )
        begin = time.perf_counter()
        reasoner.add(added)
        reasoner.status()
        _say("add + status", time.perf_counter() - begin)


def _spread(commitlogic: Any, scenario: Any, workers: int) -> None:
    """The measures of ``spread`` (see the module docstring)."""
    from commitlogic.analysis.spread import spread_status

    parts = _timed("status in parts", spread_status, scenario, workers=workers)
    begin = time.perf_counter()
    whole = commitlogic.Reasoner(scenario).status()
    _say("ground + status", time.perf_counter() - begin)
    _say("same answers", parts == whole and list(parts.atoms) == list(whole.atoms))


if __name__ == "__main__":
    main()
