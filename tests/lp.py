"""Plain clingo on a few files of rules/ and hand-written facts, for the per-file rule tests.

Each ``tests/test_lp_<name>.py`` grounds ``rules/<name>.lp`` with the least
it depends on and compares the answer sets, as sorted lists of atoms, with
answers worked out by hand.  The facts are test fixtures written as ASP
text; the library itself only ever adds facts through clingo's API.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import clingo

RULES = Path(__file__).resolve().parent.parent / "rules"

Model = tuple[str, ...]


def solve(
    files: Sequence[str],
    facts: str,
    *,
    keep: Iterable[str] | None = None,
    parts: Sequence[int] = (0,),
    active: Iterable[str] = (),
    assumptions: Sequence[tuple[str, bool]] = (),
    options: Sequence[str] = (),
    models: int = 0,
    shown: bool = False,
) -> list[Model]:
    """Return the answer sets of ``files`` with ``facts``, each as a sorted tuple of atoms.

    Parameters
    ----------
    files
        Rule files of ``rules/``, in load order (each defines ``#program part(p)``).
    facts
        ASP facts, added to the base program.
    keep
        Predicate names to keep in each model (default: all).
    parts
        The parts to ground, one ground call each, in this order.
    active
        Statement ids whose external ``active(S)`` is set true (the others stay false).
    assumptions
        ``(atom, truth)`` pairs to solve under, such as ``("maximize", True)``.
    options, models
        clingo options, and how many models to enumerate (0: all).
    shown
        Read the shown atoms (after ``#show``) instead of every atom.
    """
    control = clingo.Control([f"--models={models}", *options], logger=lambda _c, _m: None)
    for name in files:
        control.add("part", ["p"], (RULES / name).read_text(encoding="utf-8"))
    control.add("base", [], facts)
    control.ground([("base", [])])
    for part in parts:
        control.ground([("part", [clingo.Number(part)])])
    for statement in active:
        control.assign_external(clingo.Function("active", [clingo.String(statement)]), True)
    literals = []
    for text, truth in assumptions:
        symbol = clingo.parse_term(text)
        found = control.symbolic_atoms[symbol]
        assert found is not None, f"{text} is not an atom of the program"
        if found.is_external:
            control.assign_external(symbol, None)  # free, so that it can be assumed either way
        literals.append(found.literal if truth else -found.literal)
    wanted = None if keep is None else set(keep)
    found_models: list[Model] = []
    with control.solve(assumptions=literals, yield_=True) as handle:
        for model in handle:
            symbols = model.symbols(shown=True) if shown else model.symbols(atoms=True)
            found_models.append(
                tuple(sorted(str(s) for s in symbols if wanted is None or s.name in wanted))
            )
    return found_models if models == 1 else sorted(found_models)


def true_sets(models: Sequence[Model]) -> list[set[str]]:
    """Return the atoms ``true(A)`` of each model, as sets of the strings ``A``."""
    return [{atom[6:-2] for atom in model if atom.startswith('true("')} for model in models]
