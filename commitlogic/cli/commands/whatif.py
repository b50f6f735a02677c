"""``commitlogic whatif``: which candidate facts would change the most."""

from __future__ import annotations

import argparse
import sys

from commitlogic.analysis.timelines import what_if
from commitlogic.cli.command import (
    EXIT_OK,
    Command,
    formula_argument,
    json_option,
    print_json,
    query_options,
)
from commitlogic.cli.command import reasoner as open_reasoner
from commitlogic.cli.text import whatif_text

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, the query options, ``--tolerant``, ``--candidate`` and ``--json``."""
    query_options(parser, tolerant=True)
    parser.add_argument(
        "--candidate",
        metavar="FORMULA",
        action="append",
        help="a candidate fact; repeat for several (default: every absent(actor, event))",
    )
    json_option(parser, "a JSON list, one object per candidate, ranked")


def run(arguments: argparse.Namespace) -> int:
    """Print the candidates, ranked by how much they decide."""
    reasoner, asked = open_reasoner(arguments)
    for given in arguments.candidate or ():
        formula_argument(given, "--candidate", asked.scenario)
    answers = what_if(reasoner, arguments.candidate, assume=asked.assume, at=asked.at)
    if arguments.json:
        print_json([answer.to_json() for answer in answers])
    else:
        whatif_text(answers, asked.scenario, asked.assume, asked.at, sys.stdout)
    return EXIT_OK


COMMAND = Command(
    name="whatif",
    help="which candidate facts would change the most",
    description="Assume each candidate fact in turn (by default: each invited actor "
    "absent from each event) and report which outcomes and atoms change, the facts "
    "that decide the most first.  All candidates are answered on one ground program.",
    configure=configure,
    run=run,
)
