"""What differs between two status reports, for timelines and what-if sweeps."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from commitlogic.reasoning.results import State, Status, StatusReport

__all__ = ["Change"]


@attrs.frozen
class Change:
    """An atom, outcome or commitment whose answer differs between two reports.

    ``before`` and ``after`` are statuses (of an atom or outcome) or sorted
    state tuples (of a commitment); ``None`` where the name has no answer:
    the report is inconsistent, or the commitment is not active there.
    """

    kind: str  # "outcome", "atom" or "commitment"
    name: str
    before: Status | tuple[State, ...] | None
    after: Status | tuple[State, ...] | None

    @property
    def decided(self) -> bool:
        """Whether an open question became settled: possible before, certain or impossible after."""
        return self.before is Status.POSSIBLE and self.after in (Status.CERTAIN, Status.IMPOSSIBLE)

    def to_json(self) -> dict[str, object]:
        """Return ``{"kind", "name", "before", "after"}``; states as lists, no answer as null."""
        return {
            "kind": self.kind,
            "name": self.name,
            "before": _json_answer(self.before),
            "after": _json_answer(self.after),
        }


def _json_answer(value: Status | tuple[State, ...] | None) -> str | list[str] | None:
    if value is None or isinstance(value, str):
        return value
    return [str(item) for item in value]


def changes(before: StatusReport, after: StatusReport) -> tuple[Change, ...]:
    """Return what differs from ``before`` to ``after``: outcomes, then atoms, then commitments.

    Within each kind, names come in order of ``after`` first, then the names
    only ``before`` had.
    """
    found: list[Change] = []
    for kind, old, new in (
        ("outcome", before.outcomes, after.outcomes),
        ("atom", before.atoms, after.atoms),
        ("commitment", before.commitments, after.commitments),
    ):
        found.extend(_differences(kind, old, new))
    return tuple(found)


def _differences(kind: str, old: Mapping[str, object], new: Mapping[str, object]) -> list[Change]:
    names = dict.fromkeys([*new, *old])
    return [
        Change(kind, name, old.get(name), new.get(name))  # type: ignore[arg-type]  # values: statuses or state tuples
        for name in names
        if old.get(name) != new.get(name)
    ]
