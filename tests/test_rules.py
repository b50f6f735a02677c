"""The rules in rules/ on their own: every model, read atom by atom.

The reasoner only reads consequences; here plain clingo enumerates every
model of the rule files with the encoder's facts (the statements active
without a date), and each model must be exactly one outcome of the
brute-force reference,
with the per-outcome commitment states of SPEC section 3 (``state/2``,
which the reasoner does not read) and the declared outcomes (``occurs/1``).
Each rule file is also tested on its own, on hand-written facts, in
``tests/test_lp_<file>.py``.
"""

from __future__ import annotations

import clingo
from _strategies import scenarios
from hypothesis import given
from reference import _constraint, active_ids, evaluate, outcomes

from commitlogic import Atom, Scenario
from commitlogic.model.formulas import parse_formula
from commitlogic.reasoning.encoding import PART, STRICT_RULES, Encoder, rule_files


def _models(scenario: Scenario) -> list[dict[str, frozenset]]:
    control = clingo.Control(["--models=0"], logger=lambda _code, _message: None)
    for _name, text in rule_files(STRICT_RULES):
        control.add(PART, ["p"], text)
    control.add("base", [], "#show state/2.")
    encoder = Encoder()
    encoder.scenario(scenario)
    part, facts = encoder.take()
    with control.backend() as backend:
        for fact in facts:
            backend.add_rule([backend.add_atom(fact)])
    control.ground([(PART, [clingo.Number(part)]), ("base", [])])
    for statement in scenario.statements:
        control.assign_external(clingo.Function("active", [clingo.String(statement.id)]), None)
    active = set(active_ids(scenario))
    activity = [
        control.symbolic_atoms[clingo.Function("active", [clingo.String(s.id)])].literal
        * (1 if s.id in active else -1)
        for s in scenario.statements
    ]
    control.assign_external(clingo.Function("maximize"), None)
    maximize = control.symbolic_atoms[clingo.Function("maximize")].literal
    found = []
    with control.solve(assumptions=[*activity, maximize], yield_=True) as handle:
        for model in handle:
            shown: dict[str, set] = {"true": set(), "occurs": set(), "state": set()}
            for symbol in model.symbols(shown=True):
                if symbol.name in ("true", "occurs"):
                    shown[symbol.name].add(symbol.arguments[0].string)
                elif symbol.name == "state":
                    statement, state = symbol.arguments
                    shown["state"].add((statement.string, state.name))
            found.append({name: frozenset(values) for name, values in shown.items()})
    return found


def _expected_states(scenario: Scenario, true_texts: frozenset[str]) -> frozenset:
    true_atoms = {parse_formula(text) for text in true_texts}
    assert all(isinstance(atom, Atom) for atom in true_atoms)
    states = set()
    active = set(active_ids(scenario))
    for statement in scenario.statements:
        if not statement.is_commitment or statement.id not in active:
            continue
        antecedent, consequent = _constraint(statement)
        triggered = antecedent is None or evaluate(antecedent, true_atoms)
        if not triggered:
            states.add((statement.id, "expired"))
        elif evaluate(consequent, true_atoms):
            states.add((statement.id, "discharged"))
        else:
            states.add((statement.id, "violated"))
    return frozenset(states)


@given(scenarios(max_statements=4, max_outcomes=2))
def test_each_model_is_one_outcome_with_its_states(scenario: Scenario) -> None:
    models = _models(scenario)
    # Without a date every statement is present; the models are the outcomes.
    assert sorted(sorted(m["true"]) for m in models) == sorted(
        sorted(outcome) for outcome in outcomes(scenario)
    )
    for model in models:
        assert model["state"] == _expected_states(scenario, model["true"])
        true_atoms = {parse_formula(text) for text in model["true"]}
        expected = {o.id for o in scenario.outcomes if evaluate(o.when, true_atoms)}
        assert model["occurs"] == expected
