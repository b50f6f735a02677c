"""The benchmark: commitlogic side by side with three floors, in one run, and the targets.

    python benchmarks/run.py                 # the full run (about 30 minutes on 2 cores)
    python benchmarks/run.py --quick         # small sizes, for development (a few minutes)
    python benchmarks/run.py --docs          # also rewrite docs/benchmarks.md, .json and .png

Every measurement runs in a fresh process with a time limit; its wall time
and its own peak resident memory (``os.wait4``) are recorded, and a process
that hits the limit is recorded as a timeout, never as a crash.  Measured:

* the headline: ``commitlogic status FILE --json`` against the
  sign-heuristic floor (``signfloor.py FILE``), process start included, on
  the random implications of ``families.py`` at the small and large sizes
  (several seeds), and on its many summits at the small size; the SAT floor
  beside them at the small size;
* on the live reasoner (``measure.py live``) at the small and large sizes,
  and on the many summits at the large size: a status under one
  assumption, a what-if that turns inconsistent with its minimal conflict,
  ``Reasoner.add`` of one statement then a status; and a minimal conflict
  of the inconsistent variant (``measure.py conflict``);
* in-process phases (load, ground, status) of the many summits at the
  small size, and of both families at the huge size from JSON Lines,
  where the sign floor runs on the same file;
* the status of the many summits solved in parts on two worker
  processes (``measure.py spread``, ``status --workers 2``) at the large and
  huge sizes, against one reasoner in the same process;
* the project's own families (``generate.py`` and its ``--chains``) at the
  small size, against the clingo floor (``floor.py``) and the SAT floor
  (``satfloor.py``), as before (the clingo floor enumerates models, and does
  not finish at the large size within the time limit).

Every answer of commitlogic is compared with the floors' on the same file,
and the page says whether they agreed.  ``records.py`` summarises the
records (medians, spreads, the machine), ``targets.py`` computes the targets
of issue 16 (met or missed, by how much), and ``report.py`` writes the
tables and the plot.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from families import FAMILIES  # noqa: E402
from generate import write  # noqa: E402
from report import machine, render, write_docs  # noqa: E402

__all__ = ["main", "run_child"]

PYTHON = sys.executable
#: The worker processes of the status in parts (``status --workers``).
SPREAD_WORKERS = 2
GENERATOR = hashlib.sha256(
    (HERE / "generate.py").read_bytes() + (HERE / "families.py").read_bytes()
).hexdigest()[:8]
SIDES = {
    "commitlogic": [PYTHON, "-m", "commitlogic", "status", "{file}", "--json"],
    "sign floor": [PYTHON, str(HERE / "signfloor.py"), "{file}"],
    "clingo floor": [PYTHON, str(HERE / "floor.py"), "{file}"],
    "SAT floor": [PYTHON, str(HERE / "satfloor.py"), "{file}"],
}
PROJECT_SIDES = ("commitlogic", "clingo floor", "SAT floor")
INCONSISTENT = "-inconsistent"  # the suffix of a family's inconsistent variant
#: Prints "same" when the JSON files named by its arguments hold equal values.
_SAME = (
    "import json, sys\n"
    "try:\n"
    "    values = [json.load(open(name, encoding='utf-8')) for name in sys.argv[1:]]\n"
    "except ValueError:\n"
    "    sys.exit('unreadable')\n"
    "print('same' if all(value == values[0] for value in values) else 'different')\n"
)


def run_child(argv: list[str], timeout: float, keep: Path | None = None) -> dict:
    """Run ``argv`` with a time limit; return its wall time, peak memory, output and code.

    With ``keep``, the output goes to that file and is not read here.  A
    child's peak memory (``ru_maxrss``) counts its parent's resident memory
    when it was started, so this process never holds a large answer or
    scenario: instances are generated, and answers compared, in children.
    """
    with (
        open(keep, "wb") if keep else tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        timed_out = process.returncode == -signal.SIGKILL and seconds >= timeout
        return {
            "seconds": None if timed_out else seconds,
            "peak_mb": usage.ru_maxrss / 1024,
            "timeout": timeout if timed_out else None,
            "code": process.returncode,
            "stdout": "" if keep else out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace")[-400:],
        }


def _lines(text: str) -> dict:
    figures: dict = {}
    for line in text.splitlines():
        try:
            figures.update(json.loads(line))
        except (json.JSONDecodeError, TypeError, ValueError):
            continue
    return figures


class Bench:
    """The records of one run, with the files it generates."""

    def __init__(self, folder: Path, timeout: float, log: bool = True) -> None:
        self.folder = folder
        self.timeout = timeout
        self.records: list[dict] = []
        self.log = log

    def say(self, text: str) -> None:
        if self.log:
            print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    def instance(self, size: int, seed: int, kind: str = "generate", jsonl: bool = False) -> Path:
        """Generate (once) and return the file of an instance."""
        suffix = ".jsonl" if jsonl else ".toml"
        # The generator's own text is part of the name: a changed generator makes new files.
        path = self.folder / f"{kind}-{size}-{seed}-{GENERATOR}{suffix}"
        if not path.exists():  # in a child process, which holds the document
            base = kind.removesuffix(INCONSISTENT)
            argv = [PYTHON, str(HERE / "generate.py"), str(size), "-o", str(path)]
            argv += ["--seed", str(seed)]
            if base in FAMILIES:
                argv += ["--family", base]
            elif base == "chains":
                argv.append("--chains")
            if kind in ("inconsistent", f"{base}{INCONSISTENT}"):
                argv.append("--inconsistent")
            subprocess.run(argv, check=True, stdin=subprocess.DEVNULL)
        return path

    def cli(
        self, kind: str, size: int, seed: int, repeat: int, sides: tuple = PROJECT_SIDES
    ) -> None:
        """The sides' status processes on one instance; check that they agree."""
        path = self.instance(size, seed, kind)
        answers = {}
        for side in sides:
            template = SIDES[side]
            self.say(f"status CLI, {side}, {kind} {size:,} seed {seed}")
            argv = [part.replace("{file}", str(path)) for part in template]
            answer = self.folder / f"answer-{side.replace(' ', '-')}.json"
            result = run_child(argv, self.timeout, keep=answer)
            if result["seconds"] is not None and result["code"] == 0:
                answers[side] = answer
            elif result["seconds"] is not None:  # failed: record it, do not use the time
                result["failed"] = result["stderr"]
                result["seconds"] = None
            self._record("cli", side, kind, size, seed, repeat, result)
        self._agreement(kind, size, seed, answers)

    def _agreement(self, kind: str, size: int, seed: int, answers: dict[str, Path]) -> None:
        """Compare the answer files (in a child process); record whether they agree."""
        agree = None
        if len(answers) >= 2:
            compared = subprocess.run(
                [PYTHON, "-c", _SAME, *map(str, answers.values())],
                capture_output=True,
                text=True,
                stdin=subprocess.DEVNULL,
            )
            agree = {"same": True, "different": False}.get(compared.stdout.strip())
        for answer in answers.values():
            answer.unlink(missing_ok=True)
        self.records.append(
            {
                "what": "agreement",
                "kind": kind,
                "size": size,
                "seed": seed,
                "agree": agree,
                "sides": sorted(answers),
            }
        )

    def checked(self, kind: str, size: int, seed: int, timeout: float) -> None:
        """In-process phases from JSON Lines, then the sign floor on the same file; compare."""
        answer = self.folder / f"answer-{kind}-{size}-{seed}.json"
        answer.unlink(missing_ok=True)
        self.inprocess(
            "phases", kind, size, seed, 0, timeout, jsonl=True, extra=["--answer", str(answer)]
        )
        answers = {"commitlogic": answer} if answer.exists() else {}
        path = self.instance(size, seed, kind, jsonl=True)
        self.say(f"status CLI, sign floor, {kind} {size:,} seed {seed}")
        floor = self.folder / "answer-sign-floor.json"
        result = run_child([PYTHON, str(HERE / "signfloor.py"), str(path)], timeout, keep=floor)
        if result["seconds"] is not None and result["code"] == 0:
            answers["sign floor"] = floor
        elif result["seconds"] is not None:
            result["failed"], result["seconds"] = result["stderr"], None
        self._record("floor", "sign floor", kind, size, seed, 0, result)
        self._agreement(kind, size, seed, answers)

    def inprocess(
        self,
        what: str,
        kind: str,
        size: int,
        seed: int,
        repeat: int,
        timeout: float | None = None,
        jsonl: bool = False,
        extra: list[str] = (),
    ) -> None:
        """One ``measure.py`` run; a timeout keeps the phases it finished."""
        path = self.instance(size, seed, kind, jsonl=jsonl)
        if kind == "inconsistent" or kind.endswith(INCONSISTENT):
            mode = "conflict"
        else:
            mode = what if what in ("whatif", "live", "spread") else "phases"
        self.say(f"{what}, {kind} {size:,} seed {seed}")
        argv = [PYTHON, str(HERE / "measure.py"), mode, str(path), *extra]
        result = run_child(argv, timeout or self.timeout)
        result["figures"] = _lines(result["stdout"])
        if result["code"] != 0 and result["timeout"] is None:
            result["failed"] = result["stderr"]
        self._record(what, "commitlogic", kind, size, seed, repeat, result)

    def _record(
        self, what: str, side: str, kind: str, size: int, seed: int, repeat: int, result: dict
    ) -> None:
        result.pop("stdout", None)
        if "failed" not in result:
            result.pop("stderr", None)
        self.records.append(
            {
                "what": what,
                "side": side,
                "kind": kind,
                "size": size,
                "seed": seed,
                "repeat": repeat,
                **result,
            }
        )


