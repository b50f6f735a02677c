"""The targets of issue 11, computed from the records of a run: met, missed, by how much."""

from __future__ import annotations

from records import INF, _select, _time, _values, summary

__all__ = ["targets"]


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


def targets(result: dict) -> list[dict]:
    """Compute the targets of issue 11 from the records: measured, limit, met, margin."""
    records, settings = result["records"], result["settings"]
    small, large, huge = settings["small"], settings["large"], settings["huge"]
    timeout, huge_timeout = settings["timeout"], settings["huge_timeout"]

    def cli(kind: str, size: int, side: str) -> dict | None:
        return summary(_values(_select(records, what="cli", kind=kind, size=size, side=side)))

    def fig(what: str, kind: str, size: int, figure: str) -> dict | None:
        chosen = _select(records, what=what, kind=kind, size=size)
        return summary(_values(chosen, figure))

    rows = []

    def add(
        name: str,
        value: float | None,
        limit: float,
        unit: str,
        how: str,
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
                "how": how,
            }
        )

    def add_memory(name: str, chosen: list[dict], value: float | None, limit: float) -> None:
        """A memory target: undecided when a process was stopped before it finished."""
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
                    "how": "peak RSS of the process",
                }
            )
            return
        add(name, value, limit, "MB", "peak RSS of the process")

    for kind, label in (("generate", "generate.py"), ("chains", "chains")):
        add(
            f"{small:,}: CLI status ÷ clingo floor ({label})",
            _quotient(cli(kind, small, "commitlogic"), cli(kind, small, "clingo floor")),
            1.5,
            "x",
            "median CLI time ÷ median floor time, process start included",
        )
    big = cli("generate", large, "commitlogic")
    add(f"{large:,}: CLI status time", _median(big), 10, "s", "median over the large seeds")
    add(
        f"{large:,}: CLI status ÷ clingo floor",
        _quotient(big, cli("generate", large, "clingo floor")),
        2,
        "x",
        "medians",
    )
    peak = summary(
        _values(
            _select(records, what="cli", kind="generate", size=large, side="commitlogic"), "peak_mb"
        )
    )
    add_memory(
        f"{large:,}: CLI status peak memory",
        _select(records, what="cli", kind="generate", size=large, side="commitlogic"),
        _median(peak),
        1024,
    )
    if huge:
        whole = _median(fig("phases", "generate", huge, "total"))
        add(
            f"{huge:,} (JSON Lines): in-process status",
            whole,
            120,
            "s",
            "load + ground + status in one process",
            huge_timeout,
        )
        peak_huge = summary(_values(_select(records, what="phases", size=huge), "peak_mb"))
        add_memory(
            f"{huge:,}: peak memory",
            _select(records, what="phases", size=huge),
            _median(peak_huge),
            6144,
        )
    front = [_median(fig("phases", "generate", large, name)) for name in ("load", "ground")]
    solving = _median(fig("phases", "generate", large, "status"))
    share = None
    if None not in front and solving not in (None, INF, 0):
        share = sum(front) / solving  # type: ignore[arg-type]
    add(
        f"{large:,}: front end (load + ground) ÷ status",
        share,
        1,
        "x",
        "in-process phases; n/a when the status did not finish",
    )
    status_small = fig("phases", "generate", small, "status")
    conflict_small = fig("conflict", "inconsistent", small, "conflict")
    add(
        f"{small:,}: minimal conflict ÷ status",
        _quotient(conflict_small, status_small),
        1,
        "x",
        "median conflict (inconsistent variant) ÷ median status (same seeds), in-process",
    )
    add(
        f"{large:,}: minimal conflict",
        _median(fig("conflict", "inconsistent", large, "conflict")),
        10,
        "s",
        "median over the large seeds, in-process",
    )
    add(
        f"{small:,}: what-if, one formula",
        _median(fig("whatif", "generate", small, "what-if formula")),
        0.020,
        "s",
        f"median of {settings['what_ifs']} what-ifs per run, median over runs",
    )
    add(
        f"{small:,}: status under an assumption ÷ fresh status",
        _quotient(
            fig("whatif", "generate", small, "what-if status"),
            fig("whatif", "generate", small, "status"),
        ),
        0.5,
        "x",
        "medians, same runs",
    )
    add(
        f"{small:,}: tolerant ÷ strict status",
        _quotient(fig("tolerant", "generate", small, "status"), status_small),
        2,
        "x",
        "medians, in-process",
    )
    return rows
