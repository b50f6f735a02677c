"""``commitlogic completion``: a shell completion script, made by shtab from the parser."""

from __future__ import annotations

import argparse
import sys

from commitlogic.cli.command import EXIT_OK, Command

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add SHELL."""
    parser.add_argument("shell", metavar="SHELL", choices=("bash", "zsh", "tcsh"))


def run(arguments: argparse.Namespace) -> int:
    """Print the script for SHELL, for the whole program's parser."""
    import shtab  # only this command needs it

    sys.stdout.write(shtab.complete(arguments.program, shell=arguments.shell))
    return EXIT_OK


COMMAND = Command(
    name="completion",
    help="print a shell completion script (bash, zsh or tcsh)",
    description="Print a completion script for SHELL; for bash, for example: "
    "commitlogic completion bash > ~/.local/share/bash-completion/completions/commitlogic",
    configure=configure,
    run=run,
)
