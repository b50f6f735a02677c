"""``commitlogic status``: the statuses of atoms, outcomes and commitments."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack

from commitlogic.cli.command import (
    EXIT_OK,
    Command,
    Question,
    dask_executor,
    dask_option,
    json_option,
    positive,
    print_json,
    query_options,
    question,
)
from commitlogic.cli.command import reasoner as open_reasoner
from commitlogic.cli.text import status_text
from commitlogic.reasoning.results import StatusReport

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, the query options, ``--tolerant``, the limits, the workers and ``--json``."""
    query_options(parser, tolerant=True)
    parser.add_argument(
        "--workers",
        metavar="N",
        type=positive(int),
        help="solve independent parts of the scenario on N processes (same answers)",
    )
    dask_option(parser)
    json_option(parser, "one JSON object")


def run(arguments: argparse.Namespace) -> int:
    """Print the status report of the query."""
    if arguments.workers or arguments.dask:
        asked = question(arguments)
        report = _spread(arguments, asked)
    else:
        reasoner, asked = open_reasoner(arguments)
        report = reasoner.status(assume=asked.assume, at=asked.at)
    if arguments.json:
        print_json(report.to_json())
    else:
        status_text(report, asked.scenario, asked.assume, asked.at, sys.stdout)
    return EXIT_OK


def _spread(arguments: argparse.Namespace, asked: Question) -> StatusReport:
    """Return the status solved in parts (analysis/spread.py), on processes or on Dask."""
    from commitlogic.analysis.spread import spread_status

    with ExitStack() as stack:
        executor = dask_executor(arguments.dask, stack) if arguments.dask else None
        return spread_status(
            asked.scenario,
            asked.assume,
            asked.at,
            workers=arguments.workers,
            executor=executor,
            file=arguments.file if executor is not None else None,
            tolerant=arguments.tolerant,
            time_limit=arguments.time_limit,
            model_limit=arguments.model_limit,
        )


COMMAND = Command(
    name="status",
    help="statuses of atoms, outcomes and commitments",
    description="Print which atoms and outcomes are certain, possible or impossible, "
    "and the states each active commitment can take.  With --workers or --dask, "
    "independent parts of the scenario are solved apart, with the same answers.",
    configure=configure,
    run=run,
)
