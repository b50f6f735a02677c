"""The commands of ``commitlogic``, one module each; each module defines ``COMMAND``.

The table that lists them, in the order ``commitlogic --help`` shows them,
is :data:`commitlogic.cli.main.COMMANDS`.
"""

__all__: list[str] = []
