"""``commitlogic evaluate``: how well each forecasting model did on closed cases, leave-one-out.

    commitlogic evaluate FILE_OR_DIR... [--model NAME]... [--json] [--plot PATH] [--strict]

Every closed scenario is held out in turn: each model learns from the
others and forecasts its declared outcomes at its cut-offs (the day before
its last statement, and before each event's start).  The table gives each
model's and baseline's Brier score and log loss, best first, and the
calibration of the best model; ``--plot`` draws the reliability diagram.
"""

from __future__ import annotations

import argparse
import os
import sys

from commitlogic.cli import warnings as cli_warnings
from commitlogic.cli.command import EXIT_OK, Command, json_option, print_json
from commitlogic.cli.text import table

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the paths, ``--model``, ``--json``, ``--plot`` and ``--strict``."""
    from commitlogic.forecasting.models import MODELS

    parser.add_argument(
        "paths", metavar="FILE_OR_DIR", nargs="+", help="scenario files, or folders of them"
    )
    cli_warnings.add_strict_option(parser)
    parser.add_argument(
        "--model",
        metavar="NAME",
        action="append",
        choices=list(MODELS),
        help=f"score only these models (repeat; default: all of {', '.join(MODELS)})",
    )
    json_option(parser, "one JSON object: scores, calibration and every forecast")
    parser.add_argument(
        "--plot",
        metavar="PATH",
        help="draw the reliability diagram (.png, .svg or .pdf; needs matplotlib)",
    )


def run(arguments: argparse.Namespace) -> int:
    """Score the models and baselines; print the table or the JSON; draw when asked."""
    from commitlogic.analysis.evaluation import evaluate
    from commitlogic.analysis.learning import read_cases
    from commitlogic.forecasting.models import MODELS

    plot = None
    if arguments.plot is not None:
        from commitlogic.analysis import plotting

        plot = plotting.check_destination(arguments.plot)
    cases, skipped = read_cases(arguments.paths, strict=arguments.strict)
    result = evaluate(cases, arguments.model or tuple(MODELS), skipped=skipped)
    if plot is not None:
        from commitlogic.analysis.reliability import plot_reliability

        plot_reliability(result, plot)
    if arguments.json:
        print_json(result.to_json())
        return EXIT_OK
    out = sys.stdout
    out.write(f"leave-one-out over {len(result.cases)} closed cases, {len(result.items)} ")
    out.write("forecasts (each outcome at each cut-off)\n")
    for name, why in skipped:
        out.write(f"  skipped {os.fspath(name)}: {why}\n")
    out.write("\n")
    rows = [
        (
            name,
            "model" if name in MODELS else "baseline",
            f"{found.brier:.4f}",
            f"{found.log_loss:.4f}",
        )
        for name, found in result.scores.items()
    ]
    table(("forecaster", "kind", "Brier", "log loss"), rows, out, numbers_right=True)
    best = result.scores[result.best_model]
    out.write(f"calibration of {best.name} (the best model):\n\n")
    bins = [
        (f"{lo:.1f}-{hi:.1f}", str(n), f"{p:.3f}", f"{f:.3f}")
        for lo, hi, n, p, f in best.calibration
    ]
    table(("bin", "forecasts", "mean forecast", "frequency"), bins, out, numbers_right=True)
    return EXIT_OK


COMMAND = Command(
    name="evaluate",
    help="score the forecasting models on closed scenarios, leave-one-out",
    description="Hold out each closed scenario in turn, learn every model from the others, "
    "forecast the held-out outcomes the day before its last statement and before each "
    "event's start, and score the forecasts (Brier, log loss, calibration) with the "
    "baselines: the strict reading as 1/0.5/0, the base rate and a coin.",
    configure=configure,
    run=run,
)
