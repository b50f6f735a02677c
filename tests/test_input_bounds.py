"""Bounds on input that used to crash: formulas nested deeper than MAX_DEPTH, weights out of 1..1e6.

Formulas nest at most ``MAX_DEPTH`` (100) deep: deeper text is a located
ScenarioError from the parser (which never recurses past the limit), and
deeper formula objects cannot be built, so no walk over a formula (printing,
hashing, pickling, encoding, export, the reference) can exhaust the stack.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from clirun import run
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from reference import reference_query, reference_status, reference_tolerant

from commitlogic import (
    Actor,
    Reasoner,
    Scenario,
    ScenarioError,
    Statement,
    add_statement,
    asp_program,
    atom,
    dot_source,
    dumps,
    loads,
    parse_formula,
    strategies,
)
from commitlogic.model.formulas import MAX_DEPTH, Not

DEEP = 10_000
BASE = """\
[scenario]
name = "deep"

[[actors]]
id = "putin"

[[events]]
id = "talks"
"""


def _statement(subject: str, weight: int | None = None) -> str:
    extra = "" if weight is None else f"weight = {weight}\n"
    return (
        f'\n[[statements]]\nid = "s"\nkind = "commits"\nby = "putin"\n{extra}'
        f'subject = "{subject}"\n'
    )


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("not " * DEEP + "p", 4 * MAX_DEPTH + 1),
        ("(" * DEEP + "p" + ")" * DEEP, MAX_DEPTH + 1),
        ("not (" * DEEP + "p" + ")" * DEEP, 5 * (MAX_DEPTH // 2) + 1),
        ("p and (" * DEEP + "q" + ")" * DEEP, 7 * MAX_DEPTH + 7),
    ],
)
def test_deep_text_is_a_located_error(text: str, column: int) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_formula(text)
    assert f"nested more than {MAX_DEPTH} deep" in caught.value.reason
    assert caught.value.offset == column - 1
    assert len(str(caught.value)) < 300  # the message quotes only the spot
    with pytest.raises(ScenarioError) as caught:
        loads(BASE + _statement(text), file="deep.toml")
    assert re.match(
        rf"deep\.toml:14:{column + 11}: statement 's', field 'subject': ", str(caught.value)
    )
    with pytest.raises(ScenarioError, match="nested more than"):
        Reasoner(loads(BASE)).status(assume=[text])
    with pytest.raises(ScenarioError, match="nested more than"):
        Reasoner(loads(BASE)).explain(text)


def test_the_limit_itself_is_fine_everywhere() -> None:
    deepest = "not " * MAX_DEPTH + "p"
    formula = parse_formula(deepest)
    assert formula.depth == MAX_DEPTH and str(formula) == deepest
    assert pickle.loads(pickle.dumps(formula)) == formula
    assert hash(formula) == hash(parse_formula(deepest))
    parens = "(" * MAX_DEPTH + "p and q" + ")" * MAX_DEPTH
    assert str(parse_formula(parens)) == "p and q"
    alternating = "p and (q or " * 49 + "r" + ")" * 49
    assert parse_formula(alternating).depth == 98  # an and and an or per parenthesis
    scenario = loads(BASE + _statement(deepest))
    assert loads(dumps(scenario)) == scenario
    reasoner = Reasoner(scenario)
    assert reasoner.status().to_json()["atoms"] == {
        name: status for name, status in reference_status(scenario)["atoms"].items()
    }
    assert reasoner.query(deepest).value == reference_query(scenario, deepest)
    assert reasoner.explain(deepest).because == ("s",)
    assert "not" not in dot_source(scenario)  # no conditional statement, no edge
    assert asp_program(scenario, assume=[alternating]).count("neg(0,") == MAX_DEPTH


def test_formula_objects_cannot_nest_deeper() -> None:
    formula = atom("p")
    for _ in range(MAX_DEPTH):
        formula = ~formula
    with pytest.raises(ScenarioError, match=f"nested more than {MAX_DEPTH} deep"):
        Not(formula)
    with pytest.raises(ScenarioError, match="nested more than"):
        formula & ~formula  # building it is the test
    # Conjunctions and disjunctions count one level each, as negations do.
    mixed = atom("a")
    for _ in range(MAX_DEPTH // 2):
        mixed = ~(mixed | atom("b"))
    assert mixed.depth == MAX_DEPTH
    with pytest.raises(ScenarioError, match="nested more than"):
        mixed & atom("c")


def test_cli_never_tracebacks_on_deep_formulas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(BASE, encoding="utf-8")
    deep = "not " * DEEP + "p"
    for argv in (
        ["explain", str(path), deep],
        ["status", str(path), "--assume", deep],
        ["add", str(path), "--id", "x", "--kind", "commits", "--by", "putin", "--subject", deep],
        ["observe", str(path), deep, "--said", "2025-05-16"],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and "Traceback" not in err
        assert "nested more than 100 deep" in err
    assert path.read_text(encoding="utf-8") == BASE
    (tmp_path / "deep.toml").write_text(BASE + _statement(deep), encoding="utf-8")
    code, _, err = run(capsys, "check", str(tmp_path / "deep.toml"))
    assert code == 2 and f"{tmp_path / 'deep.toml'}:14:412:" in err


def test_strategies_refuse_depths_beyond_the_limit() -> None:
    with pytest.raises(InvalidArgument):
        strategies.formulas(["p"], max_depth=MAX_DEPTH + 1).example()
    with pytest.raises(InvalidArgument):
        strategies.scenarios(max_depth=MAX_DEPTH + 1).example()
    with pytest.raises(InvalidArgument):
        strategies.scenarios(outcome_names=True, max_depth=40, max_outcomes=3).example()


# --------------------------------------------------------------------------- weights


@pytest.mark.parametrize("weight", [0, -1, 1_000_001, 2**31, 2**63])
def test_weights_out_of_bounds_are_errors(weight: int, tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        loads(BASE + _statement("p", weight), file="w.toml")
    assert str(caught.value) == (
        "w.toml:14:10: statement 's', field 'weight': "
        f"weight must be an integer from 1 to 1000000, got {weight}"
    )
    with pytest.raises(ScenarioError, match="from 1 to 1000000"):
        Statement("s", "commits", "p", by="putin", weight=weight)
    path = tmp_path / "w.toml"
    path.write_text(BASE, encoding="utf-8")
    with pytest.raises(ScenarioError, match="field 'weight'"):
        add_statement(
            path, {"id": "s", "kind": "commits", "by": "putin", "subject": "p", "weight": weight}
        )
    assert path.read_text(encoding="utf-8") == BASE


def test_cli_add_weight_out_of_bounds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text(BASE, encoding="utf-8")
    argv = ["add", str(path), "--id", "s", "--kind", "commits", "--by", "putin", "--subject", "p"]
    code, out, err = run(capsys, *argv, "--weight", str(2**31))
    assert code == 2 and out == "" and "Traceback" not in err
    assert "field 'weight': weight must be an integer from 1 to 1000000" in err
    assert path.read_text(encoding="utf-8") == BASE


@given(st.lists(st.sampled_from([1, 999_999, 1_000_000]), min_size=2, max_size=6))
def test_the_largest_weights_sum_without_overflow(weights: list[int]) -> None:
    # Every commitment is broken in the only outcome: the cost is the sum of all weights.
    statements = [Statement("fact", "observed", "not p")]
    statements += [
        Statement(f"c{i}", "commits", "p", by="putin", weight=weight)
        for i, weight in enumerate(weights)
    ]
    scenario = Scenario("heavy", actors=[Actor("putin")], statements=statements)
    report = Reasoner(scenario, tolerant=True).status()
    assert report.cost == sum(weights) == reference_tolerant(scenario)["cost"]
