"""The ``commitlogic`` command (SPEC section 4).

Exit codes: 0 when an answer was computed, 1 when ``check`` finds the
scenario inconsistent, 2 for bad input or usage, 3 when the solver hit
``--time-limit`` or ``--model-limit`` first, with one message on stderr and
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

from commitlogic import __version__, cli_sweep
from commitlogic.dates import When, parse_when
from commitlogic.errors import ScenarioError, SolverLimit
from commitlogic.formulas import parse_formula
from commitlogic.loading import load
from commitlogic.model import Scenario
from commitlogic.reasoner import Reasoner
from commitlogic.results import StatusReport

__all__ = ["main"]

EXIT_OK, EXIT_INCONSISTENT, EXIT_USAGE = 0, 1, 2
#: The solver hit --time-limit or --model-limit before answering.
EXIT_LIMIT = 3


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="commitlogic",
        description="Reason about political commitments: which meeting outcomes are "
        "certain, possible or impossible, and which commitments hold.",
        epilog="Exit codes: 0 answer computed, 1 check found no outcome, 2 bad input or "
        "usage (sweep: some input), 3 the solver hit --time-limit or --model-limit.",
    )
    parser.add_argument("--version", action="version", version=f"commitlogic {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def limit_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--time-limit",
            metavar="SECONDS",
            type=_positive(float),
            help="give up (exit code 3) when a query needs longer in the solver",
        )
        command.add_argument(
            "--model-limit",
            metavar="N",
            type=_positive(int),
            help="give up (exit code 3) when one solver call needs more models",
        )

    def query_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
        command.add_argument(
            "--assume",
            metavar="FORMULA",
            action="append",
            default=[],
            help="assume this formula holds (what-if); repeat for several",
        )
        command.add_argument(
            "--at",
            metavar="DATE",
            help="replay the scenario at this date or datetime (ISO, e.g. 2025-05-14)",
        )
        limit_options(command)

    status = commands.add_parser(
        "status",
        help="statuses of atoms, outcomes and commitments",
        description="Print which atoms and outcomes are certain, possible or impossible, "
        "and the states each active commitment can take.",
    )
    query_options(status)
    status.add_argument("--json", action="store_true", help="print one JSON object (SPEC)")

    check = commands.add_parser(
        "check",
        help="is the scenario consistent? (exit code 1 if not)",
        description="Tell whether at least one outcome satisfies every active statement "
        "and assumption; when none does, name a minimal conflict and exit with 1.",
    )
    query_options(check)
    cli_sweep.add_parser(commands, limit_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "sweep":
            return cli_sweep.run(arguments)
        scenario = load(arguments.file)
        assume, at = _query_arguments(arguments, scenario)
        reasoner = Reasoner(
            scenario, time_limit=arguments.time_limit, model_limit=arguments.model_limit
        )
        if arguments.command == "status":
            report = reasoner.status(assume=assume, at=at)
            if arguments.json:
                json.dump(report.to_json(), sys.stdout, indent=2, ensure_ascii=False)
                sys.stdout.write("\n")
            else:
                _print_status(report, scenario, assume, at, sys.stdout)
            return EXIT_OK
        conflict = reasoner.conflict(assume=assume, at=at)
        _print_check(conflict, scenario, sys.stdout)
        return EXIT_OK if conflict is None else EXIT_INCONSISTENT
    except ScenarioError as error:
        print(f"commitlogic: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SolverLimit as error:
        print(f"commitlogic: limit: {error} {_RAISE_LIMITS}", file=sys.stderr)
        return EXIT_LIMIT
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


_RAISE_LIMITS = "(raise --time-limit or --model-limit)"


def _positive(kind: type) -> Callable[[str], float]:
    """Return an argparse type: a positive number of ``kind`` (int or float)."""

    def convert(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
        return value

    return convert


def _query_arguments(
    arguments: argparse.Namespace, scenario: Scenario
) -> tuple[list[str], When | None]:
    for text in arguments.assume:
        try:
            scenario.check_formula(parse_formula(text))
        except ScenarioError as error:
            raise ScenarioError(f"--assume {text!r}: {error.reason}") from None
    at = None
    if arguments.at is not None:
        try:
            at = parse_when(arguments.at)
        except ScenarioError as error:
            raise ScenarioError(f"--at: {error.reason}") from None
    return arguments.assume, at


# --------------------------------------------------------------------------- text output


def _table(headers: tuple[str, str], rows: list[tuple[str, str]], out: TextIO) -> None:
    width = max(len(headers[0]), *(len(left) for left, _ in rows))
    out.write(f"{headers[0]:<{width}}  {headers[1]}\n")
    out.write(f"{'-' * width}  {'-' * max(len(headers[1]), *(len(r) for _, r in rows))}\n")
    for left, right in rows:
        out.write(f"{left:<{width}}  {right}\n")
    out.write("\n")


def _heading(scenario: Scenario, assume: list[str], at: When | None, out: TextIO) -> None:
    out.write(f"{scenario.name}\n")
    if at is not None:
        out.write(f"  at {at.isoformat()}\n")
    for text in assume:
        out.write(f"  assuming {text}\n")
    out.write("\n")


def _print_status(
    report: StatusReport, scenario: Scenario, assume: list[str], at: When | None, out: TextIO
) -> None:
    _heading(scenario, assume, at, out)
    if not report.consistent:
        _print_conflict(report.conflict or (), scenario, out)
        return
    out.write("consistent: at least one outcome satisfies every active statement\n\n")
    if report.outcomes:
        _table(("outcome", "status"), sorted(report.outcomes.items()), out)
    if report.atoms:
        _table(("atom", "status"), sorted(report.atoms.items()), out)
    if report.commitments:
        rows = [(name, ", ".join(states)) for name, states in sorted(report.commitments.items())]
        _table(("commitment", "states across outcomes"), rows, out)


def _print_conflict(conflict: Sequence[str], scenario: Scenario, out: TextIO) -> None:
    out.write("inconsistent: no outcome satisfies every active statement and assumption\n")
    out.write("minimal conflict (these have no outcome together; ")
    out.write("without any one of them they have one):\n")
    for name in conflict:
        if name.startswith("assume:"):
            out.write(f"  - {name}\n")
            continue
        statement = scenario.statement(name)
        who = f" by {statement.by}" if statement.by else ""
        when = f" on {statement.said.isoformat()}" if statement.said else ""
        out.write(f"  - {name} ({statement.kind.value}{who}{when}): {statement.subject}")
        if statement.condition is not None:
            out.write(f" / condition {statement.condition}")
        out.write("\n")
        if statement.quote:
            quote = " ".join(statement.quote.split())
            out.write(f'      "{quote}"\n')


def _print_check(conflict: tuple[str, ...] | None, scenario: Scenario, out: TextIO) -> None:
    if conflict is None:
        out.write(f"{scenario.name}: consistent\n")
    else:
        out.write(f"{scenario.name}: ")
        _print_conflict(conflict, scenario, out)
