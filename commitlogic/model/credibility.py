"""Credibility in forecast mode: which one applies to a commitment, and where one is ignored.

SPEC section 3: an active commitment's credibility is its statement's
``credibility`` key, else its actor's, else the scenario's, else
:data:`DEFAULT_CREDIBILITY`.  A credibility on a ``might`` or ``observed``
statement is valid but can affect nothing; :func:`ignored_credibilities`
returns a located note for each, for the warnings of ``check``.
"""

from __future__ import annotations

from commitlogic.model.errors import ScenarioError
from commitlogic.model.scenario import Kind, Scenario, Statement, entry_where

__all__ = ["DEFAULT_CREDIBILITY", "credibilities", "credibility_of", "ignored_credibilities"]

#: The credibility of a commitment when neither its statement, its actor nor the scenario sets one.
DEFAULT_CREDIBILITY = 0.8


def credibility_of(scenario: Scenario, statement: Statement) -> float:
    """Return the credibility that applies to ``statement`` in ``scenario`` (SPEC section 3).

    Parameters
    ----------
    scenario
        The scenario the statement belongs to (its actors and its own default).
    statement
        A statement; its kind is not checked (only commitments use the answer).

    Returns
    -------
    float
        The statement's ``credibility``, else its actor's, else the
        scenario's, else 0.8.
    """
    if statement.credibility is not None:
        return float(statement.credibility)
    for actor in scenario.actors:
        if actor.id == statement.by and actor.credibility is not None:
            return float(actor.credibility)
    if scenario.credibility is not None:
        return float(scenario.credibility)
    return DEFAULT_CREDIBILITY


def credibilities(scenario: Scenario) -> dict[str, float]:
    """Return the credibility of each commitment of ``scenario`` by statement id, in file order."""
    by_actor = {
        actor.id: float(actor.credibility)
        for actor in scenario.actors
        if actor.credibility is not None
    }
    default = DEFAULT_CREDIBILITY if scenario.credibility is None else float(scenario.credibility)
    found: dict[str, float] = {}
    for statement in scenario.statements:
        if not statement.is_commitment:
            continue
        if statement.credibility is not None:
            found[statement.id] = float(statement.credibility)
        else:
            found[statement.id] = by_actor.get(statement.by or "", default)
    return found


def ignored_credibilities(scenario: Scenario) -> tuple[ScenarioError, ...]:
    """Return a note for each ``credibility`` key that cannot affect anything.

    ``observed`` statements are hard facts and ``might`` statements
    constrain nothing, so a credibility on either is almost surely a
    mistake.  Each note is a :class:`~commitlogic.model.errors.ScenarioError`
    (not raised) naming the statement and the field ``credibility``, with the
    table and index a loader needs to find its line and column
    (:func:`commitlogic.io.loading.locate`).

    Parameters
    ----------
    scenario
        The scenario to look through.

    Returns
    -------
    tuple of ScenarioError
        One note per such statement, in file order; empty when there is none.
    """
    notes = []
    for index, statement in enumerate(scenario.statements):
        if statement.credibility is None or statement.is_commitment:
            continue
        why = (
            "an observed statement is a hard fact"
            if statement.kind is Kind.OBSERVED
            else "a might statement constrains nothing"
        )
        notes.append(
            ScenarioError(
                f"credibility has no effect here: {why}",
                field="credibility",
                **entry_where("statements", index, statement.id),
            )
        )
    return tuple(notes)
