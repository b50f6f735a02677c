"""The sign-heuristic floor: the strongest raw-clingo status of a family scenario.

    python benchmarks/signfloor.py FILE            # TOML or JSON Lines (.jsonl)

prints the JSON object of ``commitlogic status --json`` (SPEC section 4) for
a scenario of ``families.py`` (attendance atoms, single-atom ``commits``,
``refuses``, ``if`` and ``only_if``, outcomes that are conjunctions of
atoms, no dates).  It is the least a clingo user could write for them:

* a minimal encoding: a choice per attendance atom, one fact
  ``imp(S,A,E,B,F)`` per implication statement (``attends(A,E)`` implies
  ``attends(B,F)``: an ``if`` from its condition to its subject, an
  ``only_if`` from its subject to its condition), one constraint per kind;
* the facts built in memory and grounded in-process;
* brave consequences on a ``Control`` made with ``--sign-def=pos`` and
  cautious consequences on one made with ``--sign-def=neg``: on these
  scenarios the first model of each mode is already its consequence (all
  atoms true where possible; the least model), so each mode needs 1 model
  and one proof that there is no other.

A commitment's states follow from its antecedent atom: ``discharged`` when
the atom is not impossible, ``expired`` when it is not certain (a
``commits`` has no antecedent: ``discharged``).  It shares no code with
commitlogic; ``run.py`` checks that the two give the same answers.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import clingo

__all__ = ["Family", "read", "status"]

RULES = """
{ t(A,E) } :- inv(A,E).
:- imp(S,A,E,B,F), t(A,E), not t(B,F).
:- com(S,A,E), not t(A,E).
:- ref(S,A,E), t(A,E).
occ(O) :- out(O,A,E,B,F), t(A,E), t(B,F).
#show t/2.
#show occ/1.
"""

_ATOM = re.compile(r"attends\(\s*([a-z][a-z0-9_]*)\s*,\s*([a-z][a-z0-9_]*)\s*\)\Z")
_CONJUNCTION = re.compile(r"(attends\([^)]*\))\s+and\s+(attends\([^)]*\))\Z")
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")

try:  # a compiled TOML reader, as a user who cares about speed would use
    from toml_rs import loads as _toml
except ImportError:  # pragma: no cover
    import tomllib

    _toml = tomllib.loads


class Family:
    """A family scenario read into fact text and the ids the answer names."""

    def __init__(self) -> None:
        self.facts: list[str] = []
        self.atoms: dict[tuple[str, str], None] = {}
        self.outcomes: list[str] = []
        self.antecedents: dict[str, tuple[str, str] | None] = {}
        self._pairs: dict[str, tuple[str, str]] = {}

    def pair(self, text: str) -> tuple[str, str]:
        """Return (actor, event) of an atom's text; add it to the universe."""
        found = self._pairs.get(text)
        if found is None:
            match = _ATOM.match(text.strip())
            if match is None:
                raise ValueError(f"not a single attendance atom: {text!r}")
            found = self._pairs[text] = (match[1], match[2])
            self.atoms.setdefault(found)
        return found

    def statement(self, entry: dict) -> None:
        sid, kind = entry["id"], entry["kind"]
        if not _NAME.match(sid) or entry.get("said") or entry.get("supersedes"):
            raise ValueError(f"statement {sid!r}: not a family statement")
        a, e = self.pair(entry["subject"])
        if kind in ("commits", "refuses"):
            self.facts.append(f"{'com' if kind == 'commits' else 'ref'}({sid},{a},{e}).")
            self.antecedents[sid] = None
            return
        b, f = self.pair(entry["condition"])
        if kind == "if":
            self.facts.append(f"imp({sid},{b},{f},{a},{e}).")
            self.antecedents[sid] = (b, f)
        elif kind == "only_if":
            self.facts.append(f"imp({sid},{a},{e},{b},{f}).")
            self.antecedents[sid] = (a, e)
        else:
            raise ValueError(f"statement {sid!r}: kind {kind!r} is not in the family")

    def outcome(self, entry: dict) -> None:
        oid, match = entry["id"], _CONJUNCTION.match(entry["when"].strip())
        if not _NAME.match(oid) or match is None:
            raise ValueError(f"outcome {oid!r}: not a conjunction of two atoms")
        (a, e), (b, f) = self.pair(match[1]), self.pair(match[2])
        self.facts.append(f"out({oid},{a},{e},{b},{f}).")
        self.outcomes.append(oid)


def _entries(path: Path) -> dict[str, list[dict]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".jsonl":
        return _toml(text)
    tables: dict[str, list[dict]] = {}
    plural = {"actor": "actors", "event": "events", "statement": "statements"}
    for line in text.splitlines():
        if line.strip():
            ((kind, entry),) = json.loads(line).items()
            tables.setdefault(plural.get(kind, kind + "s"), []).append(entry)
    return tables


def read(path: str | Path) -> Family:
    """Read a family scenario (TOML or JSON Lines) into facts."""
    document, family = _entries(Path(path)), Family()
    actors = [actor["id"] for actor in document.get("actors", [])]
    for event in document.get("events", []):
        for actor in event.get("invited", actors):
            family.atoms.setdefault((actor, event["id"]))
    for actor, event in family.atoms:
        family.facts.append(f"inv({actor},{event}).")
    for entry in document.get("statements", []):
        family.statement(entry)
    for entry in document.get("outcomes", []):
        family.outcome(entry)
    return family


def _consequence(family: Family, options: list[str], program: str) -> set[str] | None:
    """The last model's shown atoms of one mode (its consequences), or None when unsatisfiable."""
    control = clingo.Control(["--models=0", *options], logger=lambda _code, _message: None)
    control.add("base", [], program)
    control.ground([("base", [])])
    last = None
    with control.solve(yield_=True) as handle:
        for model in handle:
            last = model.symbols(shown=True)
    if last is None:
        return None
    # One C call per shown symbol: t(A,E) reads as attends(A,E), occ(O) as O.
    return {f"attends{text[1:]}" if text[0] == "t" else text[4:-1] for text in map(str, last)}


def status(family: Family) -> dict:
    """Return the status object (SPEC section 4) of a family scenario."""
    program = "\n".join(family.facts) + RULES
    some = _consequence(family, ["--enum-mode=brave", "--sign-def=pos"], program)
    if some is None:
        return {"consistent": False, "atoms": {}, "outcomes": {}, "commitments": {}, "conflict": []}
    every = _consequence(family, ["--enum-mode=cautious", "--sign-def=neg"], program)
    assert every is not None

    def of(name: str) -> str:
        return "certain" if name in every else ("possible" if name in some else "impossible")

    atoms = {f"attends({a},{e})": None for a, e in family.atoms}
    commitments = {}
    for sid, antecedent in family.antecedents.items():
        if antecedent is None:  # commits and refuses: always triggered
            commitments[sid] = ["discharged"]
            continue
        found = of("attends({},{})".format(*antecedent))
        commitments[sid] = [
            state
            for state, reachable in (
                ("discharged", found != "impossible"),
                ("expired", found != "certain"),
            )
            if reachable
        ]
    return {
        "consistent": True,
        "atoms": {name: of(name) for name in sorted(atoms)},
        "outcomes": {oid: of(oid) for oid in sorted(family.outcomes)},
        "commitments": dict(sorted(commitments.items())),
        "conflict": None,
    }


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/signfloor.py FILE")
    start = time.perf_counter()
    result = status(read(sys.argv[1]))
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")  # compact: the C encoder
    print(f"sign floor: {time.perf_counter() - start:.2f} s in-process", file=sys.stderr)


if __name__ == "__main__":
    main()
