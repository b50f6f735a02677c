"""The report page (``commitlogic report``): what it shows, checked against the reasoner.

The page is parsed (``tests/htmltree.py``) and every outcome, atom,
statement, reason, conflict and link in it is compared with what
``Reasoner.status`` and ``Reasoner.explain`` answer, on the Istanbul example
and on drawn scenarios.  Text fields drawn with markup in them must never
become elements: the page's structure is the same as with plain text.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import attrs
import pytest
from htmltree import Element, parse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import commitlogic
from commitlogic.cli.main import main
from commitlogic.strategies import scenarios
from commitlogic.web import diagram as diagram_module
from commitlogic.web import pages
from commitlogic.web.diagram import NO_GRAPHVIZ, Diagram, clean_svg
from commitlogic.web.report import report_html
from commitlogic.web.view import build_view, safe_link

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"

#: Text that would be markup, script or a template if it were not escaped.
PAYLOADS = (
    "<script>document.title='pwned'</script>",
    '"><img src=x onerror="alert(1)">',
    "' onmouseover='alert(1)",
    "</blockquote></article><script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "{{ 7 * 7 }}{% if true %}x{% endif %}",
    "&lt;b&gt;not bold&lt;/b&gt; <b>bold?</b>",
    "<!-- a comment --> <![CDATA[ x ]]>",
    "</style><style>body{display:none}</style>",
    'https://example.org/"><script>alert(1)</script>',
)
markup = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=30),
    st.tuples(st.text(max_size=8), st.sampled_from(PAYLOADS), st.text(max_size=8)).map("".join),
)


def report_tree(scenario: commitlogic.Scenario, assume=(), at=None, forecast=False) -> Element:
    return parse(report_html(commitlogic.Reasoner(scenario), assume, at, forecast=forecast))


def _outcomes(tree: Element) -> dict[str, Element]:
    return {item.get("data-outcome"): item for item in tree.find_all("article", data_outcome=True)}


def _check_against_reasoner(scenario: commitlogic.Scenario, assume=(), at=None) -> Element:
    """Render the report and compare everything it states with the reasoner's answers."""
    reasoner = commitlogic.Reasoner(scenario)
    tree = parse(report_html(commitlogic.Reasoner(scenario), assume, at))
    report = reasoner.status(assume=assume, at=at)
    # every declared outcome, with its status
    outcomes = _outcomes(tree)
    assert list(outcomes) == [outcome.id for outcome in scenario.outcomes]
    for name, element in outcomes.items():
        expected = report.outcomes.get(name)
        assert element.get("data-status") == ("" if expected is None else str(expected))
        members = [m.get("data-member") for m in element.find_all("li", data_member=True)]
        if expected is None:
            assert members == []
            continue
        explanation = reasoner.explain(name, assume=assume, at=at)
        assert members == list(explanation.because or ())
        if explanation.witnesses is not None:
            text = " ".join(element.text().split())
            for atom in (*explanation.witnesses.holds, *explanation.witnesses.fails):
                assert atom in text
    # every atom, with its status
    atoms = {
        row.get("data-atom"): row.get("data-status") for row in tree.find_all("tr", data_atom=True)
    }
    if report.consistent:
        assert atoms == {name: str(status) for name, status in report.atoms.items()}
    else:
        assert set(atoms.values()) == {""}
    # the conflict
    conflict = tree.find("section", id="conflict")
    if report.consistent:
        assert conflict is None
    else:
        assert conflict is not None
        assert conflict.get("data-conflict") == " ".join(report.conflict or ())
        shown = [m.get("data-member") for m in conflict.find_all("li", data_member=True)]
        assert shown == list(report.conflict or ())
    # every statement, where it stands, its states, its quote and its link
    active = set(scenario.active(at))
    cards = {
        card.get("data-statement"): card for card in tree.find_all("article", data_statement=True)
    }
    assert list(cards) == [statement.id for statement in scenario.statements]
    for statement in scenario.statements:
        card = cards[statement.id]
        standing = card.get("data-standing")
        assert (standing == "active") == (statement.id in active)
        states = card.find("p", class_="states")
        assert states is not None
        expected_states = [str(s) for s in report.commitments.get(statement.id, ())]
        assert states.get("data-states") == " ".join(expected_states)
        if statement.quote and statement.quote.split():
            quote = card.find("blockquote")
            assert quote is not None and quote.text() == " ".join(statement.quote.split())
        links = card.find_all("a", class_="source")
        if safe_link(statement.source):
            assert [a.get("href") for a in links] == [statement.source]
            assert links[0].text() == statement.source
        else:
            assert links == []
    # links: to an anchor of the page, or to an http(s) source
    ids = {element.get("id") for element in tree.iter() if element.get("id")}
    for anchor in tree.find_all("a", href=True):
        href = anchor.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids
        else:
            assert re.match(r"https?://", href, re.IGNORECASE), href
    return tree


