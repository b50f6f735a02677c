"""A brute-force reference for the strict meaning of scenarios (SPEC sections 2 and 3).

This is the oracle of the property-based tests, so it is written from the
SPEC alone and shares no reasoning code with the library: it uses the model
classes (``Scenario``, ``Statement``...) and the formula classes (``Atom``,
``Not``, ``And``, ``Or``) only as data, and the parser only to read
assumptions given as text.  It recomputes the atom universe, which
statements are present and active at a date, and the truth of formulas.

Outcome names (SPEC section 2) are expanded here too, from the formulas as
written (``Scenario.written``): every entry point first rebuilds the
scenario with its own expansion (:func:`expand_names`), and assumptions
and queried formulas are expanded the same way.

Outcomes are enumerated outright, as truth tables: with ``n`` atoms there
are ``2**n`` assignments, and assignment ``j`` makes atom ``k`` true when bit
``k`` of ``j`` is set.  The truth table of a formula is an integer whose bit
``j`` is the formula's value under assignment ``j``, so the set of outcomes
is the bitwise ``and`` of the tables of all constraints.  That is still a
plain enumeration (one bit per assignment), just fast enough to run
hundreds of times per test.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

import attrs

from commitlogic import And, Atom, Formula, Not, Or, Outcome, Scenario, Statement, parse_formula

__all__ = [
    "MAX_ATOMS",
    "active_ids",
    "assumption_name",
    "assumption_formula",
    "atom_text",
    "atoms_of",
    "conflict_problems",
    "credibility",
    "evaluate",
    "expand_names",
    "meaning",
    "is_consistent",
    "is_present",
    "outcomes",
    "reference_forecast",
    "reference_query",
    "reference_status",
    "universe",
]

#: The largest universe the reference accepts (4096 assignments).
MAX_ATOMS = 12

#: Statement kinds that are commitments, and their (antecedent, consequent) shape.
COMMITMENT_KINDS = ("commits", "refuses", "if", "only_if")

Assumption = Formula | str


# --------------------------------------------------------------------------- formulas


def atom_text(atom: Atom) -> str:
    """Return the canonical text of an atom, without spaces: ``attends(putin,talks)``."""
    return f"{atom.name}({','.join(atom.args)})" if atom.args else atom.name


def atoms_of(formula: Formula) -> Iterator[Atom]:
    """Yield the atoms of a formula, left to right, with repetitions."""
    if isinstance(formula, Atom):
        yield formula
    elif isinstance(formula, Not):
        yield from atoms_of(formula.operand)
    elif isinstance(formula, And | Or):
        for operand in formula.operands:
            yield from atoms_of(operand)
    else:
        raise TypeError(f"not a formula: {formula!r}")


def evaluate(formula: Formula, true_atoms: Iterable[Atom]) -> bool:
    """Return the truth of a formula when exactly ``true_atoms`` hold."""
    true = set(true_atoms)

    def value(f: Formula) -> bool:
        if isinstance(f, Atom):
            return f in true
        if isinstance(f, Not):
            return not value(f.operand)
        if isinstance(f, And):
            return all(value(operand) for operand in f.operands)
        if isinstance(f, Or):
            return any(value(operand) for operand in f.operands)
        raise TypeError(f"not a formula: {f!r}")

    return value(formula)


@functools.cache
def _atom_table(k: int, n: int) -> int:
    """The truth table of the ``k``-th of ``n`` atoms: bit j set when bit k of j is."""
    return sum(1 << j for j in range(1 << n) if j >> k & 1)


class _Tables:
    """Truth tables over the assignments of a fixed universe."""

    def __init__(self, atoms: Sequence[Atom]) -> None:
        if len(atoms) > MAX_ATOMS:
            raise ValueError(f"universe of {len(atoms)} atoms is too large for the reference")
        self.atoms = tuple(atoms)
        self.index = {atom: k for k, atom in enumerate(self.atoms)}
        self.full = (1 << (1 << len(self.atoms))) - 1  # every assignment

    def table(self, formula: Formula | None) -> int:
        """Return the truth table of a formula (``None`` stands for ``true``)."""
        if formula is None:
            return self.full
        if isinstance(formula, Atom):
            if formula not in self.index:
                raise ValueError(f"atom {atom_text(formula)} is not in the universe")
            return _atom_table(self.index[formula], len(self.atoms))
        if isinstance(formula, Not):
            return self.full ^ self.table(formula.operand)
        if isinstance(formula, And):
            result = self.full
            for operand in formula.operands:
                result &= self.table(operand)
            return result
        if isinstance(formula, Or):
            result = 0
            for operand in formula.operands:
                result |= self.table(operand)
            return result
        raise TypeError(f"not a formula: {formula!r}")

    def implies(self, antecedent: Formula | None, consequent: Formula) -> int:
        """Return the truth table of ``antecedent -> consequent``."""
        return (self.full ^ self.table(antecedent)) | self.table(consequent)

    def assignment(self, j: int) -> frozenset[Atom]:
        """Return the atoms true in assignment ``j``."""
        return frozenset(atom for k, atom in enumerate(self.atoms) if j >> k & 1)


# --------------------------------------------------------------------------- assumptions


def assumption_formula(item: Assumption, scenario: Scenario | None = None) -> Formula:
    """Return the formula of an assumption given as text or as a formula.

    With ``scenario``, outcome names are replaced by their formulas.
    """
    formula = parse_formula(item) if isinstance(item, str) else item
    return formula if scenario is None else expand_names(formula, scenario)


# --------------------------------------------------------------------------- outcome names


def expand_names(formula: Formula, scenario: Scenario) -> Formula:
    """Replace each bare outcome id in ``formula`` by that outcome's formula, as written,
    recursively (SPEC section 2)."""
    written = {outcome.id: scenario.written(outcome, "when") for outcome in scenario.outcomes}

    def expand(f: Formula, seen: frozenset[str]) -> Formula:
        if isinstance(f, Atom):
            if not f.args and f.name in written:
                assert f.name not in seen, f"outcome cycle through {f.name}"
                return expand(written[f.name], seen | {f.name})
            return f
        if isinstance(f, Not):
            return Not(expand(f.operand, seen))
        if isinstance(f, And):
            return And([expand(operand, seen) for operand in f.operands])
        if isinstance(f, Or):
            return Or([expand(operand, seen) for operand in f.operands])
        raise TypeError(f"not a formula: {f!r}")

    return expand(formula, frozenset())


def meaning(scenario: Scenario) -> Scenario:
    """Return the scenario with every formula as written, outcome names expanded here."""
    statements = [
        attrs.evolve(
            statement,
            **{
                field: expand_names(scenario.written(statement, field), scenario)
                for field, _ in statement.formulas()
            },
        )
        for statement in scenario.statements
    ]
    outcomes = [
        Outcome(outcome.id, expand_names(scenario.written(outcome, "when"), scenario))
        for outcome in scenario.outcomes
    ]
    return attrs.evolve(scenario, statements=statements, outcomes=outcomes)


def assumption_name(item: Assumption) -> str:
    """Return how a conflict names an assumption: ``assume:`` and the text as given."""
    return f"assume:{item}"


# --------------------------------------------------------------------------- universe


def universe(scenario: Scenario, assume: Sequence[Assumption] = ()) -> tuple[Atom, ...]:
    """Return the atom universe of SPEC section 2, without duplicates.

    Every ``attends(a, e)`` with ``a`` invited to ``e`` (every actor when
    ``invited`` is ``None``), then every atom of every statement (any kind,
    date or supersession), of every outcome and of every assumption.
    """
    found: dict[Atom, None] = {}
    scenario = meaning(scenario)
    actor_ids = [actor.id for actor in scenario.actors]
    for event in scenario.events:
        invited = actor_ids if event.invited is None else event.invited
        for actor in invited:
            found[Atom("attends", (actor, event.id))] = None
    formulas: list[Formula] = []
    for statement in scenario.statements:
        formulas.append(statement.subject)
        if statement.condition is not None:
            formulas.append(statement.condition)
    formulas.extend(outcome.when for outcome in scenario.outcomes)
    formulas.extend(assumption_formula(item, scenario) for item in assume)
    for formula in formulas:
        for atom in atoms_of(formula):
            found[atom] = None
    return tuple(found)


# --------------------------------------------------------------------------- dates


def _calendar_day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _as_instant(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _as_when(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        return datetime.fromisoformat(value)


def is_present(statement: Statement, at: date | str | None) -> bool:
    """Tell whether a statement was said by ``at`` (SPEC section 3).

    No ``at`` or no ``said``: present.  Two datetimes compare as instants
    (naive ones count as UTC); otherwise the calendar dates are compared.
    """
    if at is None or statement.said is None:
        return True
    said, moment = statement.said, _as_when(at)
    if isinstance(said, datetime) and isinstance(moment, datetime):
        return _as_instant(said) <= _as_instant(moment)
    return _calendar_day(said) <= _calendar_day(moment)


def active_ids(scenario: Scenario, at: date | str | None = None) -> list[str]:
    """Return the ids of the active statements at ``at``, in file order."""
    present = [statement for statement in scenario.statements if is_present(statement, at)]
    superseded = {old for statement in present for old in statement.supersedes}
    return [statement.id for statement in present if statement.id not in superseded]


# --------------------------------------------------------------------------- meaning


def _constraint(statement: Statement) -> tuple[Formula | None, Formula] | None:
    """Return (antecedent, consequent) of a statement; ``None`` antecedent is ``true``.

    ``might`` statements impose nothing and give ``None``.
    """
    kind = statement.kind.value
    if kind == "commits" or kind == "observed":
        return None, statement.subject
    if kind == "refuses":
        return None, Not(statement.subject)
    if kind == "if":
        assert statement.condition is not None
        return statement.condition, statement.subject
    if kind == "only_if":
        assert statement.condition is not None
        return statement.subject, statement.condition
    if kind == "might":
        return None
    raise ValueError(f"unknown kind {kind!r}")


def _outcome_table(
    tables: _Tables, statements: Iterable[Statement], assumptions: Iterable[Formula]
) -> int:
    result = tables.full
    for statement in statements:
        constraint = _constraint(statement)
        if constraint is not None:
            result &= tables.implies(*constraint)
    for formula in assumptions:
        result &= tables.table(formula)
    return result


def _status(table: int, outcome_table: int) -> str:
    holds_in = table & outcome_table
    if holds_in == outcome_table:
        return "certain"
    return "possible" if holds_in else "impossible"


def _setup(
    scenario: Scenario,
    assume: Sequence[Assumption],
    at: date | str | None,
    extra: Sequence[Formula] = (),
) -> tuple[_Tables, list[Statement], int]:
    """Return the tables over the universe (with the atoms of ``extra``), the active
    statements, and the table of the outcomes."""
    if isinstance(assume, str | Formula):
        assume = [assume]
    scenario = meaning(scenario)
    tables = _Tables(universe(scenario, [*assume, *extra]))
    active = set(active_ids(scenario, at))
    statements = [statement for statement in scenario.statements if statement.id in active]
    formulas = [assumption_formula(item, scenario) for item in assume]
    return tables, statements, _outcome_table(tables, statements, formulas)


def outcomes(
    scenario: Scenario, assume: Sequence[Assumption] = (), at: date | str | None = None
) -> list[frozenset[str]]:
    """Return every outcome as the set of canonical texts of its true atoms."""
    tables, _statements, table = _setup(scenario, assume, at)
    return [
        frozenset(atom_text(atom) for atom in tables.assignment(j))
        for j in range(1 << len(tables.atoms))
        if table >> j & 1
    ]


def reference_status(
    scenario: Scenario, assume: Sequence[Assumption] = (), at: date | str | None = None
) -> dict[str, Any]:
    """Return the status report of SPEC section 4, without ``conflict``.

    Keys: ``consistent``, ``atoms``, ``outcomes``, ``commitments``, the last
    three empty when there is no outcome.
    """
    tables, statements, table = _setup(scenario, assume, at)
    scenario = meaning(scenario)
    if table == 0:
        return {"consistent": False, "atoms": {}, "outcomes": {}, "commitments": {}}
    atoms = {atom_text(atom): _status(tables.table(atom), table) for atom in tables.atoms}
    declared = {
        outcome.id: _status(tables.table(outcome.when), table) for outcome in scenario.outcomes
    }
    commitments = _commitment_states(tables, statements, table)
    return {"consistent": True, "atoms": atoms, "outcomes": declared, "commitments": commitments}


def _commitment_states(
    tables: _Tables, statements: Iterable[Statement], table: int
) -> dict[str, list[str]]:
    """Return the sorted states each commitment among ``statements`` takes in the outcomes
    of ``table``: discharged, expired or violated (SPEC section 3)."""
    commitments: dict[str, list[str]] = {}
    for statement in statements:
        if statement.kind.value not in COMMITMENT_KINDS:
            continue
        constraint = _constraint(statement)
        assert constraint is not None
        antecedent = tables.table(constraint[0])
        consequent = tables.table(constraint[1])
        states = []
        if table & antecedent & consequent:
            states.append("discharged")
        if table & (tables.full ^ antecedent):
            states.append("expired")
        if table & antecedent & (tables.full ^ consequent):
            states.append("violated")
        commitments[statement.id] = sorted(states)
    return commitments


def reference_query(
    scenario: Scenario,
    formula: Formula | str,
    assume: Sequence[Assumption] = (),
    at: date | str | None = None,
) -> str | None:
    """Return the status of any formula, or ``None`` without outcomes.

    Atoms of the formula outside the universe are free: they join it.
    """
    formula = assumption_formula(formula, scenario)
    tables, _statements, table = _setup(scenario, assume, at, [formula])
    if table == 0:
        return None
    return _status(tables.table(formula), table)


def is_consistent(
    scenario: Scenario,
    statement_ids: Iterable[str],
    assumptions: Iterable[Assumption] = (),
    at: date | str | None = None,
) -> bool:
    """Tell whether imposing only these statements and assumptions leaves an outcome.

    Raises
    ------
    ValueError
        When one of the statements is not active at ``at``.
    """
    statement_ids = list(statement_ids)
    assumptions = list(assumptions)
    scenario = meaning(scenario)
    active = set(active_ids(scenario, at))
    inactive = [sid for sid in statement_ids if sid not in active]
    if inactive:
        raise ValueError(f"statements {inactive} are not active at {at!r}")
    by_id = {statement.id: statement for statement in scenario.statements}
    tables = _Tables(universe(scenario, assumptions))
    formulas = [assumption_formula(item, scenario) for item in assumptions]
    statements = [by_id[sid] for sid in statement_ids]
    return _outcome_table(tables, statements, formulas) != 0


def conflict_problems(
    scenario: Scenario,
    conflict: Sequence[str],
    assume: Sequence[Assumption] = (),
    at: date | str | None = None,
) -> list[str]:
    """Return what is wrong with a reported conflict (an empty list when nothing is).

    A conflict lists statement ids, all active at ``at``, and assumptions
    named ``assume:<text as given>``; imposing only its members leaves no
    outcome, and dropping any one member leaves one (minimality).
    """
    if isinstance(assume, str | Formula):
        assume = [assume]
    problems: list[str] = []
    names = {assumption_name(item): item for item in assume}
    active = set(active_ids(scenario, at))
    if not conflict:
        problems.append("the conflict is empty")
    if len(set(conflict)) != len(conflict):
        problems.append(f"the conflict {list(conflict)} repeats a member")
    for member in conflict:
        if member.startswith("assume:"):
            if member not in names:
                problems.append(f"{member!r} is not one of the assumptions {sorted(names)}")
        elif member not in active:
            problems.append(f"{member!r} is not an active statement at {at!r}")
    if problems:
        return problems

    def satisfiable(members: Sequence[str]) -> bool:
        ids = [m for m in members if not m.startswith("assume:")]
        assumptions = [names[m] for m in members if m.startswith("assume:")]
        return is_consistent(scenario, ids, assumptions, at)

    if satisfiable(conflict):
        problems.append(f"the conflict {list(conflict)} has an outcome")
    for member in conflict:
        rest = [m for m in conflict if m != member]
        if not satisfiable(rest):
            problems.append(
                f"the conflict {list(conflict)} is not minimal: {member!r} is not needed"
            )
    return problems


# --------------------------------------------------------------------------- tolerant mode


def reference_tolerant(
    scenario: Scenario, assume: Sequence[Assumption] = (), at: date | str | None = None
) -> dict[str, Any]:
    """Return the tolerant status report of SPEC section 3, without ``conflict``.

    Observed facts and assumptions are hard; every assignment that satisfies
    them costs the sum of the weights of the active commitments it violates.
    The optimal outcomes are the assignments of least cost, found by trying
    every assignment; statuses and states are taken across them.  Keys as in
    :func:`reference_status`, plus ``cost`` (``None`` when inconsistent).
    """
    if isinstance(assume, str | Formula):
        assume = [assume]
    scenario = meaning(scenario)
    tables = _Tables(universe(scenario, assume))
    active = set(active_ids(scenario, at))
    statements = [s for s in scenario.statements if s.id in active]
    hard = [s for s in statements if s.kind.value == "observed"]
    soft = [s for s in statements if s.kind.value in COMMITMENT_KINDS]
    allowed = _outcome_table(tables, hard, [assumption_formula(item, scenario) for item in assume])
    if allowed == 0:
        return {"consistent": False, "atoms": {}, "outcomes": {}, "commitments": {}, "cost": None}
    broken = {}
    for statement in soft:
        constraint = _constraint(statement)
        assert constraint is not None
        broken[statement.id] = tables.table(constraint[0]) & ~tables.table(constraint[1])
    weight = {statement.id: statement.weight for statement in soft}
    costs = {
        j: sum(weight[sid] for sid, table in broken.items() if table >> j & 1)
        for j in range(1 << len(tables.atoms))
        if allowed >> j & 1
    }
    cost = min(costs.values())
    optimal = sum(1 << j for j, value in costs.items() if value == cost)
    atoms = {atom_text(atom): _status(tables.table(atom), optimal) for atom in tables.atoms}
    declared = {
        outcome.id: _status(tables.table(outcome.when), optimal) for outcome in scenario.outcomes
    }
    commitments = _commitment_states(tables, soft, optimal)
    return {
        "consistent": True,
        "atoms": atoms,
        "outcomes": declared,
        "commitments": commitments,
        "cost": cost,
    }


# --------------------------------------------------------------------------- explanations


def entails(
    scenario: Scenario,
    members: Sequence[str],
    formula: Formula,
    assume: Sequence[Assumption] = (),
) -> bool:
    """Tell whether ``formula`` is true in every outcome of ``members`` alone.

    ``members`` are statement ids and assumption names (``assume:<text>``)
    from ``assume``; the universe is that of the whole query plus the
    formula's atoms.
    """
    if isinstance(assume, str | Formula):
        assume = [assume]
    names = {assumption_name(item): item for item in assume}
    scenario = meaning(scenario)
    formula = expand_names(formula, scenario)
    by_id = {statement.id: statement for statement in scenario.statements}
    chosen = [names[m] for m in members if m.startswith("assume:")]
    statements = [by_id[m] for m in members if not m.startswith("assume:")]
    tables = _Tables(universe(scenario, [*assume, formula]))
    table = _outcome_table(tables, statements, [assumption_formula(a, scenario) for a in chosen])
    return table & ~tables.table(formula) == 0


def explanation_problems(
    scenario: Scenario,
    formula: Formula,
    because: Sequence[str],
    assume: Sequence[Assumption] = (),
    at: date | str | None = None,
) -> list[str]:
    """Return what is wrong with a reason for ``formula`` being certain (empty: nothing).

    A reason lists active statements and assumptions, each once; under them
    alone ``formula`` is certain, and without any one of them it is not.
    """
    if isinstance(assume, str | Formula):
        assume = [assume]
    names = {assumption_name(item) for item in assume}
    active = set(active_ids(scenario, at))
    problems = [
        f"{member!r} is neither an active statement nor an assumption"
        for member in because
        if member not in names and member not in active
    ]
    if len(set(because)) != len(because):
        problems.append(f"the reason {list(because)} repeats a member")
    if problems:
        return problems
    if not entails(scenario, because, formula, assume):
        problems.append(f"{list(because)} does not make {formula} certain")
    for member in because:
        rest = [m for m in because if m != member]
        if entails(scenario, rest, formula, assume):
            problems.append(f"the reason {list(because)} is not minimal: {member!r} is not needed")
    return problems


# --------------------------------------------------------------------------- forecast mode


def credibility(scenario: Scenario, statement: Statement) -> float:
    """Return a commitment's credibility: its own, its actor's, the scenario's, or 0.8."""
    if statement.credibility is not None:
        return statement.credibility
    for actor in scenario.actors:
        if actor.id == statement.by and actor.credibility is not None:
            return actor.credibility
    return 0.8 if scenario.credibility is None else scenario.credibility


