"""``commitlogic graph``: who conditioned what on whom, as Graphviz DOT, SVG or PNG."""

from __future__ import annotations

import argparse
import os
import sys

from commitlogic.cli import warnings as cli_warnings
from commitlogic.cli.command import EXIT_OK, Command
from commitlogic.io.files import write_atomically
from commitlogic.io.graph import FORMATS, dot_source, render

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, ``-o`` and ``--format``."""
    parser.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    cli_warnings.add_strict_option(parser)
    parser.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="dot, svg or png (default: from OUT's suffix, else dot)",
    )


def run(arguments: argparse.Namespace) -> int:
    """Write the graph to OUT (atomically) or to stdout."""
    scenario, _found = cli_warnings.load_scenario(arguments.file, arguments.strict)
    output = arguments.output
    chosen = arguments.format
    if chosen is None:
        suffix = "" if output is None else os.path.splitext(output)[1].lower().lstrip(".")
        chosen = {"svg": "svg", "png": "png"}.get(suffix, "dot")
    data = render(dot_source(scenario), chosen)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(output, data)
    return EXIT_OK


COMMAND = Command(
    name="graph",
    help="draw who conditioned what on whom (Graphviz DOT, SVG, PNG)",
    description="Write the dependency graph of FILE: actors, events, and an edge for each "
    "conditional statement from its condition to its subject. SVG and PNG need "
    "Graphviz's dot program.",
    configure=configure,
    run=run,
)
