"""Sweeps: many what-if queries on one scenario, or one query on many scenario files.

:func:`sweep` answers a list of *candidates* (each a set of what-if
assumptions) on one scenario, or the same query on a batch of scenario
files, and returns the answers in input order.

Without an executor everything runs here, on one live
:class:`~commitlogic.reasoner.Reasoner`: each candidate costs solver calls on
the scenario grounded once.  Given any :class:`concurrent.futures.Executor`
(a process or thread pool, or Dask's ``distributed.Client.get_executor()``
for a cluster), the work is cut into chunks; each worker keeps the reasoners
it built in a small per-process (per-thread) cache keyed by the scenario, so
it grounds a scenario once however many chunks it answers.
"""

from __future__ import annotations

import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, as_completed
from typing import Any, TypeAlias

import attrs

from commitlogic.io.files import scenario_files
from commitlogic.io.loading import load
from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError, SolverLimit
from commitlogic.model.formulas import FormulaLike
from commitlogic.model.query import assumption_list, parse_at
from commitlogic.model.scenario import Scenario
from commitlogic.reasoning.reasoner import Assumption, Reasoner
from commitlogic.reasoning.results import Status, StatusReport

__all__ = ["Candidate", "ScenarioSource", "SweepResult", "scenario_files", "sweep", "sweep_record"]

#: A scenario, or the path of its TOML file.
ScenarioSource: TypeAlias = Scenario | str | os.PathLike[str]
#: One what-if: a formula, or a list of formulas assumed together.
Candidate: TypeAlias = FormulaLike | Sequence[Assumption]
#: One answer: a status report, or with ``formula`` the formula's status
#: (``None`` when there is no outcome); with ``errors="return"`` also the error.
SweepResult: TypeAlias = StatusReport | Status | ScenarioError | SolverLimit | None


def sweep_record(
    key: str, name: str, result: SweepResult, formula: str | None = None
) -> dict[str, object]:
    """Return the JSON object of one answer of a sweep (a line of ``commitlogic sweep --json``).

    Parameters
    ----------
    key, name
        What the answer is about: ``("assume", candidate)`` or ``("file", file name)``.
    result
        The answer; an error gives ``{"error": message, "limit": bool}``.
    formula
        The formula of a sweep with ``formula``: the object is then
        ``{"formula", "status"}``; else it has the keys of the status object.
    """
    record: dict[str, object] = {key: name}
    if isinstance(result, ScenarioError | SolverLimit):
        record["error"] = str(result)
        record["limit"] = isinstance(result, SolverLimit)
    elif formula is not None:
        record["formula"] = formula
        record["status"] = None if result is None else str(result)
    else:
        assert isinstance(result, StatusReport)
        record.update(result.to_json())
    return record


@attrs.frozen
class _Task:
    """The query every item of a sweep shares; sent once per chunk to a worker."""

    assume: tuple[Assumption, ...]
    at: When | str | None
    formula: FormulaLike | None
    time_limit: float | None
    model_limit: int | None
    errors: str