def reference_forecast(
    scenario: Scenario, assume: Sequence[Assumption] = (), at: date | str | None = None
) -> dict[str, Any]:
    """Return the forecast of SPEC sections 3 and 4 by enumeration, without ``conflict``.

    Every assignment of the universe that satisfies the active observed
    statements and the assumptions weighs the product over the active
    commitments of p (not violated) or 1 - p (violated); probabilities are
    sums of weights over Z, computed with exact fractions.  Inconsistent:
    ``{"consistent": False}`` and empty maps.
    """
    from fractions import Fraction

    if isinstance(assume, str | Formula):
        assume = [assume]
    tables = _Tables(universe(scenario, assume))
    active = set(active_ids(scenario, at))
    statements = [statement for statement in scenario.statements if statement.id in active]
    hard = tables.full
    for formula in map(assumption_formula, assume):
        hard &= tables.table(formula)
    soft: list[tuple[str, int, Fraction]] = []
    for statement in statements:
        constraint = _constraint(statement)
        if constraint is None:
            continue
        if statement.kind.value == "observed":
            hard &= tables.implies(*constraint)
        else:
            p = Fraction(credibility(scenario, statement))
            soft.append((statement.id, tables.implies(*constraint), p))
    weights: dict[int, Fraction] = {}
    for j in range(1 << len(tables.atoms)):
        if hard >> j & 1:
            weight = Fraction(1)
            for _id, kept, p in soft:
                weight *= p if kept >> j & 1 else 1 - p
            weights[j] = weight
    if not weights:
        return {"consistent": False, "atoms": {}, "outcomes": {}, "commitments": {}}
    total = sum(weights.values())

    def probability(table: int) -> float:
        return float(sum(w for j, w in weights.items() if table >> j & 1) / total)

    return {
        "consistent": True,
        "atoms": {atom_text(atom): probability(tables.table(atom)) for atom in tables.atoms},
        "outcomes": {o.id: probability(tables.table(o.when)) for o in scenario.outcomes},
        "commitments": {identifier: probability(kept) for identifier, kept, _p in soft},
    }


