"""``commitlogic credibility``: what closed scenarios teach the forecasting model.

    commitlogic credibility FILE_OR_DIR... [--json] [--write SCENARIO] [--model NAME]

Counts, per actor, the commitments kept and broken in the scenarios whose
observed facts settle every declared outcome; pools them (actor, party,
everyone) into a credibility per actor; and fits the default model's
global parameters on the same scenarios.  ``--write`` sets the pooled
credibility of each actor of another scenario file (their own record,
else their party's) as its ``credibility`` key, and says which it wrote.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from commitlogic.cli.command import EXIT_OK, Command, json_option, model_option, print_json
from commitlogic.cli.forecast_text import percent
from commitlogic.cli.text import table

if TYPE_CHECKING:  # learning imports NumPy: only this command's run needs it
    from commitlogic.analysis.credibility import Learned

__all__ = ["COMMAND"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the paths, ``--json``, ``--write`` and ``--model``."""
    from commitlogic.cli import warnings as cli_warnings

    parser.add_argument(
        "paths", metavar="FILE_OR_DIR", nargs="+", help="scenario files, or folders of them"
    )
    cli_warnings.add_strict_option(parser)
    json_option(parser, "one JSON object")
    parser.add_argument(
        "--write",
        metavar="SCENARIO",
        help="set the learned credibilities of this scenario's actors (own record, else party)",
    )
    model_option(parser)


def run(arguments: argparse.Namespace) -> int:
    """Print what was learned; write the credibilities when ``--write`` asks."""
    from commitlogic.analysis.credibility import learn_credibilities, write_learned

    learned = learn_credibilities(arguments.paths, model=arguments.model, strict=arguments.strict)
    written = None if arguments.write is None else write_learned(arguments.write, learned)
    if arguments.json:
        found = learned.to_json()
        found["written"] = None if written is None else {a: v for a, (v, _w) in written.items()}
        print_json(found)
    else:
        _text(learned, arguments.write, written, sys.stdout)
    return EXIT_OK


def _text(
    learned: Learned,
    target: str | None,
    written: dict[str, tuple[float, str]] | None,
    out: TextIO,
) -> None:
    """Write the records, the pooled credibilities, the fitted parameters and what was written."""
    out.write(f"closed scenarios: {len(learned.closed)}\n")
    for name, why in learned.skipped:
        out.write(f"  skipped {name}: {why}\n")
    out.write("\n")
    if learned.counted == 0:
        out.write(
            "no commitment was counted: the observed facts of the closed scenarios settle "
            "none of their commitments (kept or broken), so no actor has a record and "
            f"everyone gets the pooled rate {learned.everyone:.3f}\n\n"
        )
    rows = [
        (actor, party or "", str(kept), str(broken), f"{learned.actors[actor]:.3f}")
        for actor, (kept, broken, party) in learned.records.items()
        if kept + broken > 0
    ]
    if rows:
        table(("actor", "party", "kept", "broken", "credibility"), rows, out, numbers_right=True)
    out.write(
        f"pooled: actor <- party <- everyone ({learned.everyone:.3f}), "
        f"strength {learned.strength:g}\n"
    )
    if learned.predicates:
        shares = ", ".join(f"{name} {value:.3f}" for name, value in learned.predicates.items())
        out.write(f"free propositions that held, by predicate (pooled): {shares}\n")
    values = ", ".join(f"{name} {percent(value)}" for name, value in learned.values.items())
    out.write(f"model {learned.model}, fitted: {values or 'nothing to fit'}\n")
    if target is None:
        return
    if not written:
        out.write(
            f"\nwrote nothing into {target}: none of its actors or their parties has a record\n"
        )
        return
    out.write(f"\nwrote the credibility of {len(written)} actors into {target}:\n")
    for actor, (value, why) in written.items():
        out.write(f"  {actor} = {value:.3f} ({why})\n")


COMMAND = Command(
    name="credibility",
    help="learn credibilities from closed scenarios",
    description="Learn from closed scenarios (whose observed facts settle every declared "
    "outcome): each actor's commitments kept and broken, pooled into a credibility per "
    "actor (actor, party, everyone), and the forecasting model's parameters.  --write sets "
    "the credibilities of another scenario's actors.",
    configure=configure,
    run=run,
)
