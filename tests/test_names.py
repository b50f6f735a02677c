"""Outcome names (SPEC section 2): a bare outcome id means that outcome's formula, everywhere.

Every path is compared with the same question with the formula written out:
the library's status, query, explain and conflict; the CLI's --assume and
explain; sweep --query; what_if; the testing helpers; the exported ASP
program run through plain clingo; the graph.  Random scenarios whose
formulas name outcomes are checked against the brute-force reference, which
expands the names itself from the formulas as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import clingo
import pytest
from _strategies import assumptions, ats_for, scenarios
from clirun import run
from hypothesis import given
from hypothesis import strategies as st
from reference import (
    conflict_problems,
    expand_names,
    explanation_problems,
    meaning,
    reference_query,
    reference_status,
    reference_tolerant,
)

from commitlogic import (
    Outcome,
    Reasoner,
    Scenario,
    ScenarioError,
    Statement,
    asp_program,
    dot_source,
    dumps,
    load,
    loads,
    parse_formula,
    sweep,
)
from commitlogic.analysis import what_if
from commitlogic.testing import assert_certain, assert_impossible, assert_possible

MEET = "attends(putin,talks) and attends(zelensky,talks)"

NAMED = """\
[scenario]
name = "names"

[[actors]]
id = "putin"

[[actors]]
id = "zelensky"

[[events]]
id = "talks"

[[statements]]
id = "deal_if_meet"
kind = "if"
by = "putin"
said = 2025-05-12
subject = "signs(ukraine, deal)"
condition = "leaders_meet"

[[statements]]
id = "z_comes"
kind = "commits"
by = "zelensky"
said = 2025-05-14
subject = "attends(zelensky, talks)"

[[statements]]
id = "no_deal_without"
kind = "only_if"
by = "zelensky"
said = 2025-05-13
subject = "signed"
condition = "leaders_meet or not signed"

[[outcomes]]
id = "leaders_meet"
when = "attends(putin, talks) and attends(zelensky, talks)"

