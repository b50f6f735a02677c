"""``commitlogic forecast``: the probability of every outcome, atom and kept commitment.

    commitlogic forecast FILE [--assume FORMULA]... [--at DATE] [--model NAME] [--json]
                              [--samples N] [--seed S] [--time-limit SECONDS]

For people: the outcomes sorted by probability, the chance that each active
commitment is kept next to its credibility, and the atoms.  A
``credibility`` on an ``observed`` or ``might`` statement is reported on
stderr as a located warning, since it cannot change anything.
"""

from __future__ import annotations

import argparse
import sys

from commitlogic.cli import warnings as cli_warnings
from commitlogic.cli.command import (
    EXIT_OK,
    Command,
    Limit,
    json_option,
    model_option,
    positive,
    print_json,
    query_options,
    question,
)
from commitlogic.cli.forecast_text import forecast_text
from commitlogic.io.checking import locate_warnings
from commitlogic.io.files import read_text
from commitlogic.model.errors import SolverLimit
from commitlogic.model.linting import credibility_warnings

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, ``--assume``, ``--at``, ``--model``, ``--json``, ``--samples``, ``--seed``."""
    query_options(parser, limits=False)
    model_option(parser)
    json_option(parser, "one JSON object")
    parser.add_argument(
        "--time-limit",
        metavar="SECONDS",
        type=positive(float),
        help="give up (exit code 3) when the forecast needs longer",
    )
    parser.add_argument(
        "--samples",
        metavar="N",
        type=positive(int),
        help="estimate from N samples (MC-SAT), with standard errors, instead of exactly",
    )
    parser.add_argument(
        "--seed", metavar="S", type=int, default=0, help="the sampler's seed (default 0)"
    )


def run(arguments: argparse.Namespace) -> int:
    """Print the forecast, exact or sampled."""
    from commitlogic.forecasting import TooWide, forecast

    asked = question(arguments)  # under --strict, any warning is an error here
    notes = credibility_warnings(asked.scenario)
    if notes:  # the only warnings a forecast prints: a credibility that cannot matter
        text = read_text(arguments.file)
        cli_warnings.print_warnings(locate_warnings(notes, text, arguments.file))
    try:
        result = forecast(
            asked.scenario,
            asked.assume,
            asked.at,
            model=arguments.model,
            samples=arguments.samples,
            seed=arguments.seed,
            time_limit=arguments.time_limit,
        )
    except TooWide as error:
        raise Limit(f"{error}; estimate it with --samples N") from None
    except SolverLimit as error:
        raise Limit(
            f"the forecast hit the time limit of {error.value:g} s (raise --time-limit)"
        ) from None
    if arguments.json:
        print_json(result.to_json())
    else:
        forecast_text(result, asked.scenario, asked.assume, arguments.at, sys.stdout)
    return EXIT_OK


COMMAND = Command(
    name="forecast",
    help="probabilities of outcomes from the actors' credibilities",
    description="Print the probability of every outcome, atom and kept commitment when "
    "each commitment holds with its credibility (SPEC section 3, forecast mode); observed "
    "facts and assumptions are hard.  The default model is the one that forecast the "
    "casebook best (docs/forecast-quality.md); --model independent is exactly SPEC's.  "
    "Exact unless --samples is given.",
    configure=configure,
    run=run,
)
