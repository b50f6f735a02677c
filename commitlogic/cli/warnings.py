"""Warnings on the command line (SPEC sections 2 and 4): print them, or refuse them.

Every command that reads a scenario takes ``--strict`` (:func:`add_strict_option`)
and loads it through :func:`load_scenario`, which turns the first warning into an
input error (exit code 2) under ``--strict``.  ``check`` prints the warnings on
stderr as ``FILE:LINE:COL: warning: ...`` (:func:`print_warnings`), and
``check --json`` adds them to the status object (:func:`check_json`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from commitlogic.io.checking import load_scenario
from commitlogic.model.linting import ScenarioWarning
from commitlogic.reasoning.results import StatusReport

__all__ = ["add_strict_option", "check_json", "load_scenario", "print_warning", "print_warnings"]

STRICT_HELP = "treat warnings (likely typos, SPEC section 2) as input errors (exit code 2)"


def add_strict_option(command: argparse.ArgumentParser) -> None:
    """Add ``--strict`` to a command that reads a scenario."""
    command.add_argument("--strict", action="store_true", help=STRICT_HELP)


def print_warnings(found: Iterable[ScenarioWarning], stream: TextIO | None = None) -> None:
    """Print each warning on its own line (default: stderr), ``FILE:LINE:COL: warning: ...``."""
    out = sys.stderr if stream is None else stream
    for warning in found:
        out.write(f"{warning}\n")


def print_warning(warning: ScenarioWarning) -> None:
    """Print one warning on stderr (what ``add`` and ``observe`` do after writing)."""
    sys.stderr.write(f"{warning}\n")


def check_json(report: StatusReport, found: Iterable[ScenarioWarning]) -> dict[str, Any]:
    """Return the JSON object of ``check --json``: the status object plus ``warnings``."""
    return {**report.to_json(), "warnings": [warning.to_json() for warning in found]}
