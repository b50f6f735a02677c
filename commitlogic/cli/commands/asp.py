"""``commitlogic asp``: the complete ASP program of a query, for plain clingo."""

from __future__ import annotations

import argparse
import sys

from commitlogic.cli.command import EXIT_OK, Command, query_options, question
from commitlogic.io.export import asp_program

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, the query options and ``--tolerant`` (no limits: nothing is solved)."""
    query_options(parser, tolerant=True, limits=False)


def run(arguments: argparse.Namespace) -> int:
    """Print the program."""
    asked = question(arguments)
    program = asp_program(
        asked.scenario, assume=asked.assume, at=asked.at, tolerant=arguments.tolerant
    )
    sys.stdout.write(program)
    return EXIT_OK


COMMAND = Command(
    name="asp",
    help="print the complete ASP program of a query, for plain clingo",
    description="Print the rule files, the scenario's facts and the query (the statements "
    "active at --at, the assumptions) as one program: 'clingo PROGRAM 0 "
    "--enum-mode=brave' (or cautious) reproduces the statuses; with --tolerant, add "
    "--opt-mode=optN.",
    configure=configure,
    run=run,
)
