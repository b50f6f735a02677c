"""What a command of ``commitlogic`` is, and the options and helpers commands share.

A command is a :class:`Command` value: its name, its help, a function that
adds its arguments to its parser, and a function that runs it on the parsed
arguments and returns the exit code.  The table of commands and the one
error boundary are in :mod:`commitlogic.cli.main`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable
from concurrent.futures import Executor
from contextlib import ExitStack

import attrs

from commitlogic.cli import warnings as cli_warnings
from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Formula
from commitlogic.model.linting import ScenarioWarning
from commitlogic.model.query import fitted_formula, parse_at
from commitlogic.model.scenario import Scenario
from commitlogic.reasoning.reasoner import Reasoner

__all__ = [
    "EXIT_INCONSISTENT",
    "EXIT_INTERRUPTED",
    "EXIT_LIMIT",
    "EXIT_OK",
    "EXIT_USAGE",
    "QUOTED",
    "Command",
    "Limit",
    "Question",
    "clipped",
    "formula_argument",
    "json_option",
    "limit_options",
    "model_option",
    "positive",
    "print_json",
    "query_options",
    "question",
    "reasoner",
    "shown_path",
    "text",
]

#: An answer was computed.
EXIT_OK = 0
#: ``check`` found the scenario inconsistent.
EXIT_INCONSISTENT = 1
#: Bad input or bad usage.
EXIT_USAGE = 2
#: The solver hit ``--time-limit`` or ``--model-limit`` before answering.
EXIT_LIMIT = 3
#: Interrupted (Ctrl-C), as shells report a death by SIGINT.
EXIT_INTERRUPTED = 130


@attrs.frozen
class Command:
    """One command of the program: ``commitlogic NAME ...``.

    Attributes
    ----------
    name
        The command's name on the command line.
    help
        One line for ``commitlogic --help``.
    description
        The paragraph of ``commitlogic NAME --help``.
    configure
        Adds the command's arguments to its parser.
    run
        Runs the command on the parsed arguments; returns the exit code.
        Errors are raised, not printed: :class:`ScenarioError` for bad input
        (exit code 2), :class:`~commitlogic.model.errors.SolverLimit`
        (exit code 3), ``OSError`` for a file that cannot be read or
        written (exit code 2).
    """

    name: str
    help: str
    description: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


class Limit(Exception):
    """A limit of the computation stopped a command (exit code 3); the message says which."""


# --------------------------------------------------------------------------- options


def positive(kind: type[int] | type[float]) -> Callable[[str], float]:
    """Return an argparse type: a positive, finite number of ``kind`` (int or float)."""
    what = "integer" if kind is int else "number"

    def convert(given: str) -> float:
        try:
            value: float = kind(given)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a positive {what}, got {given!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"expected a finite number, got {given!r}")
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive {what}, got {given!r}")
        return value

    return convert


def text(given: str) -> str:
    """An argparse type: text that can be written to a file as UTF-8.

    Arguments arrive decoded with ``surrogateescape``: bytes that are not
    UTF-8 become lone surrogates, which no file can hold.
    """
    try:
        given.encode("utf-8")
    except UnicodeEncodeError:
        shown = given.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise argparse.ArgumentTypeError(f"not UTF-8 text: '{shown}'") from None
    return given


def limit_options(command: argparse.ArgumentParser) -> None:
    """Add ``--time-limit`` and ``--model-limit``."""
    command.add_argument(
        "--time-limit",
        metavar="SECONDS",
        type=positive(float),
        help="give up (exit code 3) when a query needs longer in the solver",
    )
    command.add_argument(
        "--model-limit",
        metavar="N",
        type=positive(int),
        help="give up (exit code 3) when a query needs to look at more distinct outcomes",
    )


def dask_option(command: argparse.ArgumentParser) -> None:
    """Add ``--dask ADDRESS``: the scheduler of a Dask cluster to spread the work over."""
    command.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="spread the work over a Dask cluster (pip install commitlogic[dask])",
    )


def dask_executor(address: str, stack: ExitStack) -> Executor:
    """Return an executor on the Dask cluster at ``address``, closed with ``stack``."""
    try:
        import distributed  # optional: the dask extra
    except ImportError:
        raise ScenarioError(
            "--dask needs Dask distributed: pip install 'commitlogic[dask]'"
        ) from None
    client = stack.enter_context(distributed.Client(address))  # type: ignore[no-untyped-call]
    executor: Executor = client.get_executor()
    return executor


def model_option(command: argparse.ArgumentParser) -> None:
    """Add ``--model NAME``: the forecasting model (default: the one the casebook chose)."""
    from commitlogic.forecasting.defaults import default_model
    from commitlogic.forecasting.models import MODELS

    command.add_argument(
        "--model",
        metavar="NAME",
        choices=list(MODELS),
        help=f"the forecasting model: {', '.join(MODELS)} (default: {default_model().name}; "
        "independent is exactly SPEC's formula)",
    )


def query_options(
    command: argparse.ArgumentParser,
    *,
    at: bool = True,
    tolerant: bool = False,
    limits: bool = True,
) -> None:
    """Add FILE, ``--assume``, and as asked ``--at``, ``--tolerant`` and the limits."""
    command.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    cli_warnings.add_strict_option(command)
    command.add_argument(
        "--assume",
        metavar="FORMULA",
        action="append",
        default=[],
        help="assume this formula holds (what-if); repeat for several",
    )
    if at:
        command.add_argument(
            "--at",
            metavar="DATE",
            help="replay the scenario at this date or datetime (ISO, e.g. 2025-05-14)",
        )
    if tolerant:
        command.add_argument(
            "--tolerant",
            action="store_true",
            help="commitments are soft: take the outcomes that break the least total "
            "weight of commitments (observed facts and assumptions stay hard)",
        )
    if limits:
        limit_options(command)


def json_option(command: argparse.ArgumentParser, what: str) -> None:
    """Add ``--json``, which prints ``what``."""
    command.add_argument("--json", action="store_true", help=f"print {what} (SPEC)")


# --------------------------------------------------------------------------- queries


@attrs.frozen
class Question:
    """A query as given on the command line, checked against its scenario.

    ``assume`` keeps the texts as given: a conflict names ``assume:TEXT``.
    """

    scenario: Scenario
    assume: list[str]
    at: When | None
    warnings: tuple[ScenarioWarning, ...] = ()


def formula_argument(given: str, option: str, scenario: Scenario) -> Formula:
    """Return the formula of an argument; an error names the option (``--assume 'x': ...``)."""
    try:
        return fitted_formula(given, scenario)
    except ScenarioError as error:
        raise ScenarioError(f"{option} {clipped(given)}: {error.reason}") from None


#: The most characters of a user's text that an error message quotes.
QUOTED = 200


def clipped(given: str) -> str:
    """Return ``given`` quoted for an error message: at most :data:`QUOTED` characters of it."""
    if len(given) <= QUOTED:
        return repr(given)
    return f"{given[:QUOTED]!r}... ({len(given)} characters)"


def question(arguments: argparse.Namespace, *, warnings: bool = False) -> Question:
    """Load FILE (``--strict``: warnings are errors) and check ``--assume`` and ``--at``.

    With ``warnings``, the question keeps the scenario's warnings.
    """
    scenario, found = cli_warnings.load_scenario(arguments.file, arguments.strict, warnings)
    for given in arguments.assume:
        formula_argument(given, "--assume", scenario)
    at = None
    if getattr(arguments, "at", None) is not None:
        try:
            at = parse_at(arguments.at)
        except ScenarioError as error:
            raise ScenarioError(f"--at: {error.reason}") from None
    return Question(scenario, list(arguments.assume), at, found)


def reasoner(arguments: argparse.Namespace, *, warnings: bool = False) -> tuple[Reasoner, Question]:
    """Return a reasoner on FILE with the mode and limits asked for, and the question."""
    asked = question(arguments, warnings=warnings)
    live = Reasoner(
        asked.scenario,
        tolerant=getattr(arguments, "tolerant", False),
        time_limit=arguments.time_limit,
        model_limit=arguments.model_limit,
    )
    return live, asked


# --------------------------------------------------------------------------- output


def print_json(value: object) -> None:
    """Print ``value`` (the ``to_json`` of a result) as indented JSON on stdout."""
    # One write: json.dump would call write once per token (about a million at 100,000 statements).
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def shown_path(path: str) -> str:
    """Return a file name as it can be printed: bytes that are not UTF-8 as escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
