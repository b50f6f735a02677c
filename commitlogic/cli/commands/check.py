"""``commitlogic check``: is the scenario consistent? Exit code 1 if not."""

from __future__ import annotations

import argparse
import sys

from commitlogic.cli import warnings as cli_warnings
from commitlogic.cli.command import (
    EXIT_INCONSISTENT,
    EXIT_OK,
    Command,
    json_option,
    print_json,
    query_options,
)
from commitlogic.cli.command import reasoner as open_reasoner
from commitlogic.cli.text import check_text

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, the query options, the limits and ``--json``."""
    query_options(parser)
    json_option(parser, "the status object plus its warnings")


def run(arguments: argparse.Namespace) -> int:
    """Print whether the scenario is consistent, or a minimal conflict (exit code 1)."""
    reasoner, asked = open_reasoner(arguments, warnings=True)
    cli_warnings.print_warnings(asked.warnings)
    if arguments.json:
        report = reasoner.status(assume=asked.assume, at=asked.at)
        print_json(cli_warnings.check_json(report, asked.warnings))
        return EXIT_OK if report.consistent else EXIT_INCONSISTENT
    conflict = reasoner.conflict(assume=asked.assume, at=asked.at)
    check_text(conflict, asked.scenario, sys.stdout)
    return EXIT_OK if conflict is None else EXIT_INCONSISTENT


COMMAND = Command(
    name="check",
    help="is the scenario consistent? (exit code 1 if not)",
    description="Tell whether at least one outcome satisfies every active statement "
    "and assumption; when none does, name a minimal conflict and exit with 1.",
    configure=configure,
    run=run,
)
