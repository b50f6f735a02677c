"""Results as text for people: aligned tables, conflicts and reasons with their provenance.

Each result has its text renderer here, as it has its ``to_json`` in its
own module; commands write one or the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from commitlogic.analysis.timelines import Change, Timeline, WhatIf
from commitlogic.model.dates import When
from commitlogic.model.scenario import Scenario, Statement
from commitlogic.model.wording import meaning
from commitlogic.reasoning.results import Explanation, State, Status, StatusReport

__all__ = [
    "check_text",
    "conflict_text",
    "explanation_text",
    "heading",
    "meaning",
    "provenance",
    "status_text",
    "table",
    "timeline_text",
    "whatif_text",
]


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    out: TextIO,
    *,
    numbers_right: bool = False,
) -> None:
    """Write rows under headers, in aligned columns, then a blank line.

    With ``numbers_right``, a column (other than the first) whose cells all
    start with a digit is right-aligned, as probabilities and counts read best.
    """
    cells = [list(headers), [""] * len(headers), *(list(map(str, row)) for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    cells[1] = ["-" * width for width in widths]
    right = [
        numbers_right and i > 0 and all(row[i][:1].isdigit() for row in cells[2:])
        for i in range(len(headers))
    ]
    for row in cells:
        parts = [
            cell.rjust(width) if flush else cell.ljust(width)
            for cell, width, flush in zip(row, widths, right, strict=True)
        ]
        out.write("  ".join(parts).rstrip())
        out.write("\n")
    out.write("\n")


def heading(scenario: Scenario, assume: Sequence[str], at: When | None, out: TextIO) -> None:
    """Write the scenario's name, the moment and the assumptions of the query."""
    out.write(f"{scenario.name}\n")
    if at is not None:
        out.write(f"  at {at.isoformat()}\n")
    for formula in assume:
        out.write(f"  assuming {formula}\n")
    out.write("\n")


def status_text(
    report: StatusReport, scenario: Scenario, assume: Sequence[str], at: When | None, out: TextIO
) -> None:
    """Write a status report: the mode's summary, then outcomes, atoms and commitments."""
    heading(scenario, assume, at, out)
    if not report.consistent:
        conflict_text(report.conflict or (), scenario, out)
        return
    if report.cost is None:
        out.write("consistent: at least one outcome satisfies every active statement\n\n")
    else:
        out.write(f"tolerant: the best outcomes break commitments of total weight {report.cost}\n")
        out.write(f"  broken in every best outcome: {', '.join(report.broken) or 'none'}\n")
        out.write(f"  broken in some best outcomes: {', '.join(report.at_risk) or 'none'}\n\n")
    if report.outcomes:
        table(("outcome", "status"), sorted(report.outcomes.items()), out)
    if report.atoms:
        table(("atom", "status"), sorted(report.atoms.items()), out)
    if report.commitments:
        settled = report.settled
        rows = [
            (name, ", ".join(states), f"settled: {settled[name]}" if name in settled else "open")
            for name, states in sorted(report.commitments.items())
        ]
        table(("commitment", "states across outcomes", "lifecycle"), rows, out)


def check_text(conflict: Sequence[str] | None, scenario: Scenario, out: TextIO) -> None:
    """Write the answer of ``check``: consistent, or the minimal conflict."""
    if conflict is None:
        out.write(f"{scenario.name}: consistent\n")
    else:
        out.write(f"{scenario.name}: ")
        conflict_text(conflict, scenario, out)


def conflict_text(conflict: Sequence[str], scenario: Scenario, out: TextIO) -> None:
    """Write that there is no outcome, and the minimal conflict with its provenance."""
    out.write("inconsistent: no outcome satisfies every active statement and assumption\n")
    out.write("minimal conflict (these have no outcome together; ")
    out.write("without any one of them they have one):\n")
    _reasons(conflict, scenario, out)


