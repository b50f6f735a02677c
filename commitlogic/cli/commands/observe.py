"""``commitlogic observe``: append an observed fact to a scenario file, validated and atomic."""

from __future__ import annotations

import argparse

from commitlogic.cli import warnings as cli_warnings
from commitlogic.cli.command import EXIT_OK, Command, shown_path, text
from commitlogic.io.editing import observe

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, FORMULA, ``--said`` and the optional keys."""
    parser.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    cli_warnings.add_strict_option(parser)
    parser.add_argument("formula", metavar="FORMULA", type=text, help="what was observed")
    parser.add_argument(
        "--said", metavar="DATE", type=text, required=True, help="when it was observed"
    )
    parser.add_argument("--id", type=text, help="the statement's id (default: the next observed_N)")
    parser.add_argument("--quote", type=text, help="the report, as quoted")
    parser.add_argument("--source", type=text, help="where it was reported (a URL)")


def run(arguments: argparse.Namespace) -> int:
    """Append the observed statement; print its id."""
    statement = observe(
        arguments.file,
        arguments.formula,
        said=arguments.said,
        id=arguments.id,
        quote=arguments.quote,
        source=arguments.source,
        strict=arguments.strict,
        warn=cli_warnings.print_warning,
    )
    print(f"added statement {statement.id!r} to {shown_path(arguments.file)}")
    return EXIT_OK


COMMAND = Command(
    name="observe",
    help="append an observed fact to a scenario file (validated, atomic)",
    description="Append an observed statement of FORMULA to FILE, as 'add --kind observed' "
    "does; without --id it is named observed_1, observed_2, ...",
    configure=configure,
    run=run,
)
