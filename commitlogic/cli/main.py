"""The ``commitlogic`` command (SPEC section 4): the table of commands and its one error boundary.

Every command is a :class:`~commitlogic.cli.command.Command` value (a name,
its help, ``configure(parser)`` and ``run(arguments) -> int``) defined in a
module of its own under :mod:`commitlogic.cli.commands`, and listed once in
:data:`COMMANDS`.  To add a command:

1. write ``commitlogic/cli/commands/NAME.py`` with ``configure``, ``run``
   and ``COMMAND = Command(name=..., help=..., description=...,
   configure=configure, run=run)``; share options through
   :mod:`commitlogic.cli.command` (``query_options``, ``json_option``,
   ``limit_options``, ``reasoner(arguments)``) and print results through
   their own ``to_json`` (:func:`~commitlogic.cli.command.print_json`) or a
   text renderer in :mod:`commitlogic.cli.text`;
2. add ``NAME.COMMAND`` to :data:`COMMANDS` below, where it should appear
   in ``commitlogic --help``.

A flag for every command that reads a scenario goes into
``query_options`` (or next to ``file`` in the command's ``configure``).

``run`` raises rather than prints its errors; :func:`main` turns them into
one line on stderr and an exit code, never a traceback:

- 0 when an answer was computed; 1 when ``check`` finds the scenario
  inconsistent (returned by the command);
- 2 for bad input or usage: a :class:`ScenarioError`, or an ``OSError`` on
  a file (usage errors found by argparse exit with 2 through ``SystemExit``);
- 3 when a :class:`SolverLimit` (``--time-limit``, ``--model-limit``) stopped
  the solver, or a :class:`~commitlogic.cli.command.Limit` the computation
  (a forecast too densely tied to count exactly);
- 130 when interrupted by Ctrl-C (an edit in progress leaves its file as
  it was: files are replaced atomically).

When the reader of stdout goes away (``| head``), the command stops
quietly with exit code 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from commitlogic import __version__
from commitlogic.cli.command import (
    EXIT_INTERRUPTED,
    EXIT_LIMIT,
    EXIT_OK,
    EXIT_USAGE,
    Command,
    Limit,
    shown_path,
)
from commitlogic.cli.commands import (
    add,
    asp,
    casebook,
    check,
    completion,
    credibility,
    evaluate,
    explain,
    forecast,
    graph,
    observe,
    report,
    serve,
    status,
    sweep,
    timeline,
    whatif,
)
from commitlogic.model.errors import ScenarioError, SolverLimit

__all__ = ["COMMANDS", "main", "parser"]

#: Every command, in the order of ``commitlogic --help``.
COMMANDS: tuple[Command, ...] = (
    status.COMMAND,
    check.COMMAND,
    explain.COMMAND,
    timeline.COMMAND,
    whatif.COMMAND,
    sweep.COMMAND,
    forecast.COMMAND,
    credibility.COMMAND,
    evaluate.COMMAND,
    casebook.COMMAND,
    add.COMMAND,
    observe.COMMAND,
    asp.COMMAND,
    graph.COMMAND,
    report.COMMAND,
    serve.COMMAND,
    completion.COMMAND,
)

_RAISE_LIMITS = "(raise --time-limit or --model-limit)"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parser(commands: Sequence[Command] = COMMANDS) -> argparse.ArgumentParser:
    """Return the argument parser of ``commitlogic`` with ``commands``."""
    program = _Parser(
        prog="commitlogic",
        description="Reason about political commitments: which meeting outcomes are "
        "certain, possible or impossible, and which commitments hold.",
        epilog="Exit codes: 0 answer computed, 1 check found no outcome, 2 bad input or "
        "usage (sweep: some input), 3 the solver hit --time-limit or --model-limit, "
        "130 interrupted (Ctrl-C).",
    )
    program.add_argument("--version", action="version", version=f"commitlogic {__version__}")
    subparsers = program.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for command in commands:
        sub = subparsers.add_parser(
            command.name, help=command.help, description=command.description
        )
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return program


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Usage errors found while parsing ``argv`` raise ``SystemExit(2)``, as
    argparse does; every other outcome is returned as an exit code.
    """
    program = parser()
    arguments = program.parse_args(argv)
    arguments.program = program  # for ``completion``
    try:
        code: int = arguments.run(arguments)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except ScenarioError as error:
        return _fail(f"error: {error}", EXIT_USAGE)
    except SolverLimit as error:
        return _fail(f"limit: {error} {_RAISE_LIMITS}", EXIT_LIMIT)
    except Limit as error:
        return _fail(f"limit: {error}", EXIT_LIMIT)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other tools do.
        _silence_stdout()
        return EXIT_OK
    except OSError as error:
        name = error.filename or getattr(arguments, "output", None) or _input(arguments)
        return _fail(
            f"error: {shown_path(os.fsdecode(name))}: {error.strerror or error}", EXIT_USAGE
        )
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)


def _input(arguments: argparse.Namespace) -> str:
    """The file or folder the command reads."""
    return str(getattr(arguments, "file", None) or getattr(arguments, "path", ""))


def _fail(message: str, code: int) -> int:
    """Print ``commitlogic: MESSAGE`` on stderr; return ``code``."""
    print(f"commitlogic: {message}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit cannot fail again."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture it)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
