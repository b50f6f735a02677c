"""``commitlogic add``: append a statement to a scenario file, validated and atomic."""

from __future__ import annotations

import argparse

from commitlogic.cli import warnings as cli_warnings
from commitlogic.cli.command import EXIT_OK, Command, shown_path, text
from commitlogic.io.editing import add_statement
from commitlogic.model.scenario import Kind

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE and the keys of a ``[[statements]]`` table."""
    parser.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    cli_warnings.add_strict_option(parser)
    parser.add_argument("--id", required=True, type=text, help="the new statement's id")
    parser.add_argument(
        "--kind", required=True, choices=[kind.value for kind in Kind], help="its kind"
    )
    parser.add_argument(
        "--by", metavar="ACTOR", type=text, help="who said it (not needed for observed)"
    )
    parser.add_argument("--to", metavar="ACTOR", type=text, help="to whom it was said")
    parser.add_argument("--said", metavar="DATE", type=text, help="when (ISO date or datetime)")
    parser.add_argument("--quote", type=text, help="what was said, as quoted")
    parser.add_argument("--source", type=text, help="where it was reported (a URL)")
    parser.add_argument("--weight", type=int, help="its weight in tolerant mode (default 1)")
    parser.add_argument(
        "--subject", metavar="FORMULA", type=text, required=True, help="the subject"
    )
    parser.add_argument(
        "--condition", metavar="FORMULA", type=text, help="the condition (if, only_if, might)"
    )
    parser.add_argument(
        "--supersedes",
        metavar="ID",
        type=text,
        nargs="+",
        default=[],
        help="statements it replaces",
    )


def run(arguments: argparse.Namespace) -> int:
    """Append the statement; print its id."""
    fields = {
        key: getattr(arguments, key)
        for key in ("id", "kind", "by", "to", "said", "quote", "source", "weight", "subject")
    }
    fields["condition"] = arguments.condition
    fields["supersedes"] = arguments.supersedes or None
    statement = add_statement(
        arguments.file, fields, strict=arguments.strict, warn=cli_warnings.print_warning
    )
    print(f"added statement {statement.id!r} to {shown_path(arguments.file)}")
    return EXIT_OK


COMMAND = Command(
    name="add",
    help="append a statement to a scenario file (validated, atomic)",
    description="Append a [[statements]] table to FILE. The new file is checked before "
    "it replaces the old one, in one atomic step; a rejected statement leaves FILE "
    "unchanged (exit code 2).",
    configure=configure,
    run=run,
)
