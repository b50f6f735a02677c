"""A status solved in parts, one per group of independent components, on several workers.

The outcomes of a scenario are the products of the outcomes of its
components: two atoms are linked when an active statement, a declared
outcome or an assumption names both (``reasoning/components.py``).
So a status can be solved part by part, each part a scenario of its own
with its components' statements, outcomes and assumptions, and the answers
put together: an atom that no part names is free, hence possible; in
tolerant mode the least cost is the sum of the parts' least costs.

:func:`spread_status` packs the components into parts of about equal size
and solves them on worker processes (``workers``), or on any
:class:`concurrent.futures.Executor` such as Dask's
``distributed.Client.get_executor()``.  The answers are those of one
process (``tests/test_spread.py`` compares them on drawn scenarios):

- when a part has no outcome, the whole scenario is solved again in this
  process, so that the conflict is the one a single reasoner reports;
- when one component holds more than :data:`GIANT` of the statements (the
  random implications of the benchmarks), the parts could not share the
  work, and the status is solved in this process.

Local workers are forked after the scenario is loaded and find it in their
memory (a start method without fork sends it to each worker once); an
executor's workers get a file path and load it once per process, or the
scenario itself with each part.  ``time_limit`` and ``model_limit`` count
per part, as each part is its own query.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Executor
from itertools import chain
from typing import Any

import attrs

from commitlogic._memory import paused_gc
from commitlogic.io.loading import load
from commitlogic.model.dates import When
from commitlogic.model.formulas import Atom, Formula
from commitlogic.model.query import Assumption, normalise
from commitlogic.model.scenario import Actor, Event, Kind, Scenario, Statement
from commitlogic.reasoning.components import Components
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.reasoning.results import Status, StatusReport

__all__ = ["EXECUTOR_WORKERS", "GIANT", "PARTS_PER_WORKER", "spread_status"]

#: A component with more than this share of the statements is solved in one process.
GIANT = 0.5
#: The workers an executor is taken to have, unless ``workers`` says.
EXECUTOR_WORKERS = 4
#: Parts per worker: more parts than workers even out their sizes, but each
#: part costs a scenario and a reasoner of its own.
PARTS_PER_WORKER = 2

_Key = tuple[str, tuple[str, ...]]  # an atom by name and arguments


@attrs.frozen
class _Part:
    """The places of one part's statements and outcomes, and its assumptions."""

    statements: list[int]
    outcomes: list[int]
    assume: list[Formula]


@attrs.frozen
class _Task:
    """What every part is asked."""

    tolerant: bool
    time_limit: float | None
    model_limit: int | None


def spread_status(
    source: Scenario | str | os.PathLike[str],
    assume: Sequence[Assumption] = (),
    at: When | str | None = None,
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    file: str | os.PathLike[str] | None = None,
    tolerant: bool = False,
    time_limit: float | None = None,
    model_limit: int | None = None,
) -> StatusReport:
    """Return the status of ``source`` (see :meth:`Reasoner.status`), solved in parts.

    Parameters
    ----------
    source
        A scenario, or the path of its file (an executor's workers load it
        themselves: give a path for a cluster).
    assume, at
        The query, as for :meth:`Reasoner.status`.
    workers
        Solve the parts on this many local processes.
    executor
        Or on this executor's workers (then ``workers``, if given, is their
        number, which sizes the parts; default :data:`EXECUTOR_WORKERS`).
        With neither, the parts are solved one after the other here.
    file
        The file of ``source`` when it is a scenario already loaded: an
        executor's workers load it rather than receive the scenario.
    tolerant, time_limit, model_limit
        As for :class:`Reasoner`; the limits count per part.

    Raises
    ------
    ScenarioError
        When the file, an assumption or ``at`` is not valid.
    SolverLimit
        When a part (or the whole scenario, solved again) reaches a limit.
    """
    scenario = source if isinstance(source, Scenario) else load(source)
    request = normalise(scenario, assume, at)
    task = _Task(tolerant, time_limit, model_limit)
    with paused_gc():  # millions of small objects that live on
        atoms = _Atoms(scenario)
        formulas = [formula for _name, formula in request.assumptions]
        active = set(scenario.active(request.at))
        kept = [
            place
            for place, statement in enumerate(scenario.statements)
            if statement.id in active and statement.kind is not Kind.MIGHT
        ]
        sharing = workers or (EXECUTOR_WORKERS if executor is not None else 1)
        parts = _parts(scenario, atoms, kept, formulas, sharing)
    if parts is None:  # one part, or a giant component: the usual way
        return _whole(scenario, assume, at, task)
    if executor is not None:
        where = file if file is not None else None if isinstance(source, Scenario) else source
        shared: Any = scenario if where is None else os.path.abspath(where)
        reports = list(executor.map(_solve, [shared] * len(parts), parts, [task] * len(parts)))
    elif workers:
        with _pool(workers, scenario) as pool:  # leaving it ends the workers, on Ctrl-C too
            reports = pool.starmap(_solve, [(_INSTALLED, part, task) for part in parts], 1)
    else:
        reports = [_solve(scenario, part, task) for part in parts]
    if not all(report.consistent for report in reports):
        return _whole(scenario, assume, at, task)  # the conflict one reasoner finds
    with paused_gc():
        commitments = [
            scenario.statements[place].id
            for place in kept
            if scenario.statements[place].is_commitment
        ]
        return _merged(scenario, atoms.names, commitments, reports, tolerant)


