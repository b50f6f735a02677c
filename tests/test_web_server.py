"""The server of ``commitlogic serve``: its JSON endpoints, its errors, and the process.

In process with Starlette's test client: the statuses of ``/api/status``
equal ``Reasoner.status`` (and ``commitlogic status --assume --json``) for
each atom and outcome assumed true and false; malformed requests are 4xx
with a message; the file is read again when it changes, and a broken file
is shown as its located error.  As a process on 127.0.0.1 and a free port:
several clients at once each get their own answers, nothing is written,
and Ctrl-C stops it cleanly.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from htmltree import parse
from starlette.testclient import TestClient

import commitlogic
from commitlogic.cli.main import main
from commitlogic.web import pages
from commitlogic.web.server import MAX_ASSUMPTIONS, ServedFile, application

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"
sys.path.insert(0, str(ROOT / "benchmarks"))

from web import serving  # noqa: E402  # benchmarks/web.py: start and stop `commitlogic serve`


@pytest.fixture
def example(tmp_path: Path) -> Path:
    copy = tmp_path / "istanbul.toml"
    copy.write_bytes(EXAMPLE.read_bytes())
    return copy


@pytest.fixture
def client(example: Path) -> TestClient:
    return TestClient(application(ServedFile(str(example), forecast=True)))


def _formulas(scenario: commitlogic.Scenario) -> list[str]:
    return [str(atom) for atom in scenario.atoms()] + [o.id for o in scenario.outcomes]


def test_status_agrees_with_the_reasoner_for_every_atom_and_outcome(client: TestClient) -> None:
    scenario = commitlogic.load(EXAMPLE)
    reasoner = commitlogic.Reasoner(scenario)
    for at in (None, "2025-05-12"):
        for formula in _formulas(scenario):
            for given in (formula, f"not {formula}"):
                params = {"assume": given, **({"at": at} if at else {})}
                answer = client.get("/api/status", params=params)
                assert answer.status_code == 200
                expected = reasoner.status(assume=[given], at=at).to_json()
                assert answer.json()["status"] == expected, (given, at)


@pytest.mark.slow
def test_status_agrees_with_the_command_line(client: TestClient) -> None:
    for given in ("absent(putin, istanbul_talks)", "attends(zelensky, istanbul_talks)"):
        done = subprocess.run(
            [
                *(sys.executable, "-m", "commitlogic", "status", str(EXAMPLE)),
                *("--at", "2025-05-12", "--assume", given, "--json"),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        answer = client.get("/api/status", params={"assume": given, "at": "2025-05-12"})
        assert answer.json()["status"] == json.loads(done.stdout)


def test_the_forecast_is_the_default_models(client: TestClient) -> None:
    reasoner = commitlogic.Reasoner(commitlogic.load(EXAMPLE))
    answer = client.get("/api/status", params={"at": "2025-05-12"}).json()
    assert answer["forecast"] == reasoner.forecast(at="2025-05-12").to_json()


def test_the_view_shows_the_statuses_and_the_pressed_buttons(client: TestClient) -> None:
    reasoner = commitlogic.Reasoner(commitlogic.load(EXAMPLE))
    given = "not attends(putin,istanbul_talks)"
    answer = client.get("/api/view", params={"assume": given, "at": "2025-05-12"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["broken"] is None and body["version"] == 1
    tree = parse(body["html"])
    expected = reasoner.status(assume=[given], at="2025-05-12")
    atoms = {r.get("data-atom"): r.get("data-status") for r in tree.find_all("tr", data_atom=True)}
    assert atoms == {name: str(status) for name, status in expected.atoms.items()}
    pressed = [
        (b.get("data-formula"), b.get("data-value"))
        for b in tree.find_all("button", aria_pressed="true")
    ]
    assert pressed == [("attends(putin,istanbul_talks)", "false")]


def test_the_page_carries_its_query_and_a_nonce_script(client: TestClient) -> None:
    answer = client.get("/", params={"assume": "leaders_meet", "at": "2025-05-12"})
    assert answer.status_code == 200
    policy = answer.headers["content-security-policy"]
    tree = parse(answer.text)
    scripts = tree.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/json", None]
    nonce = scripts[1].get("nonce")
    assert nonce and f"'nonce-{nonce}'" in policy and "default-src 'none'" in policy
    state = json.loads(scripts[0].text())
    assert state == {"at": "2025-05-12", "assume": ["leaders_meet"], "version": 1}
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("path", "params", "status", "message"),
    [
        ("/api/status", {"assume": "atends("}, 400, "assume 'atends('"),
        ("/api/status", {"assume": "attends(nobody, istanbul_talks)"}, 400, "nobody"),
        ("/api/view", {"assume": "and or"}, 400, "assume 'and or'"),
        ("/api/status", {"at": "yesterday"}, 400, "at 'yesterday'"),
        ("/api/status", {"at": "2025-02-30"}, 400, "at '2025-02-30'"),
        ("/api/view", {"foo": "1"}, 400, "unknown parameter 'foo'"),
        ("/", {"assume": "x(", "at": "2025-05-12"}, 400, "assume 'x('"),
        ("/api/version", {"at": "2025-05-12"}, 400, "no parameter"),
        ("/api/status", {"assume": "x" * 3000}, 400, "longer than"),
    ],
)
def test_malformed_queries_are_400_with_a_message(client, path, params, status, message) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == status
    assert message in answer.json()["error"]


def test_too_many_or_repeated_parameters_are_400(client: TestClient) -> None:
    many = [("assume", "leaders_meet")] * (MAX_ASSUMPTIONS + 1)
    answer = client.get("/api/status?" + urllib.parse.urlencode(many))
    assert answer.status_code == 400 and "more than" in answer.json()["error"]
    answer = client.get("/api/status?at=2025-05-12&at=2025-05-13")
    assert answer.status_code == 400 and "more than once" in answer.json()["error"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_nothing_but_get_is_allowed(client: TestClient, method: str) -> None:
    for path in ("/", "/api/view", "/api/status", "/api/version"):
        assert client.request(method, path).status_code == 405


def test_an_unknown_path_is_404(client: TestClient) -> None:
    assert client.get("/etc/passwd").status_code == 404
    assert client.get("/../examples/istanbul_2025.toml").status_code == 404


def test_an_inconsistent_assumption_shows_the_conflict(client: TestClient) -> None:
    given = "attends(zelensky, istanbul_talks)"
    body = client.get("/api/view", params={"assume": given, "at": "2025-05-15"}).json()
    conflict = parse(body["html"]).find("section", id="conflict")
    assert conflict is not None
    assert conflict.get("data-conflict") == f"z_only_if_putin kremlin_list assume:{given}"


def _touch(path: Path, text: str) -> None:
    """Write ``text`` so that the change shows, even within the file system's time resolution."""
    before = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 10_000_000))


