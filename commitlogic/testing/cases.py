"""The counter-example, and one case of a check: a scenario, its fixed query, one addition.

Part of :mod:`commitlogic.testing.assertions` (import :class:`CounterExample`
from there, or from ``commitlogic.testing``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import attrs

from commitlogic.io.saving import dumps
from commitlogic.model.dates import When
from commitlogic.model.formulas import Formula, FormulaLike, as_formula
from commitlogic.model.query import assumption_list, normalise
from commitlogic.model.scenario import Actor, Event, Kind, Scenario, Statement, numbered_id
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.reasoning.results import Status

__all__ = ["Addition", "CounterExample"]

#: What a strategy given as ``under`` may draw: a statement to add, a formula
#: to assume (text or object), or an iterable of those.
Addition = Statement | FormulaLike


class CounterExample(AssertionError):
    """A property of a scenario failed; the message shows the minimal counter-example.

    Attributes
    ----------
    scenario
        The counter-example as a minimal scenario: the statements active at
        ``at`` and the added ones, with what the reasoning reads and nothing
        else (no ``supersedes``, which no longer matter, no quotes, sources,
        names or places, only the outcome the property is about), so that
        ``Reasoner(error.scenario).status(assume=error.assume)`` shows the
        failure without ``at``.  For
        :func:`~commitlogic.testing.assert_equivalent`, the first of the two
        scenarios (with all outcomes).
    other
        For :func:`~commitlogic.testing.assert_equivalent`, the second
        scenario, likewise; else ``None``.
    added
        The statements added to the scenario: those drawn, and drawn
        formulas as ``observed`` statements.  Empty when the scenario fails as it is.
    drawn
        The minimal value drawn from ``under`` (``None`` without a draw).
    assume
        The fixed assumptions of the check, as given.
    at
        The date of the check, or ``None``.
    toml
        The counter-example scenario as TOML text (both, for
        :func:`~commitlogic.testing.assert_equivalent`).
    """

    def __init__(
        self,
        message: str,
        *,
        scenario: Scenario,
        added: tuple[Statement, ...],
        drawn: object,
        assume: tuple[FormulaLike, ...],
        at: When | None,
        other: Scenario | None = None,
    ) -> None:
        super().__init__(message)
        self.scenario = scenario
        self.other = other
        self.added = added
        self.drawn = drawn
        self.assume = assume
        self.at = at
        self.toml = dumps(scenario) if other is None else dumps(scenario) + "\n" + dumps(other)

    def __reduce__(self) -> tuple[object, ...]:
        # Exceptions pickle as cls(*args); the keyword-only attributes go in the state.
        state = {key: value for key, value in vars(self).items() if key != "toml"}
        return (_unpickle, (str(self), state))


def _unpickle(message: str, state: dict[str, object]) -> CounterExample:
    return CounterExample(message, **state)  # type: ignore[arg-type]


def _additions(drawn: object) -> list[Addition]:
    """Return what a strategy drew as a list of statements and formulas."""
    if drawn is None:
        return []
    if isinstance(drawn, Statement | str | Formula):
        return [drawn]
    if isinstance(drawn, Iterable):
        items = list(drawn)
        for item in items:
            if not isinstance(item, Statement | str | Formula):
                raise TypeError(
                    "under= must draw statements, formulas or formula text, "
                    f"or iterables of them; got {type(item).__name__}"
                )
        return items
    raise TypeError(
        "under= must draw statements, formulas or formula text, or iterables of them; "
        f"got {type(drawn).__name__}"
    )


@attrs.frozen
class _Setting:
    """A scenario with the fixed part of a check: assumptions and date."""

    scenario: Scenario
    assume: tuple[FormulaLike, ...]
    at: When | None
    reasoner: Reasoner = attrs.field(eq=False, repr=False)

    @classmethod
    def make(
        cls, scenario: Scenario, assume: Sequence[FormulaLike] | FormulaLike, at: When | str | None
    ) -> _Setting:
        if not isinstance(scenario, Scenario):
            raise TypeError(f"expected a Scenario, got {type(scenario).__name__}")
        query = normalise(scenario, assume, at)  # errors name assume or at, once
        return cls(scenario, tuple(assumption_list(assume)), query.at, Reasoner(scenario))

    def case(self, drawn: object) -> _Case:
        """Return this setting with a drawn addition."""
        additions = _additions(drawn)
        drawn_statements = [item for item in additions if isinstance(item, Statement)]
        formulas = [item for item in additions if not isinstance(item, Statement)]
        taken = {s.id for s in self.scenario.statements} | {s.id for s in drawn_statements}
        as_statements = [
            Statement(numbered_id("observed", taken), Kind.OBSERVED, as_formula(item))
            for item in formulas
        ]
        added = (*drawn_statements, *as_statements)
        full = attrs.evolve(self.scenario, statements=(*self.scenario.statements, *added))
        plain_facts = all(s.kind is Kind.OBSERVED and not s.supersedes for s in drawn_statements)
        if plain_facts:
            # Observed facts mean the same as assumptions: ask the live reasoner.
            present = [s.subject for s in drawn_statements if s.is_present(self.at)]
            return _Case(self, full, added, drawn, self.reasoner, (*present, *formulas))
        with_statements = attrs.evolve(
            self.scenario, statements=(*self.scenario.statements, *drawn_statements)
        )
        return _Case(self, full, added, drawn, Reasoner(with_statements), tuple(formulas))


@attrs.frozen
class _Case:
    """One question: a setting plus one drawn addition, and how to ask about it."""

    setting: _Setting
    full: Scenario  # the scenario with every addition as a statement
    added: tuple[Statement, ...]
    drawn: object
    reasoner: Reasoner = attrs.field(eq=False, repr=False)
    extra: tuple[FormulaLike, ...]  # assumptions standing for the additions

    @property
    def assume(self) -> list[FormulaLike]:
        return [*self.setting.assume, *self.extra]

    def is_consistent(self) -> bool:
        return self.reasoner.is_consistent(self.assume, self.setting.at)

    def query(self, formula: Formula) -> Status | None:
        return self.reasoner.query(formula, self.assume, self.setting.at)

    def replay(self) -> Reasoner:
        """Return a reasoner on the full scenario, whose answers name every statement."""
        return Reasoner(self.full)

    def reduced(self, outcomes: Collection[str] | None = None) -> Scenario:
        """Return the full scenario as it stands at ``at``, with only what reasoning reads.

        That is: the active statements, without ``supersedes`` (no present
        statement supersedes an active one), ``quote`` and ``source``; the
        actors and events without their names, parties, roles, places and
        start dates; the description; and the outcomes not in ``outcomes``
        (``None`` keeps them all).
        """
        full = self.full
        active = set(full.active(self.setting.at))
        return Scenario(
            full.name,
            actors=[Actor(actor.id) for actor in full.actors],
            events=[Event(event.id, invited=event.invited) for event in full.events],
            statements=[
                attrs.evolve(s, supersedes=(), quote=None, source=None)
                for s in full.statements
                if s.id in active
            ],
            outcomes=[o for o in full.outcomes if outcomes is None or o.id in outcomes],
        )
