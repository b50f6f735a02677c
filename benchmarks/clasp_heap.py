"""How long clasp prepares a large program, with and without a large Python heap beside it.

    python benchmarks/clasp_heap.py [--atoms 1000000] [--objects 10000000]

Builds, through clingo's backend, a program shaped like the clause encoding
of the many summits (``--atoms`` choice atoms with the two sign heuristics
of ``rules/heuristics.lp``, one free external and one constraint
``:- active, a, not b`` per statement, ``b`` among the 20 invitees of
``a``'s summit), and times the start of its first solve under every
activation assumption: clasp's preparation of the program.  It does so
twice, each in a fresh process: alone, and after making ``--objects``
small Python tuples that stay alive, as a loaded scenario's objects do.
It prints one JSON object per run, ``{"objects": n, "prepare": seconds,
"solve": seconds}``, and the ratio of the two preparations.

This is why the status of ``measure.py phases`` grows faster than the
number of statements between 10,000 and 1,000,000 (docs/benchmarks.md):
the same solver work takes longer in a process that holds gigabytes of
Python objects.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import time

__all__ = ["main"]


def _once(atoms: int, objects: int) -> dict[str, float]:
    """Time the first solve of the program, with ``objects`` Python tuples alive."""
    import clingo

    gc.disable()  # as commitlogic's loader does: the objects live on
    heap = [(f"x{index}", (index, str(index))) for index in range(objects)]
    control = clingo.Control(["--models=1", "--heuristic=Domain"])
    pick = random.Random(0)
    with control.backend() as backend:
        maximize = backend.add_atom()
        backend.add_external(maximize, clingo.TruthValue.Free)
        choices = [backend.add_atom() for _ in range(atoms)]
        for atom in choices:
            backend.add_rule([atom], [], True)
            backend.add_heuristic(atom, clingo.HeuristicType.True_, 1, 1, [maximize])
            backend.add_heuristic(atom, clingo.HeuristicType.False_, 1, 1, [-maximize])
        active = []
        for index, atom in enumerate(choices):
            switch = backend.add_atom()
            backend.add_external(switch, clingo.TruthValue.Free)
            active.append(switch)
            other = choices[(index // 20) * 20 + pick.randrange(20)]
            backend.add_rule([], [switch, atom, -other])
    begin = time.perf_counter()
    handle = control.solve(assumptions=[*active, maximize], async_=True)
    prepared = time.perf_counter() - begin
    handle.wait()
    handle.get()
    solved = time.perf_counter() - begin
    assert len(heap) == objects
    return {"objects": objects, "prepare": prepared, "solve": solved}


def main(argv: list[str] | None = None) -> None:
    """Run both measurements in fresh processes and print them with their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--atoms", type=int, default=1_000_000)
    parser.add_argument("--objects", type=int, default=10_000_000)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.child is not None:
        print(json.dumps(_once(arguments.atoms, arguments.child)))
        return
    runs = []
    for objects in (0, arguments.objects):
        argv_child = [sys.executable, __file__, "--atoms", str(arguments.atoms)]
        done = subprocess.run(
            [*argv_child, "--child", str(objects)], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout))
        print(done.stdout.strip(), flush=True)
    print(json.dumps({"prepare ratio": runs[1]["prepare"] / runs[0]["prepare"]}))


if __name__ == "__main__":
    main()