def _whole(
    scenario: Scenario, assume: Sequence[Assumption], at: When | str | None, task: _Task
) -> StatusReport:
    reasoner = Reasoner(
        scenario,
        tolerant=task.tolerant,
        time_limit=task.time_limit,
        model_limit=task.model_limit,
    )
    return reasoner.status(assume, at)


class _Atoms:
    """The scenario's atoms numbered in ``Scenario.atoms`` order, with their texts."""

    def __init__(self, scenario: Scenario) -> None:
        self.positions: dict[_Key, int] = {}
        self.names: list[str] = []
        positions, names = self.positions, self.names
        for actor, event in scenario.invitations():  # every invited attendance first
            key: _Key = ("attends", (actor, event))
            if key not in positions:
                positions[key] = len(names)
                names.append(f"attends({actor},{event})")
        # Then the atoms of the statements and outcomes, in order: numbered as they are linked.
        self.statements = [
            self.places(statement.subject, statement.condition) for statement in scenario.statements
        ]
        self.outcomes = [self.places(outcome.when) for outcome in scenario.outcomes]

    def places(self, *formulas: Formula | None) -> tuple[int, ...]:
        """Return the places of the atoms of ``formulas``, numbering new atoms."""
        positions, found = self.positions, []
        for formula in formulas:
            if formula is None:
                continue
            for atom in (formula,) if type(formula) is Atom else formula.atoms():
                key = (atom.name, atom.args)
                place = positions.get(key)
                if place is None:
                    place = positions[key] = len(self.names)
                    self.names.append(str(atom))
                found.append(place)
        return tuple(found)


def _parts(
    scenario: Scenario,
    atoms: _Atoms,
    kept: list[int],
    assume: list[Formula],
    workers: int,
) -> list[_Part] | None:
    """Return the parts (components packed by size), or ``None`` when one process should do."""
    links = [atoms.statements[place] for place in kept]
    links += atoms.outcomes
    links += [atoms.places(formula) for formula in assume]
    found = Components.of(links, [])
    groups = sorted(found.statements.values(), key=len, reverse=True)
    if len(groups) <= 1 or len(groups[0]) > GIANT * len(links):
        return None
    count = min(len(groups), PARTS_PER_WORKER * workers)
    bins: list[list[int]] = [[] for _ in range(count)]
    sizes = [0] * count
    for group in groups:  # largest first, each into the smallest part so far
        smallest = sizes.index(min(sizes))
        bins[smallest].extend(group)
        sizes[smallest] += len(group)
    first_outcome, first_assumption = len(kept), len(kept) + len(scenario.outcomes)
    parts = []
    for members in bins:
        members.sort()
        parts.append(
            _Part(
                [kept[index] for index in members if index < first_outcome],
                [
                    index - first_outcome
                    for index in members
                    if first_outcome <= index < first_assumption
                ],
                [
                    assume[index - first_assumption]
                    for index in members
                    if index >= first_assumption
                ],
            )
        )
    return parts


