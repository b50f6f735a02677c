"""The raw clingo floor: the same status computed by a minimal script, without commitlogic.

    python benchmarks/floor.py FILE [--assume FORMULA]... [--at DATE] [--conflict]

prints the JSON object of ``commitlogic status --json`` (SPEC section 4).
This is what a user of clingo alone would write: read the TOML with
``toml_rs`` (or :mod:`tomllib`), parse the formulas with a small parser, write the facts as
program text next to a dozen rules, ground, and compute brave and cautious
consequences on two controls, ``--sign-def=pos`` for brave and ``neg`` for
cautious, so that each needs very few models.  It shares no code with
commitlogic, so the tests and the benchmark use it as an independent
reference as well as the floor of the timings.

Assumptions are grounded into the program as constraints here (``--assume``);
for queries on a live program, :func:`solve_status` takes solver
assumptions on ``t("atom")`` literals instead, which is all a what-if on one
atom needs.  ``--conflict`` minimises an unsatisfiable core by deletion.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import clingo

RULES = """
{ t(A) } :- a(A).
h(F) :- l(F,A), t(A).
h(F) :- n(F,G), not h(G).
h(F) :- c(F), h(G) : g(F,G).
h(F) :- d(F), g(F,G), h(G).
#external act(S) : s(S). [free]
tr(S) :- s(S), not an(S,_).
tr(S) :- an(S,F), h(F).
:- act(S), tr(S), k(S,F), not h(F).
:- hyp(F), not h(F).
trc(S) :- tr(S), cm(S).
occ(O) :- o(O,F), h(F).
#show t/1.
#show occ/1.
#show trc/1.
"""

try:  # a compiled TOML reader when there is one, as a user who cares about speed would
    from toml_rs import loads as _toml
except ImportError:  # pragma: no cover
    _toml = tomllib.loads

_TOKEN = re.compile(r"\s*(?:([A-Za-z][A-Za-z0-9_]*)|([(),]))")


@dataclass
class Instance:
    """A scenario read into facts."""

    facts: list[str] = field(default_factory=list)
    universe: dict[str, None] = field(default_factory=dict)
    nodes: dict[tuple, int] = field(default_factory=dict)
    statements: list[dict] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    # The same instance as structure, for the SAT floor (satfloor.py): per
    # statement that constrains, (id, antecedent node or None, consequent node),
    # and the root node of each outcome.
    implications: list[tuple[str, int | None, int]] = field(default_factory=list)
    outcome_nodes: dict[str, int] = field(default_factory=dict)

    def node(self, key: tuple) -> int:
        """Return the number of a formula node, writing its facts if it is new."""
        number = self.nodes.get(key)
        if number is not None:
            return number
        number = self.nodes[key] = len(self.nodes)
        op = key[0]
        if op == "l":
            self.facts.append(f'l({number},"{key[1]}").')
        elif op == "n":
            self.facts.append(f"n({number},{key[1]}).")
        else:
            self.facts.append(f"{op}({number}).")
            self.facts.extend(f"g({number},{child})." for child in key[1:])
        return number

    def formula(self, text: str) -> int:
        """Parse formula text (SPEC section 2) into nodes; return the root's number."""
        tokens = [a or b for a, b in _TOKEN.findall(text)]
        position = 0

        def peek() -> str:
            return tokens[position] if position < len(tokens) else ""

        def take() -> str:
            nonlocal position
            position += 1
            return tokens[position - 1]

        def disj() -> int:
            parts = [conj()]
            while peek() == "or":
                take()
                parts.append(conj())
            return parts[0] if len(parts) == 1 else self.node(("d", *parts))

        def conj() -> int:
            parts = [unary()]
            while peek() == "and":
                take()
                parts.append(unary())
            return parts[0] if len(parts) == 1 else self.node(("c", *parts))

        def unary() -> int:
            token = take()
            if token == "not":
                return self.node(("n", unary()))
            if token == "(":
                inner = disj()
                take()
                return inner
            args = []
            if peek() == "(":
                take()
                while True:
                    args.append(take())
                    if take() == ")":
                        break
            if token == "absent":
                return self.node(("n", self.atom(f"attends({','.join(args)})")))
            return self.atom(f"{token}({','.join(args)})" if args else token)

        return disj()

    def atom(self, text: str) -> int:
        if text not in self.universe:
            self.universe[text] = None
            self.facts.append(f'a("{text}").')
        return self.node(("l", text))


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _present(said: date | None, at: date | None) -> bool:
    if said is None or at is None:
        return True
    if isinstance(said, datetime) and isinstance(at, datetime):
        fix = lambda moment: moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # noqa: E731
        return fix(said) <= fix(at)
    return _day(said) <= _day(at)