# --------------------------------------------------------------------------- the example


def test_the_example_report_shows_every_outcome_reason_quote_and_source() -> None:
    scenario = commitlogic.load(EXAMPLE)
    tree = _check_against_reasoner(scenario)
    text = tree.text()
    for statement in scenario.statements:
        assert " ".join((statement.quote or "").split()) in " ".join(text.split())
    sources = {a.get("href") for a in tree.find_all("a", class_="source")}
    assert sources == {s.source for s in scenario.statements if s.source}
    assert tree.find("svg", class_="chart") is not None


@pytest.mark.parametrize(
    ("assume", "at"),
    [
        ((), "2025-05-12"),
        (("absent(putin, istanbul_talks)",), "2025-05-12"),
        (("attends(zelensky, istanbul_talks)",), None),  # inconsistent: the conflict
        (("not leaders_meet",), "2025-05-13"),
    ],
)
def test_the_example_report_agrees_with_status_and_explain(assume, at) -> None:
    _check_against_reasoner(commitlogic.load(EXAMPLE), assume, at)


def test_the_conflict_case_quotes_its_statements() -> None:
    scenario = commitlogic.load(EXAMPLE)
    tree = report_tree(scenario, ["attends(zelensky, istanbul_talks)"], "2025-05-15")
    conflict = tree.find("section", id="conflict")
    assert conflict is not None
    members = conflict.find_all("li", data_member=True)
    assert [m.get("data-member") for m in members] == [
        "z_only_if_putin",
        "kremlin_list",
        "assume:attends(zelensky, istanbul_talks)",
    ]
    quote = members[0].find("blockquote")
    assert quote is not None and "only if Putin is also there" in quote.text()
    verdict = tree.find("p", id="verdict")
    assert verdict is not None and verdict.get("data-consistent") == "false"


def test_the_report_is_self_contained() -> None:
    page = report_html(commitlogic.Reasoner(commitlogic.load(EXAMPLE)), forecast=True)
    tree = parse(page)
    assert tree.find_all("script") == []
    assert tree.find_all("link") == []
    for element in tree.iter():  # nothing to load: no src, no remote url in styles
        assert "src" not in element.attributes, element
    assert "url(" not in page and "@import" not in page
    policy = tree.find("meta", http_equiv="Content-Security-Policy")
    assert policy is not None and "default-src 'none'" in (policy.get("content") or "")


def test_the_forecast_report_shows_the_probabilities() -> None:
    scenario = commitlogic.load(EXAMPLE)
    reasoner = commitlogic.Reasoner(scenario)
    expected = reasoner.forecast(at="2025-05-12")
    tree = report_tree(scenario, at="2025-05-12", forecast=True)
    for name, element in _outcomes(tree).items():
        assert float(element.get("data-probability") or "nan") == pytest.approx(
            expected.outcomes[name], abs=1e-12
        )
        probability = element.find("span", class_="probability")
        assert probability is not None
        assert probability.text() == f"{100 * expected.outcomes[name]:.1f}%"


def test_the_timeline_shows_what_changed_on_each_date() -> None:
    scenario = commitlogic.load(EXAMPLE)
    reasoner = commitlogic.Reasoner(scenario)
    from commitlogic.analysis.timelines import timeline

    replay = timeline(reasoner)
    tree = report_tree(scenario)
    dates = tree.find_all("li", class_="date")
    assert [d.get("data-date") for d in dates] == [e.at.isoformat() for e in replay]
    for element, entry in zip(dates, replay, strict=True):
        said = element.find("ul", class_="said")
        shown = [] if said is None else [a.text() for a in said.find_all("code")]
        assert shown == list(entry.became_active)
        text = " ".join(element.text().split())
        for change in entry.changes:
            if change.kind == "outcome":
                assert f"{change.name}: {change.before} → {change.after}" in text
    # the chart: one cell per outcome and date, coloured by its status on that date
    chart = tree.find("svg", class_="chart")
    assert chart is not None
    tips = [t.text() for t in chart.find_all("title")][1:]
    expected = [
        f"{o.id} on {e.at.isoformat()}: {e.report.outcomes[o.id]}"
        for o in scenario.outcomes
        for e in replay
    ]
    assert tips == expected


# --------------------------------------------------------------------------- drawn scenarios


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(scenario=scenarios(max_statements=5, max_outcomes=3, texts=True), data=st.data())
def test_reports_of_drawn_scenarios_agree_with_the_reasoner(no_graph, scenario, data):
    days = [s.said for s in scenario.statements if s.said is not None]
    at = data.draw(st.sampled_from([None, *days]), label="at")
    atoms = [str(atom) for atom in scenario.atoms()]
    assume = data.draw(
        st.lists(
            st.sampled_from(atoms).flatmap(lambda a: st.sampled_from([a, f"not {a}"])), max_size=2
        )
        if atoms
        else st.just([]),
        label="assume",
    )
    _check_against_reasoner(scenario, assume, at)


