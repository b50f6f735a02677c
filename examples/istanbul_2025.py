"""Walk through the Istanbul talks of May 2025 with commitlogic.

Run from the repository root::

    python examples/istanbul_2025.py

It replays ``istanbul_2025.toml`` day by day and asks what-if questions:
what was possible before the Kremlin's answer, what Putin's absence changes,
what Trump's "might" and his refusal mean, and why "Putin is absent, yet
Zelensky and Putin meet" has no outcome.  Then it explains statuses with the
statements behind them, reads a contradiction tolerantly, replays the
timeline (drawing it to ``examples/output/istanbul_timeline.svg`` when
matplotlib is installed: ``pip install 'commitlogic[plot]'``),
ranks which absence would decide the most, and forecasts how likely each
outcome was on each day when every promise holds with its credibility
(drawn to ``examples/output/istanbul_forecast.svg``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import commitlogic
from commitlogic.analysis import timeline, what_if

SCENARIO = Path(__file__).with_name("istanbul_2025.toml")
PICTURE = Path(__file__).with_name("output") / "istanbul_timeline.svg"
FORECAST_PICTURE = Path(__file__).with_name("output") / "istanbul_forecast.svg"

EARLY = "2025-05-12"  # before the Kremlin's answer
KREMLIN = "2025-05-14"  # the Kremlin's delegation list is out
FINAL = "2025-05-15"  # the day of the talks

PUTIN_ABSENT = "absent(putin, istanbul_talks)"
LEADERS_MEET = "attends(zelensky, istanbul_talks) and attends(putin, istanbul_talks)"
TRUMP_GOES = "attends(trump, istanbul_talks)"
ZELENSKY_GOES = "attends(zelensky, istanbul_talks)"


def heading(text: str) -> None:
    """Print a section heading."""
    print(f"\n{text}\n{'=' * len(text)}")


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print rows as a plain text table with aligned columns."""
    cells = [[str(cell) for cell in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for index, row in enumerate(cells):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        if index == 0:
            print("  ".join("-" * width for width in widths))


def compare(columns: Mapping[str, commitlogic.StatusReport]) -> None:
    """Print the outcomes, then the atoms, of several reports side by side."""
    reports = list(columns.values())
    for part in ("outcomes", "atoms"):
        names = getattr(reports[0], part)
        rows = [[name, *(getattr(report, part)[name] for report in reports)] for name in names]
        table([part[:-1], *columns], rows)
        print()


def who(scenario: commitlogic.Scenario, statement: commitlogic.Statement) -> str:
    """Return the name of whoever made a statement."""
    actor = next(actor for actor in scenario.actors if actor.id == statement.by)
    return actor.name or actor.id


def standing(scenario: commitlogic.Scenario, statement_id: str, at: str) -> str:
    """Return whether a statement is active, superseded or not yet said at ``at``."""
    if statement_id in scenario.active(at):
        return "active"
    present = scenario.statement(statement_id).is_present(date.fromisoformat(at))
    return "superseded" if present else "not yet said"


def states(report: commitlogic.StatusReport, statement_id: str) -> str:
    """Return the states of a commitment in a report, or "-" when it is not active."""
    return "/".join(report.commitments.get(statement_id, ("-",)))


def explain_conflict(scenario: commitlogic.Scenario, conflict: Sequence[str] | None) -> None:
    """Print the members of a conflict, with the quote and the speaker of each statement."""
    if conflict is None:
        print("  no conflict: the assumptions have an outcome")
        return
    print("  minimal conflict:", ", ".join(conflict))
    for member in conflict:
        if member.startswith("assume:"):
            print(f"  - {member}  (a what-if assumption)")
            continue
        statement = scenario.statement(member)
        if statement.by is None:
            print(f"  - {member}: observed fact, reported {statement.said}")
        else:
            said = f"{statement.kind}, said {statement.said} by {who(scenario, statement)}"
            print(f"  - {member}: {said}")
        print(f'      "{statement.quote}"')


def main() -> None:
    scenario = commitlogic.load(SCENARIO)
    reasoner = commitlogic.Reasoner(scenario)
    print(f"{scenario.name}: {len(scenario.statements)} statements")
    for day in scenario.dates():
        print(f"  {day}  {', '.join(s.id for s in scenario.statements if s.said == day)}")

    heading(f"1. Before the Kremlin's answer (at {EARLY})")
    early = reasoner.status(at=EARLY)
    print(f"Active: {', '.join(scenario.active(EARLY))}\n")
    compare({EARLY: early})
    print("Certain:", ", ".join(early.with_status(commitlogic.Status.CERTAIN)))
    print("Impossible:", ", ".join(early.with_status(commitlogic.Status.IMPOSSIBLE)) or "nothing")

    heading("2. Putin is absent: a what-if on 12 May, and the real 14 May replay")
    putin_absent = reasoner.status(assume=[PUTIN_ABSENT], at=EARLY)
    replay = reasoner.status(at=KREMLIN)
    before, after = scenario.active(EARLY), scenario.active(KREMLIN)
    print(f"Said since {EARLY}: {', '.join(s for s in after if s not in before)}")
    print(f"Superseded: {', '.join(s for s in before if s not in after)}\n")
    compare({EARLY: early, f"{EARLY} + absent(putin)": putin_absent, f"{KREMLIN} replay": replay})
    for outcome, why in [
        ("zelensky_in_istanbul", "z_only_if_putin ties his trip to Putin's"),
        ("russia_represented", "putin_proposes promised Putin or Medinsky"),
    ]:
        found = f"{putin_absent.outcomes[outcome]} (what-if), {replay.outcomes[outcome]} (replay)"
        print(f"{outcome}: {found}; {why}.")

    heading("3. Trump: 'might' before Qatar, a refusal after")
    rows = [
        [
            label,
            reasoner.query(TRUMP_GOES, assume=assume, at=at),
            standing(scenario, "trump_might_go", at),
            standing(scenario, "trump_stays_in_qatar", at),
        ]
        for label, assume, at in [
            (EARLY, [], EARLY),
            (f"{EARLY}, if Putin comes", ["attends(putin, istanbul_talks)"], EARLY),
            (f"{EARLY}, if Putin stays away", [PUTIN_ABSENT], EARLY),
            ("2025-05-13", [], "2025-05-13"),
            (KREMLIN, [], KREMLIN),
            (FINAL, [], FINAL),
        ]
    ]
    table(["at", "Trump in Istanbul", "trump_might_go", "trump_stays_in_qatar"], rows)
    print("\nA 'might' never restricts: the trip stays possible whatever Putin does;")
    print("the refusal supersedes it and rules the trip out.\n")
    final = reasoner.status(at=FINAL)
    rows = [
        [s.id, s.kind, who(scenario, s), *(states(r, s.id) for r in (early, replay, final))]
        for s in scenario.statements
        if s.is_commitment
    ]
    table(["commitment", "kind", "by", EARLY, KREMLIN, FINAL], rows)

    heading(f"4. Conflict: Putin is absent, yet Zelensky and Putin meet (at {EARLY})")
    both = [PUTIN_ABSENT, LEADERS_MEET]
    explain_conflict(scenario, reasoner.conflict(assume=both, at=EARLY))
    for kept in both:
        print(f"  keeping only {kept!r}: consistent = {reasoner.is_consistent([kept], at=EARLY)}")
    print(f"\nThe same meeting assumed at {FINAL}, after the Kremlin's list:")
    explain_conflict(scenario, reasoner.conflict(assume=[LEADERS_MEET], at=FINAL))
    print(f"\nZelensky alone in Istanbul, assumed at {FINAL}:")
    explain_conflict(scenario, reasoner.conflict(assume=[ZELENSKY_GOES], at=FINAL))

    heading("5. Why? Explanations with the statements behind them")
    for formula, at in [(ZELENSKY_GOES, FINAL), ("attends(rubio, istanbul_talks)", FINAL)]:
        explanation = reasoner.explain(formula, at=at)
        print(f"{explanation.formula} is {explanation.status} at {at}, because of:")
        for member in explanation.because or ():
            statement = scenario.statement(member)
            print(f'  - {member} ({statement.kind}, said {statement.said}): "{statement.quote}"')
            print(f"      {statement.source}")
    explanation = reasoner.explain(TRUMP_GOES, at=EARLY)
    assert explanation.witnesses is not None
    print(f"{explanation.formula} is {explanation.status} at {EARLY}:")
    print(f"  an outcome where it holds: {', '.join(explanation.witnesses.holds)}")
    print(f"  an outcome where it fails: {', '.join(explanation.witnesses.fails) or 'nobody goes'}")

    heading(f"6. Tolerant reading: what if Zelensky had come anyway? (at {FINAL})")
    tolerant = commitlogic.Reasoner(scenario, tolerant=True)
    report = tolerant.status(assume=[ZELENSKY_GOES], at=FINAL)
    print("Strictly there is no outcome (section 4). Tolerantly, commitments may break:")
    print(f"  least total weight of broken commitments: {report.cost}")
    print(f"  broken in every best outcome: {', '.join(report.broken)}")
    print(f"  broken in some: {', '.join(report.at_risk) or 'none'}")
    print(f"  leaders_meet: {report.outcomes['leaders_meet']}")

    heading("7. Timeline: what changed on each day")
    replay = timeline(reasoner)
    for entry in replay:
        moved = [f"{c.name} {c.before}->{c.after}" for c in entry.changes if c.kind == "outcome"]
        print(f"{entry.at}  +{len(entry.became_active)} said, -{len(entry.superseded)} superseded")
        for line in moved:
            print(f"    {line}")
    try:
        from commitlogic.analysis.plotting import plot_timeline

        PICTURE.parent.mkdir(exist_ok=True)
        path = plot_timeline(replay, PICTURE, title=scenario.name)
        print(f"Drew the outcomes over time to {path}")
    except commitlogic.ScenarioError as error:  # matplotlib is not installed
        print(f"(no picture: {error.reason})")

    heading(f"8. Which absence would have decided the most? (at {EARLY})")
    for answer in what_if(reasoner, at=EARLY)[:3]:
        print(f"{answer.candidate}: settles {answer.decided}, changes")
        print(f"    {', '.join(answer.outcomes_changed)}")

    heading("9. Forecast: how likely was each outcome, day by day?")
    print("Each promise holds with its credibility (0.8 by default); observed facts are hard.\n")
    replay = timeline(reasoner, forecast=True)
    series = replay.probabilities()
    rows = [
        [name, *("-" if value is None else f"{100 * value:.1f}%" for value in values)]
        for name, values in series.items()
    ]
    table(["outcome", *(entry.at.isoformat() for entry in replay)], rows)
    final_forecast = reasoner.forecast(at=FINAL)
    print(f"\nOn {FINAL}, the chance that each commitment was kept:")
    for name, value in sorted(final_forecast.commitments.items(), key=lambda item: item[1]):
        print(f"  {name}: {100 * value:.1f}%")
    try:
        from commitlogic.analysis.plotting import plot_forecast

        FORECAST_PICTURE.parent.mkdir(exist_ok=True)
        path = plot_forecast(replay, FORECAST_PICTURE, title=f"{scenario.name}: forecast")
        print(f"Drew the probabilities over time to {path}")
    except commitlogic.ScenarioError as error:  # matplotlib is not installed
        print(f"(no picture: {error.reason})")


if __name__ == "__main__":
    main()
