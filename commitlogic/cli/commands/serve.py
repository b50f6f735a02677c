"""``commitlogic serve``: a local page to try what-ifs on a scenario, in a browser.

    commitlogic serve FILE [--port N] [--host 127.0.0.1] [--forecast] [--strict]

The page (:mod:`commitlogic.web.server`) shows what the report shows, with
buttons that assume each atom and outcome true or false, and a date picker;
one live reasoner answers every click.  It binds to 127.0.0.1 unless told
otherwise, writes nothing, and reads FILE again when it changes.  Ctrl-C
stops it (exit code 0).  It needs Starlette and uvicorn, the ``web`` extra.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import sys

from commitlogic.cli import warnings as cli_warnings
from commitlogic.cli.command import EXIT_OK, Command
from commitlogic.io.files import read_text
from commitlogic.model.errors import ScenarioError

__all__ = ["COMMAND"]

#: The default port.
PORT = 8765


def _port(given: str) -> int:
    try:
        value = int(given)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {given!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {given!r}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, ``--strict``, ``--host``, ``--port`` and ``--forecast``."""
    parser.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    cli_warnings.add_strict_option(parser)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this computer only)",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=PORT,
        help=f"the port to listen on (default {PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--forecast",
        action="store_true",
        help="also give each outcome's probability (the default forecast model)",
    )


def _listen(host: str, port: int) -> socket.socket:
    """Return a socket bound to ``host``:``port``; a bad or busy address is an input error."""
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        family = socket.AF_INET  # a host name: resolved by bind
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        raise ScenarioError(
            f"cannot listen on {host}:{port}: {error.strerror or error}", field="--port"
        ) from None
    listener.listen(128)
    return listener


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(arguments: argparse.Namespace) -> int:
    """Serve the page until Ctrl-C."""
    from commitlogic.web.pages import environment, missing_extra
    from commitlogic.web.server import ServedFile, application

    environment("serve")
    try:
        import uvicorn
    except ImportError:
        raise missing_extra("serve", "uvicorn") from None
    if not os.path.isfile(arguments.file):
        read_text(arguments.file)  # raises the located error: missing, a folder...
    served = ServedFile(arguments.file, strict=arguments.strict, forecast=arguments.forecast)
    app = application(served)
    listener = _listen(arguments.host, arguments.port)
    host, port = listener.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"serving {arguments.file} at http://{shown}:{port}/ (Ctrl-C to stop)", flush=True)
    if not _loopback(host):
        print(f"commitlogic: note: {host} is reachable from other computers", file=sys.stderr)
    if served.broken is not None:
        print(f"commitlogic: {served.broken} (the page shows it until fixed)", file=sys.stderr)
    config = uvicorn.Config(
        app, log_level="warning", timeout_graceful_shutdown=2, server_header=False
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[listener])
    except KeyboardInterrupt:
        pass  # uvicorn stopped gracefully, then passed Ctrl-C on
    finally:
        listener.close()
    print("stopped", flush=True)
    return EXIT_OK


COMMAND = Command(
    name="serve",
    help="a local what-if page of the scenario, in the browser",
    description="Serve a page on this computer with the report's content, where each atom "
    "and outcome can be assumed true or false with a click, and a date picker replays the "
    "scenario; the page follows the file as it changes. Read-only. Needs the web extra: "
    "pip install 'commitlogic[web]'.",
    configure=configure,
    run=run,
)
