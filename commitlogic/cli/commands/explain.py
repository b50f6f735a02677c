"""``commitlogic explain``: why a formula is certain, possible or impossible."""

from __future__ import annotations

import argparse
import sys

from commitlogic.cli.command import (
    EXIT_OK,
    Command,
    formula_argument,
    json_option,
    print_json,
    query_options,
)
from commitlogic.cli.command import reasoner as open_reasoner
from commitlogic.cli.text import explanation_text

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, the query options, FORMULA and ``--json``."""
    query_options(parser)
    parser.add_argument("formula", metavar="FORMULA", help="the formula to explain")
    json_option(parser, "one JSON object")


def run(arguments: argparse.Namespace) -> int:
    """Print the explanation of FORMULA."""
    reasoner, asked = open_reasoner(arguments)
    formula_argument(arguments.formula, "FORMULA", asked.scenario)
    explanation = reasoner.explain(arguments.formula, assume=asked.assume, at=asked.at)
    if arguments.json:
        print_json(explanation.to_json())
    else:
        explanation_text(explanation, asked.scenario, asked.assume, asked.at, sys.stdout)
    return EXIT_OK


COMMAND = Command(
    name="explain",
    help="why a formula is certain, possible or impossible",
    description="For a certain or impossible formula, name a minimal set of statements "
    "and assumptions that already forces it, with who said each and when; for a "
    "possible one, show an outcome where it holds and one where it fails.",
    configure=configure,
    run=run,
)
