"""rules/tolerant.lp (with the files it builds on): facts hard, commitments soft at a cost.

Hand-written facts first, then every model of random scenarios with its cost.

With ``--opt-mode=enum`` clingo lists every model and its cost; in tolerant
mode the models must be exactly the assignments that satisfy the active
observed facts (commitments may break), each costing the total weight of
the active commitments it violates, with the shown states of those models.
"""

from __future__ import annotations

import clingo
from _strategies import scenarios
from hypothesis import given
from lp import solve
from reference import _constraint, active_ids, evaluate, universe
from test_lp_statements import FACTS

from commitlogic import Scenario
from commitlogic.model.formulas import parse_formula
from commitlogic.reasoning.encoding import PART, TOLERANT_RULES, Encoder, rule_files

FILES = ["outcomes.lp", "formulas.lp", "statements.lp", "commitments.lp", "tolerant.lp"]
WEIGHTS = 'weight(0,"c",3). weight(0,"r",1). weight(0,"If",1). weight(0,"o",2).'


def _optimal(active: tuple[str, ...]) -> set[frozenset[str]]:
    """The true atoms of the models of least cost, from every model and its cost."""
    control = clingo.Control(["--models=0", "--opt-mode=enum"], logger=lambda _c, _m: None)
    for _name, text in rule_files(TOLERANT_RULES):
        control.add(PART, ["p"], text)
    control.add("base", [], FACTS + WEIGHTS)
    control.ground([("base", []), (PART, [clingo.Number(0)])])
    for statement in active:
        control.assign_external(clingo.Function("active", [clingo.String(statement)]), True)
    costs: dict[frozenset[str], int] = {}
    with control.solve(yield_=True) as handle:
        for model in handle:
            true = [s.arguments[0].string for s in model.symbols(atoms=True) if s.name == "true"]
            costs[frozenset(true)] = sum(model.cost)
    least = min(costs.values())
    return {true for true, cost in costs.items() if cost == least}


def test_tolerant_lp_breaks_the_cheaper_commitment() -> None:
    # commits p (weight 3) against refuses p (weight 1): keep p, break the refusal.
    assert _optimal(("c", "r")) == {frozenset({"p"}), frozenset({"p", "q"})}


def test_tolerant_lp_keeps_observed_facts_hard() -> None:
    # observed p and refuses p: the refusal must break, whatever its weight.
    assert _optimal(("b", "r")) == {frozenset({"p"}), frozenset({"p", "q"})}
    # commits p (3), refuses p (1), p only if q (2): only {p, q} breaks as little as 1
    assert _optimal(("c", "r", "o")) == {frozenset({"p", "q"})}


def test_tolerant_lp_shows_discharged_and_violated_states_only() -> None:
    every = ["--opt-mode=enum"]  # all models, whatever their cost
    models = solve(FILES, FACTS + WEIGHTS, active=("c", "r"), shown=True, options=every)
    states = {atom for model in models for atom in model if atom.startswith("state(")}
    assert states == {
        'state("c",discharged)',
        'state("c",violated)',
        'state("r",discharged)',
        'state("r",violated)',
    }


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
