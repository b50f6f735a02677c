"""The ``commitlogic`` command."""

from commitlogic.cli.main import main

__all__ = ["main"]
