"""The local what-if page of ``commitlogic serve``: a small read-only Starlette application.

One live :class:`~commitlogic.reasoning.reasoner.Reasoner` answers every
request; what-ifs are solver assumptions on it, as everywhere else.  The
server keeps no per-visitor state: each request carries its whole query
(``at`` and the ``assume`` list), so several tabs each see their own
what-ifs.  A lock serialises the reasoner (a clingo control serves one call
at a time).

Routes (all ``GET``; any other method is ``405``, an unknown path ``404``):

``/``
    The page, for the query in its address (``?at=DATE&assume=F&assume=G``).
``/api/view``
    ``{"version": N, "html": ..., "broken": null or the located error}``:
    the part of the page a query changes, rendered as the report is, but
    for the timeline, which replays every date and comes from:
``/api/timeline``
    ``{"version": N, "html": ...}``: the timeline section for the query.
``/api/status``
    ``{"version": N, "status": the object of status --json, "forecast":
    the object of forecast --json or null}``.
``/api/version``
    ``{"version": N, "broken": ...}``: the page asks it every second, and
    reloads its part when the number changes.

The scenario is read again when its file changes on disk (checked at each
request, by its modification time, size and inode); a broken file is shown as
its located error until it is fixed.  A malformed query (an unknown
parameter, a bad date or formula, too many or too long assumptions) is a
``400`` with ``{"error": message}``; a query on a broken file a ``503``.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from typing import Any

import attrs

from commitlogic.forecasting import TooWide
from commitlogic.io.checking import load_scenario
from commitlogic.model.errors import ScenarioError, SolverLimit
from commitlogic.model.query import fitted_formula, parse_at
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.web.diagram import Diagram, diagram
from commitlogic.web.pages import live_page, live_part, missing_extra, timeline_part
from commitlogic.web.view import DateView, View, build_dates, build_view, forecast_of

__all__ = [
    "MAX_ASSUMPTIONS",
    "MAX_FORMULA",
    "BadQuery",
    "Broken",
    "Query",
    "ServedFile",
    "application",
]

#: The most assumptions one query may carry, and the longest formula text.
MAX_ASSUMPTIONS = 100
MAX_FORMULA = 2000
_PARAMETERS = ("at", "assume")


class BadQuery(ValueError):
    """A malformed request: answered with 400 and the message."""


@attrs.frozen
class Query:
    """A query of the page: the date (ISO text, or ``None``) and the assumptions, as given."""

    at: str | None
    assume: tuple[str, ...]

    def state(self, version: int) -> dict[str, Any]:
        """The page script's starting state."""
        return {"at": self.at or "", "assume": list(self.assume), "version": version}


def parse_query(items: list[tuple[str, str]]) -> Query:
    """Return the query of a request's parameters (syntax only; formulas are checked later).

    Raises
    ------
    BadQuery
        On an unknown or repeated parameter, too many or too long assumptions.
    """
    at: str | None = None
    assume: list[str] = []
    for key, value in items:
        if key not in _PARAMETERS:
            raise BadQuery(f"unknown parameter {key!r} (expected: {', '.join(_PARAMETERS)})")
        if key == "at":
            if at is not None:
                raise BadQuery("'at' given more than once")
            at = value.strip() or None
        else:
            if len(value) > MAX_FORMULA:
                raise BadQuery(f"an assumption longer than {MAX_FORMULA} characters")
            assume.append(value)
    if len(assume) > MAX_ASSUMPTIONS:
        raise BadQuery(f"more than {MAX_ASSUMPTIONS} assumptions")
    return Query(at, tuple(assume))


class ServedFile:
    """The scenario file being served: its live reasoner, reloaded when the file changes.

    Every use of the reasoner goes through :meth:`answer`, under one lock.
    """

    def __init__(self, path: str, *, strict: bool = False, forecast: bool = False) -> None:
        self.path = path
        self.strict = strict
        self.forecast = forecast
        self.version = 0
        self._lock = threading.Lock()
        self._signature: tuple[int, ...] | None = None
        self._reasoner: Reasoner | None = None
        self._diagram = Diagram(None, None)
        self.broken: str | None = None
        with self._lock:
            self._refresh()

    def _stat(self) -> tuple[int, ...] | None:
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return (found.st_mtime_ns, found.st_size, found.st_ino, found.st_dev)

    def _refresh(self) -> None:
        """Read the file again if it changed since it was last read (hold the lock)."""
        signature = self._stat()
        if signature is not None and signature == self._signature:
            return
        self._signature = signature
        self.version += 1
        try:
            scenario, _found = load_scenario(self.path, self.strict)
            self._reasoner = Reasoner(scenario)
            self._diagram = diagram(scenario)
            self.broken = None
        except ScenarioError as error:
            self._reasoner, self.broken = None, str(error)

    def current(self) -> tuple[int, str | None]:
        """Return the version and the error of the file as it is now on disk."""
        with self._lock:
            self._refresh()
            return self.version, self.broken

    def answer(self, ask: Callable[[Reasoner], Any]) -> tuple[int, Any, Diagram]:
        """Return the version, ``ask(reasoner)`` and the graph, on the file as it is now.

        Raises
        ------
        Broken
            When the file cannot be read (``broken`` says why).
        """
        with self._lock:
            self._refresh()
            if self._reasoner is None:
                raise Broken(self.broken or "the file cannot be read")
            return self.version, ask(self._reasoner), self._diagram


