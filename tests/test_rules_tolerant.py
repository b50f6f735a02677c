"""rules/tolerant.lp on its own: every model with its cost, read by plain clingo.

With ``--opt-mode=enum`` clingo lists every model and its cost; in tolerant
mode the models must be exactly the assignments that satisfy the active
observed facts (commitments may break), each costing the total weight of
the active commitments it violates, with the shown states of those models.
"""

from __future__ import annotations

import clingo
from _strategies import scenarios
from hypothesis import given
from reference import _constraint, active_ids, evaluate, universe

from commitlogic import Scenario
from commitlogic.encoding import PART, TOLERANT_RULES, Encoder, rule_files
from commitlogic.formulas import parse_formula


def _models(scenario: Scenario) -> dict[frozenset[str], tuple[int, frozenset]]:
    """Every model of the tolerant rules: true atoms -> (cost, shown states)."""
    control = clingo.Control(["--models=0", "--opt-mode=enum"], logger=lambda _c, _m: None)
    for _name, text in rule_files(TOLERANT_RULES):
        control.add(PART, ["p"], text)
    encoder = Encoder(weights=True)
    encoder.scenario(scenario)
    part, facts = encoder.take()
    with control.backend() as backend:
        for fact in facts:
            backend.add_rule([backend.add_atom(fact)])
    control.ground([(PART, [clingo.Number(part)])])
    active = set(active_ids(scenario))
    for statement in scenario.statements:
        symbol = clingo.Function("active", [clingo.String(statement.id)])
        control.assign_external(symbol, statement.id in active)
    found = {}
    with control.solve(yield_=True) as handle:
        for model in handle:
            atoms, states = set(), set()
            for symbol in model.symbols(shown=True):
                if symbol.name == "true":
                    atoms.add(symbol.arguments[0].string)
                elif symbol.name == "state":
                    states.add((symbol.arguments[0].string, symbol.arguments[1].name))
            found[frozenset(atoms)] = (sum(model.cost), frozenset(states))
    return found


@given(scenarios(max_statements=4, max_outcomes=0))
def test_models_are_the_hard_outcomes_with_their_costs(scenario: Scenario) -> None:
    models = _models(scenario)
    names = [str(atom) for atom in universe(scenario)]
    active = [s for s in scenario.statements if s.id in set(active_ids(scenario))]
    expected = {}
    for bits in range(1 << len(names)):
        true_texts = frozenset(name for k, name in enumerate(names) if bits >> k & 1)
        true_atoms = {parse_formula(text) for text in true_texts}
        cost, states, allowed = 0, set(), True
        for statement in active:
            constraint = _constraint(statement)
            if constraint is None:  # might
                continue
            antecedent, consequent = constraint
            triggered = antecedent is None or evaluate(antecedent, true_atoms)
            kept = not triggered or evaluate(consequent, true_atoms)
            if statement.kind.value == "observed":
                allowed = allowed and kept
            elif not kept:
                cost += statement.weight
                states.add((statement.id, "violated"))
            elif triggered:
                states.add((statement.id, "discharged"))
        if allowed:
            expected[true_texts] = (cost, frozenset(states))
    assert models == expected
