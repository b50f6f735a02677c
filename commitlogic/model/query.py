"""One way in for a query: its assumptions and its moment, checked against a scenario.

Every entry point that takes ``assume=`` and ``at=`` (the reasoner, the
analyses, sweeps, the testing helpers, the ASP export and the CLI) calls
:func:`normalise`, so a formula means the same everywhere and an error
names the same field everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from commitlogic.model.dates import When, parse_at
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Formula, FormulaLike, as_formula
from commitlogic.model.scenario import Scenario

__all__ = [
    "Assumption",
    "Query",
    "assumption_list",
    "checked_formula",
    "fitted_formula",
    "normalise",
    "parse_at",
]

#: Assumptions of a query: formula text (kept as given, for ``assume:`` names) or formulas.
Assumption = FormulaLike


@attrs.frozen
class Query:
    """A query's assumptions and moment, checked against one scenario.

    Attributes
    ----------
    assumptions
        ``(name, formula)`` pairs in the order given; ``name`` is
        ``assume:<formula as given>``, the name a conflict reports.
    at
        The moment of the query, or ``None`` for "everything said".
    """

    assumptions: tuple[tuple[str, Formula], ...] = ()
    at: When | None = None

    @property
    def formulas(self) -> tuple[Formula, ...]:
        """The assumed formulas, in order."""
        return tuple(formula for _, formula in self.assumptions)


def normalise(
    scenario: Scenario,
    assume: Assumption | Iterable[Assumption] = (),
    at: When | str | None = None,
) -> Query:
    """Return the checked :class:`Query` for ``assume`` and ``at`` on ``scenario``.

    Parameters
    ----------
    scenario
        The scenario the formulas must fit (declared actors and events).
    assume
        One formula (text or object) or an iterable of them.
    at
        A date or datetime, or its ISO text, or ``None``.

    Raises
    ------
    ScenarioError
        With ``field="assume"`` or ``field="at"``, for a formula or moment
        that does not parse or does not fit the scenario.
    """
    items = assumption_list(assume)
    pairs = tuple((f"assume:{item}", checked_formula(item, scenario, "assume")) for item in items)
    return Query(pairs, None if at is None else parse_at(at))


def assumption_list(assume: Assumption | Iterable[Assumption]) -> list[Assumption]:
    """Return one assumption (text or formula) or an iterable of them as a list.

    Raises
    ------
    ScenarioError
        With ``field="assume"``, when ``assume`` is neither.
    """
    if isinstance(assume, str | Formula):
        return [assume]
    try:
        return list(assume)
    except TypeError:
        raise ScenarioError(
            f"expected formula text, a formula or a list of them, got {type(assume).__name__}",
            field="assume",
        ) from None


def checked_formula(
    item: object, scenario: Scenario, field: str, *, expand: bool = True
) -> Formula:
    """Return ``item`` as a formula that fits ``scenario``; errors name ``field``.

    Parameters
    ----------
    item
        Formula text or a formula.
    scenario
        The scenario it must fit: ``attends``/``absent`` name its actors and events.
    field
        The field or option that errors name.
    expand
        Replace outcome names by their formulas (SPEC section 2), as every
        query needs; ``False`` keeps the formula as written, for display.
    """
    if not isinstance(item, str | Formula):
        raise ScenarioError(
            f"expected formula text or a formula, got {type(item).__name__}", field=field
        )
    try:
        return fitted_formula(item, scenario, expand=expand)
    except ScenarioError as error:
        raise ScenarioError(
            f"invalid formula {_shown(item)!r}: {error.reason}", field=field, offset=error.offset
        ) from None


def fitted_formula(item: FormulaLike, scenario: Scenario, *, expand: bool = True) -> Formula:
    """Return ``item`` as a formula that fits ``scenario``, or raise why it does not.

    The error's reason says only what is wrong with the formula; callers
    (:func:`checked_formula`, the command line) say which field or option
    it came from.
    """
    formula = as_formula(item)
    scenario.check_formula(formula)
    return scenario.expand(formula) if expand else formula


def _shown(item: str | Formula) -> str:
    """Return formula text for an error message, cut short when it is long."""
    text = item if isinstance(item, str) else str(item)
    return text if len(text) <= 120 else text[:100] + "..."
