"""Walk through the Istanbul talks of May 2025 with commitlogic.

Run from the repository root::

    python examples/istanbul_2025.py

It replays ``istanbul_2025.toml`` day by day and asks what-if questions:
what was possible before the Kremlin's answer, what Putin's absence changes,
what Trump's "might" and his refusal mean, and why "Putin is absent, yet
Zelensky and Putin meet" has no outcome.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import commitlogic

SCENARIO = Path(__file__).with_name("istanbul_2025.toml")

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
    what_if = reasoner.status(assume=[PUTIN_ABSENT], at=EARLY)
    replay = reasoner.status(at=KREMLIN)
    before, after = scenario.active(EARLY), scenario.active(KREMLIN)
    print(f"Said since {EARLY}: {', '.join(s for s in after if s not in before)}")
    print(f"Superseded: {', '.join(s for s in before if s not in after)}\n")
    compare({EARLY: early, f"{EARLY} + absent(putin)": what_if, f"{KREMLIN} replay": replay})
    for outcome, why in [
        ("zelensky_in_istanbul", "z_only_if_putin ties his trip to Putin's"),
        ("russia_represented", "putin_proposes promised Putin or Medinsky"),
    ]:
        found = f"{what_if.outcomes[outcome]} (what-if), {replay.outcomes[outcome]} (replay)"
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


if __name__ == "__main__":
    main()
