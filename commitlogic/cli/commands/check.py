"""``commitlogic check``: is the scenario consistent? Exit code 1 if not."""

from __future__ import annotations

import argparse
import sys

from commitlogic.cli.command import EXIT_INCONSISTENT, EXIT_OK, Command, query_options
from commitlogic.cli.command import reasoner as open_reasoner
from commitlogic.cli.text import check_text

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, the query options and the limits."""
    query_options(parser)


def run(arguments: argparse.Namespace) -> int:
    """Print whether the scenario is consistent, or a minimal conflict (exit code 1)."""
    reasoner, asked = open_reasoner(arguments)
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