def test_the_file_is_read_again_when_it_changes_and_a_broken_file_shows_its_error(
    client: TestClient, example: Path
) -> None:
    good = example.read_text(encoding="utf-8")
    assert client.get("/api/version").json() == {"version": 1, "broken": None}
    _touch(example, good.replace('name = "Istanbul talks, May 2025"', 'name = "Renamed"'))
    body = client.get("/api/view").json()
    assert body["version"] == 2 and "Renamed" in body["html"]
    # broken: the located error, in the page and in the API
    _touch(example, good.replace('kind = "only_if"', 'kind = "only_iff"'))
    version = client.get("/api/version").json()
    assert version["version"] == 3 and "only_iff" in version["broken"]
    assert f"{example}:" in version["broken"]  # file:line:column
    body = client.get("/api/view").json()
    broken = parse(body["html"]).find("section", id="broken")
    assert broken is not None and "only_iff" in broken.text()
    answer = client.get("/api/status")
    assert answer.status_code == 503 and "only_iff" in answer.json()["error"]
    page = client.get("/")
    assert page.status_code == 200 and parse(page.text).find("section", id="broken") is not None
    # fixed again
    _touch(example, good)
    assert client.get("/api/status").json()["version"] == 4
    assert client.get("/api/version").json()["broken"] is None


def test_a_missing_file_is_shown_until_it_comes_back(client: TestClient, example: Path) -> None:
    good = example.read_bytes()
    example.unlink()
    assert "no such file" in client.get("/api/version").json()["broken"]
    example.write_bytes(good)
    assert client.get("/api/version").json()["broken"] is None


def test_serve_names_the_extra_when_starlette_is_missing(monkeypatch, example, capsys) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert main(["serve", str(example), "--port", "0"]) == 2
    assert "pip install 'commitlogic[web]'" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "jinja2", None)
    pages._environment.cache_clear()
    try:
        assert main(["serve", str(example), "--port", "0"]) == 2
    finally:
        pages._environment.cache_clear()
    error = capsys.readouterr().err
    assert "'commitlogic serve' needs Jinja2" in error