@pytest.fixture
def no_graph(monkeypatch):
    """No graph in these pages: drawing one per example would only slow the test.

    The same for every example, so Hypothesis may share it between them.
    """
    monkeypatch.setattr(diagram_module.shutil, "which", lambda name: None)


# --------------------------------------------------------------------------- escaping


def _plain(text: str | None) -> str | None:
    """Text without markup that the page treats alike (empty stays empty, links stay links)."""
    if text is None or not text.split():
        return text
    return "https://example.org/plain" if safe_link(text) else "plain"


def _with_texts(scenario: commitlogic.Scenario, texts) -> commitlogic.Scenario:
    names = iter(texts)
    actors = [attrs.evolve(a, name=next(names), role=next(names)) for a in scenario.actors]
    events = [attrs.evolve(e, place=next(names)) for e in scenario.events]
    statements = [
        attrs.evolve(s, quote=next(names), source=next(names)) for s in scenario.statements
    ]
    return attrs.evolve(
        scenario,
        name=next(names) or "x",
        description=next(names),
        actors=actors,
        events=events,
        statements=statements,
    )


def _structure(tree: Element) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.tag, tuple(sorted(e.attributes))) for e in tree.iter()]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(scenario=scenarios(max_statements=4, max_outcomes=2), data=st.data())
def test_text_fields_never_become_elements(no_graph, scenario, data):
    count = 2 * len(scenario.actors) + len(scenario.events) + 2 * len(scenario.statements) + 2
    hostile = data.draw(st.lists(st.one_of(st.none(), markup), min_size=count, max_size=count))
    hostile[-2] = hostile[-2] or "<script>x</script>"  # the scenario's name is required
    plain = [_plain(text) for text in hostile]
    hostile_page = parse(report_html(commitlogic.Reasoner(_with_texts(scenario, hostile))))
    plain_page = parse(report_html(commitlogic.Reasoner(_with_texts(scenario, plain))))
    assert _structure(hostile_page) == _structure(plain_page)
    assert hostile_page.find_all("script") == []
    text = hostile_page.text()
    statements = 2 * len(scenario.statements)
    shown = hostile[
        -2 - statements :
    ]  # quotes, sources, name, description (roles and places: the graph)
    for given_text in shown:
        if given_text and given_text.split():
            assert " ".join(given_text.split()) in " ".join(text.split())


def test_a_quote_holding_a_script_shows_as_text() -> None:
    scenario = commitlogic.load(EXAMPLE)
    first = attrs.evolve(
        scenario.statements[0],
        quote="<script>alert('x')</script> & <b>bold</b>",
        source="javascript:alert(1)",
    )
    scenario = attrs.evolve(scenario, statements=(first, *scenario.statements[1:]))
    page = report_html(commitlogic.Reasoner(scenario))
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    tree = parse(page)
    card = tree.find("article", id=f"statement-{first.id}")
    assert card is not None
    assert card.find("blockquote").text() == "<script>alert('x')</script> & <b>bold</b>"
    assert card.find_all("a", class_="source") == []
    assert "javascript:alert(1)" in card.text()  # shown as text, not as a link
    assert tree.find_all("script") == [] and tree.find_all("b") == []