def plan(arguments: argparse.Namespace) -> list[tuple]:
    """Return the measurements of the run, in order: (method, args, kwargs)."""
    small, large, huge = arguments.small, arguments.large, arguments.huge
    family_sides = ("commitlogic", "sign floor", "SAT floor")
    live = {"extra": ["--what-ifs", str(arguments.what_ifs)]}
    spread = {"extra": ["--workers", str(SPREAD_WORKERS)]}
    steps: list[tuple] = []
    for repeat in range(arguments.repeats):
        for seed in arguments.seeds:
            steps.append(("cli", ("implications", small, seed, repeat, family_sides), {}))
            steps.append(("cli", ("summits", small, seed, repeat, family_sides[:2]), {}))
            steps.append(("inprocess", ("live", "implications", small, seed, repeat), live))
            steps.append(
                ("inprocess", ("conflict", "implications" + INCONSISTENT, small, seed, repeat), {})
            )
            steps.append(("inprocess", ("phases", "summits", small, seed, repeat), {}))
        for seed in arguments.large_seeds:
            steps.append(("cli", ("implications", large, seed, repeat, family_sides[:2]), {}))
            steps.append(("inprocess", ("live", "implications", large, seed, repeat), live))
            steps.append(("inprocess", ("live", "summits", large, seed, repeat), live))
            steps.append(("inprocess", ("spread", "summits", large, seed, repeat), spread))
            steps.append(
                ("inprocess", ("conflict", "implications" + INCONSISTENT, large, seed, repeat), {})
            )
    if arguments.project:
        for seed in arguments.seeds:
            steps.append(("cli", ("generate", small, seed, 0), {}))
            steps.append(("cli", ("chains", small, seed, 0), {}))
            steps.append(("inprocess", ("conflict", "inconsistent", small, seed, 0), {}))
    if huge:
        for kind in ("implications", "summits"):
            steps.append(("checked", (kind, huge, 0, arguments.huge_timeout), {}))
        huge_spread = {**spread, "timeout": arguments.huge_timeout, "jsonl": True}
        steps.append(("inprocess", ("spread", "summits", huge, 0, 0), huge_spread))
    return steps