def sweep(
    scenarios: ScenarioSource | Sequence[ScenarioSource],
    candidates: Sequence[Candidate] | None = None,
    *,
    assume: Sequence[Assumption] = (),
    at: When | str | None = None,
    formula: FormulaLike | None = None,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    time_limit: float | None = None,
    model_limit: int | None = None,
    errors: str = "raise",
    progress: Callable[[int], object] | None = None,
) -> list[SweepResult]:
    """Answer many what-if queries on one scenario, or one query on many scenarios.

    Parameters
    ----------
    scenarios
        One scenario (a :class:`~commitlogic.model.Scenario` or the path of a
        TOML file) with ``candidates``; or a list of them for a batch, one
        answer per scenario.
    candidates
        The what-ifs, one answer each: a formula, or a list of formulas
        assumed together.  Only with a single scenario.
    assume
        Assumptions added to every query.
    at
        The date of every query (see :meth:`Reasoner.status`).
    formula
        Answer only the status of this formula (two solver calls per item,
        :meth:`Reasoner.query`) instead of a whole status report.
    executor
        Spread the work over this executor's workers, in chunks; ``None``
        answers everything in this process on one live reasoner.
    chunk_size
        Items per chunk sent to a worker (default: about eight chunks per batch,
        at most 64 items each).
    time_limit, model_limit
        Solver limits of each query (see :class:`Reasoner`).
    errors
        ``"raise"`` (default) raises the first error; ``"return"`` puts a
        :class:`ScenarioError` or :class:`SolverLimit` in place of that item's
        answer and goes on.
    progress
        Called with the number of items just finished, as chunks complete.

    Returns
    -------
    list
        The answers in input order: :class:`StatusReport`, or with ``formula``
        a :class:`Status` (``None`` when there is no outcome).
    """
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', got {errors!r}")
    moment = None if at is None else parse_at(at)
    task = _Task(tuple(assumption_list(assume)), moment, formula, time_limit, model_limit, errors)
    if _is_single(scenarios):
        if candidates is None:
            raise TypeError("a sweep over one scenario needs candidates")
        source = _portable(scenarios)  # type: ignore[arg-type]
        items: list[tuple[ScenarioSource, tuple[Assumption, ...]]] = [
            (source, _candidate(candidate)) for candidate in candidates
        ]
    else:
        if candidates is not None:
            raise TypeError("candidates go with one scenario, not with a batch")
        items = [(_portable(source), ()) for source in scenarios]  # type: ignore[union-attr]
    if not items:
        return []
    if executor is None:
        results = []
        for item in items:
            results.extend(_answer_chunk([item], task))
            if progress is not None:
                progress(1)
        return _raise_first(results, errors)
    size = chunk_size or max(1, min(64, math.ceil(len(items) / 8)))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    futures: list[Future[list[Any]]] = [
        executor.submit(_answer_chunk, chunk, task) for chunk in chunks
    ]
    if progress is not None:
        lengths = {id(future): len(chunk) for future, chunk in zip(futures, chunks, strict=True)}
        for done in as_completed(futures):
            progress(lengths[id(done)])
    results = [answer for future in futures for answer in future.result()]
    return _raise_first(results, errors)


def _is_single(scenarios: object) -> bool:
    return isinstance(scenarios, Scenario | str | os.PathLike)


def _portable(source: ScenarioSource) -> ScenarioSource:
    """Return a scenario as sent to workers: a scenario as is, a path made absolute."""
    if isinstance(source, Scenario):
        return source
    if isinstance(source, str | os.PathLike):
        return os.path.abspath(os.fspath(source))
    raise TypeError(f"expected a Scenario or a file path, got {type(source).__name__}")


def _candidate(candidate: Candidate) -> tuple[Assumption, ...]:
    return tuple(assumption_list(candidate))


def _raise_first(results: list[SweepResult], errors: str) -> list[SweepResult]:
    if errors == "raise":
        for result in results:
            if isinstance(result, ScenarioError | SolverLimit):
                raise result
    return results


# --------------------------------------------------------------------------- workers

#: Reasoners a worker keeps, per thread: the last few scenarios it answered.
_CACHE_SIZE = 4
_local = threading.local()


def _reasoners() -> OrderedDict[object, Reasoner]:
    cache = getattr(_local, "reasoners", None)
    if cache is None:
        cache = _local.reasoners = OrderedDict()
    return cache


def _key(source: ScenarioSource) -> object:
    """Return the cache key of a scenario: a path with its size and time, or the scenario."""
    if isinstance(source, Scenario):
        return source
    status = os.stat(source)
    return (source, status.st_size, status.st_mtime_ns)


def _reasoner(source: ScenarioSource) -> Reasoner:
    """Return this worker's live reasoner for ``source``, building it the first time."""
    cache = _reasoners()
    key = _key(source)
    reasoner = cache.get(key)
    if reasoner is None:
        scenario = source if isinstance(source, Scenario) else load(source)
        reasoner = cache[key] = Reasoner(scenario)
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return reasoner


def _answer_chunk(
    chunk: list[tuple[ScenarioSource, tuple[Assumption, ...]]], task: _Task
) -> list[SweepResult]:
    """Answer one chunk of items (runs in a worker); errors are returned, not raised."""
    return [_answer(source, extra, task) for source, extra in chunk]


def _answer(source: ScenarioSource, extra: tuple[Assumption, ...], task: _Task) -> SweepResult:
    try:
        try:
            reasoner = _reasoner(source)
        except FileNotFoundError:
            raise ScenarioError("no such file", file=os.fspath(source)) from None  # type: ignore[arg-type]
        reasoner.time_limit, reasoner.model_limit = task.time_limit, task.model_limit
        assume = [*task.assume, *extra]
        if task.formula is not None:
            return reasoner.query(task.formula, assume=assume, at=task.at)
        return reasoner.status(assume=assume, at=task.at)
    except (ScenarioError, SolverLimit) as error:
        return error
