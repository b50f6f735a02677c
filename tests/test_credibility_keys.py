"""The ``credibility`` keys of forecast mode (SPEC sections 1 and 3): validated, located, saved."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitlogic import Actor, Scenario, ScenarioError, Statement, dumps, loads
from commitlogic.io.loading import locate
from commitlogic.model.credibility import (
    DEFAULT_CREDIBILITY,
    credibilities,
    credibility_of,
    ignored_credibilities,
)

HEADER = '[scenario]\nname = "x"\n'
ACTOR = '[[actors]]\nid = "a"\n'
STATEMENT = '[[statements]]\nid = "s"\nkind = "commits"\nby = "a"\nsubject = "p"\n'

# The three places a credibility may be written, and the line it lands on.
PLACES = {
    "scenario": (HEADER, 3, "[scenario]"),
    "actor": (HEADER + ACTOR, 5, "actor 'a'"),
    "statement": (HEADER + ACTOR + STATEMENT, 10, "statement 's'"),
}


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("value", ["0", "1", "1.5", "-0.2", "0.0", "1.0", "true", '"0.5"', "nan"])
def test_a_credibility_outside_the_open_interval_is_a_located_error(place: str, value: str) -> None:
    text, line, entry = PLACES[place]
    with pytest.raises(ScenarioError) as caught:
        loads(text + f"credibility = {value}\n", file="f.toml")
    error = caught.value
    assert (error.file, error.line, error.column) == ("f.toml", line, 15)
    assert error.entry == entry
    assert error.field == "credibility"
    assert "strictly between 0 and 1" in error.reason


@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_valid_credibility_loads(place: str) -> None:
    text, _line, _entry = PLACES[place]
    scenario = loads(text + "credibility = 0.25\n")
    found = {
        "scenario": scenario.credibility,
        "actor": scenario.actors[0].credibility if scenario.actors else None,
        "statement": scenario.statements[0].credibility if scenario.statements else None,
    }
    assert found[place] == 0.25
    assert [value for key, value in found.items() if key != place] == [None, None]


def test_python_construction_validates_too() -> None:
    with pytest.raises(ScenarioError, match="credibility"):
        Actor("a", credibility=1)
    with pytest.raises(ScenarioError, match="credibility"):
        Statement("s", "commits", "p", by="a", credibility=True)
    with pytest.raises(ScenarioError, match="credibility"):
        Scenario("x", credibility=0)


def _scenario(statement: float | None, actor: float | None, scenario: float | None) -> Scenario:
    return Scenario(
        "x",
        credibility=scenario,
        actors=[Actor("a", credibility=actor), Actor("b")],
        statements=[
            Statement("s", "commits", "p", by="a", credibility=statement),
            Statement("t", "commits", "q", by="b"),
            Statement("o", "observed", "r"),
        ],
    )


def test_the_statement_then_the_actor_then_the_scenario_then_the_default() -> None:
    assert credibility_of(_scenario(0.1, 0.2, 0.3), _scenario(0.1, 0.2, 0.3).statements[0]) == 0.1
    assert credibilities(_scenario(0.1, 0.2, 0.3)) == {"s": 0.1, "t": 0.3}
    assert credibilities(_scenario(None, 0.2, 0.3)) == {"s": 0.2, "t": 0.3}
    assert credibilities(_scenario(None, None, 0.3)) == {"s": 0.3, "t": 0.3}
    assert credibilities(_scenario(None, None, None)) == {"s": 0.8, "t": 0.8}
    assert DEFAULT_CREDIBILITY == 0.8
    for statement in _scenario(None, 0.2, 0.3).statements[:2]:
        expected = credibilities(_scenario(None, 0.2, 0.3))[statement.id]
        assert credibility_of(_scenario(None, 0.2, 0.3), statement) == expected


probability = st.floats(min_value=0, max_value=1, exclude_min=True, exclude_max=True)


@given(st.none() | probability, st.none() | probability, st.none() | probability)
def test_credibilities_round_trip(
    statement: float | None, actor: float | None, whole: float | None
) -> None:
    scenario = _scenario(statement, actor, whole)
    assert loads(dumps(scenario)) == scenario


def test_a_credibility_on_might_or_observed_gets_a_located_note() -> None:
    text = (
        HEADER
        + ACTOR
        + '[[statements]]\nid = "seen"\nkind = "observed"\nsubject = "p"\ncredibility = 0.9\n'
        + '[[statements]]\nid = "maybe"\nkind = "might"\nby = "a"\nsubject = "q"\n'
        + "credibility = 0.5\n"
        + STATEMENT
        + "credibility = 0.5\n"
    )
    scenario = loads(text)
    notes = [locate(note, text, "f.toml") for note in ignored_credibilities(scenario)]
    assert [(note.statement, note.field, note.line, note.column) for note in notes] == [
        ("seen", "credibility", 9, 15),
        ("maybe", "credibility", 15, 15),
    ]
    assert "hard fact" in notes[0].reason
    assert "constrains nothing" in notes[1].reason
    assert str(notes[0]).startswith("f.toml:9:15: statement 'seen', field 'credibility'")


def test_no_note_without_credibilities_on_such_statements() -> None:
    assert ignored_credibilities(_scenario(0.5, 0.5, 0.5)) == ()


def test_adding_a_statement_keeps_its_credibility(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from commitlogic import add_statement, load

    path = tmp_path / "s.toml"
    path.write_text(HEADER + ACTOR)
    added = add_statement(path, Statement("s", "commits", "p", by="a", credibility=0.3))
    assert load(path).statements == (added,)
    assert added.credibility == 0.3
    add_statement(
        path, {"id": "t", "kind": "commits", "by": "a", "subject": "q", "credibility": 0.6}
    )
    assert load(path).statements[1].credibility == 0.6
    assert "credibility = 0.6\n" in path.read_text()
