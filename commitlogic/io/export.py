"""The complete ASP program of a scenario, for plain ``clingo``.

The reasoner grounds the rule files as the parametrised part ``part(p)``
and sets the active statements and assumptions through solver assumptions.
Plain ``clingo`` grounds only the ``base`` part and knows nothing of
assumptions, so the exported program

- defines the constant ``p`` as ``0`` and puts every rule file under
  ``#program base.`` (the rule text is otherwise unchanged, comments included);
- states the facts of the scenario, all of part ``0``, printed by clingo's own
  symbol printer (so ids and atoms are quoted ASP strings, never code);
- states the query: ``active(S)`` for each statement active at the query's
  date, ``assumed(Name,F)`` for each assumption with the integrity constraint
  that its formula node ``F`` holds.

Quotes, sources, names and descriptions are not part of the program at all.
``clingo program.lp 0 --enum-mode=brave`` then gives what is true in some
outcome, ``--enum-mode=cautious`` what is true in all of them.  In tolerant
mode the program has ``rules/tolerant.lp`` and the weights of the
commitments, and ``--opt-mode=optN`` takes those consequences across the
optimal outcomes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from clingo import Function, Number, String, Symbol

from commitlogic.model.dates import When
from commitlogic.model.query import Assumption, normalise
from commitlogic.model.scenario import Scenario
from commitlogic.reasoning.encoding import STRICT_RULES, TOLERANT_RULES, Encoder, rule_files

__all__ = ["asp_program"]

_PART = re.compile(r"^#program part\(p\)\.[ \t]*$", re.MULTILINE)

_HEADER = """\
% The complete ASP program of a commitlogic scenario and query.
%
% What is true in some outcome, and in every outcome:
%   clingo THIS_FILE 0 --enum-mode=brave
%   clingo THIS_FILE 0 --enum-mode=cautious
% (the last model printed holds the consequences; no model: inconsistent).
% On large scenarios add --heuristic=Domain --restart-on-model: with the
% external maximize false (as here), rules/heuristics.lp then prefers false
% atoms, which makes cautious consequences take few models.
% Shown: true(A) for atoms, occurs(O) for declared outcomes, triggered(S)
% and state(S,St) for the active commitments.  Every rule file below is
% written for one program part part(p); here there is one part, 0.

{tolerant}
#const p = 0.

% The predicates of the facts below, which a scenario may leave empty.
#defined atom/2.      #defined lit/3.       #defined neg/3.       #defined conj/2.
#defined disj/2.      #defined arg/3.       #defined statement/3. #defined subject/3.
#defined condition/3. #defined outcome/3.   #defined active/1.    #defined assumed/2.
#defined weight/3.
"""

_TOLERANT = """\
% Tolerant mode (rules/tolerant.lp): commitments may break, at their weight.
% Consequences across the optimal outcomes, and their cost:
%   clingo THIS_FILE 0 --opt-mode=optN --enum-mode=brave
%   clingo THIS_FILE 0 --opt-mode=optN --enum-mode=cautious
% (the last model printed, once the optimum is proven, holds them).
"""

_QUERY = f"""\
% {"=" * 74}
% The query: the statements active at its date, and its assumptions
"""

_ASSUMED = """\
%*! assumed(A,F)
What-if assumption A (named as in a conflict) is the formula node F; it must hold.
*%
:- assumed(_,F), not holds(F).

#show state/2.
"""


def asp_program(
    scenario: Scenario,
    assume: Assumption | Iterable[Assumption] = (),
    at: When | str | None = None,
    *,
    tolerant: bool = False,
) -> str:
    """Return the complete ASP program of a query on ``scenario``, for plain ``clingo``.

    Parameters
    ----------
    scenario
        The scenario.
    assume
        What-if assumptions (formula text or formulas), all assumed true.
    at
        The query's date or datetime: only the statements active then are
        active in the program.
    tolerant
        Tolerant mode: ``rules/tolerant.lp`` instead of ``rules/strict.lp``,
        and a ``weight/3`` fact per commitment.

    Returns
    -------
    str
        The rule files and the facts; its brave and cautious consequences
        give the statuses that :meth:`commitlogic.Reasoner.status` reports.

    Raises
    ------
    ScenarioError
        When an assumption is not a valid formula about the scenario, or
        ``at`` is not a date.
    """
    request = normalise(scenario, assume, at)
    encoder = Encoder(weights=tolerant)
    encoder.scenario(scenario)
    active = scenario.active(request.at)
    query: list[Symbol] = [Function("active", [String(name)]) for name in active]
    for name, formula in request.assumptions:
        query.append(Function("assumed", [String(name), Number(encoder.node(formula))]))
    _part, facts = encoder.take()

    sections = [_HEADER.format(tolerant=_TOLERANT if tolerant else "")]
    for name, text in rule_files(TOLERANT_RULES if tolerant else STRICT_RULES):
        rules, count = _PART.subn("#program base.", text)
        if count != 1:  # pragma: no cover - the rule files are ours
            raise RuntimeError(f"rules/{name} must have exactly one '#program part(p).'")
        sections.append(f"% {'=' * 74}\n% rules/{name}\n\n{rules.rstrip()}\n")
    sections.append(f"% {'=' * 74}\n% The scenario (facts of part 0)\n\n#program base.\n")
    sections.append("".join(f"{fact}.\n" for fact in facts))
    sections.append(_QUERY)
    sections.append("".join(f"{fact}.\n" for fact in query))
    sections.append(_ASSUMED)
    return "\n".join(sections)
