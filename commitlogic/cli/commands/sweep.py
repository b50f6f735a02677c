"""The ``commitlogic sweep`` command: many what-ifs on one file, or a folder of files.

    commitlogic sweep FILE --assume-each FORMULA... [--assume F]... [--at DATE] [--json]
    commitlogic sweep DIR [--assume F]... [--at DATE] [--out results.jsonl]

With ``--json`` (always for a folder) it prints JSON lines, one per
candidate or file, in input order; ``--out`` writes them to a file
atomically instead.  A progress bar runs on stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import Executor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from commitlogic.analysis.sweep import SweepResult, scenario_files, sweep, sweep_record
from commitlogic.cli import warnings as cli_warnings
from commitlogic.cli.command import (
    EXIT_LIMIT,
    EXIT_OK,
    EXIT_USAGE,
    Command,
    dask_executor,
    dask_option,
    formula_argument,
    limit_options,
)
from commitlogic.io.files import write_atomically
from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError, SolverLimit
from commitlogic.model.query import parse_at
from commitlogic.reasoning.results import Status, StatusReport

__all__ = ["COMMAND"]


def configure(command: argparse.ArgumentParser) -> None:
    """Add FILE|DIR, the candidates, the query, the outputs, the workers and the limits."""
    command.add_argument("path", metavar="FILE|DIR", help="a scenario file, or a folder of them")
    cli_warnings.add_strict_option(command)
    command.add_argument(
        "--assume-each",
        metavar="FORMULA",
        nargs="+",
        action="extend",
        default=[],
        help="one what-if candidate per formula (join several with 'and'); with a FILE",
    )
    command.add_argument(
        "--assume",
        metavar="FORMULA",
        action="append",
        default=[],
        help="assume this formula in every query; repeat for several",
    )
    command.add_argument("--at", metavar="DATE", help="replay every query at this date")
    command.add_argument(
        "--query",
        metavar="FORMULA",
        help="answer only the status of this formula (faster than a whole status)",
    )
    command.add_argument("--json", action="store_true", help="print JSON lines (SPEC objects)")
    command.add_argument("--out", metavar="FILE", help="write the JSON lines to FILE (atomic)")
    command.add_argument(
        "--workers", metavar="N", type=int, default=0, help="spread the work over N processes"
    )
    dask_option(command)
    command.add_argument("--quiet", action="store_true", help="no progress bar")
    limit_options(command)


def run(arguments: argparse.Namespace) -> int:
    """Answer every item; exit code 2 or 3 when some item failed, after all were answered."""
    folder = Path(arguments.path).is_dir()
    at = _at(arguments.at)
    if folder:
        if arguments.assume_each:
            raise ScenarioError("--assume-each goes with a scenario file, not a folder")
        files = scenario_files(arguments.path)
        for path in files if arguments.strict else ():
            cli_warnings.load_scenario(str(path), strict=True)
        labels = [("file", path.name) for path in files]
        target: Any = files
        candidates = None
    else:
        if not arguments.assume_each:
            raise ScenarioError("sweep over a file needs --assume-each FORMULA...")
        scenario, _found = cli_warnings.load_scenario(arguments.path, arguments.strict)
        for option, texts in (
            ("--assume-each", arguments.assume_each),
            ("--assume", arguments.assume),
            ("--query", [arguments.query] if arguments.query else []),
        ):
            for given in texts:
                formula_argument(given, option, scenario)
        labels = [("assume", text) for text in arguments.assume_each]
        candidates = list(arguments.assume_each)
        workers = arguments.workers > 0 or arguments.dask
        target = arguments.path if workers else scenario
    from tqdm import tqdm  # type: ignore[import-untyped]  # only sweeps need it

    with ExitStack() as stack:
        executor = _executor(arguments, stack)
        bar = stack.enter_context(
            tqdm(
                total=len(labels),
                file=sys.stderr,
                unit="query" if candidates is not None else "file",
                disable=arguments.quiet or not sys.stderr.isatty(),
            )
        )
        results = sweep(
            target,
            candidates,
            assume=arguments.assume,
            at=at,
            formula=arguments.query,
            executor=executor,
            time_limit=arguments.time_limit,
            model_limit=arguments.model_limit,
            errors="return",
            progress=bar.update,
        )
    as_json = arguments.json or folder or arguments.out is not None
    lines = [
        _line(label, result, arguments.query, as_json)
        for label, result in zip(labels, results, strict=True)
    ]
    if arguments.out is not None:
        write_atomically(arguments.out, "".join(line + "\n" for line in lines))
    else:
        for line in lines:
            sys.stdout.write(line + "\n")
    for result in results:
        if isinstance(result, ScenarioError):
            print(f"commitlogic: error: {result}", file=sys.stderr)
    if any(isinstance(result, ScenarioError) for result in results):
        return EXIT_USAGE
    if any(isinstance(result, SolverLimit) for result in results):
        return EXIT_LIMIT
    return EXIT_OK


def _at(given: str | None) -> When | None:
    if given is None:
        return None
    try:
        return parse_at(given)
    except ScenarioError as error:
        raise ScenarioError(f"--at: {error.reason}") from None


COMMAND = Command(
    name="sweep",
    help="many what-ifs on one scenario, or one query on a folder of scenarios",
    description="Answer each --assume-each candidate on one scenario file (grounded "
    "once), or the same query on every *.toml and *.jsonl file of a folder, in input order. "
    "Exit code 0 when every item was answered, 2 when an input was bad (the other "
    "items are still answered), 3 when an item hit --time-limit or --model-limit.",
    configure=configure,
    run=run,
)


def _executor(arguments: argparse.Namespace, stack: ExitStack) -> Executor | None:
    if arguments.dask:
        return dask_executor(arguments.dask, stack)
    if arguments.workers > 0:
        from concurrent.futures import ProcessPoolExecutor

        return stack.enter_context(ProcessPoolExecutor(arguments.workers))
    return None


def _line(label: tuple[str, str], result: SweepResult, formula: str | None, as_json: bool) -> str:
    key, name = label
    if as_json:
        return json.dumps(sweep_record(key, name, result, formula), ensure_ascii=False)
    if isinstance(result, ScenarioError | SolverLimit):
        return f"{name}: {'limit' if isinstance(result, SolverLimit) else 'error'}: {result}"
    if formula is not None:
        return f"{name}: {formula}: {'no outcome' if result is None else result}"
    assert isinstance(result, StatusReport)
    if not result.consistent:
        return f"{name}: inconsistent; conflict: {', '.join(result.conflict or ())}"
    counts = [
        f"{len(result.with_status(status))} {status}"
        for status in (Status.CERTAIN, Status.POSSIBLE, Status.IMPOSSIBLE)
    ]
    return f"{name}: consistent; {', '.join(counts)}"
