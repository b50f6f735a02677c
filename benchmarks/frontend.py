"""Loading times of the front end, before and after: this checkout against a git revision.

    python benchmarks/frontend.py                       # 10,000 and 100,000, against a4297bc
    python benchmarks/frontend.py --sizes 100000 --before HEAD~3 --repeat 5
    python benchmarks/frontend.py --docs     # also put the table into docs/benchmarks.md

For each size it writes the random-implications scenario of ``families.py``
(TOML and JSON Lines) and the ``generate.py`` one (TOML), then loads each file
with ``commitlogic.load`` in fresh processes: with this checkout's package,
and with the package of the revision ``--before`` (``git archive`` into a
temporary folder).  It prints the least wall and processor time of
``--repeat`` loads each (the least is the one the machine disturbed least;
the processor time is less disturbed by other work), per 10,000 statements
too, and the ratio; and the process's resident memory once the file is
loaded (``/proc/self/statm``) and its peak.  Both sides must build equal
scenarios: the command compares their ``repr`` digests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402

__all__ = ["main"]

BEFORE = "a4297bc"  # the last commit before issue 16's front end
MARK_BEGIN = "<!-- front end: begin (python benchmarks/frontend.py --docs) -->"
MARK_END = "<!-- front end: end -->"
_PROBE = """
import hashlib, json, os, resource, sys, time
import commitlogic
wall, cpu = time.perf_counter(), time.process_time()
scenario = commitlogic.load(sys.argv[1])
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
with open("/proc/self/statm") as statm:  # resident pages now
    held = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
digest = hashlib.sha256(repr(scenario).encode()).hexdigest()[:12]
print(json.dumps({"wall": wall, "cpu": cpu, "held": held, "peak": peak, "digest": digest,
                  "where": commitlogic.__file__}))
"""


def _package(revision: str, folder: Path) -> Path:
    """Extract ``commitlogic/`` of ``revision`` into ``folder``; return the folder."""
    archive = folder / "before.tar"
    with archive.open("wb") as out:
        subprocess.run(
            ["git", "archive", revision, "commitlogic"], cwd=ROOT, stdout=out, check=True
        )
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "src", filter="data")
    return folder / "src"


def _load(path: Path, source: Path, repeat: int) -> dict:
    """The least wall and processor time of ``repeat`` loads, and the scenario's digest."""
    runs = []
    environment = {**os.environ, "PYTHONPATH": str(source)}
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, str(path)],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
            cwd=source,
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert all(str(source) in run["where"] for run in runs), "loaded the wrong package"
    return {
        "wall": min(run["wall"] for run in runs),
        "cpu": min(run["cpu"] for run in runs),
        "held": min(run["held"] for run in runs),
        "peak": min(run["peak"] for run in runs),
        "digest": runs[0]["digest"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="statements, comma-separated")
    parser.add_argument("--before", default=BEFORE, help=f"a git revision (default {BEFORE})")
    parser.add_argument("--repeat", type=int, default=3, help="loads per side and file")
    parser.add_argument("--docs", action="store_true", help="also rewrite the docs page's table")
    arguments = parser.parse_args(argv)
    lines = _table(arguments)
    if arguments.docs:
        page = ROOT / "docs" / "benchmarks.md"
        text = page.read_text(encoding="utf-8")
        start, end = text.index(MARK_BEGIN), text.index(MARK_END)
        command = "python benchmarks/frontend.py " + " ".join(
            sys.argv[1:] if argv is None else argv
        )
        body = "\n".join([f"`{command.strip()}`:", "", *lines])
        write(page, text[: start + len(MARK_BEGIN)] + "\n\n" + body + "\n\n" + text[end:])


def _table(arguments: argparse.Namespace) -> list[str]:
    """Measure; print each row as it comes; return the lines of the table."""
    out: list[str] = []

    def say(line: str) -> None:
        out.append(line)
        print(line, flush=True)

    sizes = [int(part) for part in arguments.sizes.split(",") if part]
    with tempfile.TemporaryDirectory(prefix="commitlogic-frontend-") as scratch:
        folder = Path(scratch)
        before = _package(arguments.before, folder)
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        say(
            f"Load times, least of {arguments.repeat} (wall / processor), "
            f"before = {arguments.before}, after = this checkout (commit {commit}), "
            f"on a machine shared with other work:"
        )
        say("")
        say(
            "| file | statements | before | after | after per 10,000 (processor) "
            "| after ÷ before (processor) | memory held after loading, before / after "
            "| peak memory, before / after | same scenario |"
        )
        say("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for size in sizes:
            files = {
                "random implications (TOML)": (["--family", "implications"], ".toml"),
                "random implications (JSON Lines)": (["--family", "implications"], ".jsonl"),
                "generate.py (TOML)": ([], ".toml"),
            }
            for label, (options, suffix) in files.items():
                path = folder / f"{hashlib.sha1(label.encode()).hexdigest()[:8]}-{size}{suffix}"
                # A child writes it: a child's peak memory counts this process's memory.
                subprocess.run(
                    [
                        sys.executable,
                        str(HERE / "generate.py"),
                        str(size),
                        "-o",
                        str(path),
                        *options,
                    ],
                    check=True,
                )
                old = _load(path, before, arguments.repeat)
                new = _load(path, ROOT, arguments.repeat)
                say(
                    f"| {label} | {size:,} | {old['wall']:.2f} s / {old['cpu']:.2f} s "
                    f"| {new['wall']:.2f} s / {new['cpu']:.2f} s "
                    f"| {new['cpu'] * 10_000 / size:.3f} s "
                    f"| {new['cpu'] / old['cpu']:.2f}x "
                    f"| {old['held']:.0f} MB / {new['held']:.0f} MB "
                    f"| {old['peak']:.0f} MB / {new['peak']:.0f} MB "
                    f"| {'yes' if old['digest'] == new['digest'] else 'NO'} |"
                )
    return out


if __name__ == "__main__":
    main()
