"""Time the phases of a status on random implications, in one process (issue 16).

    python benchmarks/profile_reasoner.py 10000 100000 [--seed 0] [--profile PHASE]
    python benchmarks/profile_reasoner.py 100000 --family summits

For each size ``n`` it writes the family of random implications between
attendance atoms (``n`` statements, ``n / 2`` actors, ``n / 20`` events
inviting 20 each; 49% ``if``, 49% ``only_if``, 2% ``commits``, each with a
single-atom subject and condition) as JSON Lines to a temporary folder, and
times, in this process:

- ``load``: ``commitlogic.io.load`` of that file;
- ``reasoner``: ``Reasoner(scenario)``;
- ``status``: the first ``status()``;
- ``json``: ``json.dumps(report.to_json(), indent=2)``, as the CLI prints it;
- ``assume``: a status under one assumption on the live reasoner (the
  first one also finds the components), and ``assume again``, another;
- ``add``: ``Reasoner.add`` of one new statement, then a status;
- ``conflict``: a what-if that makes the scenario inconsistent, with its
  minimal conflict (a status that finds no outcome);
- ``conflict/status``: that conflict's time divided by the first status's.

Each phase prints its wall-clock time and the CPU time of the process
(every thread), which a busy machine disturbs less.  ``--family summits``
times many summits instead (:func:`summits`: most statements within one
event's invitees, 1% linking two events), where a what-if or an added
statement touches only small components.  The peak resident
memory of the process (``ru_maxrss``) is printed at the end.
``--profile PHASE`` runs that phase under :mod:`cProfile` and prints its
25 most expensive functions (cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from commitlogic import Kind, Reasoner, Statement, attends, load


def implications(n: int, seed: int = 0) -> str:
    """Return the JSON Lines text of the random-implications family at ``n`` statements."""
    rng = random.Random(seed)
    actors = [f"a{i}" for i in range(max(20, n // 2))]
    events = [f"e{j}" for j in range(max(1, n // 20))]
    invited = {event: rng.sample(actors, 20) for event in events}
    atoms = [f"attends({actor}, {event})" for event in events for actor in invited[event]]
    lines = [{"scenario": {"name": f"random implications, {n} statements"}}]
    lines += [{"actor": {"id": actor}} for actor in actors]
    lines += [{"event": {"id": event, "invited": invited[event]}} for event in events]
    for index in range(n):
        roll = rng.random()
        entry: dict[str, Any] = {"id": f"s{index}", "by": actors[0], "subject": rng.choice(atoms)}
        if roll < 0.02:
            entry["kind"] = "commits"
        else:
            entry["kind"] = "if" if roll < 0.51 else "only_if"
            entry["condition"] = rng.choice(atoms)
        lines.append({"statement": entry})
    return "".join(json.dumps(line) + "\n" for line in lines)


def summits(n: int, seed: int = 0, links: float = 0.01) -> str:
    """Return the JSON Lines text of many summits: ``n`` statements on ``n / 20`` events.

    Each event invites 20 of ``n / 2`` actors; a statement links two
    attendances at one event (49% ``if``, 49% ``only_if``, 2% ``commits``),
    except a share ``links`` whose condition is at another event.
    """
    rng = random.Random(seed)
    actors = [f"a{i}" for i in range(max(20, n // 2))]
    events = [f"e{j}" for j in range(max(1, n // 20))]
    invited = {event: rng.sample(actors, 20) for event in events}
    lines: list[dict[str, Any]] = [{"scenario": {"name": f"summits, {n} statements"}}]
    lines += [{"actor": {"id": actor}} for actor in actors]
    lines += [{"event": {"id": event, "invited": invited[event]}} for event in events]
    for index in range(n):
        event = events[index * len(events) // n]
        subject = f"attends({rng.choice(invited[event])}, {event})"
        entry: dict[str, Any] = {"id": f"s{index}", "by": actors[0], "subject": subject}
        roll = rng.random()
        if roll < 0.02:
            entry["kind"] = "commits"
        else:
            other = rng.choice(events) if rng.random() < links else event
            entry["kind"] = "if" if roll < 0.51 else "only_if"
            entry["condition"] = f"attends({rng.choice(invited[other])}, {other})"
        lines.append({"statement": entry})
    return "".join(json.dumps(line) + "\n" for line in lines)


def _timed(name: str, profile: str | None, function: Callable[[], Any]) -> Any:
    profiler = cProfile.Profile() if profile == name else None
    start, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    result = function()
    if profiler is not None:
        profiler.disable()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {name:<16} {seconds:8.3f} s  (cpu {cpu:7.3f} s)", flush=True)
    if profiler is not None:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
    return result, seconds


def run(n: int, seed: int, profile: str | None, folder: Path, family: str) -> None:
    path = folder / f"{family}-{n}.jsonl"
    path.write_text(FAMILIES[family](n, seed), encoding="utf-8")
    print(f"{family}, n = {n}:")
    scenario, _ = _timed("load", profile, lambda: load(path))
    reasoner, _ = _timed("reasoner", profile, lambda: Reasoner(scenario))
    report, status = _timed("status", profile, reasoner.status)
    assert report.consistent
    _timed("json", profile, lambda: json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    # An atom the first status left possible, assumed true.
    possible = [atom for atom, value in report.atoms.items() if value == "possible"]
    _timed("assume", profile, lambda: reasoner.status(assume=[possible[0]]))
    _timed("assume again", profile, lambda: reasoner.status(assume=[possible[1]]))
    # A commitment to an atom, and one refusing it: no outcome.
    atom = possible[len(possible) // 2]
    actor, event = atom[len("attends(") : -1].split(",")
    added = Statement(id="new_commit", kind=Kind.COMMITS, by=actor, subject=attends(actor, event))
    _timed("add", profile, lambda: (reasoner.add(added), reasoner.status())[1])
    # An atom certain through a chain of implications (not a commitment's subject), denied.
    committed = {str(s.subject) for s in scenario.statements if s.kind is Kind.COMMITS}
    certain = [a for a, value in report.atoms.items() if value == "certain" and a not in committed]
    denied = f"not {certain[len(certain) // 2]}"
    found, conflict = _timed("conflict", profile, lambda: reasoner.status(assume=[denied]))
    assert not found.consistent, found
    print(f"  conflict members   {found.conflict}")
    print(f"  {'conflict/status':<16} {conflict / status:8.2f} x")


#: The families of scenarios, by name.
FAMILIES = {"implications": implications, "summits": summits}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="+", help="numbers of statements")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", help="a phase to run under cProfile")
    parser.add_argument("--family", choices=sorted(FAMILIES), default="implications")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for n in arguments.sizes:
            run(n, arguments.seed, arguments.profile, Path(folder), arguments.family)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