def _reasons(names: Sequence[str], scenario: Scenario, out: TextIO) -> None:
    """List statements with their provenance (who, to whom, when, quote, source)."""
    for name in names:
        if name.startswith("assume:"):
            out.write(f"  - {name} (a what-if assumption)\n")
            continue
        statement = scenario.statement(name)
        out.write(f"  - {name}: {provenance(statement)}\n")
        out.write(f"      {meaning(statement, scenario)}\n")
        if statement.quote:
            quote = " ".join(statement.quote.split())
            out.write(f'      "{quote}"\n')
        if statement.source:
            out.write(f"      source: {statement.source}\n")


def provenance(statement: Statement) -> str:
    """Who said it, to whom and when: ``only_if by zelensky to putin, said 2025-05-11``."""
    words = [statement.kind.value]
    if statement.by:
        words.append(f"by {statement.by}")
    if statement.to:
        words.append(f"to {statement.to}")
    said = " ".join(words)
    return f"{said}, said {statement.said.isoformat()}" if statement.said else said


def explanation_text(
    explanation: Explanation,
    scenario: Scenario,
    assume: Sequence[str],
    at: When | None,
    out: TextIO,
) -> None:
    """Write an explanation: the status, then the reasons or the two witness outcomes."""
    heading(scenario, assume, at, out)
    if explanation.status is None:
        conflict_text(explanation.because or (), scenario, out)
        return
    out.write(f"{explanation.formula} is {explanation.status}\n")
    if explanation.witnesses is not None:
        for label, atoms in (
            ("it holds in this outcome", explanation.witnesses.holds),
            ("it fails in this outcome", explanation.witnesses.fails),
        ):
            out.write(f"{label} (true atoms; all others false):\n")
            out.write("".join(f"  - {atom}\n" for atom in atoms) or "  (none)\n")
        return
    forced = "it" if explanation.status is Status.CERTAIN else "its negation"
    if not explanation.because:
        out.write(f"whatever is said: {forced} holds in every truth assignment\n")
        return
    out.write(f"because of these, which alone make {forced} certain ")
    out.write("(without any one of them they would not):\n")
    _reasons(explanation.because, scenario, out)


def timeline_text(replay: Timeline, scenario: Scenario, assume: Sequence[str], out: TextIO) -> None:
    """Write a timeline: per date, what became active or was superseded, and what changed."""
    heading(scenario, assume, None, out)
    if not replay.entries:
        out.write("no statement has a 'said' date: nothing to replay\n")
        return
    for entry in replay:
        report = entry.report
        summary = "consistent" if report.consistent else "inconsistent"
        if report.cost is not None:
            summary += f", cost {report.cost}"
        out.write(f"{entry.at.isoformat()}  {len(entry.active)} active, {summary}\n")
        for sid in entry.became_active:
            out.write(f"  + {sid}: {provenance(scenario.statement(sid))}\n")
        for sid in entry.superseded:
            out.write(f"  - {sid}: superseded\n")
        if not report.consistent:
            out.write(f"  conflict: {', '.join(report.conflict or ())}\n")
        rows = [_change_row(change) for change in entry.changes if report.consistent]
        out.write("\n")
        if rows:
            table(("changed", "name", "before", "now"), rows, out)


def _change_row(change: Change) -> tuple[str, str, str, str]:
    return (change.kind, change.name, _answer(change.before), _answer(change.after))


def _answer(value: Status | tuple[State, ...] | None) -> str:
    """A status, or the states of a commitment, or ``-`` for no answer."""
    if value is None:
        return "-"
    return value if isinstance(value, str) else ", ".join(value)


def whatif_text(
    answers: Sequence[WhatIf],
    scenario: Scenario,
    assume: Sequence[str],
    at: When | None,
    out: TextIO,
) -> None:
    """Write the ranked candidates: how many questions each settles, which outcomes change."""
    heading(scenario, assume, at, out)
    rows = []
    for answer in answers:
        if not answer.report.consistent:
            effect = f"contradicts: {', '.join(answer.report.conflict or ())}"
        else:
            changed = [c for c in answer.changes if c.kind == "outcome"]
            effect = ", ".join(f"{c.name} {c.before}->{c.after}" for c in changed) or "-"
        rows.append((answer.candidate, str(answer.decided), effect))
    table(("candidate fact", "settles", "outcomes it changes"), rows, out)
