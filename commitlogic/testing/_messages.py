"""The messages of failed checks: the counter-example as readable lines and as TOML.

Part of :mod:`commitlogic.testing.assertions`.
"""

from __future__ import annotations

from collections.abc import Collection

from commitlogic.io.saving import dumps
from commitlogic.model.dates import When
from commitlogic.model.formulas import Formula, FormulaLike, Not
from commitlogic.model.scenario import Scenario, Statement
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.reasoning.results import Status
from commitlogic.testing.cases import CounterExample, _Case, _Setting

__all__: list[str] = []


def _line(statement: Statement) -> str:
    who = f" by {statement.by}" if statement.by else ""
    when = f" on {statement.said.isoformat()}" if statement.said else ""
    text = f"{statement.id} ({statement.kind.value}{who}{when}): {statement.subject}"
    if statement.condition is not None:
        text += f" / condition {statement.condition}"
    return text


def _conditions(setting: _Setting) -> str:
    parts = [""]
    if setting.at is not None:
        parts.append(f"at {setting.at.isoformat()}")
    if setting.assume:
        parts.append("assuming " + " and ".join(str(item) for item in setting.assume))
    return ", ".join(parts)


def _where(setting: _Setting) -> str:
    return repr(setting.scenario.name) + _conditions(setting)


def _added_lines(case: _Case) -> list[str]:
    if not case.added:
        return ["as the scenario stands, with nothing added."]
    count = len(case.added)
    lines = [f"with {'this statement' if count == 1 else f'these {count} statements'} added:"]
    for statement in case.added:
        late = "" if statement.is_present(case.setting.at) else "   (not yet said then)"
        lines.append(f"  + {_line(statement)}{late}")
    return lines


def _scenario_lines(case: _Case, scenario: Scenario, label: str = "") -> list[str]:
    added = {s.id for s in case.added}
    when = f"at {case.setting.at.isoformat()}" if case.setting.at is not None else "as it stands"
    marks = " ('+' marks an addition)" if case.added else ""
    lines = [f"The {label}scenario {when}{marks}:"]
    for statement in scenario.statements:
        mark = "+" if statement.id in added else " "
        lines.append(f"  {mark} {_line(statement)}")
    if not scenario.statements:
        lines.append("    (no active statement)")
    return lines


def _command(setting: _Setting, name: str = "counterexample.toml") -> str:
    words = ["commitlogic", "status", name]
    for item in setting.assume:
        words += ["--assume", f'"{item}"']
    return " ".join(words)


def _toml_lines(case: _Case, scenario: Scenario, name: str = "counterexample.toml") -> list[str]:
    return [
        f"As a scenario file (commitlogic.dumps); save it as {name} and run",
        f"  {_command(case.setting, name)}",
        "",
        dumps(scenario).rstrip("\n"),
    ]


def _conflict_lines(case: _Case) -> list[str]:
    conflict = case.replay().conflict(case.setting.assume, case.setting.at) or ()
    lines = ["Minimal conflict (no outcome together; without any one of them there is one):"]
    for name in conflict:
        if name.startswith("assume:"):
            lines.append(f"  - {name}")
        else:
            lines.append(f"  - {_line(case.full.statement(name))}")
    return lines


def _outcome(reasoner: Reasoner, assume: list[FormulaLike], at: When | None) -> list[str] | None:
    """Return the true atoms of one outcome under ``assume``, or ``None`` if there is none."""
    report = reasoner.status(assume, at)
    if not report.consistent:
        return None
    chosen = list(assume)
    true = []
    for name, status in report.atoms.items():
        if status is Status.CERTAIN:
            true.append(name)
        elif status is Status.POSSIBLE:
            if reasoner.is_consistent([*chosen, name], at):
                chosen.append(name)
                true.append(name)
            else:
                chosen.append(f"not {name}")
    return sorted(true)


def _outcome_lines(
    reasoner: Reasoner,
    setting: _Setting,
    formula: Formula,
    holds: bool,
    label: str,
    of: str = "",
) -> list[str]:
    condition = formula if holds else Not(formula)
    true = _outcome(reasoner, [*setting.assume, condition], setting.at)
    if true is None:  # pragma: no cover - the status said there is one
        return []
    verb = "holds" if holds else "fails"
    return [
        f"An outcome{of} where {label} {verb}:",
        "  true: " + (", ".join(true) if true else "(nothing)"),
        "  every other atom is false",
    ]


def _fail(
    headline: str,
    case: _Case,
    details: list[str],
    *,
    other: _Case | None = None,
    outcomes: Collection[str] | None = (),
) -> CounterExample:
    scenario = case.reduced(outcomes)
    lines = [headline, *(_added_lines(case) if other is None else []), ""]
    if details:
        lines += [*details, ""]
    if other is None:
        lines += [*_scenario_lines(case, scenario), ""]
        lines += _toml_lines(case, scenario)
        second = None
    else:
        second = other.reduced(outcomes)
        lines += [*_scenario_lines(case, scenario, "first "), ""]
        lines += [*_scenario_lines(other, second, "second "), ""]
        lines += [*_toml_lines(case, scenario, "first.toml"), ""]
        lines += _toml_lines(other, second, "second.toml")
    return CounterExample(
        "\n".join(lines),
        scenario=scenario,
        other=second,
        added=case.added,
        drawn=case.drawn,
        assume=case.setting.assume,
        at=case.setting.at,
    )