@pytest.mark.parametrize(
    ("source", "linked"),
    [
        ("https://example.org/a?b=c#d", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//example.org/x", False),
        ("/relative/path", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("https://[::1", False),
        ("ftp://example.org/file", False),
        ("Kremlin press release, 14 May", False),
    ],
)
def test_only_http_and_https_sources_are_links(source: str, linked: bool) -> None:
    assert (safe_link(source) == source) is linked
    assert safe_link(source) in (source, None)


# --------------------------------------------------------------------------- the graph


_HOSTILE_SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="10pt" height="10pt" viewBox="0 0 10 10" onload="alert(1)">
<script>alert(2)</script>
<g id="a" class="node" onclick="alert(3)" style="background:url(https://evil.example/)">
<title>&lt;script&gt;alert(4)&lt;/script&gt;</title>
<a xlink:href="javascript:alert(5)"><text x="1" y="2">link</text></a>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
<text x="1" y="2" fill="black">&lt;b&gt;label&lt;/b&gt;</text>
<image href="https://evil.example/x.png"/>
</g>
</svg>"""


def test_the_graph_svg_keeps_only_drawing_elements() -> None:
    cleaned = clean_svg(_HOSTILE_SVG)
    tree = parse(cleaned)
    tags = {element.tag for element in tree.iter()} - {"#document"}
    assert tags == {"svg", "g", "title", "text"}
    for element in tree.iter():
        for name in element.attributes:
            assert not name.startswith("on") and "href" not in name and name != "style"
    assert "<b>label</b>" in tree.text() and "<script>alert(4)</script>" in tree.text()
    assert "evil.example" not in cleaned and "alert(2)" not in cleaned


@pytest.mark.skipif(
    diagram_module.shutil.which("dot") is None, reason="Graphviz's dot is not installed"
)
def test_the_graph_is_inline_svg_with_graphviz() -> None:
    scenario = commitlogic.load(EXAMPLE)
    actor = attrs.evolve(scenario.actors[0], name="<script>alert(1)</script>")
    scenario = attrs.evolve(scenario, actors=(actor, *scenario.actors[1:]))
    tree = parse(report_html(commitlogic.Reasoner(scenario)))
    graph = tree.find("svg", class_="graph")
    assert graph is not None and tree.find_all("script") == []
    assert "<script>alert(1)</script>" in graph.text()
    assert tree.find("p", id="graph-note") is None


def test_without_graphviz_the_page_has_a_one_line_note(monkeypatch) -> None:
    monkeypatch.setattr(diagram_module.shutil, "which", lambda name: None)
    tree = report_tree(commitlogic.load(EXAMPLE))
    note = tree.find("p", id="graph-note")
    assert note is not None and note.text() == NO_GRAPHVIZ
    assert tree.find("svg", class_="graph") is None
    assert diagram_module.diagram(commitlogic.load(EXAMPLE)) == Diagram(None, NO_GRAPHVIZ)


# --------------------------------------------------------------------------- the command


def test_report_writes_one_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "page.html"
    code = main(["report", str(EXAMPLE), "--forecast", "-o", str(out)])
    assert code == 0 and capsys.readouterr().out == ""
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temporary file left
    tree = parse(out.read_text(encoding="utf-8"))
    assert len(_outcomes(tree)) == 8


def test_report_prints_to_stdout_and_takes_assumptions(capsys) -> None:
    code = main(["report", str(EXAMPLE), "--assume", "attends(zelensky, istanbul_talks)"])
    assert code == 0
    tree = parse(capsys.readouterr().out)
    assert tree.find("section", id="conflict") is not None


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--assume", "atends("], "--assume 'atends('"),
        (["--at", "yesterday"], "--at:"),
    ],
)
def test_report_rejects_bad_input_with_exit_code_2(arguments, message, tmp_path, capsys) -> None:
    out = tmp_path / "page.html"
    code = main(["report", str(EXAMPLE), *arguments, "-o", str(out)])
    assert code == 2 and not out.exists()
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error


def test_report_names_the_extra_when_jinja2_is_missing(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    pages._environment.cache_clear()
    try:
        code = main(["report", str(EXAMPLE)])
    finally:
        pages._environment.cache_clear()
    assert code == 2
    assert "pip install 'commitlogic[web]'" in capsys.readouterr().err


def test_the_view_is_built_from_the_public_api_only() -> None:
    """One function asks for forecasts (web.view.forecast_of): a new forecast model is one edit."""
    source = (ROOT / "commitlogic" / "web" / "view.py").read_text(encoding="utf-8")
    assert source.count(".forecast(") == 1
    for module in ("server.py", "report.py", "pages.py"):
        text = (ROOT / "commitlogic" / "web" / module).read_text(encoding="utf-8")
        assert ".forecast(" not in text


@functools.cache
def _example_view():
    return build_view(commitlogic.Reasoner(commitlogic.load(EXAMPLE)), forecast=True)


def test_the_view_lists_the_said_dates() -> None:
    assert _example_view().days == (
        "2025-05-11",
        "2025-05-12",
        "2025-05-13",
        "2025-05-14",
        "2025-05-15",
    )


def test_a_graph_too_large_to_read_is_a_note(monkeypatch) -> None:
    monkeypatch.setattr(diagram_module.shutil, "which", lambda name: "/usr/bin/dot")
    monkeypatch.setattr(diagram_module, "MAX_EDGES", 5)
    found = diagram_module.diagram(commitlogic.load(EXAMPLE))  # 11 edges
    assert found.svg is None and found.note is not None
    assert found.note.startswith("The graph has 11 edges, too many")


@pytest.mark.skipif(
    diagram_module.shutil.which("dot") is None, reason="Graphviz's dot is not installed"
)
def test_graphviz_taking_too_long_is_a_note(monkeypatch) -> None:
    from commitlogic.io.graph import dot_source, render

    with pytest.raises(commitlogic.ScenarioError, match="took longer than"):
        render(dot_source(commitlogic.load(EXAMPLE)), "svg", timeout=1e-6)
    monkeypatch.setattr(diagram_module, "TIMEOUT", 1e-6)
    found = diagram_module.diagram(commitlogic.load(EXAMPLE))
    assert found.svg is None and "took longer than" in (found.note or "")
