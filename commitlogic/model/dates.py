"""Dates and datetimes of statements, and the order SPEC section 3 gives them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TypeAlias

from commitlogic.model.errors import ScenarioError

__all__ = ["When", "check_when", "is_on_or_before", "parse_when"]

#: A ``said`` date, an event's ``start`` or a query's ``at``: a date or a datetime.
When: TypeAlias = date | datetime


def parse_when(value: When | str) -> When:
    """Return ``value`` as a date or datetime, parsing ISO text such as ``2025-05-14``.

    Raises
    ------
    ScenarioError
        When the text is neither an ISO date nor an ISO datetime.
    """
    if isinstance(value, date):  # datetime is a date too
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
        raise ScenarioError(
            f"{value!r} is not a date or datetime (write 2025-05-14 or 2025-05-14T10:00:00+03:00)"
        )
    raise ScenarioError(f"expected a date or datetime, got {type(value).__name__}")


def check_when(value: object) -> When:
    """Return ``value`` if it is a date or datetime (as TOML gives them), else raise."""
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        raise ScenarioError("expected a date or datetime, got a time of day without a date")
    if isinstance(value, str):
        raise ScenarioError(
            f"expected a TOML date or datetime, got the string {value!r} "
            "(write the date without quotes, as in said = 2025-05-14)"
        )
    raise ScenarioError(f"expected a TOML date or datetime, got {type(value).__name__}")


def _instant(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_on_or_before(said: When, at: When) -> bool:
    """Tell whether something said at ``said`` is present at ``at`` (SPEC section 3).

    When either side is a plain date, calendar dates are compared, so a date
    ``at`` covers that whole day.  Two datetimes compare as instants, a
    datetime without an offset counting as UTC.
    """
    if isinstance(said, datetime) and isinstance(at, datetime):
        return _instant(said) <= _instant(at)
    said_day = said.date() if isinstance(said, datetime) else said
    at_day = at.date() if isinstance(at, datetime) else at
    return said_day <= at_day
