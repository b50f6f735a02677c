"""Credibility from the record: how often each actor kept their word in closed scenarios.

A scenario is *closed* when its observed facts alone settle every declared
outcome (each is certain or impossible under the active ``observed``
statements, whatever anyone promised).  In a closed scenario, each active
commitment whose fate the observed facts decide is counted for its actor
as kept or broken; one they leave open is not counted.  The proposed
credibility is the mean of the Beta posterior from a Beta(1, 1) prior:
``(kept + 1) / (kept + broken + 2)``, so an actor with no record gets 1/2.

:func:`write_credibilities` writes proposals as ``credibility`` keys of a
scenario file's ``[[actors]]``, keeping every other byte of the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from commitlogic.io.files import locked, scenario_files, write_atomically
from commitlogic.io.loading import load, loads
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Formula, Not, Or
from commitlogic.model.scenario import Kind, Scenario
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.reasoning.results import Status, StatusReport

__all__ = [
    "ActorRecord",
    "Record",
    "facts_only",
    "read_record",
    "record_of",
    "scenario_paths",
    "settled_record",
    "write_credibilities",
]


@attrs.frozen
class ActorRecord:
    """One actor's record: commitments kept and broken in closed scenarios.

    Attributes
    ----------
    actor
        The actor's id.
    kept, broken
        How many of their commitments the observed facts show kept, and broken.
    prior
        The Beta prior's two parameters (``(1, 1)``: uniform).
    """

    actor: str
    kept: int = 0
    broken: int = 0
    prior: tuple[float, float] = (1.0, 1.0)

    @property
    def credibility(self) -> float:
        """The proposed credibility: the posterior mean ``(kept + a) / (kept + broken + a + b)``."""
        a, b = self.prior
        return (self.kept + a) / (self.kept + self.broken + a + b)

    def to_json(self) -> dict[str, object]:
        """Return ``{"kept", "broken", "credibility"}``."""
        return {"kept": self.kept, "broken": self.broken, "credibility": self.credibility}


@attrs.frozen
class Record:
    """What a folder of scenarios says about its actors.

    Attributes
    ----------
    actors
        Every actor of the closed scenarios read, by id (sorted), with their
        record (an actor who appears only in skipped scenarios is not listed).
    closed
        The names (file paths, or scenario names) of the closed scenarios counted.
    skipped
        ``(name, reason)`` for each scenario that was not closed.
    """

    actors: Mapping[str, ActorRecord]
    closed: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...] = ()

    @property
    def credibilities(self) -> dict[str, float]:
        """The proposed credibility of every actor, by id."""
        return {actor: record.credibility for actor, record in self.actors.items()}

    def to_json(self) -> dict[str, object]:
        """Return the JSON object of ``commitlogic credibility --json``."""
        return {
            "prior": "Beta(1, 1)",
            "actors": {actor: record.to_json() for actor, record in self.actors.items()},
            "closed": list(self.closed),
            "skipped": [{"scenario": name, "reason": why} for name, why in self.skipped],
        }


def _kept_formula(kind: Kind, subject: Formula, condition: Formula | None) -> Formula:
    """Return the formula "this commitment is kept" (SPEC section 3: not A or Q)."""
    if kind is Kind.COMMITS:
        return subject
    if kind is Kind.REFUSES:
        return Not(subject)
    assert condition is not None
    antecedent, consequent = (condition, subject) if kind is Kind.IF else (subject, condition)
    return Or((Not(antecedent), consequent))


def facts_only(scenario: Scenario) -> Reasoner:
    """Return a reasoner on ``scenario`` with its commitments read as ``might`` statements.

    Only the observed facts constrain it: it answers what they alone settle.
    """
    statements = tuple(
        attrs.evolve(s, kind=Kind.MIGHT) if s.is_commitment else s for s in scenario.statements
    )
    # (mypy reads the converter=tuple of the field as a generic Iterable.)
    return Reasoner(attrs.evolve(scenario, statements=statements))  # type: ignore[arg-type]


def record_of(scenario: Scenario) -> tuple[dict[str, tuple[int, int]], str | None]:
    """Return per actor ``(kept, broken)`` in ``scenario``, and why it is not closed (or None).

    Commitments are read as ``might`` statements (they constrain nothing), so
    that only the observed facts decide; an open scenario counts nothing.
    """
    counts, reason, _report = settled_record(scenario)
    return counts, reason


def settled_record(
    scenario: Scenario,
) -> tuple[dict[str, tuple[int, int]], str | None, StatusReport]:
    """Return :func:`record_of` and the status that the observed facts alone give."""
    reasoner = facts_only(scenario)
    report = reasoner.status()
    if not report.consistent:
        return {}, "its observed facts contradict each other", report
    if not scenario.outcomes:
        return {}, "it declares no outcome", report
    open_ = sorted(name for name, status in report.outcomes.items() if status is Status.POSSIBLE)
    if open_:
        return {}, f"the observed facts leave {', '.join(open_)} open", report
    counts: dict[str, tuple[int, int]] = {}
    active = set(scenario.active())
    for statement in scenario.statements:
        if statement.id not in active or not statement.is_commitment or statement.by is None:
            continue
        kept = _kept_formula(statement.kind, statement.subject, statement.condition)
        status = reasoner.query(kept)
        kept_count, broken_count = counts.get(statement.by, (0, 0))
        if status is Status.CERTAIN:
            counts[statement.by] = (kept_count + 1, broken_count)
        elif status is Status.IMPOSSIBLE:
            counts[statement.by] = (kept_count, broken_count + 1)
    return counts, None, report


def scenario_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Return the scenario files named: files as given, folders as their scenario files."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(scenario_files(path))
        else:
            found.append(path)
    return found


def read_record(sources: Iterable[str | os.PathLike[str] | Scenario]) -> Record:
    """Read scenario files, folders of them, or scenarios, and count each actor's record.

    Raises
    ------
    ScenarioError
        When a file is not a valid scenario (located), or when no scenario
        read is closed.
    """
    scenarios: list[tuple[str, Scenario]] = []
    items = list(sources)
    for source in items:
        if isinstance(source, Scenario):
            scenarios.append((source.name, source))
        else:
            for path in scenario_paths([source]):
                scenarios.append((os.fspath(path), load(path)))
    totals: dict[str, list[int]] = {}
    closed: list[str] = []
    skipped: list[tuple[str, str]] = []
    for name, scenario in scenarios:
        counts, reason = record_of(scenario)
        if reason is not None:  # its actors are not listed: nothing was counted for them
            skipped.append((name, reason))
            continue
        for declared in scenario.actors:
            totals.setdefault(declared.id, [0, 0])
        closed.append(name)
        for actor, (kept, broken) in counts.items():
            totals[actor][0] += kept
            totals[actor][1] += broken
    if not closed:
        where = ", ".join(os.fspath(i) for i in items if not isinstance(i, Scenario))
        detail = "; ".join(f"{name}: {why}" for name, why in skipped) or "no scenario files found"
        raise ScenarioError(
            "no closed scenario (one whose observed facts settle every declared outcome): "
            + detail,
            file=where or None,
        )
    actors = {
        actor: ActorRecord(actor, kept=totals[actor][0], broken=totals[actor][1])
        for actor in sorted(totals)
    }
    return Record(actors, tuple(closed), tuple(skipped))


def write_credibilities(
    path: str | os.PathLike[str], credibilities: Mapping[str, float]
) -> Scenario:
    """Set the ``credibility`` key of the named actors in the scenario file at ``path``.

    Actors of the file not in ``credibilities`` are left alone, and so is
    every other byte of the file (comments, layout; the TOML is edited by
    tomlkit).  The new text is loaded and checked before it atomically
    replaces the file; on any error the file is unchanged.

    Returns
    -------
    Scenario
        The scenario as written.

    Raises
    ------
    ScenarioError
        When the file is not a valid scenario or a value is not a valid credibility.
    """
    import tomlkit

    name = os.fspath(path)
    try:
        with locked(name) as data:
            text = data.decode("utf-8")
            old = loads(text, file=name)
            document = tomlkit.parse(text)
            for table in document.get("actors", []):
                if table.get("id") in credibilities:
                    table["credibility"] = float(credibilities[table["id"]])
            new_text = tomlkit.dumps(document)
            new = loads(new_text, file=name)
            actors = tuple(
                attrs.evolve(a, credibility=credibilities[a.id]) if a.id in credibilities else a
                for a in old.actors
            )
            expected = attrs.evolve(old, actors=actors)  # type: ignore[arg-type]
            if new != expected:  # pragma: no cover - would be a bug in tomlkit
                raise ScenarioError("the credibilities would not read back as given", file=name)
            write_atomically(name, new_text.encode("utf-8"))
            return new
    except FileNotFoundError:
        raise ScenarioError("no such file", file=name) from None
    except UnicodeDecodeError:
        raise ScenarioError("the file is not valid UTF-8; nothing was changed", file=name) from None
