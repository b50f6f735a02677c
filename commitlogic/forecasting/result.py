"""The answer to a forecast query (SPEC sections 3 and 4) as a plain value: :class:`Forecast`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from commitlogic.reasoning import tables

__all__ = ["Forecast"]


@attrs.frozen(hash=False)
class Forecast:
    """The answer to a forecast query: the JSON object of SPEC section 4 as a value.

    Attributes
    ----------
    consistent
        Whether some assignment satisfies the hard facts (observed statements
        and assumptions).
    atoms
        The probability of every atom of the universe, by canonical text;
        empty when inconsistent.
    outcomes
        The probability of every declared outcome, by id; empty when inconsistent.
    commitments
        For every active commitment, by id in file order, the probability
        that it is kept (not violated); empty when inconsistent.
    conflict
        When inconsistent, a minimal set of observed statements and
        assumptions (``assume:<formula as given>``) that has no model; else ``None``.
    samples
        ``None`` for an exact forecast; for a sampled one, the number of samples.
    errors
        For a sampled forecast, the standard error of each estimate, under
        the same keys: ``{"atoms": {...}, "outcomes": {...}, "commitments": {...}}``;
        ``None`` for an exact forecast.
    model
        The name of the model that computed it (``independent`` is SPEC's).
    credibilities
        The credibility each active commitment had in the model, by id
        (what the tables show next to the chance it is kept).
    """

    consistent: bool
    atoms: Mapping[str, float] = attrs.field(factory=dict)
    outcomes: Mapping[str, float] = attrs.field(factory=dict)
    commitments: Mapping[str, float] = attrs.field(factory=dict)
    conflict: tuple[str, ...] | None = None
    samples: int | None = None
    errors: Mapping[str, Mapping[str, float]] | None = None
    model: str = "independent"
    credibilities: Mapping[str, float] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def exact(self) -> bool:
        """Whether the probabilities are exact (not sampled)."""
        return self.samples is None

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object of ``commitlogic forecast --json``.

        A sampled forecast adds ``"samples": N`` and ``"standard_errors"``,
        an object with the same ``atoms``, ``outcomes`` and ``commitments`` keys.
        """
        result: dict[str, Any] = {
            "model": self.model,
            "consistent": self.consistent,
            "atoms": dict(sorted(self.atoms.items())),
            "outcomes": dict(sorted(self.outcomes.items())),
            "commitments": dict(sorted(self.commitments.items())),
            "conflict": None if self.conflict is None else list(self.conflict),
        }
        if self.samples is not None:
            result["samples"] = self.samples
            result["standard_errors"] = {
                key: dict(sorted((self.errors or {}).get(key, {}).items()))
                for key in ("atoms", "outcomes", "commitments")
            }
        return result

    def _repr_html_(self) -> str:
        """Show the forecast as a table in Jupyter (see ``reasoning.tables``)."""
        if not self.consistent:
            caption = f"inconsistent; conflict of the hard facts: {', '.join(self.conflict or ())}"
        elif self.exact:
            caption = f"exact probabilities (model {self.model})"
        else:
            caption = f"estimated from {self.samples} samples (model {self.model})"
        return tables.html_table(*self.rows(), caption=caption)

    def rows(self) -> tuple[tuple[str, ...], list[tables.Row]]:
        """Return the columns and rows of the forecast: kind, name, probability (standard error).

        Outcomes first, each kind sorted by probability, highest first.
        """
        sampled = self.errors is not None
        rows: list[tables.Row] = []
        for kind, key in (
            ("outcome", "outcomes"),
            ("atom", "atoms"),
            ("commitment", "commitments"),
        ):
            values = getattr(self, key)
            for name, value in sorted(values.items(), key=lambda item: (-item[1], item[0])):
                row: tables.Row = (kind, name, value)
                if sampled:
                    row += ((self.errors or {}).get(key, {}).get(name),)
                rows.append(row)
        columns = ("kind", "name", "probability") + (("standard_error",) if sampled else ())
        return columns, rows

    def to_pandas(self) -> Any:
        """Return a ``pandas.DataFrame``: one row per outcome, atom and commitment.

        Columns ``kind``, ``name``, ``probability`` (a commitment's: of being
        kept), and ``standard_error`` when sampled.  Needs the ``pandas`` extra.
        """
        return tables.frame(*self.rows())

    def error(self, name: str) -> float:
        """Return the standard error of the estimate for an outcome, atom or commitment.

        0 for an exact forecast.
        """
        if self.errors is None:
            return 0.0
        for key in ("outcomes", "atoms", "commitments"):
            if name in self.errors.get(key, {}):
                return self.errors[key][name]
        raise KeyError(name)