def test_serve_refuses_a_missing_file_and_a_bad_port(tmp_path: Path, capsys) -> None:
    assert main(["serve", str(tmp_path / "nothing.toml"), "--port", "0"]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["serve", str(EXAMPLE), "--port", "70000"])
    assert stopped.value.code == 2


# --------------------------------------------------------------------------- the process


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.slow
def test_the_server_answers_several_clients_at_once_and_writes_nothing(example: Path) -> None:
    scenario = commitlogic.load(example)
    reasoner = commitlogic.Reasoner(scenario)
    queries = [
        ([given], at)
        for formula in _formulas(scenario)[:8]
        for given in (formula, f"not {formula}")
        for at in (None, "2025-05-12")
    ]
    expected = {
        (tuple(assume), at): reasoner.status(assume=assume, at=at).to_json()
        for assume, at in queries
    }
    before = {path.name: path.read_bytes() for path in example.parent.iterdir()}
    with serving(example, timeout=15) as (url, process):
        assert url.startswith("http://127.0.0.1:")  # this computer only, by default
        failures: list[str] = []

        def client(offset: int) -> None:
            for index in range(len(queries)):
                assume, at = queries[(index + offset) % len(queries)]
                params = [("assume", a) for a in assume] + ([("at", at)] if at else [])
                status, body = _get(url + "api/status?" + urllib.parse.urlencode(params))
                if status != 200 or body["status"] != expected[(tuple(assume), at)]:
                    failures.append(f"{assume} {at}: {status} {body}")

        threads = [threading.Thread(target=client, args=(7 * n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert failures == []
        status, body = _get(url + "api/status?assume=atends(")
        assert status == 400 and "atends(" in body["error"]
    assert process.returncode == 0
    after = {path.name: path.read_bytes() for path in example.parent.iterdir()}
    assert after == before  # read-only


@pytest.mark.slow
def test_ctrl_c_stops_the_server_cleanly(example: Path) -> None:
    with serving(example, timeout=15) as (url, process):
        assert _get(url + "api/version")[0] == 200
        began = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, error = process.communicate(timeout=15)
        assert time.monotonic() - began < 10
    assert process.returncode == 0
    assert out.strip() == "stopped" and "Traceback" not in error
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "api/version", timeout=5)


def test_the_timeline_follows_the_view(client: TestClient) -> None:
    """/api/view leaves the timeline pending; /api/timeline gives it, as the report has it."""
    from commitlogic.analysis.timelines import timeline

    given = "not attends(putin,istanbul_talks)"
    view = parse(client.get("/api/view", params={"assume": given}).json()["html"])
    section = view.find("section", id="timeline")
    assert section is not None and section.get("data-pending") == "1"
    body = client.get("/api/timeline", params={"assume": given, "at": "2025-05-13"}).json()
    section = parse(body["html"]).find("section", id="timeline")
    assert section is not None and section.get("data-pending") == "0"
    replay = timeline(commitlogic.Reasoner(commitlogic.load(EXAMPLE)), [given])
    dates = section.find_all("li", class_="date")
    assert [d.get("data-date") for d in dates] == [e.at.isoformat() for e in replay]
    assert [d.get("data-date") for d in dates if "read" in (d.get("class") or "").split()] == [
        "2025-05-13"
    ]
    assert client.get("/api/timeline", params={"assume": "x("}).status_code == 400


def test_no_user_text_becomes_markup_in_the_served_page(tmp_path: Path) -> None:
    hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('name = "Istanbul talks, May 2025"', f"name = {json.dumps(hostile)}")
    text = text.replace('quote = "And I will be waiting', f"quote = {json.dumps(hostile)}\n#", 1)
    text = text.replace(
        'source = "https://trt.global/world/article/549d1b544132"',
        'source = "javascript:alert(3)"',
    )
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    client = TestClient(application(ServedFile(str(path))))
    page = parse(client.get("/", params={"assume": "leaders_meet"}).text)
    assert [s.get("type") for s in page.find_all("script")] == ["application/json", None]
    assert page.find_all("img") == []
    card = page.find("article", id="statement-z_waits_in_turkey")
    assert card is not None and card.find("blockquote").text() == hostile
    assert card.find_all("a", class_="source") == [] and "javascript:alert(3)" in card.text()
    assert page.find("h1").text() == hostile
    view = parse(client.get("/api/view").json()["html"])
    assert view.find_all("script") == [] and view.find_all("img") == []
