"""The public strategies of ``commitlogic.strategies``: valid values, bounds, and shrinking."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from reference import MAX_ATOMS, reference_status, universe
from samples import TWO_LEADERS

from commitlogic import And, Atom, Formula, Kind, Not, Or, Scenario, Statement, loads
from commitlogic.model.formulas import IDENT, RESERVED
from commitlogic.strategies import (
    ACTOR_IDS,
    assumptions,
    formulas,
    identifiers,
    observations,
    scenarios,
    statement_sequences,
    statements,
    whens,
)

LEADERS = loads(TWO_LEADERS)
#: find() looks through many examples; the checks below are cheap.
SEARCH = settings(max_examples=2000, database=None, suppress_health_check=list(HealthCheck))
#: To show that something occurs at all, the first example found will do.
OCCURS = settings(SEARCH, phases=[Phase.generate])


def depth(formula: Formula) -> int:
    if isinstance(formula, Atom):
        return 0
    if isinstance(formula, Not):
        return 1 + depth(formula.operand)
    assert isinstance(formula, And | Or)
    return 1 + max(depth(operand) for operand in formula.operands)


# --------------------------------------------------------------------------- small parts


@given(identifiers(pool=["putin", "Zelensky"]))
def test_identifiers_are_valid_ids(value: str) -> None:
    assert IDENT.fullmatch(value) and value not in RESERVED


def test_identifiers_shrink_to_the_pool_and_are_sometimes_capitalised() -> None:
    assert find(identifiers(pool=["putin", "Zelensky"]), lambda _: True) == "putin"
    assert find(identifiers(), lambda value: value[0].isupper(), settings=SEARCH) == "A"


@given(formulas(["p", "attends(a, e)", Atom("q")], max_depth=2, max_operands=2))
def test_formulas_respect_their_bounds(formula: Formula) -> None:
    assert depth(formula) <= 2
    assert {str(atom) for atom in formula.atoms()} <= {"p", "attends(a,e)", "q"}


def test_formulas_shrink_to_the_first_atom() -> None:
    assert find(formulas(["p", "q"]), lambda _: True) == Atom("p")
    found = find(formulas(["p", "q"]), lambda f: "q" in str(f), settings=SEARCH)
    assert found == Atom("q")


@given(whens())
def test_whens_are_dates_or_datetimes_near_the_first_day(value: date) -> None:
    day = value.date() if isinstance(value, datetime) else value
    assert date(2025, 5, 10) <= day <= date(2025, 5, 14)
    if isinstance(value, datetime) and value.tzinfo is not None:
        offset = value.utcoffset()
        assert offset is not None and offset.seconds % 60 == 0


# --------------------------------------------------------------------------- scenarios


@given(scenarios())
def test_scenarios_are_small_and_valid(scenario: Scenario) -> None:
    # Construction validated them; they are also within the reference's reach.
    assert 1 <= len(scenario.actors) <= 3 and 1 <= len(scenario.events) <= 2
    assert len(scenario.statements) <= 6 and len(scenario.outcomes) <= 2
    assert len(universe(scenario)) <= MAX_ATOMS
    for statement in scenario.statements:
        assert depth(statement.subject) <= 2
        assert 1 <= statement.weight <= 5


@given(scenarios(min_statements=2, max_statements=3, kinds=["if", "observed"]))
def test_scenario_bounds_and_kinds(scenario: Scenario) -> None:
    assert 2 <= len(scenario.statements) <= 3
    assert {s.kind for s in scenario.statements} <= {Kind.IF, Kind.OBSERVED}
    assert scenario.name == "random scenario"
    assert all(actor.name is None for actor in scenario.actors)


def test_scenarios_cover_the_corners_of_spec() -> None:
    """Each corner of SPEC section 1 occurs: Hypothesis can find an example of it."""
    corners = {
        "capitalised actor": lambda s: any(a.id[0].isupper() for a in s.actors),
        "generated actor id": lambda s: any(a.id not in ACTOR_IDS for a in s.actors),
        "capitalised statement": lambda s: any(x.id[0].isupper() for x in s.statements),
        "supersedes a later entry": lambda s: any(
            s.statements.index(s.statement(old)) > i
            for i, x in enumerate(s.statements)
            for old in x.supersedes
        ),
        "datetime with offset": lambda s: any(
            isinstance(x.said, datetime) and x.said.tzinfo is not None for x in s.statements
        ),
        "uninvited actor": lambda s: any(e.invited is not None for e in s.events),
        "multi-line quote": lambda s: any("\n" in (x.quote or "") for x in s.statements),
        "weight": lambda s: any(x.weight > 1 for x in s.statements),
        "might with condition": lambda s: any(
            x.kind is Kind.MIGHT and x.condition is not None for x in s.statements
        ),
        "observed without by": lambda s: any(
            x.kind is Kind.OBSERVED and x.by is None for x in s.statements
        ),
    }
    for name, corner in corners.items():
        # Corners of statements are found faster among scenarios with several.
        strategy = scenarios(min_statements=3, texts=name == "multi-line quote")
        assert corner(find(strategy, corner, settings=OCCURS)), name


def test_an_inconsistent_scenario_shrinks_to_two_statements() -> None:
    """Shrinking deletes statements and simplifies formulas."""

    def inconsistent(scenario: Scenario) -> bool:
        return not reference_status(scenario)["consistent"]

    found = find(scenarios(), inconsistent, settings=SEARCH)
    # Such as: commits p, refuses p; or commits (p and not p).
    assert 1 <= len(found.statements) <= 2
    occurrences = sum(len(list(f.atoms())) for s in found.statements for _, f in s.formulas())
    assert occurrences <= 3
    assert all(s.said is None and s.weight == 1 for s in found.statements)
    assert len(found.actors) == 1 and found.outcomes == ()


def test_scenario_arguments_are_checked() -> None:
    with pytest.raises(InvalidArgument, match="min_actors"):
        scenarios(min_actors=4, max_actors=3)
    with pytest.raises(InvalidArgument, match="max_statements"):
        scenarios(max_statements=-1)
    with pytest.raises(InvalidArgument, match="unknown kind"):
        scenarios(kinds=["promises"])
    with pytest.raises(InvalidArgument, match="attendance atom"):
        scenarios(propositions=["attends(a, e)"])
    with pytest.raises(InvalidArgument, match="needs atoms"):
        scenarios(min_actors=0, min_statements=1, propositions=())
    with pytest.raises(InvalidArgument, match="needs kind 'observed'"):
        scenarios(min_actors=0, min_statements=1, kinds=["commits"])


@given(scenarios(min_actors=0, max_actors=0, min_statements=1, kinds=["observed", "commits"]))
def test_without_actors_only_observed_statements(scenario: Scenario) -> None:
    assert scenario.actors == ()
    assert scenario.statements and all(s.kind is Kind.OBSERVED for s in scenario.statements)


# --------------------------------------------------------------------------- statements


@given(st.data())
def test_statements_fit_into_their_scenario(data: st.DataObject) -> None:
    scenario = data.draw(scenarios())
    if not scenario.atoms():
        return
    statement = data.draw(statements(scenario, texts=True))
    grown = scenario.with_statement(statement)  # validates ids, actors, atoms, supersedes
    assert grown.statements[-1] == statement
    assert set(statement.subject.atoms()) <= set(scenario.atoms())


@given(statements(["attends(putin, talks)", "p"], kinds=["only_if"], weights=False))
def test_statements_from_atoms_alone(statement: Statement) -> None:
    assert statement.kind is Kind.ONLY_IF and statement.condition is not None
    assert statement.by == "putin" and statement.weight == 1 and statement.supersedes == ()


def test_statements_of_every_kind_occur() -> None:
    for kind in Kind:
        found = find(statements(LEADERS), lambda s, kind=kind: s.kind is kind, settings=OCCURS)
        assert found.kind is kind
        LEADERS.with_statement(found)
    assert find(statements(LEADERS), lambda _: True).kind is Kind.COMMITS


def test_statement_arguments_are_checked() -> None:
    with pytest.raises(InvalidArgument, match="need an actor"):
        statements(["p"], kinds=["commits"])
    with pytest.raises(InvalidArgument, match="at least one atom"):
        statements([])
    with pytest.raises(InvalidArgument, match="not an atom"):
        statements(["p and q"])
    with pytest.raises(InvalidArgument, match="not both"):
        statements(["p"], atoms=["q"])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match="unknown actor"):
        statements(LEADERS, atoms=["attends(nobody, talks)"])
    with pytest.raises(InvalidArgument, match="strategy"):
        statements(LEADERS, said=date(2025, 5, 1))  # type: ignore[arg-type]


@given(statement_sequences(LEADERS, min_size=1, max_size=5))
def test_sequences_are_dated_in_order_with_new_ids(sequence: tuple[Statement, ...]) -> None:
    assert 1 <= len(sequence) <= 5
    saids = [s.said for s in sequence]
    assert all(isinstance(said, date) for said in saids)
    assert saids == sorted(saids)  # type: ignore[type-var]
    assert saids[0] >= date(2025, 5, 14)  # type: ignore[operator]  # the last date of LEADERS
    grown = attrs.evolve(LEADERS, statements=(*LEADERS.statements, *sequence))
    ids = [s.id for s in grown.statements]
    assert len(set(ids)) == len(ids)
    # Supersession points backwards only.
    for index, statement in enumerate(grown.statements):
        assert all(ids.index(old) < index for old in statement.supersedes)


@given(statement_sequences(["p", "q"], datetimes=True, start="2025-05-01", max_gap=3))
def test_sequences_with_datetimes(sequence: tuple[Statement, ...]) -> None:
    saids = [s.said for s in sequence]
    assert all(isinstance(said, datetime) and said.tzinfo is not None for said in saids)
    assert saids == sorted(saids)  # type: ignore[type-var]


def test_a_sequence_shrinks_to_the_statements_that_matter() -> None:
    # Some sequence of news contradicts the final picture; one statement is enough.
    def breaks(sequence: tuple[Statement, ...]) -> bool:
        grown = attrs.evolve(LEADERS, statements=(*LEADERS.statements, *sequence))
        return not reference_status(grown)["consistent"]

    found = find(statement_sequences(LEADERS), breaks, settings=SEARCH)
    assert len(found) == 1
    assert found[0].supersedes == ()


# --------------------------------------------------------------------------- observations


@given(observations(LEADERS, max_size=2))
def test_observations_are_literals_of_distinct_atoms(facts: tuple[Statement, ...]) -> None:
    assert len(facts) <= 2
    atoms = []
    for fact in facts:
        assert fact.kind is Kind.OBSERVED and fact.by is None and fact.said is None
        literal = fact.subject.operand if isinstance(fact.subject, Not) else fact.subject
        assert isinstance(literal, Atom) and literal in LEADERS.atoms()
        atoms.append(literal)
    assert len(set(atoms)) == len(atoms)
    assert [fact.id for fact in facts] == [f"observed_{i}" for i in range(1, len(facts) + 1)]
    attrs.evolve(LEADERS, statements=(*LEADERS.statements, *facts))


@given(observations(LEADERS, atoms=["attends(zelensky, talks)"], max_depth=1, said="2025-05-20"))
def test_observations_about_chosen_atoms(facts: tuple[Statement, ...]) -> None:
    for fact in facts:
        assert {str(atom) for atom in fact.subject.atoms()} == {"attends(zelensky,talks)"}
        assert fact.said == date(2025, 5, 20)


def test_observation_ids_avoid_the_scenarios() -> None:
    taken = LEADERS.with_statement(Statement("observed_1", "observed", "p"))
    facts = find(observations(taken), lambda facts: len(facts) == 2)
    assert [fact.id for fact in facts] == ["observed_2", "observed_3"]


@given(assumptions(LEADERS, min_size=1))
def test_assumptions_are_formulas(formulas: list[Formula]) -> None:
    assert 1 <= len(formulas) <= 3
    assert all(isinstance(formula, Atom | Not) for formula in formulas)


def test_observation_arguments_are_checked() -> None:
    empty = Scenario("empty")
    assert find(observations(empty), lambda _: True) == ()
    assert find(assumptions(empty), lambda _: True) == []
    with pytest.raises(InvalidArgument, match="no atoms"):
        observations(empty, min_size=1)
    with pytest.raises(InvalidArgument, match="distinct literals"):
        observations(LEADERS, min_size=3)
    with pytest.raises(InvalidArgument, match="Scenario"):
        observations(["p"])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match="said"):
        observations(LEADERS, said="yesterday")
