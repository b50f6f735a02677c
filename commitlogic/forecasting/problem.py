"""A forecast query as a weighted model count: hard formulas and soft factors.

Every forecasting model (``commitlogic.forecasting.models``) turns a query
into a :class:`Problem`; the exact counter (``forecasting.counting``), the
sampler (``forecasting.sampling``) and the enumeration used for fitting
(``forecasting.enumeration``) all read only this.  The weight of an
assignment of the variables (the atom universe, plus the model's latent
variables, :class:`Latent`) that satisfies every hard formula is the
product of the soft factors; every other assignment weighs 0.

A :class:`Soft` factor is ``1`` when its guard is false, and otherwise
``p`` when ``antecedent -> consequent`` holds, ``1 - p`` when it fails:
SPEC's commitment is a soft factor without a guard.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping

import attrs

from commitlogic.model.errors import SolverLimit
from commitlogic.model.formulas import And, Atom, Formula, Not, Or

__all__ = ["Deadline", "Latent", "Problem", "Soft", "TooWide", "kept_formula"]


class TooWide(ValueError):
    """A component is too densely tied for exact counting (use sampling)."""


class Deadline:
    """A time limit of a forecast (``--time-limit``), counted from when it is made.

    ``Deadline(None)`` never passes.  :meth:`check` raises
    :class:`~commitlogic.model.errors.SolverLimit` once the time is up.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        """Raise ``SolverLimit("time", seconds)`` when the limit has passed."""
        if self._end is not None and time.monotonic() > self._end:
            raise SolverLimit("time", self.seconds or 0.0)


@attrs.frozen(str=False)
class Latent(Atom):
    """A latent variable of a model (never an atom of the scenario).

    It compares unequal to every :class:`~commitlogic.model.formulas.Atom` of the
    same name (attrs equality compares classes), so no scenario atom can be one.
    """

    def _text(self, precedence: int) -> str:
        return "latent:" + super()._text(precedence)


@attrs.frozen
class Soft:
    """One factor: 1 if ``guard`` fails, else p if ``antecedent -> consequent`` holds, else 1 - p.

    Attributes
    ----------
    antecedent
        ``None`` for *true*.
    consequent
        The formula that the factor favours (when ``p > 1/2``).
    p
        A number in the open interval (0, 1).
    guard
        ``None`` for *true*: the factor always applies.
    key
        The model parameter ``p`` comes from (``"commits"``, ``"attends"``,
        ``"actor:putin"``...), or ``None`` when it is fixed by the scenario
        (a ``credibility`` key).  Fitting varies the keyed factors.
    """

    antecedent: Formula | None
    consequent: Formula
    p: float
    guard: Formula | None = None
    key: str | None = None

    def formulas(self) -> Iterator[Formula]:
        """Yield the formulas the factor reads: guard, antecedent, consequent."""
        for part in (self.guard, self.antecedent, self.consequent):
            if part is not None:
                yield part


def kept_formula(antecedent: Formula | None, consequent: Formula) -> Formula:
    """Return ``antecedent -> consequent`` as a formula (``not A or Q``)."""
    return consequent if antecedent is None else Or((Not(antecedent), consequent))


@attrs.frozen
class Problem:
    """A forecast query, resolved into the formulas and factors that define its distribution.

    Attributes
    ----------
    model
        The name of the model that built it.
    hard
        Formulas that must hold (active observed subjects, then assumptions),
        each with its name for a conflict (statement id or ``assume:TEXT``).
    soft
        The factors, in a fixed order.
    kept
        Per active commitment, by id in file order: the formula "it is kept".
    credibilities
        Per active commitment: the credibility the model gave it.
    atoms
        The atom universe of the query (with the assumptions' atoms), by text.
    outcomes
        The declared outcomes' formulas, by id.
    """

    model: str
    hard: tuple[tuple[str, Formula], ...]
    soft: tuple[Soft, ...]
    kept: Mapping[str, Formula]
    credibilities: Mapping[str, float]
    atoms: Mapping[str, Atom]
    outcomes: Mapping[str, Formula]

    def variables(self) -> list[Atom]:
        """Return every variable: the universe, then latents and atoms only factors read."""
        found: dict[Atom, None] = dict.fromkeys(self.atoms.values())
        formulas = [f for _name, f in self.hard] + list(self.outcomes.values())
        for factor in self.soft:
            formulas.extend(factor.formulas())
        for formula in formulas:
            for item in formula.atoms():
                found.setdefault(item)
        return list(found)

    def plain(self) -> list[tuple[Formula | None, Formula, float]]:
        """Return the factors as unguarded ``(antecedent, consequent, p)``, up to a constant.

        A guarded factor equals, up to a constant, ``(guard and A) -> Q``
        with ``p`` times a factor on ``not guard`` with ``1 / (1 + p)``
        (for MC-SAT, which samples only unguarded soft formulas).
        """
        found: list[tuple[Formula | None, Formula, float]] = []
        for factor in self.soft:
            if factor.guard is None:
                found.append((factor.antecedent, factor.consequent, factor.p))
                continue
            condition = (
                factor.guard
                if factor.antecedent is None
                else And((factor.guard, factor.antecedent))
            )
            found.append((condition, factor.consequent, factor.p))
            found.append((None, Not(factor.guard), 1 / (1 + factor.p)))
        return found
