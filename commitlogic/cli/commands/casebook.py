"""``commitlogic casebook``: the real cases shipped with the package.

    commitlogic casebook list [--json]
    commitlogic casebook path [NAME]

``list`` prints each case's name, its dates and its scenario name; ``path``
prints the folder of the cases (or one case's file), which every command
that reads scenario files or folders accepts::

    commitlogic evaluate "$(commitlogic casebook path)"
"""

from __future__ import annotations

import argparse
import sys

from commitlogic.cli.command import EXIT_OK, Command, print_json
from commitlogic.cli.text import table

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``list`` and ``path`` actions."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    listing = actions.add_parser("list", help="list the cases")
    listing.add_argument("--json", action="store_true", help="print a JSON list of cases")
    where = actions.add_parser("path", help="print the folder of the cases, or a case's file")
    where.add_argument("name", metavar="NAME", nargs="?", help="a case (see: casebook list)")


def run(arguments: argparse.Namespace) -> int:
    """List the cases, or print where they are."""
    from commitlogic import casebook

    if arguments.action == "path":
        print(casebook.path(arguments.name))
        return EXIT_OK
    rows = []
    for name in casebook.names():
        scenario = casebook.load(name)
        days = scenario.dates()
        span = f"{str(days[0])[:10]} to {str(days[-1])[:10]}" if days else ""
        rows.append((name, span, str(len(scenario.statements)), scenario.name))
    if arguments.json:
        keys = ("name", "dates", "statements", "title")
        print_json([dict(zip(keys, row, strict=True)) for row in rows])
    else:
        sys.stdout.write(f"{len(rows)} cases in {casebook.path()}\n\n")
        table(("case", "dates", "statements", "title"), rows, sys.stdout)
    return EXIT_OK


COMMAND = Command(
    name="casebook",
    help="list the real, closed cases shipped with commitlogic, or print their path",
    description="The casebook: real summits whose outcome is known, with a source for every "
    "statement.  'list' lists them; 'path' prints their folder (or one case's file), which "
    "every command that reads scenarios accepts.",
    configure=configure,
    run=run,
)
