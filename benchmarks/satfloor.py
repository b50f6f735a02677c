"""The SAT floor: the same status from a backbone loop on a CDCL SAT solver (python-sat).

    python benchmarks/satfloor.py FILE [--solver glucose4] [--stats]

prints the JSON object of ``commitlogic status --json`` (SPEC section 4),
as :mod:`floor` does, for the scenario without assumptions.  This is the
best a user could write without commitlogic or ASP: ``floor.read`` parses
the file (its own small formula parser), every formula node becomes a
variable defined by Tseitin clauses, every active statement ``A -> Q``
becomes the clause ``not A or Q``, and the statuses come from the
*backbone* of the formula, computed as CadiBack does (Biere, Froleyks and
Wang, 2023): the first model gives the candidates, every later model
removes the candidates it flips, and the rest are tested in chunks, with one
solver call asking "does some candidate of this chunk flip?".  An atom in
the backbone is certain or impossible; any other is possible.  Outcomes are
their formula's node; a commitment's states come from its antecedent's node
(``expired`` where it can be false, ``discharged`` where it can be true).

Needs python-sat (``pip install -e '.[bench]'``); a benchmark-only tool.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import Instance, read

__all__ = ["backbone", "clauses", "status"]

SOLVER = "glucose4"


def clauses(instance: Instance) -> list[list[int]]:
    """Return the CNF of the active statements; node ``n`` is variable ``n + 1``."""
    cnf: list[list[int]] = []
    for key, number in instance.nodes.items():
        var, op = number + 1, key[0]
        if op == "l":
            continue  # an atom's node is the atom's variable
        children = [child + 1 for child in key[1:]]
        if op == "n":
            cnf += [[-var, -children[0]], [var, children[0]]]
        elif op == "c":
            cnf += [[-var, child] for child in children]
            cnf.append([var, *(-child for child in children)])
        else:  # "d"
            cnf += [[var, -child] for child in children]
            cnf.append([-var, *children])
    active = set(instance.active)  # type: ignore[attr-defined]
    for sid, premise, target in instance.implications:
        if sid in active:
            cnf.append([target + 1] if premise is None else [-(premise + 1), target + 1])
    return cnf


def backbone(
    cnf: list[list[int]], variables: list[int], solver: str = SOLVER
) -> tuple[dict[int, bool] | None, dict[str, int]]:
    """Return the backbone among ``variables`` ({var: value}), or None when unsatisfiable.

    Also return counts: solver calls and chunks that held.
    """
    from pysat.solvers import Solver

    counts = {"calls": 1, "held": 0}
    with Solver(name=solver, bootstrap_with=cnf) as sat:
        if not sat.solve():
            return None, counts
        top = max([abs(lit) for clause in cnf for lit in clause] + variables + [0])
        model = sat.get_model() or []  # model[var - 1] is var or -var
        candidates = {var: var <= len(model) and model[var - 1] > 0 for var in variables}
        fixed: dict[int, bool] = {}
        chunk = 64
        while candidates:
            tested = list(candidates)[:chunk]
            top += 1
            selector = top
            # selector -> some tested candidate takes the other value
            flip = [-var if candidates[var] else var for var in tested]
            sat.add_clause([-selector, *flip])
            # Prefer the other value of every candidate left, so that one model
            # flips as many as it can (CadiBack's phase trick).
            sat.set_phases([-var if was else var for var, was in candidates.items()])
            counts["calls"] += 1
            if sat.solve(assumptions=[selector]):
                model = sat.get_model() or []
                candidates = {
                    var: was for var, was in candidates.items() if (model[var - 1] > 0) == was
                }
                chunk = max(8, chunk // 2) if len(tested) == chunk else chunk
            else:
                counts["held"] += 1
                for var in tested:
                    fixed[var] = candidates.pop(var)
                    sat.add_clause([var if fixed[var] else -var])
                chunk = min(4096, chunk * 2)
            sat.add_clause([-selector])
    return fixed, counts


def status(instance: Instance, solver: str = SOLVER) -> tuple[dict, dict[str, int]]:
    """Return the status object of the instance (no assumptions) and the solver counts."""
    active = set(instance.active)  # type: ignore[attr-defined]
    kinds = {s["id"]: s["kind"] for s in instance.statements}
    atom_var = {text: instance.nodes[("l", text)] + 1 for text in instance.universe}
    premises = {
        sid: premise
        for sid, premise, _target in instance.implications
        if sid in active and kinds[sid] != "observed"
    }
    wanted = set(atom_var.values())
    wanted |= {node + 1 for node in instance.outcome_nodes.values()}
    wanted |= {premise + 1 for premise in premises.values() if premise is not None}
    fixed, counts = backbone(clauses(instance), sorted(wanted), solver)
    if fixed is None:
        empty: dict = {}
        return {"consistent": False, "atoms": empty, "outcomes": {}, "commitments": {}}, counts

    def of(var: int) -> str:
        if var not in fixed:
            return "possible"
        return "certain" if fixed[var] else "impossible"

    commitments = {}
    for sid in sorted(premises):
        premise = premises[sid]
        if premise is None:
            commitments[sid] = ["discharged"]
            continue
        can = of(premise + 1)
        commitments[sid] = [
            state
            for state, reachable in (
                ("discharged", can != "impossible"),
                ("expired", can != "certain"),
            )
            if reachable
        ]
    result = {
        "consistent": True,
        "atoms": {text: of(atom_var[text]) for text in sorted(instance.universe)},
        "outcomes": {oid: of(instance.outcome_nodes[oid] + 1) for oid in sorted(instance.outcomes)},
        "commitments": commitments,
        "conflict": None,
    }
    return result, counts


def main() -> None:
    parser = argparse.ArgumentParser(description="The SAT floor of commitlogic status.")
    parser.add_argument("file")
    parser.add_argument("--solver", default=SOLVER, help="a python-sat solver name")
    parser.add_argument("--stats", action="store_true", help="print solver calls on stderr")
    arguments = parser.parse_args()
    result, counts = status(read(arguments.file), arguments.solver)
    if not result["consistent"]:
        result["conflict"] = []
    if arguments.stats:
        print(json.dumps(counts), file=sys.stderr)
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
