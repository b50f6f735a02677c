"""The ``commitlogic forecast`` command (SPEC section 4): probabilities, for people or as JSON.

    commitlogic forecast FILE [--assume FORMULA]... [--at DATE] [--json] [--samples N] [--seed S]

For people: the outcomes sorted by probability, the chance that each
active commitment is kept next to its credibility, and the atoms.  A
``credibility`` on an ``observed`` or ``might`` statement is reported on
stderr as a located warning, since it cannot change anything.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from commitlogic.analysis.timelines import Timeline
from commitlogic.io.loading import load, locate
from commitlogic.model.credibility import credibilities, ignored_credibilities
from commitlogic.model.errors import ScenarioError
from commitlogic.model.query import checked_formula, parse_at
from commitlogic.model.scenario import Scenario
from commitlogic.reasoning.counting import TooWide
from commitlogic.reasoning.forecast import Forecast, forecast

__all__ = ["configure", "configure_timeline", "read", "run", "samples_count", "write_timeline"]

EXIT_OK, EXIT_USAGE, EXIT_LIMIT = 0, 2, 3


def samples_count(text: str) -> int:
    """Return ``--samples`` as a positive integer (an argparse type: bad text is a usage error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``forecast`` to its (sub)parser."""
    parser.description = (
        "Print the probability of every outcome, atom and kept commitment when each "
        "commitment holds with its credibility (SPEC section 3, forecast mode); observed "
        "facts and assumptions are hard.  Exact unless --samples is given."
    )
    parser.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    parser.add_argument(
        "--assume",
        metavar="FORMULA",
        action="append",
        default=[],
        help="assume this formula holds (hard, like an observation); repeat for several",
    )
    parser.add_argument(
        "--at", metavar="DATE", help="replay the scenario at this date or datetime (ISO)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object (SPEC)")
    parser.add_argument(
        "--samples",
        metavar="N",
        type=samples_count,
        help="estimate from N samples (MC-SAT), with standard errors, instead of exactly",
    )
    parser.add_argument(
        "--seed", metavar="S", type=int, default=0, help="the sampler's seed (default 0)"
    )


def configure_timeline(parser: argparse.ArgumentParser) -> None:
    """Add ``--forecast`` to the ``timeline`` command's parser."""
    parser.add_argument(
        "--forecast",
        action="store_true",
        help="also give each outcome's forecast probability on each date; with --plot, "
        "draw those probabilities as lines",
    )


def write_timeline(replay: Timeline, out: TextIO) -> None:
    """Write the outcomes' probabilities per date (nothing without forecasts), for people."""
    entries = [entry for entry in replay if entry.forecast is not None]
    if not entries:
        return
    series = replay.probabilities()
    out.write("forecast: each outcome's probability on each date\n\n")
    headers = ("outcome", *(entry.at.isoformat() for entry in entries))
    rows = [
        (name, *("-" if value is None else percent(value) for value in values))
        for name, values in series.items()
    ]
    _table(headers, rows, out)


def read(file: str) -> Scenario:
    """Load a scenario file; print a located warning for each credibility that cannot matter."""
    scenario = load(file)
    notes = ignored_credibilities(scenario)
    if notes:
        text = Path(file).read_text(encoding="utf-8")
        for note in notes:
            located = locate(note, text, file)
            where = f"{file}:{located.line}:{located.column}" if located.line else file
            print(
                f"{where}: warning: {located.entry}, field 'credibility': {note.reason}",
                file=sys.stderr,
            )
    return scenario


def run(arguments: argparse.Namespace) -> int:
    """Run ``forecast`` with parsed ``arguments``; return the exit code."""
    try:
        scenario = read(arguments.file)
        for text in arguments.assume:
            try:
                checked_formula(text, scenario, "assume")
            except ScenarioError as error:
                raise ScenarioError(f"--assume {text!r}: {error.reason}") from None
        at = None
        if arguments.at is not None:
            try:
                at = parse_at(arguments.at)
            except ScenarioError as error:
                raise ScenarioError(f"--at: {error.reason}") from None
        result = forecast(
            scenario, arguments.assume, at, samples=arguments.samples, seed=arguments.seed
        )
    except ScenarioError as error:
        print(f"commitlogic: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TooWide as error:
        print(f"commitlogic: limit: {error}; estimate it with --samples N", file=sys.stderr)
        return EXIT_LIMIT
    if arguments.json:
        json.dump(result.to_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_forecast(result, scenario, arguments.assume, arguments.at, sys.stdout)
    return EXIT_OK


def percent(value: float, error: float | None = None) -> str:
    """Format a probability for people: ``94.1%``, or ``94.1% ± 0.5`` with a standard error."""
    text = f"{100 * value:.1f}%"
    return text if error is None else f"{text} ± {100 * error:.1f}"


def write_forecast(
    result: Forecast, scenario: Scenario, assume: list[str], at: str | None, out: TextIO
) -> None:
    """Write the forecast as tables: outcomes by probability, commitments, atoms."""
    out.write(f"{scenario.name}\n")
    if at is not None:
        out.write(f"  at {at}\n")
    for text in assume:
        out.write(f"  assuming {text}\n")
    out.write("\n")
    if not result.consistent:
        out.write("inconsistent: no assignment satisfies the observed facts and assumptions\n")
        out.write("minimal conflict of the hard facts:\n")
        for name in result.conflict or ():
            out.write(f"  - {name}\n")
        return
    if result.exact:
        out.write("forecast: exact probabilities\n\n")
    else:
        out.write(f"forecast: estimated from {result.samples} samples (± standard error)\n\n")
    sampled = not result.exact

    def cell(key: str, name: str, value: float) -> str:
        return percent(value, (result.errors or {}).get(key, {}).get(name) if sampled else None)

    if result.outcomes:
        rows = sorted(result.outcomes.items(), key=lambda item: (-item[1], item[0]))
        _table(("outcome", "probability"), [(n, cell("outcomes", n, v)) for n, v in rows], out)
    if result.commitments:
        prior = credibilities(scenario)
        by = {statement.id: statement.by or "" for statement in scenario.statements}
        rows = sorted(result.commitments.items(), key=lambda item: (-item[1], item[0]))
        _table(
            ("commitment", "by", "credibility", "chance kept"),
            [(n, by[n], percent(prior[n]), cell("commitments", n, v)) for n, v in rows],
            out,
        )
    if result.atoms:
        rows = sorted(result.atoms.items(), key=lambda item: (-item[1], item[0]))
        _table(("atom", "probability"), [(n, cell("atoms", n, v)) for n, v in rows], out)


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]], out: TextIO) -> None:
    """Write rows under headers in aligned columns (numbers right-aligned), then a blank line."""
    cells = [list(headers), *(list(row) for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [i > 0 and all(row[i][:1].isdigit() for row in rows) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip() + "\n"

    out.write(line(cells[0]))
    out.write(line(["-" * width for width in widths]))
    for row in cells[1:]:
        out.write(line(row))
    out.write("\n")
