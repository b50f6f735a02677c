"""Where analysts work: ``_repr_html_`` for Jupyter and ``to_pandas()`` on every result."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from commitlogic import Reasoner, load
from commitlogic.analysis.timelines import timeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"


@pytest.fixture(scope="module")
def reasoner() -> Reasoner:
    return Reasoner(load(EXAMPLE))


def test_html_shows_every_name(reasoner: Reasoner) -> None:
    report = reasoner.status(at="2025-05-12")
    shown = report._repr_html_()
    assert shown.startswith("<table>") and "<caption>consistent</caption>" in shown
    for name in [*report.outcomes, *report.atoms, *report.commitments]:
        assert f"<td>{html.escape(name)}</td>" in shown
    forecast = reasoner.forecast(at="2025-05-12")
    shown = forecast._repr_html_()
    for name, value in forecast.outcomes.items():
        assert f"<td>{name}</td><td>{100 * value:.1f}%</td>" in shown
    explanation = reasoner.explain("attends(zelensky, istanbul_talks)")
    assert "<caption>attends(zelensky,istanbul_talks): impossible</caption>" in (
        explanation._repr_html_()
    )
    assert "<td>because</td><td>kremlin_list</td>" in explanation._repr_html_()
    replay = timeline(reasoner, forecast=True)
    assert "<td>2025-05-14</td><td>outcome</td><td>leaders_meet</td>" in replay._repr_html_()


def test_html_names_conflicts(reasoner: Reasoner) -> None:
    assume = ["attends(putin, istanbul_talks)"]
    shown = reasoner.status(assume)._repr_html_()
    assert "conflict: kremlin_list, assume:attends(putin, istanbul_talks)" in shown
    assert "conflict of the hard facts: kremlin_list" in reasoner.forecast(assume)._repr_html_()


def test_data_frames_hold_what_the_json_holds(reasoner: Reasoner) -> None:
    pytest.importorskip("pandas")
    report = reasoner.status(at="2025-05-12")
    frame = report.to_pandas()
    assert list(frame.columns) == ["kind", "name", "status"]
    outcomes = frame[frame.kind == "outcome"]
    assert dict(zip(outcomes.name, outcomes.status, strict=True)) == report.to_json()["outcomes"]
    forecast = reasoner.forecast(at="2025-05-12")
    frame = forecast.to_pandas()
    assert list(frame.columns) == ["kind", "name", "probability"]
    kept = frame[frame.kind == "commitment"]
    assert dict(zip(kept.name, kept.probability, strict=True)) == forecast.commitments
    sampled = reasoner.forecast(at="2025-05-12", samples=64).to_pandas()
    assert list(sampled.columns) == ["kind", "name", "probability", "standard_error"]
    explanation = reasoner.explain("attends(trump, istanbul_talks)", at="2025-05-12")
    assert set(explanation.to_pandas().role) <= {"holds", "fails"}
    replay = timeline(reasoner, forecast=True)
    frame = replay.to_pandas()
    assert list(frame.columns) == ["at", "kind", "name", "status", "probability"]
    wide = frame[frame.kind == "outcome"].pivot(index="at", columns="name", values="probability")
    assert list(wide["leaders_meet"]) == replay.probabilities()["leaders_meet"]


def test_text_is_escaped() -> None:
    from commitlogic.reasoning.tables import html_table

    shown = html_table(["a<b"], [("<script>&",)], caption="x & y")
    assert "<script>" not in shown
    assert "&lt;script&gt;&amp;" in shown and "<th>a&lt;b</th>" in shown and "x &amp; y" in shown
