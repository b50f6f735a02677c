"""The dependency graph: nodes, one edge per conditional statement, escaping, pictures."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from commitlogic import Actor, Event, Scenario, ScenarioError, Statement, dot_source, load
from commitlogic.cli.main import main
from commitlogic.io.graph import render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

_SVG_TEXT = "{http://www.w3.org/2000/svg}text"
_EDGE = re.compile(r'^  "([^"]+)" -> "([^"]+)" \[label="([^"]+)\\n\((\w+)\)"(.*)\];$')


def _edges(source: str) -> set[tuple[str, str, str, str]]:
    """Return the labelled edges as (from, to, statement id, kind)."""
    found = set()
    for line in source.splitlines():
        match = _EDGE.match(line)
        if match:
            found.add(match.groups()[:4])
    return found


def test_istanbul_edges_are_the_conditional_statements() -> None:
    source = dot_source(load(EXAMPLE))
    # Hand-checked against examples/istanbul_2025.toml: two if/only_if by
    # Zelensky conditioned on Putin, two conditional "might" between Putin and Trump.
    assert _edges(source) == {
        ("actor:putin", "actor:zelensky", "z_only_if_putin", "only_if"),
        ("actor:putin", "actor:zelensky", "z_joins_if_putin_comes", "if"),
        ("actor:putin", "actor:trump", "trump_might_go", "might"),
        ("actor:trump", "actor:putin", "trump_unsure", "might"),
    }
    for actor in ("putin", "medinsky", "zelensky", "trump", "rubio", "erdogan"):
        assert f'"actor:{actor}" [label=' in source
    assert '"event:istanbul_talks" [label="istanbul_talks\\nDolmabahce Palace, Istanbul"' in source
    assert '"actor:erdogan" -> "event:ankara_meeting" [style="dotted"' in source
    assert '"actor:erdogan" -> "event:istanbul_talks"' not in source  # not invited


def test_free_propositions_are_nodes_and_unconditional_statements_draw_nothing() -> None:
    scenario = Scenario(
        "deal",
        actors=[Actor("ukraine"), Actor("russia")],
        events=[Event("talks")],
        statements=[
            Statement("u", "only_if", "signs(ukraine, deal)", condition="held", by="ukraine"),
            Statement("r", "might", "attends(russia, talks)", by="russia"),
            Statement("c", "commits", "attends(russia, talks)", by="russia"),
            Statement(
                "m",
                "if",
                "absent(russia, talks) and held",
                condition="attends(ukraine, talks) or signs(ukraine, deal)",
                by="russia",
            ),
        ],
    )
    source = dot_source(scenario)
    assert _edges(source) == {
        ("atom:held", "atom:signs(ukraine,deal)", "u", "only_if"),
        ("actor:ukraine", "actor:russia", "m", "if"),
        ("actor:ukraine", "atom:held", "m", "if"),
        ("atom:signs(ukraine,deal)", "actor:russia", "m", "if"),
        ("atom:signs(ukraine,deal)", "atom:held", "m", "if"),
    }
    assert '"atom:held" [label="held", shape="note"];' in source


NASTY = 'Say "hi" \\ then } digraph x { <b>\nnext line'


def _nasty() -> Scenario:
    return Scenario(
        NASTY,
        actors=[Actor("a", name=NASTY), Actor("B", name="B")],
        events=[Event("e", place=NASTY)],
        statements=[Statement("s", "if", "attends(a, e)", condition="attends(B, e)", by="a")],
    )


def test_labels_are_escaped() -> None:
    source = dot_source(_nasty())
    escaped = 'Say \\"hi\\" \\\\ then } digraph x { <b>\\nnext line'
    assert f'"actor:a" [label="{escaped}\\n(a)"];' in source
    assert [line for line in source.splitlines() if "{" in line and "digraph" in line][1:] == [
        line for line in source.splitlines() if "label=" in line and "digraph x" in line
    ]  # the text's "digraph x {" only ever appears inside a label


@needs_dot
def test_dot_draws_the_labels_as_written() -> None:
    done = subprocess.run(
        ["dot", "-Tsvg"], input=dot_source(_nasty()), capture_output=True, text=True, check=True
    )
    texts = [element.text for element in ElementTree.fromstring(done.stdout).iter(_SVG_TEXT)]
    first, second = NASTY.split("\n")
    assert texts.count(first) == 3  # the title, the actor and the event's place
    assert texts.count(second) == 3
    assert "s" in texts and "(if)" in texts


@needs_dot
@pytest.mark.parametrize(("suffix", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG")])
def test_cli_renders_pictures_atomically(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"istanbul.{suffix}"
    assert main(["graph", str(EXAMPLE), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_cli_writes_dot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == dot_source(load(EXAMPLE))
    out = tmp_path / "g.gv"
    assert main(["graph", str(EXAMPLE), "-o", str(out), "--format", "dot"]) == 0
    assert out.read_text(encoding="utf-8") == dot_source(load(EXAMPLE))


def test_pictures_without_graphviz_are_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(ScenarioError, match="Graphviz"):
        render("digraph {}", "svg")
    out = tmp_path / "g.svg"
    assert main(["graph", str(EXAMPLE), "-o", str(out)]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "Graphviz" in err and "--format dot" in err
    assert not out.exists()


def test_docs_show_the_current_istanbul_graph() -> None:
    """docs/ holds the DOT of the example; regenerate with the command in docs/howto.md."""
    assert (ROOT / "docs" / "istanbul.dot").read_text() == dot_source(load(EXAMPLE))
    assert (ROOT / "docs" / "istanbul.svg").read_bytes().startswith(b"<?xml")


def test_cli_output_into_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "g.dot"
    assert main(["graph", str(EXAMPLE), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"commitlogic: error: {out}: No such file or directory\n"
