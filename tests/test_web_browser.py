"""The pages in a real browser: Chromium driven by Playwright.

The browser is the system's Chromium (Debian's ``chromium`` package works;
``COMMITLOGIC_CHROMIUM`` may name another); these tests skip, saying why,
where it or the ``playwright`` package is missing.  They open the report
from disk and the page of ``commitlogic serve``, click assumptions and
dates and compare every status with ``Reasoner.status`` (and once with
``commitlogic status --assume --json``), fail on any console error, check
that nothing is loaded from elsewhere, and save the docs' screenshots.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import commitlogic

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"
sys.path.insert(0, str(ROOT / "benchmarks"))

import web  # noqa: E402  # benchmarks/web.py: the browser, the server, clicks, screenshots

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def context() -> Any:
    try:
        with web.browser() as opened:
            yield opened
    except web.NoBrowser as reason:
        pytest.skip(f"no browser to drive: {reason}")


class Watch:
    """What a page logs and loads: console errors, uncaught exceptions, requests."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        page.on("request", lambda r: self.requests.append(r.url))


def _shown(page: Any) -> dict[str, dict[str, str]]:
    """The statuses on the page (none where there is no outcome, as in status --json)."""
    found = page.evaluate(
        """() => ({
            outcomes: Object.fromEntries([...document.querySelectorAll('#live [data-outcome]')]
                .map(e => [e.dataset.outcome, e.dataset.status])),
            atoms: Object.fromEntries([...document.querySelectorAll('#live tr[data-atom]')]
                .map(e => [e.dataset.atom, e.dataset.status])),
        })"""
    )
    return {kind: {k: v for k, v in shown.items() if v} for kind, shown in found.items()}


def _expected(report: commitlogic.StatusReport) -> dict[str, dict[str, str]]:
    data = report.to_json()
    return {"outcomes": data["outcomes"], "atoms": data["atoms"]}


def test_the_report_opens_from_disk_offline(context, tmp_path: Path) -> None:
    scenario = commitlogic.load(EXAMPLE)
    reasoner = commitlogic.Reasoner(scenario)
    page_file = web.report_file(EXAMPLE, tmp_path)  # --forecast
    page = context.new_page()
    watch = Watch(page)
    page.goto(page_file.as_uri())
    assert page.title().startswith(scenario.name)
    for outcome in scenario.outcomes:
        card = page.locator(f'[data-outcome="{outcome.id}"]')
        assert card.is_visible()
        because = reasoner.explain(outcome.id).because or ()
        for member in because:  # every reason, visible
            assert card.locator(f'[data-member="{member}"]').is_visible()
    text = " ".join(page.inner_text("body").split())
    for statement in scenario.statements:  # every quote and source
        assert " ".join((statement.quote or "").split()) in text
    sources = page.eval_on_selector_all("a.source", "found => found.map(a => a.href)")
    assert set(sources) == {s.source for s in scenario.statements}
    assert page.locator("svg.chart").is_visible()
    # the conflict case, with an inconsistent --assume
    conflict_file = web.report_file(
        EXAMPLE, tmp_path / "conflict", "--assume", "attends(zelensky, istanbul_talks)"
    )
    page.goto(conflict_file.as_uri())
    assert page.locator("#conflict").is_visible()
    assert page.locator('#conflict [data-member="z_only_if_putin"] blockquote').is_visible()
    assert watch.errors == []
    assert watch.requests == [page_file.as_uri(), conflict_file.as_uri()]  # no network at all
    page.close()


