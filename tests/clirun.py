"""Running the command line in-process, for the tests of the CLI."""

from __future__ import annotations

import pytest

from commitlogic.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``commitlogic ARGV``; return the exit code, the standard output and the error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
