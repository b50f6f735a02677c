"""The targets of issue 16, computed from the records of a run: met, missed, by how much.

Each row also says where the time went (the in-process phases of the same
size), so that a missed target's page shows why with the run's own figures.
"""

from __future__ import annotations

from records import INF, _select, _time, _values, summary, work

__all__ = ["targets"]

FAMILY = "implications"
BROKEN = "implications-inconsistent"


def _verdict(value: float | None, limit: float, timeout: float | None, unit: str) -> tuple:
    """Return (measured text, met?, by how much) for ``value <= limit``."""
    if value is None:
        return "n/a (a side did not finish, or was not run)", None, "n/a"
    if value == INF and unit == "s" and timeout is not None and timeout < limit:
        return (
            f"timeout (> {timeout:g} s)",
            None,
            "not decided: the run's limit is below the target",
        )
    if value == INF:
        bound = f"> {timeout:g} s" if timeout else "timeout"
        over = f"by more than {timeout / limit:.1f}x" if timeout and unit == "s" else "timed out"
        return f"timeout ({bound})", False, over
    shown = (
        f"{value:.2f}x" if unit == "x" else (f"{value:,.0f} MB" if unit == "MB" else _time(value))
    )
    if value <= limit:
        return shown, True, f"{(1 - value / limit) * 100:.0f}% under the limit"
    return shown, False, f"{value / limit:.2f}x the limit"


def _median(stats: dict | None) -> float | None:
    return None if stats is None else stats["median"]


def _quotient(a: dict | None, b: dict | None) -> float | None:
    if a is None or b is None:
        return None
    if b["median"] in (0, INF):
        return None  # the floor (or the base) did not finish: no ratio
    if a["median"] == INF:
        return INF
    return a["median"] / b["median"]


def _phases(records: list[dict], what: str, kind: str, size: int) -> str:
    """'load 1.2 s, ground 3.4 s, status 5.6 s' of the in-process runs (medians), or ''."""
    chosen = _select(records, what=what, kind=kind, size=size)
    parts = []
    for name in ("load", "ground", "status"):
        stats = summary(_values(chosen, name))
        if stats is not None:
            parts.append(f"{name} {_time(stats['median'])}")
    return ", ".join(parts)


def targets(result: dict) -> list[dict]:
    """Compute the targets of issue 16 from the records: measured, limit, met, margin, where."""
    records, settings = result["records"], result["settings"]
    small, large, huge = settings["small"], settings["large"], settings["huge"]
    timeout, huge_timeout = settings["timeout"], settings["huge_timeout"]

    def cli(size: int, side: str, figure: str | None = None) -> dict | None:
        chosen = _select(records, what="cli", kind=FAMILY, size=size, side=side)
        return summary(_values(chosen, figure))

    def fig(what: str, kind: str, size: int, figure: str) -> dict | None:
        return summary(_values(_select(records, what=what, kind=kind, size=size), figure))

    rows: list[dict] = []

    def add(
        name: str,
        value: float | None,
        limit: float,
        unit: str,
        where: str = "",
        bound: float | None = timeout,
    ) -> None:
        shown, met, margin = _verdict(value, limit, bound, unit)
        limit_text = {"x": f"{limit:g}x", "MB": f"{limit:,.0f} MB"}.get(unit, _time(limit))
        rows.append(
            {
                "target": name,
                "measured": shown,
                "limit": limit_text,
                "met": met,
                "margin": margin,
                "where": where,
            }
        )

    def add_memory(name: str, chosen: list[dict], limit: float) -> None:
        """A memory target: undecided when a process was stopped below the limit."""
        value = _median(summary(_values(chosen, "peak_mb")))
        if value is not None and any(r.get("timeout") for r in chosen):
            rows.append(
                {
                    "target": name,
                    "measured": f"{value:,.0f} MB when stopped",
                    "limit": f"{limit:,.0f} MB",
                    "met": None if value <= limit else False,
                    "margin": "not decided: the process hit its time limit"
                    if value <= limit
                    else f"{value / limit:.2f}x the limit before it was stopped",
                    "where": "peak RSS of the process",
                }
            )
            return
        add(name, value, limit, "MB", "peak RSS of the process")

    where_small = _phases(records, "live", FAMILY, small)
    where_large = _phases(records, "live", FAMILY, large)
    add(
        f"{small:,} random implications: CLI status ÷ sign floor",
        _quotient(cli(small, "commitlogic"), cli(small, "sign floor")),
        1.5,
        "x",
        f"medians, process start included; in-process: {where_small}",
    )
    big = cli(large, "commitlogic")
    add(
        f"{large:,}: CLI status ÷ sign floor",
        _quotient(big, cli(large, "sign floor")),
        2,
        "x",
        f"medians; in-process: {where_large}",
    )
    add(f"{large:,}: CLI status time", _median(big), 10, "s", f"in-process: {where_large}")
    add_memory(
        f"{large:,}: CLI status peak memory",
        _select(records, what="cli", kind=FAMILY, size=large, side="commitlogic"),
        512,
    )
    if huge:
        add(
            f"{huge:,} (JSON Lines): in-process status",
            _median(fig("phases", FAMILY, huge, "total")),
            120,
            "s",
            _phases(records, "phases", FAMILY, huge),
            huge_timeout,
        )
        add_memory(
            f"{huge:,}: peak memory", _select(records, what="phases", kind=FAMILY, size=huge), 4096
        )
        at_huge = _median(summary(work(_select(records, what="phases", kind="summits", size=huge))))
        at_small = _median(
            summary(work(_select(records, what="phases", kind="summits", size=small)))
        )
        per = None
        if at_huge is not None and at_small not in (None, 0, INF):
            per = INF if at_huge == INF else (at_huge / huge) / (at_small / small)  # type: ignore[operator]
        add(
            f"{huge:,} many summits: time per statement (load + ground + status) ÷ at {small:,}",
            per,
            1.5,
            "x",
            f"{huge:,}: {_phases(records, 'phases', 'summits', huge)}; "
            f"{small:,}: {_phases(records, 'phases', 'summits', small)}",
        )
    add(
        f"{large:,}: status under one assumption, live",
        _median(fig("live", FAMILY, large, "what-if status")),
        0.5,
        "s",
        f"median of {settings['what_ifs']} what-ifs per run",
    )
    add(
        f"{large:,}: Reasoner.add of one statement, then status",
        _median(fig("live", FAMILY, large, "add + status")),
        0.5,
        "s",
        "an if between two possible atoms, on the live reasoner",
    )
    add(
        f"{large:,}: what-if that turns inconsistent, with its conflict ÷ fresh status",
        _quotient(
            fig("live", FAMILY, large, "inconsistent what-if"),
            fig("live", FAMILY, large, "status"),
        ),
        1,
        "x",
        "the negation of a certain atom, on the live reasoner; same runs",
    )
    for size in (small, large):
        add(
            f"{size:,}: minimal conflict ÷ status",
            _quotient(
                fig("conflict", BROKEN, size, "conflict"), fig("live", FAMILY, size, "status")
            ),
            1,
            "x",
            "Reasoner.conflict() of the inconsistent variant ÷ the fresh status, in-process",
        )
    return rows
