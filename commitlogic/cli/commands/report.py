"""``commitlogic report``: one self-contained HTML page of a scenario, to read and share.

    commitlogic report FILE [-o PAGE.html] [--at DATE] [--assume FORMULA]... [--forecast]

The page (:mod:`commitlogic.web.report`) has its CSS and pictures inline and
no script; it is written atomically to PAGE.html, or to stdout.  It needs
Jinja2, the ``web`` extra.
"""

from __future__ import annotations

import argparse
import sys

from commitlogic.cli.command import EXIT_OK, Command, query_options
from commitlogic.cli.command import reasoner as open_reasoner
from commitlogic.io.files import write_atomically

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, the query options, ``-o`` and ``--forecast``."""
    query_options(parser)
    parser.add_argument(
        "-o", "--output", metavar="PAGE", help="write the page here (default: stdout)"
    )
    parser.add_argument(
        "--forecast",
        action="store_true",
        help="also give each outcome's probability (the default forecast model), now and "
        "on each date",
    )


def run(arguments: argparse.Namespace) -> int:
    """Write the report page."""
    from commitlogic.web.pages import environment
    from commitlogic.web.report import report_html

    environment()  # without Jinja2, say so before any work
    reasoner, asked = open_reasoner(arguments)
    page = report_html(
        reasoner, asked.assume, asked.at, forecast=arguments.forecast, file=arguments.file
    )
    if arguments.output is None:
        sys.stdout.write(page)
    else:
        write_atomically(arguments.output, page)
    return EXIT_OK


COMMAND = Command(
    name="report",
    help="write one self-contained HTML page of the scenario",
    description="Write one HTML file (CSS and pictures inline, no script, nothing loaded "
    "from the network) with the outcomes and their statuses, why, the timeline and its "
    "chart, every statement with its quote and source, the conflict when there is one, "
    "and the dependency graph. Needs the web extra: pip install 'commitlogic[web]'.",
    configure=configure,
    run=run,
)
