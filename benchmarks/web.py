"""The web pages in a real browser: screenshots for the docs, and the click latency of serve.

    python benchmarks/web.py [--docs] [--clicks N] [--file SCENARIO]

Drives Chromium through Playwright (``pip install -e '.[test]'``; the browser
itself from the system, e.g. Debian's ``chromium`` package: Playwright's own
browser download is not needed).  It opens ``commitlogic report`` from disk
and the page of ``commitlogic serve``, then clicks every "assume true",
"assume false" and "clear" button of the Istanbul example in turn and prints
the median and the 90th percentile of the time from the click to the updated
page (measured in the page, and from Playwright's side), and to the
replayed timeline, which follows.  With ``--docs`` it
also writes the screenshots of docs/howto-web.md into docs/images/.

``tests/test_web_browser.py`` uses the same helpers (:func:`browser`,
:func:`serving`, :func:`click`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"
IMAGES = ROOT / "docs" / "images"
#: Where the browser is looked for, first: the environment variable COMMITLOGIC_CHROMIUM.
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class NoBrowser(Exception):
    """No browser can be driven here; the message says why."""


def chromium() -> str:
    """Return the path of a Chromium to drive, or raise :class:`NoBrowser`."""
    given = os.environ.get("COMMITLOGIC_CHROMIUM")
    for path in (given,) if given else CHROMIUM:
        if path and os.access(path, os.X_OK):
            return path
    raise NoBrowser(
        f"no Chromium at {given or ', '.join(CHROMIUM)} (apt-get install chromium, "
        "or set COMMITLOGIC_CHROMIUM)"
    )


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """Yield a Playwright browser on the system's Chromium, with a fresh profile."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise NoBrowser(
            "the playwright package is not installed (pip install playwright)"
        ) from None
    path = chromium()
    profile = tempfile.mkdtemp(prefix="commitlogic-chromium-")
    try:
        with sync_playwright() as driver:
            context = driver.chromium.launch_persistent_context(
                profile, executable_path=path, args=FLAGS, headless=True, viewport=DESKTOP
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@contextlib.contextmanager
def serving(
    scenario: Path, *extra: str, timeout: float = 30.0
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run ``commitlogic serve SCENARIO --port 0`` on 127.0.0.1; yield its address and process.

    The server is stopped with Ctrl-C (SIGINT) at the end, and killed if it
    has not stopped within ``timeout`` seconds.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "commitlogic", "serve", str(scenario), "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://\S+/", line)
        if found is None:
            raise RuntimeError(f"serve did not start: {line}{process.stderr.read()}")  # type: ignore[union-attr]
        yield found.group(0), process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def click(page: Any, selector: str) -> float:
    """Click ``selector`` on a served page; wait for the new content; return the seconds taken."""
    before = page.eval_on_selector("#live", "live => live.innerHTML")
    began = time.perf_counter()
    page.click(selector)
    page.wait_for_function(
        "before => { const live = document.getElementById('live');"
        " return live.dataset.ready === '1' && live.innerHTML !== before; }",
        arg=before,
        timeout=10_000,
    )
    return time.perf_counter() - began


def report_file(scenario: Path, folder: Path, *extra: str) -> Path:
    """Write ``commitlogic report SCENARIO --forecast`` into ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "report.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "commitlogic",
            "report",
            str(scenario),
            "--forecast",
            "-o",
            str(out),
            *extra,
        ],
        check=True,
    )
    return out


def latency(url: str, context: Any, rounds: int) -> dict[str, float]:
    """Click assumption buttons ``rounds`` times on the served page; return latency figures (ms)."""
    page = context.new_page()
    page.goto(url)
    buttons = page.eval_on_selector_all(
        "button[data-formula][data-value=true]", "found => found.map(b => b.dataset.formula)"
    )
    outside: list[float] = []
    inside: list[float] = []
    replayed: list[float] = []
    done = 0
    while done < rounds:
        for formula in buttons:
            for value in ("true", "false", "clear"):
                if done >= rounds:
                    break
                selector = f'#live button[data-formula="{formula}"][data-value="{value}"]'
                if page.is_disabled(selector):
                    continue
                outside.append(1000 * click(page, selector))
                inside.append(float(page.eval_on_selector("#live", "live => live.dataset.updated")))
                page.wait_for_function(
                    "() => document.getElementById('live').dataset.timeline === 'ready'"
                )
                replayed.append(
                    float(page.eval_on_selector("#live", "live => live.dataset.replayed"))
                )
                done += 1
    page.close()

    def p90(values: list[float]) -> float:
        return sorted(values)[max(0, round(0.9 * len(values)) - 1)]

    return {
        "clicks": float(len(outside)),
        "page_median": statistics.median(inside),
        "page_p90": p90(inside),
        "click_median": statistics.median(outside),
        "click_p90": p90(outside),
        "timeline_median": statistics.median(replayed),
        "timeline_p90": p90(replayed),
    }


def screenshots(scenario: Path, folder: Path, context: Any = None) -> list[Path]:
    """Write the docs' screenshots of the report (desktop, phone) and of the served page.

    ``context``: a browser from :func:`browser` to use (default: a new one).
    """
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if context is None:
            context = stack.enter_context(browser())
        return _screenshots(scenario, folder, context)


def _screenshots(scenario: Path, folder: Path, context: Any) -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory() as work:
        page_file = report_file(scenario, Path(work))
        page = context.new_page()
        page.goto(page_file.as_uri())
        path = folder / "web_report.png"
        page.screenshot(path=str(path))
        written.append(path)
        page.set_viewport_size(PHONE)
        path = folder / "web_report_phone.png"
        page.screenshot(path=str(path))
        written.append(path)
        page.close()
        with serving(scenario, "--forecast") as (url, _process):
            page = context.new_page()
            page.goto(url + "?at=2025-05-12")
            click(
                page,
                '#live button[data-formula="attends(putin,istanbul_talks)"][data-value="false"]',
            )
            page.locator("#atoms").scroll_into_view_if_needed()
            page.evaluate("window.scrollTo(0, 0)")
            path = folder / "web_serve.png"
            page.screenshot(path=str(path))
            written.append(path)
            page.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Print the click latency of ``serve``; with ``--docs``, rewrite the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", action="store_true", help="write docs/images/web_*.png")
    parser.add_argument("--clicks", type=int, default=60, help="clicks to time (default 60)")
    parser.add_argument("--file", type=Path, default=EXAMPLE, help="the scenario")
    arguments = parser.parse_args(argv)
    try:
        if arguments.docs:
            for path in screenshots(arguments.file, IMAGES):
                print(f"wrote {path.relative_to(ROOT)}")
        with browser() as context, serving(arguments.file, "--forecast") as (url, _process):
            figures = latency(url, context, arguments.clicks)
    except NoBrowser as reason:
        print(f"no browser: {reason}", file=sys.stderr)
        return 2
    print(
        f"{arguments.file.name}, serve --forecast, {int(figures['clicks'])} clicks "
        "(each atom and outcome assumed true, false, cleared):"
    )
    for label, key in (
        ("statuses, reasons and forecasts updated (in the page)", "page"),
        ("the same, from the click (Playwright)", "click"),
        ("the timeline replayed too (in the page)", "timeline"),
    ):
        print(
            f"  {label}: median {figures[key + '_median']:.0f} ms, "
            f"90th percentile {figures[key + '_p90']:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