[[outcomes]]
id = "deal_done"
when = "leaders_meet and signs(ukraine, deal)"
"""

#: The same scenario, every outcome name written out as its formula.
SPELLED = (
    NAMED.replace('condition = "leaders_meet"', f'condition = "{MEET}"')
    .replace('"leaders_meet or not signed"', f'"({MEET}) or not signed"')
    .replace('"leaders_meet and signs(ukraine, deal)"', f'"{MEET} and signs(ukraine, deal)"')
)

DAYS = (None, "2025-05-12", "2025-05-13", "2025-05-14")
#: Queries and assumptions with a name, and the same written out.
PAIRS = (
    ("leaders_meet", MEET),
    ("not leaders_meet", f"not ({MEET})"),
    ("deal_done or signed", f"({MEET} and signs(ukraine,deal)) or signed"),
    (
        "absent(putin, talks) and not deal_done",
        f"absent(putin, talks) and not ({MEET} and signs(ukraine,deal))",
    ),
)


@pytest.fixture
def named() -> Scenario:
    return loads(NAMED, file="named.toml")


@pytest.fixture
def spelled() -> Scenario:
    return loads(SPELLED, file="spelled.toml")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "named.toml").write_text(NAMED, encoding="utf-8")
    (tmp_path / "spelled.toml").write_text(SPELLED, encoding="utf-8")
    return tmp_path / "named.toml", tmp_path / "spelled.toml"


# --------------------------------------------------------------------------- the model


def test_the_named_scenario_is_the_spelled_one(named: Scenario, spelled: Scenario) -> None:
    assert named == spelled  # equal formulas once names are expanded
    assert "leaders_meet" not in {str(atom) for atom in named.atoms()}  # not an atom
    assert named.atoms() == spelled.atoms()
    statement = named.statement("deal_if_meet")
    assert str(named.written(statement, "condition")) == "leaders_meet"
    assert str(statement.condition) == MEET
    deal = named.outcomes[1]
    assert str(named.written(deal, "when")) == "leaders_meet and signs(ukraine,deal)"
    assert str(spelled.written(spelled.statement("deal_if_meet"), "condition")) == MEET


def test_dump_keeps_the_names_as_written(named: Scenario) -> None:
    text = dumps(named)
    assert 'condition = "leaders_meet"' in text
    assert 'when = "leaders_meet and signs(ukraine,deal)"' in text
    assert loads(text) == named


def test_an_outcome_with_arguments_is_a_free_proposition(named: Scenario) -> None:
    reasoner = Reasoner(named)
    report = reasoner.status(assume=["leaders_meet(x)"])
    assert "leaders_meet(x)" in report.atoms and "leaders_meet" not in report.atoms


@pytest.mark.parametrize(
    ("outcomes", "cycle", "where"),
    [
        ({"a": "a or p"}, "a -> a", "named.toml:6:9"),
        ({"a": "p and b", "b": "not a"}, "a -> b -> a", "named.toml:6:15"),
        ({"x": "p", "a": "b", "b": "c", "c": "x and a"}, "a -> b -> c -> a", "named.toml:9:9"),
    ],
)
def test_outcome_cycles_are_located_errors(
    outcomes: dict[str, str], cycle: str, where: str
) -> None:
    text = '[scenario]\nname = "cycle"\n\n'
    for outcome_id, when in outcomes.items():
        text += f'[[outcomes]]\nid = "{outcome_id}"\nwhen = "{when}"\n\n'
    text = text.replace(
        '[[outcomes]]\nid = "x"\nwhen = "p"\n\n', '[[outcomes]]\nid = "x"\nwhen = "p"\n'
    )
    with pytest.raises(ScenarioError) as caught:
        loads(text, file="named.toml")
    assert caught.value.reason == f"outcome cycle: {cycle}"
    assert caught.value.field == "when"
    assert str(caught.value).startswith(where + ":"), str(caught.value)


def test_a_cycle_in_python_is_an_error_too() -> None:
    with pytest.raises(ScenarioError, match="outcome cycle: a -> b -> a"):
        Scenario("x", outcomes=[Outcome("a", "b"), Outcome("b", "a")])


def test_reasoner_add_expands_names(named: Scenario, spelled: Scenario) -> None:
    a, b = Reasoner(named), Reasoner(spelled)
    a.add(Statement("late", "refuses", "deal_done", by="putin"))
    b.add(Statement("late", "refuses", f"{MEET} and signs(ukraine,deal)", by="putin"))
    assert a.status().to_json() == b.status().to_json()
    a.add(Outcome("neither", "not leaders_meet and not deal_done"))
    b.add(Outcome("neither", f"not ({MEET}) and not ({MEET} and signs(ukraine,deal))"))
    assert a.status().to_json() == b.status().to_json()


def test_expansions_too_deep_or_too_large_are_errors() -> None:
    deep = "not " * 60 + "p"
    with pytest.raises(ScenarioError, match="nested more than 100 deep once outcome names"):
        Scenario("x", outcomes=[Outcome("a", deep), Outcome("b", "not " * 60 + "a")])
    # a_k = a_{k-1} and not a_{k-1}: 2**k nodes as a tree.
    outcomes = [Outcome("a0", "p")]
    outcomes += [Outcome(f"a{k}", f"a{k - 1} and not a{k - 1}") for k in range(1, 30)]
    with pytest.raises(ScenarioError, match="more than 100000 nodes"):
        Scenario("x", outcomes=outcomes)


# --------------------------------------------------------------------------- the library


@pytest.mark.parametrize("at", DAYS)
def test_library_answers_as_the_formula_written_out(
    named: Scenario, spelled: Scenario, at: str | None
) -> None:
    a, b = Reasoner(named), Reasoner(spelled)
    assert a.status(at=at).to_json() == b.status(at=at).to_json()
    for name, formula in PAIRS:
        assert a.query(name, at=at) == b.query(formula, at=at) == a.query(formula, at=at)
        with_name = a.status(assume=[name], at=at).to_json()
        with_formula = b.status(assume=[formula], at=at).to_json()
        if with_name["conflict"] is not None:  # the assumption is named as given
            assert f"assume:{name}" in with_name["conflict"]
            with_name["conflict"] = [
                f"assume:{formula}" if c == f"assume:{name}" else c for c in with_name["conflict"]
            ]
        assert with_name == with_formula
        assert a.conflict(assume=[name], at=at) == _renamed(
            b.conflict(assume=[formula], at=at), formula, name
        )
        explained, expected = a.explain(name, at=at), b.explain(formula, at=at)
        assert explained.formula == str(parse_formula(name))  # as the user wrote it
        assert attrs.evolve(explained, formula="") == attrs.evolve(expected, formula="")


def _renamed(conflict: tuple[str, ...] | None, formula: str, name: str) -> Any:
    if conflict is None:
        return None
    return tuple(f"assume:{name}" if c == f"assume:{formula}" else c for c in conflict)


def test_explain_reports_the_name_as_written(named: Scenario) -> None:
    explanation = Reasoner(named).explain("deal_done", at="2025-05-12")
    assert explanation.to_json()["formula"] == "deal_done"


def test_what_if_and_sweeps(named: Scenario, spelled: Scenario) -> None:
    a, b = Reasoner(named), Reasoner(spelled)
    by_name = what_if(a, ["leaders_meet", "deal_done"], assume="not signed")
    by_formula = what_if(b, [MEET, f"{MEET} and signs(ukraine,deal)"], assume=["not signed"])
    assert [w.report for w in by_name] == [w.report for w in by_formula]
    assert sweep(named, [["leaders_meet"], "not deal_done"], formula="signed") == sweep(
        spelled, [[MEET], f"not ({MEET} and signs(ukraine,deal))"], formula="signed"
    )
    assert sweep(named, ["signed"], formula="deal_done") == sweep(
        spelled, ["signed"], formula=f"{MEET} and signs(ukraine,deal)"
    )


def test_testing_helpers(named: Scenario) -> None:
    assert_possible(named, "deal_done")
    assert_certain(named, "deal_done", assume=["leaders_meet"], at="2025-05-12")
    assert_impossible(named, "leaders_meet", assume=["not signs(ukraine, deal)"], at="2025-05-12")
    with pytest.raises(AssertionError):
        assert_certain(named, "leaders_meet")


def test_graph_draws_the_formula(named: Scenario, spelled: Scenario) -> None:
    assert dot_source(named) == dot_source(spelled)
    assert "leaders_meet" not in dot_source(named)


# --------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize(("name", "formula"), PAIRS)
def test_cli_assume_and_explain(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], name: str, formula: str
) -> None:
    for at in ("2025-05-12", "2025-05-14"):
        code_a, out_a, _ = run(
            capsys, "status", str(files[0]), "--assume", name, "--at", at, "--json"
        )
        code_b, out_b, _ = run(
            capsys, "status", str(files[1]), "--assume", formula, "--at", at, "--json"
        )
        assert code_a == code_b == 0
        a, b = json.loads(out_a), json.loads(out_b)
        if a["conflict"] is not None:  # the assumption is named as given
            a["conflict"] = list(_renamed(tuple(a["conflict"]), name, formula))
        assert a == b
        code_a, out_a, _ = run(capsys, "explain", str(files[0]), name, "--at", at, "--json")
        code_b, out_b, _ = run(capsys, "explain", str(files[1]), formula, "--at", at, "--json")
        a, b = json.loads(out_a), json.loads(out_b)
        assert a.pop("formula") == str(parse_formula(name))
        b.pop("formula")
        assert code_a == code_b == 0 and a == b


def test_cli_sweep_query(capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]) -> None:
    outputs = []
    for path, query, each in (
        (files[0], "deal_done", "leaders_meet"),
        (files[1], f"{MEET} and signs(ukraine,deal)", MEET),
    ):
        code, out, _ = run(
            capsys, "sweep", str(path), "--assume-each", each, "signed", "--query", query, "--json"
        )
        assert code == 0
        outputs.append(
            [
                {k: v for k, v in json.loads(line).items() if k not in ("assume", "formula")}
                for line in out.splitlines()
            ]
        )
    assert outputs[0] == outputs[1]


# --------------------------------------------------------------------------- ASP export


def _consequences(program: str, mode: str) -> list[str] | None:
    control = clingo.Control(["0", f"--enum-mode={mode}"], message_limit=0)
    control.add("base", [], program)
    control.ground([("base", [])])
    last: list[str] | None = None

    def on_model(model: clingo.Model) -> None:
        nonlocal last
        last = sorted(str(symbol) for symbol in model.symbols(shown=True))

    control.solve(on_model=on_model)
    return last


@pytest.mark.parametrize(("name", "formula"), PAIRS)
def test_exported_program_through_plain_clingo(
    named: Scenario, spelled: Scenario, name: str, formula: str
) -> None:
    for at in DAYS:
        a = asp_program(named, assume=[name], at=at)
        b = asp_program(spelled, assume=[formula], at=at)
        assert '"leaders_meet"' in a  # the outcome itself is shown...
        assert re.search(r'lit\(0,\d+,"leaders_meet"\)', a) is None  # ...never an atom
        assert re.search(r'atom\(0,"leaders_meet"\)', a) is None
        for mode in ("brave", "cautious"):
            assert _consequences(a, mode) == _consequences(b, mode)


# --------------------------------------------------------------------------- random scenarios


@given(scenarios(outcome_names=True), st.data())
def test_random_named_scenarios_agree_with_the_reference(
    scenario: Scenario, data: st.DataObject
) -> None:
    assume = data.draw(assumptions(scenario, outcome_names=True), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    reasoner = Reasoner(scenario)
    report = reasoner.status(assume, at)
    expected = reference_status(scenario, assume, at)
    got = report.to_json()
    assert {key: got[key] for key in expected} == expected
    if report.conflict is not None:
        assert conflict_problems(scenario, list(report.conflict), assume, at) == []
    # The same scenario with every name written out (by the reference) answers the same.
    assert Reasoner(meaning(scenario)).status(assume, at) == report
    tolerant = Reasoner(scenario, tolerant=True).status(assume, at).to_json()
    expected = reference_tolerant(scenario, assume, at)
    assert {key: tolerant[key] for key in expected} == expected
    for outcome in scenario.outcomes:
        status = reasoner.query(outcome.id, assume, at)
        assert (None if status is None else status.value) == reference_query(
            scenario, outcome.id, assume, at
        )
        if status is not None and status.value == "certain":
            because = reasoner.explain(outcome.id, assume, at).because
            formula = expand_names(parse_formula(outcome.id), scenario)
            assert because is not None
            assert explanation_problems(scenario, formula, because, assume, at) == []


@given(scenarios(outcome_names=True), st.data())
def test_random_named_scenarios_export_graph_and_dump(
    scenario: Scenario, data: st.DataObject
) -> None:
    spelled = meaning(scenario)
    assert dot_source(scenario) == dot_source(spelled)
    assert loads(dumps(scenario)) == scenario
    assume = data.draw(assumptions(scenario, outcome_names=True), label="assume")
    program = asp_program(scenario, assume=assume)
    written_out = [
        expand_names(parse_formula(a) if isinstance(a, str) else a, scenario) for a in assume
    ]
    other = asp_program(spelled, assume=written_out)
    for mode in ("brave", "cautious"):
        assert _consequences(program, mode) == _consequences(other, mode)


def test_the_istanbul_example_names(capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "istanbul_2025.toml"
    scenario = load(example)
    reasoner = Reasoner(scenario)
    for outcome in scenario.outcomes:
        for day in ("2025-05-12", "2025-05-16"):
            assert reasoner.query(outcome.id, at=day) == reasoner.query(str(outcome.when), at=day)
            assert (
                reasoner.status(assume=[outcome.id], at=day).outcomes
                == reasoner.status(assume=[str(outcome.when)], at=day).outcomes
            )


def test_what_was_written_follows_evolve(named: Scenario) -> None:
    # Statements carried over keep their written form; a changed one gets its own.
    statement = named.statement("deal_if_meet")
    kept = attrs.evolve(
        named, statements=[*named.statements, Statement("x", "commits", "p", by="putin")]
    )
    assert str(kept.written(kept.statement("deal_if_meet"), "condition")) == "leaders_meet"
    changed = attrs.evolve(
        named,
        statements=[attrs.evolve(statement, condition="p"), *named.statements[1:]],
    )
    assert str(changed.written(changed.statement("deal_if_meet"), "condition")) == "p"
    # Without outcomes there are no names to remember.
    bare = attrs.evolve(named, statements=[attrs.evolve(statement, condition="q")], outcomes=[])
    assert str(bare.written(bare.statements[0], "condition")) == "q"
