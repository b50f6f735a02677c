"""The ``commitlogic`` command (SPEC section 4).

Exit codes: 0 when an answer was computed, 1 when ``check`` finds the
scenario inconsistent, 2 for bad input or usage, with one message on stderr
and never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from commitlogic import __version__
from commitlogic.dates import When, parse_when
from commitlogic.editing import add_statement, observe
from commitlogic.errors import ScenarioError
from commitlogic.export import asp_program
from commitlogic.files import write_atomically
from commitlogic.formulas import parse_formula
from commitlogic.graph import FORMATS, dot_source, render
from commitlogic.loading import load
from commitlogic.model import Kind, Scenario
from commitlogic.reasoner import Reasoner
from commitlogic.results import StatusReport

__all__ = ["main"]

EXIT_OK, EXIT_INCONSISTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="commitlogic",
        description="Reason about political commitments: which meeting outcomes are "
        "certain, possible or impossible, and which commitments hold.",
    )
    parser.add_argument("--version", action="version", version=f"commitlogic {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

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
    _file_commands(commands, query_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command in _FILE_COMMANDS:
        return _run_file_command(parser, arguments)
    try:
        scenario = load(arguments.file)
        assume, at = _query_arguments(arguments, scenario)
        reasoner = Reasoner(scenario)
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
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


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


# ----------------------------------------------------- files: add, observe, asp, graph


def _file_commands(
    commands: argparse._SubParsersAction[Any],
    query_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add the commands that edit, export or draw a scenario file, and ``completion``."""
    add = commands.add_parser(
        "add",
        help="append a statement to a scenario file (validated, atomic)",
        description="Append a [[statements]] table to FILE. The new file is checked before "
        "it replaces the old one, in one atomic step; a rejected statement leaves FILE "
        "unchanged (exit code 2).",
    )
    add.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    add.add_argument("--id", required=True, help="the new statement's id")
    add.add_argument(
        "--kind", required=True, choices=[kind.value for kind in Kind], help="its kind"
    )
    add.add_argument("--by", metavar="ACTOR", help="who said it (not needed for observed)")
    add.add_argument("--to", metavar="ACTOR", help="to whom it was said")
    add.add_argument("--said", metavar="DATE", help="when (ISO date or datetime)")
    add.add_argument("--quote", help="what was said, as quoted")
    add.add_argument("--source", help="where it was reported (a URL)")
    add.add_argument("--weight", type=int, help="its weight in tolerant mode (default 1)")
    add.add_argument("--subject", metavar="FORMULA", required=True, help="the subject")
    add.add_argument("--condition", metavar="FORMULA", help="the condition (if, only_if, might)")
    add.add_argument(
        "--supersedes", metavar="ID", nargs="+", default=[], help="statements it replaces"
    )

    observe = commands.add_parser(
        "observe",
        help="append an observed fact to a scenario file (validated, atomic)",
        description="Append an observed statement of FORMULA to FILE, as 'add --kind observed' "
        "does; without --id it is named observed_1, observed_2, ...",
    )
    observe.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    observe.add_argument("formula", metavar="FORMULA", help="what was observed")
    observe.add_argument("--said", metavar="DATE", required=True, help="when it was observed")
    observe.add_argument("--id", help="the statement's id (default: the next observed_N)")
    observe.add_argument("--quote", help="the report, as quoted")
    observe.add_argument("--source", help="where it was reported (a URL)")

    asp = commands.add_parser(
        "asp",
        help="print the complete ASP program of a query, for plain clingo",
        description="Print the rule files, the scenario's facts and the query (the statements "
        "active at --at, the assumptions) as one program: 'clingo PROGRAM 0 "
        "--enum-mode=brave' (or cautious) reproduces the statuses.",
    )
    query_options(asp)

    graph = commands.add_parser(
        "graph",
        help="draw who conditioned what on whom (Graphviz DOT, SVG, PNG)",
        description="Write the dependency graph of FILE: actors, events, and an edge for each "
        "conditional statement from its condition to its subject. SVG and PNG need "
        "Graphviz's dot program.",
    )
    graph.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    graph.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")
    graph.add_argument(
        "--format",
        choices=FORMATS,
        help="dot, svg or png (default: from OUT's suffix, else dot)",
    )

    completion = commands.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or tcsh)",
        description="Print a completion script for SHELL; for bash, for example: "
        "commitlogic completion bash > ~/.local/share/bash-completion/completions/commitlogic",
    )
    completion.add_argument("shell", metavar="SHELL", choices=("bash", "zsh", "tcsh"))


def _run_file_command(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    try:
        return _FILE_COMMANDS[arguments.command](parser, arguments)
    except ScenarioError as error:
        print(f"commitlogic: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        name = error.filename or getattr(arguments, "output", None) or arguments.file
        print(f"commitlogic: error: {name}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - as in main
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _add(_parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    fields = {
        key: getattr(arguments, key)
        for key in ("id", "kind", "by", "to", "said", "quote", "source", "weight", "subject")
    }
    fields["condition"] = arguments.condition
    fields["supersedes"] = arguments.supersedes or None
    statement = add_statement(arguments.file, fields)
    print(f"added statement {statement.id!r} to {arguments.file}")
    return EXIT_OK


def _observe(_parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    statement = observe(
        arguments.file,
        arguments.formula,
        said=arguments.said,
        id=arguments.id,
        quote=arguments.quote,
        source=arguments.source,
    )
    print(f"added statement {statement.id!r} to {arguments.file}")
    return EXIT_OK


def _asp(_parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    scenario = load(arguments.file)
    assume, at = _query_arguments(arguments, scenario)
    sys.stdout.write(asp_program(scenario, assume=assume, at=at))
    return EXIT_OK


def _graph(_parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    scenario = load(arguments.file)
    output = arguments.output
    chosen = arguments.format
    if chosen is None:
        suffix = "" if output is None else os.path.splitext(output)[1].lower().lstrip(".")
        chosen = {"svg": "svg", "png": "png"}.get(suffix, "dot")
    data = render(dot_source(scenario), chosen)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(output, data)
    return EXIT_OK


def _completion(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    import shtab

    sys.stdout.write(shtab.complete(parser, shell=arguments.shell))
    return EXIT_OK


_FILE_COMMANDS: dict[str, Callable[[argparse.ArgumentParser, argparse.Namespace], int]] = {
    "add": _add,
    "observe": _observe,
    "asp": _asp,
    "graph": _graph,
    "completion": _completion,
}