def _ints(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark; print the report; with ``--docs`` rewrite the docs page."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small sizes (1,000 / 5,000 / 20,000), seeds 0,1, short limits: a few minutes",
    )
    parser.add_argument("--small", type=int, default=10_000, help="default 10,000 statements")
    parser.add_argument("--large", type=int, default=100_000, help="default 100,000")
    parser.add_argument(
        "--huge",
        type=int,
        default=1_000_000,
        help="in-process status from JSON Lines (0 to skip); default 1,000,000",
    )
    parser.add_argument("--seeds", type=_ints, default=[0, 1, 2], help="seeds at the small size")
    parser.add_argument("--large-seeds", type=_ints, default=[0, 1], help="seeds at the large size")
    parser.add_argument("--repeats", type=int, default=1, help="runs per seed (default 1)")
    parser.add_argument(
        "--no-project",
        dest="project",
        action="store_false",
        help="skip the project's own families (generate.py, chains) and their two floors",
    )
    parser.add_argument("--what-ifs", type=int, default=7, help="what-ifs per run (median)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per process")
    parser.add_argument("--huge-timeout", type=float, default=240, help="seconds at the huge size")
    parser.add_argument(
        "--docs",
        action="store_true",
        help="rewrite docs/benchmarks.md (between its markers), .json and .png",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the raw records here")
    parser.add_argument(
        "--instances",
        metavar="DIR",
        help="keep the generated files here and reuse them in later runs (generating "
        "1,000,000 statements takes minutes); default: a temporary folder",
    )
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.small, arguments.large, arguments.huge = 1_000, 5_000, 20_000
        arguments.seeds, arguments.large_seeds = [0, 1], [0]
        arguments.timeout, arguments.huge_timeout = 60, 60
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="commitlogic-bench-") as scratch:
        folder = Path(arguments.instances or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        bench = Bench(folder, arguments.timeout)
        for method, args, kwargs in plan(arguments):
            getattr(bench, method)(*args, **kwargs)
    settings = {
        "small": arguments.small,
        "large": arguments.large,
        "huge": arguments.huge,
        "seeds": arguments.seeds,
        "large_seeds": arguments.large_seeds,
        "repeats": arguments.repeats,
        "what_ifs": arguments.what_ifs,
        "timeout": arguments.timeout,
        "huge_timeout": arguments.huge_timeout,
        "quick": arguments.quick,
        "project": arguments.project,
        "minutes": round((time.time() - started) / 60, 1),
        "command": "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    result = {"machine": machine(), "settings": settings, "records": bench.records}
    print(render(result))
    if arguments.json:
        write(arguments.json, json.dumps(result, indent=1) + "\n")
    if arguments.docs:
        write_docs(result, ROOT / "docs")


if __name__ == "__main__":
    main()