def _merged(
    scenario: Scenario,
    names: list[str],
    commitments: list[str],
    reports: list[StatusReport],
    tolerant: bool,
) -> StatusReport:
    """Return one report from the parts' reports, in the order one reasoner gives."""
    atoms = dict(chain.from_iterable(report.atoms.items() for report in reports))
    outcomes = dict(chain.from_iterable(report.outcomes.items() for report in reports))
    states = dict(chain.from_iterable(report.commitments.items() for report in reports))
    free = Status.POSSIBLE  # an atom no part names: a free choice
    return StatusReport(
        True,
        atoms={name: atoms.get(name, free) for name in names},
        outcomes={outcome.id: outcomes[outcome.id] for outcome in scenario.outcomes},
        commitments={statement: states[statement] for statement in commitments},
        cost=sum(report.cost or 0 for report in reports) if tolerant else None,
        tolerant=tolerant,
    )


# --------------------------------------------------------------------------- workers

#: Stands for the scenario a local worker got when it started (see :func:`_install`).
_INSTALLED = "<installed>"
_local = threading.local()


def _pool(workers: int, scenario: Scenario) -> multiprocessing.pool.Pool:
    """Return ``workers`` local processes that start with ``scenario`` (forked: in memory).

    A ``multiprocessing`` pool rather than a ``ProcessPoolExecutor``: leaving
    it terminates the workers, so that an interrupted status stops at once
    rather than after the parts under way.
    """
    return multiprocessing.get_context().Pool(workers, initializer=_install, initargs=(scenario,))


def _install(scenario: Scenario) -> None:
    """Keep the scenario of a local worker (forked: already in its memory)."""
    _local.installed = scenario


def _scenario_of(shared: Scenario | str) -> Scenario:
    """Return the scenario a part is about: installed, given, or loaded from its path once."""
    if isinstance(shared, Scenario):
        return shared
    if shared == _INSTALLED:
        installed: Scenario = _local.installed
        return installed
    cached = getattr(_local, "loaded", None)
    status = os.stat(shared)
    key = (shared, status.st_size, status.st_mtime_ns)
    if cached is None or cached[0] != key:
        cached = _local.loaded = (key, load(shared))
    loaded: Scenario = cached[1]
    return loaded


def _tables(scenario: Scenario) -> tuple[dict[str, Actor], dict[str, Event]]:
    """Return the scenario's actors and events by id (kept for the last scenario asked)."""
    cached = getattr(_local, "tables", None)
    if cached is None or cached[0] is not scenario:
        actors = {actor.id: actor for actor in scenario.actors}
        cached = _local.tables = (scenario, actors, {event.id: event for event in scenario.events})
    return cached[1], cached[2]


def _solve(shared: Scenario | str, part: _Part, task: _Task) -> StatusReport:
    """Return the status of one part (runs in a worker)."""
    with paused_gc():
        return _solved(_scenario_of(shared), part, task)


def _solved(scenario: Scenario, part: _Part, task: _Task) -> StatusReport:
    statements = [_alone(scenario.statements[place]) for place in part.statements]
    outcomes = [scenario.outcomes[place] for place in part.outcomes]
    formulas = [formula for s in statements for _field, formula in s.formulas()]
    formulas += [outcome.when for outcome in outcomes] + list(part.assume)
    attendances = [
        atom.args for formula in formulas for atom in formula.atoms() if atom.name == "attends"
    ]
    people = {actor for actor, _event in attendances}
    people.update(s.by for s in statements if s.by is not None)
    people.update(s.to for s in statements if s.to is not None)
    events = {event for _actor, event in attendances}
    actors, meetings = _tables(scenario)
    entries: dict[str, Any] = {  # only whom and what the part names; nobody invited
        "actors": [actors[actor] for actor in sorted(people)],
        "events": [attrs.evolve(meetings[event], invited=()) for event in sorted(events)],
        "statements": statements,
        "outcomes": outcomes,
    }
    alone = Scenario(scenario.name, **entries)
    reasoner = Reasoner(
        alone, tolerant=task.tolerant, time_limit=task.time_limit, model_limit=task.model_limit
    )
    return reasoner.status(part.assume)


def _alone(statement: Statement) -> Statement:
    """Return a statement as its part's scenario holds it: active, superseding nothing."""
    return attrs.evolve(statement, supersedes=()) if statement.supersedes else statement
