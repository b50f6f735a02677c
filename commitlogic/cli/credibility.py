"""The ``commitlogic credibility`` command: credibilities learned from closed scenarios.

    commitlogic credibility FILE_OR_DIR... [--json] [--write SCENARIO]

Counts, per actor, the commitments kept and broken in the scenarios whose
observed facts settle every declared outcome, and proposes each actor's
credibility with a Beta(1, 1) prior.  ``--write`` sets these as
``credibility`` keys of the actors of another scenario file (only actors
with a record; the file is edited safely and atomically).
"""

from __future__ import annotations

import argparse
import json
import sys

from commitlogic.analysis.record import read_record, write_credibilities
from commitlogic.model.errors import ScenarioError

__all__ = ["configure", "run"]

EXIT_OK, EXIT_USAGE = 0, 2


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``credibility`` to its (sub)parser."""
    parser.description = (
        "Learn each actor's credibility from closed scenarios (whose observed facts settle "
        "every declared outcome): commitments kept and broken, Beta(1, 1) prior, so an "
        "actor with no record gets 1/2."
    )
    parser.add_argument(
        "paths", metavar="FILE_OR_DIR", nargs="+", help="scenario files, or folders of them"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--write",
        metavar="SCENARIO",
        help="set the learned credibilities (actors with a record) in this scenario file",
    )


def run(arguments: argparse.Namespace) -> int:
    """Run ``credibility`` with parsed ``arguments``; return the exit code."""
    try:
        record = read_record(arguments.paths)
        if arguments.write is not None:
            learned = {
                actor: entry.credibility
                for actor, entry in record.actors.items()
                if entry.kept + entry.broken > 0
            }
            write_credibilities(arguments.write, learned)
    except ScenarioError as error:
        print(f"commitlogic: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if arguments.json:
        json.dump(record.to_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    out = sys.stdout
    out.write(f"closed scenarios: {len(record.closed)} (prior Beta(1, 1))\n")
    for name, why in record.skipped:
        out.write(f"  skipped {name}: {why}\n")
    out.write("\n")
    rows = [
        (actor, str(entry.kept), str(entry.broken), f"{entry.credibility:.3f}")
        for actor, entry in record.actors.items()
    ]
    headers = ("actor", "kept", "broken", "credibility")
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(4)]
    for row in [headers, tuple("-" * w for w in widths), *rows]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        out.write("  ".join(cells).rstrip() + "\n")
    if arguments.write is not None:
        out.write(f"\nwrote the credibilities of actors with a record into {arguments.write}\n")
    return EXIT_OK