def read(path: str, at: date | None = None, assume: list[str] = ()) -> Instance:
    """Read a scenario file into facts; statements active at ``at`` get ``act`` assumed."""
    document = _toml(Path(path).read_text(encoding="utf-8"))
    instance = Instance()
    actors = [actor["id"] for actor in document.get("actors", [])]
    for event in document.get("events", []):
        for actor in event.get("invited", actors):
            instance.atom(f"attends({actor},{event['id']})")
    shapes = {
        "commits": (None, "subject"),
        "refuses": (None, "not subject"),
        "if": ("condition", "subject"),
        "only_if": ("subject", "condition"),
        "observed": (None, "subject"),
    }
    for entry in document.get("statements", []):
        sid, kind = entry["id"], entry["kind"]
        nodes = {
            key: instance.formula(entry[key]) for key in ("subject", "condition") if key in entry
        }
        instance.statements.append(
            {
                "id": sid,
                "kind": kind,
                "said": entry.get("said"),
                "supersedes": entry.get("supersedes", []),
            }
        )
        if kind == "might":
            continue
        antecedent, consequent = shapes[kind]
        instance.facts.append(f's("{sid}").')
        if kind != "observed":
            instance.facts.append(f'cm("{sid}").')
        if antecedent is not None:
            instance.facts.append(f'an("{sid}",{nodes[antecedent]}).')
        if consequent == "not subject":
            target = instance.node(("n", nodes["subject"]))
        else:
            target = nodes[consequent]
        instance.facts.append(f'k("{sid}",{target}).')
        premise = None if antecedent is None else nodes[antecedent]
        instance.implications.append((sid, premise, target))
    for outcome in document.get("outcomes", []):
        instance.outcomes.append(outcome["id"])
        root = instance.outcome_nodes[outcome["id"]] = instance.formula(outcome["when"])
        instance.facts.append(f'o("{outcome["id"]}",{root}).')
    for text in assume:
        instance.facts.append(f"hyp({instance.formula(text)}).")
    present = [s for s in instance.statements if _present(s["said"], at)]
    gone = {old for s in present for old in s["supersedes"]}
    instance.active = [s["id"] for s in present if s["id"] not in gone]  # type: ignore[attr-defined]
    return instance


def ground(instance: Instance, options: list[str]) -> clingo.Control:
    """Return a grounded control for the instance."""
    control = clingo.Control(options, logger=lambda _c, _m: None)
    control.add("base", [], "\n".join(instance.facts) + RULES)
    control.ground([("base", [])])
    return control


def controls(instance: Instance) -> tuple[clingo.Control, clingo.Control]:
    """Return the brave and the cautious control (``--sign-def`` per mode)."""
    brave = ground(instance, ["--models=0", "--enum-mode=brave", "--sign-def=pos"])
    cautious = ground(instance, ["--models=0", "--enum-mode=cautious", "--sign-def=neg"])
    return brave, cautious


def _assumptions(control: clingo.Control, instance: Instance, extra: list[tuple]) -> list[tuple]:
    active = set(instance.active)  # type: ignore[attr-defined]
    result = [
        (clingo.Function("act", [clingo.String(s["id"])]), s["id"] in active)
        for s in instance.statements
        if s["kind"] != "might"
    ]
    return result + extra


