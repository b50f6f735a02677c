"""The records of a benchmark run: the machine, and statistics over the samples.

A record is one process that ``run.py`` ran (its seconds, peak memory,
timeout, and the figures it printed); a timeout counts as an infinite time,
so that a median over runs that include one is honest.
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

__all__ = ["INF", "machine", "summary", "work"]

INF = math.inf
_LABELS = {
    "generate": "generate.py",
    "chains": "generate.py --chains",
    "implications": "random implications",
    "summits": "many summits",
}


# --------------------------------------------------------------------------- the machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent,
        )
        return done.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def machine() -> dict:
    """Describe the machine and the software the run measured."""
    memory = _memory_gib()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory": None if memory is None else f"{memory:.1f} GiB",
        "load average at the end": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "clingo": _version("clingo"),
        "python-sat": _version("python-sat"),
        "toml-rs": _version("toml-rs"),
        "commitlogic": f"{_version('commitlogic')} (commit {_commit()})",
    }


# --------------------------------------------------------------------------- statistics


def _values(records: Iterable[dict], figure: str | None = None) -> list[float]:
    """The samples of a figure (or the process's seconds); a timeout counts as infinite."""
    found = []
    for record in records:
        if figure is None:
            value = record.get("seconds")
        elif figure == "peak_mb":
            value = record.get("peak_mb")
        else:
            value = record.get("figures", {}).get(figure)
        if value is None and (record.get("timeout") is not None or figure is None):
            value = INF if record.get("timeout") is not None else None
        if value is not None:
            found.append(float(value))
    return found


def work(records: Iterable[dict]) -> list[float]:
    """Per in-process run, load + ground + status (the interpreter's start left out)."""
    found = []
    for record in records:
        figures = record.get("figures", {})
        parts = [figures.get(name) for name in ("load", "ground", "status")]
        if None not in parts:
            found.append(float(sum(parts)))  # type: ignore[arg-type]
        elif record.get("timeout") is not None:
            found.append(INF)
    return found


def summary(values: list[float]) -> dict | None:
    """Median, least and greatest of the samples (infinite = timed out), or None."""
    if not values:
        return None
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def _select(records: list[dict], **wanted: object) -> list[dict]:
    return [r for r in records if all(r.get(k) == v for k, v in wanted.items())]


def _time(seconds: float | None, timeout: float | None = None) -> str:
    if seconds is None:
        return "n/a"
    if seconds == INF:
        return f"timeout (> {timeout:g} s)" if timeout else "timeout"
    if seconds < 1:
        return f"{seconds * 1000:,.1f} ms"
    if seconds < 120:
        return f"{seconds:,.2f} s"
    return f"{seconds / 60:,.1f} min"


def _cell(stats: dict | None, timeout: float | None = None, unit: str = "s") -> str:
    if stats is None:
        return "n/a"
    if unit == "MB":
        return f"{stats['median']:,.0f} MB" if stats["median"] != INF else "n/a"
    text = _time(stats["median"], timeout)
    if stats["n"] > 1 and stats["median"] != INF:
        text += f" ({_time(stats['min'], timeout)} to {_time(stats['max'], timeout)})"
    return text


def _ratio(mine: dict | None, theirs: dict | None) -> str:
    if not mine or not theirs:
        return "n/a"
    a, b = mine["median"], theirs["median"]
    if a == INF or b == INF or b == 0:
        return "n/a (timeout)" if INF in (a, b) else "n/a"
    return f"{a / b:.2f}x"
