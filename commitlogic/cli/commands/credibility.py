"""``commitlogic credibility``: credibilities learned from closed scenarios.

    commitlogic credibility FILE_OR_DIR... [--json] [--write SCENARIO]

Counts, per actor, the commitments kept and broken in the scenarios whose
observed facts settle every declared outcome, and proposes each actor's
credibility with a Beta(1, 1) prior.  ``--write`` sets these as
``credibility`` keys of the actors of another scenario file (only actors
with a record; the file is edited safely and atomically).
"""

from __future__ import annotations

import argparse
import os
import sys

from commitlogic.cli import warnings as cli_warnings
from commitlogic.cli.command import EXIT_OK, Command, json_option, print_json
from commitlogic.cli.forecast_text import record_text

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the paths, ``--json`` and ``--write``."""
    parser.add_argument(
        "paths", metavar="FILE_OR_DIR", nargs="+", help="scenario files, or folders of them"
    )
    cli_warnings.add_strict_option(parser)
    json_option(parser, "one JSON object")
    parser.add_argument(
        "--write",
        metavar="SCENARIO",
        help="set the learned credibilities (actors with a record) in this scenario file",
    )


def run(arguments: argparse.Namespace) -> int:
    """Print each actor's record and credibility; write them when ``--write`` asks."""
    from commitlogic.analysis.record import read_record, scenario_paths, write_credibilities

    if arguments.strict:  # a warning in any file read is an input error
        for path in scenario_paths(arguments.paths):
            cli_warnings.load_scenario(os.fspath(path), strict=True)
    record = read_record(arguments.paths)
    if arguments.write is not None:
        learned = {
            actor: entry.credibility
            for actor, entry in record.actors.items()
            if entry.kept + entry.broken > 0
        }
        write_credibilities(arguments.write, learned)
    if arguments.json:
        print_json(record.to_json())
    else:
        record_text(record, arguments.write, sys.stdout)
    return EXIT_OK


COMMAND = Command(
    name="credibility",
    help="learn credibilities from closed scenarios",
    description="Learn each actor's credibility from closed scenarios (whose observed facts "
    "settle every declared outcome): commitments kept and broken, Beta(1, 1) prior, so an "
    "actor with no record gets 1/2.",
    configure=configure,
    run=run,
)