def _last_model(control: clingo.Control, assumptions: list[tuple]) -> tuple[set, int] | None:
    last, models = None, 0
    with control.solve(assumptions=assumptions, yield_=True) as handle:
        for model in handle:
            last, models = model.symbols(shown=True), models + 1
    return (None, models) if last is None else (set(last), models)


def solve_status(
    brave: clingo.Control, cautious: clingo.Control, instance: Instance, extra: list[tuple] = ()
) -> dict:
    """Return the status object, with what-if ``extra`` solver assumptions ``(symbol, bool)``."""
    assumptions = _assumptions(brave, instance, list(extra))
    some, _ = _last_model(brave, assumptions)
    if some is None:
        return {"consistent": False, "atoms": {}, "outcomes": {}, "commitments": {}}
    every, _ = _last_model(cautious, assumptions)

    def split(symbols: set) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {"t": set(), "occ": set(), "trc": set()}
        for symbol in symbols:
            found[symbol.name].add(symbol.arguments[0].string)
        return found

    some_of, every_of = split(some), split(every)

    def status(name: str, kind: str) -> str:
        if name in every_of[kind]:
            return "certain"
        return "possible" if name in some_of[kind] else "impossible"

    commitments = {}
    kinds = {s["id"]: s["kind"] for s in instance.statements}
    for sid in sorted(instance.active):  # type: ignore[attr-defined]
        if kinds[sid] in ("might", "observed"):
            continue
        states = []
        if sid in some_of["trc"]:
            states.append("discharged")
        if sid not in every_of["trc"]:
            states.append("expired")
        commitments[sid] = states
    return {
        "consistent": True,
        "atoms": {name: status(name, "t") for name in sorted(instance.universe)},
        "outcomes": {name: status(name, "occ") for name in sorted(instance.outcomes)},
        "commitments": commitments,
        "conflict": None,
    }


def minimal_conflict(instance: Instance, control: clingo.Control | None = None) -> list[str] | None:
    """Return a minimal set of active statement ids without an outcome, or None."""
    control = control or ground(instance, ["--models=1"])
    kinds = {s["id"]: s["kind"] for s in instance.statements}
    active = set(instance.active)  # type: ignore[attr-defined]
    literal = {
        s["id"]: control.symbolic_atoms[clingo.Function("act", [clingo.String(s["id"])])].literal
        for s in instance.statements
        if kinds[s["id"]] != "might"
    }
    off = [-lit for sid, lit in literal.items() if sid not in active]

    def check(members: list[str]) -> tuple[bool, set[int]]:
        core: list[int] = []
        result = control.solve(assumptions=off + [literal[m] for m in members], on_core=core.extend)
        return bool(result.satisfiable), set(core)

    members = [sid for sid in instance.active if sid in literal]  # type: ignore[attr-defined]
    satisfiable, core = check(members)
    if satisfiable:
        return None
    candidates = [m for m in members if literal[m] in core]
    index = 0
    while index < len(candidates):
        trial = candidates[:index] + candidates[index + 1 :]
        satisfiable, core = check(trial)
        if satisfiable:
            index += 1
        else:
            candidates = [m for m in trial if literal[m] in core]
    return candidates


def main() -> None:
    parser = argparse.ArgumentParser(description="The raw clingo floor of commitlogic status.")
    parser.add_argument("file")
    parser.add_argument("--assume", action="append", default=[])
    parser.add_argument("--at", type=date.fromisoformat)
    parser.add_argument("--conflict", action="store_true", help="also minimise a conflict")
    arguments = parser.parse_args()
    instance = read(arguments.file, arguments.at, arguments.assume)
    brave, cautious = controls(instance)
    result = solve_status(brave, cautious, instance)
    if not result["consistent"]:
        result["conflict"] = minimal_conflict(instance) if arguments.conflict else []
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