# --------------------------------------------------------------------------- forecasting models


def reference_model_forecast(
    scenario: Scenario,
    model: str,
    values: dict[str, float],
    assume: Sequence[Assumption] = (),
    at: date | str | None = None,
    actors: dict[str, float] | None = None,
    parties: dict[str, float] | None = None,
    predicates: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Return a model's forecast by enumerating its formula (docs/forecast-quality.md).

    Written from the formula, not from ``commitlogic.forecasting``: for every
    assignment of the universe and of one latent per group, the product of
    the priors (invited attends ``invited``, other attends ``attends``, other
    atoms ``free``), the might factors (``might``), the latents' priors
    (``stands``) and the commitments' factors (``q = p_c`` when the group
    stands, else ``wavering``); latents are summed out.  A pooled model
    takes a free proposition's prior from ``predicates`` by its predicate
    when it is there.  ``values`` holds
    the global parameters; a missing one is neutral (0.5, 0.8 for credibilities).
    """
    from fractions import Fraction
    from itertools import product

    from commitlogic.forecasting.models import MODELS

    flags = MODELS[model]
    actors, parties, predicates = actors or {}, parties or {}, predicates or {}

    def value(name: str) -> Fraction:
        if name in values:
            return Fraction(values[name])
        if name in ("commits", "refuses", "if", "only_if"):
            return value("credibility")
        return Fraction(4, 5) if name == "credibility" else Fraction(1, 2)

    if isinstance(assume, str | Formula):
        assume = [assume]
    atoms = universe(scenario, assume)
    active = set(active_ids(scenario, at))
    statements = [s for s in scenario.statements if s.id in active]
    hard = [assumption_formula(a) for a in assume]
    hard += [s.subject for s in statements if s.kind.value == "observed"]
    party_of = {a.id: a.party for a in scenario.actors}
    declared = {a.id: a.credibility for a in scenario.actors}
    commitments = []  # (id, kept formula, p, group)
    for s in statements:
        constraint = _constraint(s)
        if constraint is None or s.kind.value == "observed":
            continue
        if s.credibility is not None:
            p = Fraction(s.credibility)
        elif declared.get(s.by or "") is not None:
            p = Fraction(declared[s.by or ""])  # type: ignore[arg-type]
        elif scenario.credibility is not None:
            p = Fraction(scenario.credibility)
        elif flags.pooled and s.by in actors:
            p = Fraction(actors[s.by or ""])
        elif flags.pooled and party_of.get(s.by or "") in parties:
            p = Fraction(parties[party_of[s.by or ""] or ""])
        else:
            p = value(s.kind.value if flags.kinds else "credibility")
        party = party_of.get(s.by or "") if flags.latent == "party" else None
        group = ("party", party) if party else ("actor", s.by)
        antecedent, consequent = constraint
        kept = consequent if antecedent is None else Or((Not(antecedent), consequent))
        commitments.append((s.id, kept, p, group))
    mights = [s for s in statements if s.kind.value == "might"] if flags.priors else []
    groups = sorted({c[3] for c in commitments}, key=str) if flags.latent else []
    invited_events: list[str] = []
    invited = set()
    for event in scenario.events:
        everyone = [a.id for a in scenario.actors]
        for actor in everyone if event.invited is None else event.invited:
            invited.add(Atom("attends", (actor, event.id)))
    if flags.priors and flags.events:  # one latent "takes place" per event with invited atoms
        invited_events = sorted({a.args[1] for a in atoms if a in invited})
    weights: dict[frozenset[Atom], Fraction] = {}
    for bits in product((False, True), repeat=len(atoms)):
        true = frozenset(a for a, bit in zip(atoms, bits, strict=True) if bit)
        if not all(evaluate(f, true) for f in hard):
            continue
        total = Fraction(0)
        for stands, held in product(
            product((False, True), repeat=len(groups)),
            product((False, True), repeat=len(invited_events)),
        ):
            standing = dict(zip(groups, stands, strict=True))
            taking_place = dict(zip(invited_events, held, strict=True))
            w = Fraction(1)
            for event in invited_events:
                w *= value("held") if taking_place[event] else 1 - value("held")
            if flags.priors:
                for a in atoms:
                    name = (
                        "free"
                        if a.name != "attends"
                        else ("invited" if a in invited else "attends")
                    )
                    if name == "invited" and flags.events:
                        name = "present" if taking_place[a.args[1]] else "away"
                    prior = value(name)
                    if name == "free" and flags.pooled and a.name in predicates:
                        prior = Fraction(predicates[a.name])
                    w *= prior if a in true else 1 - prior
                for m in mights:
                    holds = (
                        m.condition is not None and not evaluate(m.condition, true)
                    ) or evaluate(m.subject, true)
                    w *= value("might") if holds else 1 - value("might")
            for g in groups:
                w *= value("stands") if standing[g] else 1 - value("stands")
            for _id, kept, p, group in commitments:
                q = p if not flags.latent or standing[group] else value("wavering")
                w *= q if evaluate(kept, true) else 1 - q
            total += w
        weights[true] = total
    if not weights:
        return {"consistent": False, "atoms": {}, "outcomes": {}, "commitments": {}}
    z = sum(weights.values())

    def probability(formula: Formula) -> float:
        return float(sum(w for true, w in weights.items() if evaluate(formula, true)) / z)

    return {
        "consistent": True,
        "atoms": {atom_text(a): probability(a) for a in atoms},
        "outcomes": {o.id: probability(o.when) for o in scenario.outcomes},
        "commitments": {identifier: probability(kept) for identifier, kept, _p, _g in commitments},
    }
