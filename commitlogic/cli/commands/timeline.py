"""``commitlogic timeline``: the scenario replayed at each date something was said."""

from __future__ import annotations

import argparse
import sys

from commitlogic.analysis.timelines import timeline
from commitlogic.cli.command import (
    EXIT_OK,
    Command,
    json_option,
    model_option,
    print_json,
    query_options,
)
from commitlogic.cli.command import reasoner as open_reasoner
from commitlogic.cli.forecast_text import timeline_forecast_text
from commitlogic.cli.text import timeline_text

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add FILE, ``--assume``, ``--tolerant``, the limits, ``--json`` and ``--plot``."""
    query_options(parser, at=False, tolerant=True)
    json_option(parser, "a JSON list, one object per date")
    parser.add_argument(
        "--plot",
        metavar="PATH",
        help="also draw the statuses of the outcomes over time (.png, .svg or .pdf; "
        "needs matplotlib: pip install 'commitlogic[plot]')",
    )
    parser.add_argument(
        "--forecast",
        action="store_true",
        help="also give each outcome's forecast probability on each date; with --plot, "
        "draw those probabilities as lines",
    )
    model_option(parser)


def run(arguments: argparse.Namespace) -> int:
    """Print the timeline; draw it first when ``--plot`` asks."""
    reasoner, asked = open_reasoner(arguments)
    plot = None
    if arguments.plot is not None:
        from commitlogic.analysis import plotting  # matplotlib is optional, and slow to import

        plot = plotting.check_destination(arguments.plot)
    replay = timeline(
        reasoner, assume=asked.assume, forecast=arguments.forecast, model=arguments.model
    )
    if plot is not None:
        draw = plotting.plot_forecast if arguments.forecast else plotting.plot_timeline
        draw(replay, plot, title=asked.scenario.name)
    if arguments.json:
        print_json(replay.to_json())
    else:
        timeline_text(replay, asked.scenario, asked.assume, sys.stdout)
        timeline_forecast_text(replay, sys.stdout)
    return EXIT_OK


COMMAND = Command(
    name="timeline",
    help="replay the scenario at each date something was said",
    description="Replay the scenario at each distinct 'said' date: which statements "
    "became active or were superseded, and which statuses changed.",
    configure=configure,
    run=run,
)