def test_the_served_page_follows_clicks_as_status_assume_says(context, tmp_path: Path) -> None:
    scenario = commitlogic.load(EXAMPLE)
    reasoner = commitlogic.Reasoner(scenario)
    with web.serving(EXAMPLE, "--forecast") as (url, _process):
        page = context.new_page()
        watch = Watch(page)
        page.goto(url + "?at=2025-05-12")
        assert _shown(page) == _expected(reasoner.status(at="2025-05-12"))
        # every atom and outcome, assumed true then false, then cleared
        formulas = [str(a) for a in scenario.atoms()] + [o.id for o in scenario.outcomes]
        for formula in formulas:
            for value, given in (("true", formula), ("false", f"not {formula}")):
                web.click(page, f'#live button[data-formula="{formula}"][data-value="{value}"]')
                expected = reasoner.status(assume=[given], at="2025-05-12")
                assert _shown(page) == _expected(expected), given
                verdict = page.get_attribute("#verdict", "data-consistent")
                assert verdict == json.dumps(expected.consistent)
            web.click(page, f'#live button[data-formula="{formula}"][data-value="clear"]')
        # one click checked against the command line itself
        web.click(
            page, '#live button[data-formula="attends(putin,istanbul_talks)"][data-value="false"]'
        )
        done = subprocess.run(
            [
                *(sys.executable, "-m", "commitlogic", "status", str(EXAMPLE)),
                *("--at", "2025-05-12", "--assume", "not attends(putin,istanbul_talks)", "--json"),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert _shown(page) == _expected_json(json.loads(done.stdout))
        assert "assume=not+attends" in page.url or "assume=not%20attends" in page.url
        # the date picker replays the scenario at a date
        before = page.eval_on_selector("#live", "live => live.innerHTML")
        page.fill("#at-picker", "2025-05-15")
        page.wait_for_function(
            "b => document.getElementById('live').dataset.ready === '1'"
            " && document.getElementById('live').innerHTML !== b",
            arg=before,
        )
        expected = reasoner.status(assume=["not attends(putin,istanbul_talks)"], at="2025-05-15")
        assert _shown(page) == _expected(expected)
        # an inconsistent assumption: the conflict
        web.click(
            page, '#live button[data-formula="attends(zelensky,istanbul_talks)"][data-value="true"]'
        )
        assert page.locator("#conflict").is_visible()
        origin = url.rstrip("/")
        assert all(r.startswith(origin) for r in watch.requests), watch.requests
        assert watch.errors == []
        page.close()


def _expected_json(data: dict) -> dict[str, dict[str, str]]:
    return {"outcomes": data["outcomes"], "atoms": data["atoms"]}


def test_two_tabs_keep_their_own_what_ifs(context) -> None:
    reasoner = commitlogic.Reasoner(commitlogic.load(EXAMPLE))
    with web.serving(EXAMPLE) as (url, _process):
        first, second = context.new_page(), context.new_page()
        first.goto(url + "?at=2025-05-12")
        second.goto(url + "?at=2025-05-12")
        web.click(
            first, '#live button[data-formula="attends(putin,istanbul_talks)"][data-value="true"]'
        )
        web.click(
            second, '#live button[data-formula="attends(putin,istanbul_talks)"][data-value="false"]'
        )
        for page, given in (
            (first, "attends(putin,istanbul_talks)"),
            (second, "not attends(putin,istanbul_talks)"),
        ):
            page.reload()
            assert _shown(page) == _expected(reasoner.status(assume=[given], at="2025-05-12"))
            page.close()


def test_the_page_follows_the_file_and_shows_a_broken_one(context, tmp_path: Path) -> None:
    copy = tmp_path / "istanbul.toml"
    good = EXAMPLE.read_text(encoding="utf-8")
    copy.write_text(good, encoding="utf-8")
    with web.serving(copy) as (url, _process):
        page = context.new_page()
        watch = Watch(page)
        page.goto(url)
        copy.write_text(good.replace('kind = "only_if"', 'kind = "only_iff"'), encoding="utf-8")
        page.wait_for_selector("#broken", timeout=10_000)
        assert "only_iff" in page.inner_text("#broken")
        copy.write_text(good, encoding="utf-8")
        page.wait_for_selector("#outcomes", timeout=10_000)
        assert watch.errors == []
        page.close()


def test_the_screenshots_for_the_docs(context, tmp_path: Path) -> None:
    """The command that makes the docs' pictures (benchmarks/web.py --docs) works here."""
    written = web.screenshots(EXAMPLE, tmp_path, context)
    assert [p.name for p in written] == ["web_report.png", "web_report_phone.png", "web_serve.png"]
    for path in written:
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
