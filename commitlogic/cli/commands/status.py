"""``commitlogic status``: the statuses of atoms, outcomes and commitments."""

from __future__ import annotations

import argparse
import sys

from commitlogic.cli.command import EXIT_OK, Command, json_option, print_json, query_options
from commitlogic.cli.command import reasoner as open_reasoner
from commitlogic.cli.text import status_text

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, the query options, ``--tolerant``, the limits and ``--json``."""
    query_options(parser, tolerant=True)
    json_option(parser, "one JSON object")


def run(arguments: argparse.Namespace) -> int:
    """Print the status report of the query."""
    reasoner, asked = open_reasoner(arguments)
    report = reasoner.status(assume=asked.assume, at=asked.at)
    if arguments.json:
        print_json(report.to_json())
    else:
        status_text(report, asked.scenario, asked.assume, asked.at, sys.stdout)
    return EXIT_OK


COMMAND = Command(
    name="status",
    help="statuses of atoms, outcomes and commitments",
    description="Print which atoms and outcomes are certain, possible or impossible, "
    "and the states each active commitment can take.",
    configure=configure,
    run=run,
)