class Broken(Exception):
    """The served file cannot be read: a query is answered with 503 and the located error."""


def checked(reasoner: Reasoner, query: Query) -> Any:
    """Return ``at`` parsed; raise :class:`BadQuery` naming the bad date or formula."""
    for given in query.assume:
        try:
            fitted_formula(given, reasoner.scenario)
        except ScenarioError as error:
            raise BadQuery(f"assume {given!r}: {error.reason}") from None
    if query.at is None:
        return None
    try:
        return parse_at(query.at)
    except ScenarioError as error:
        raise BadQuery(f"at {query.at!r}: {error.reason}") from None


def application(served: ServedFile) -> Any:
    """Return the ASGI application that serves ``served`` (Starlette).

    Raises
    ------
    ScenarioError
        When Starlette (the ``web`` extra) is not installed.
    """
    try:
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import HTMLResponse, JSONResponse, Response
        from starlette.routing import Route
    except ImportError:
        raise missing_extra("serve", "Starlette") from None

    headers = {
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    }

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status, headers=headers)

    def view_of(query: Query, *, replay: bool = True) -> Callable[[Reasoner], View]:
        def ask(reasoner: Reasoner) -> View:
            at = checked(reasoner, query)
            return build_view(reasoner, query.assume, at, forecast=served.forecast, replay=replay)

        return ask

    def guarded(handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
        """Turn bad queries into 400, a broken file into 503, a solver limit into 503."""

        def endpoint(request: Request) -> Response:
            try:
                return handler(request)
            except BadQuery as problem:
                return error(400, str(problem))
            except ScenarioError as problem:
                return error(400, str(problem))
            except Broken as problem:
                return error(503, f"the scenario file is broken: {problem}")
            except SolverLimit as problem:
                return error(503, f"the solver hit a limit: {problem}")
            except TooWide as problem:
                return error(503, f"no exact forecast: {problem}")

        return endpoint

    def page(request: Request) -> Response:
        query = parse_query(list(request.query_params.multi_items()))
        nonce = secrets.token_urlsafe(16)
        policy = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
            "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        )
        try:
            version, view, graph = served.answer(view_of(query))
            broken = None
        except Broken as problem:
            version, view, graph, broken = served.version, None, Diagram(None, None), str(problem)
        text = live_page(
            view,
            graph,
            file=served.path,
            nonce=nonce,
            state=query.state(version),
            broken=broken,
        )
        return HTMLResponse(text, headers={**headers, "Content-Security-Policy": policy})

    def view(request: Request) -> Response:
        query = parse_query(list(request.query_params.multi_items()))
        try:
            version, found, graph = served.answer(view_of(query, replay=False))
        except Broken as problem:
            html = live_part(None, file=served.path, broken=str(problem))
            return JSONResponse(
                {"version": served.version, "html": html, "broken": str(problem)}, headers=headers
            )
        html = live_part(found, graph, file=served.path)
        return JSONResponse({"version": version, "html": html, "broken": None}, headers=headers)

    def replayed(request: Request) -> Response:
        query = parse_query(list(request.query_params.multi_items()))

        def ask(reasoner: Reasoner) -> tuple[tuple[DateView, ...], list[str]]:
            at = checked(reasoner, query)
            dates = build_dates(reasoner, query.assume, at, forecast=served.forecast)
            return dates, [outcome.id for outcome in reasoner.scenario.outcomes]

        version, (dates, outcomes), _graph = served.answer(ask)
        html = timeline_part(dates, outcomes, forecast=served.forecast, assumed=bool(query.assume))
        return JSONResponse({"version": version, "html": html}, headers=headers)

    def status(request: Request) -> Response:
        query = parse_query(list(request.query_params.multi_items()))

        def ask(reasoner: Reasoner) -> dict[str, Any]:
            at = checked(reasoner, query)
            report = reasoner.status(assume=list(query.assume), at=at)
            chance = forecast_of(reasoner, query.assume, at) if served.forecast else None
            return {
                "status": report.to_json(),
                "forecast": None if chance is None else chance.to_json(),
            }

        version, found, _graph = served.answer(ask)
        return JSONResponse({"version": version, **found}, headers=headers)

    def version(request: Request) -> Response:
        if request.query_params:
            raise BadQuery("/api/version takes no parameter")
        number, broken = served.current()
        return JSONResponse({"version": number, "broken": broken}, headers=headers)

    return Starlette(
        routes=[
            Route("/", guarded(page), methods=["GET"]),
            Route("/api/view", guarded(view), methods=["GET"]),
            Route("/api/timeline", guarded(replayed), methods=["GET"]),
            Route("/api/status", guarded(status), methods=["GET"]),
            Route("/api/version", guarded(version), methods=["GET"]),
        ]
    )
