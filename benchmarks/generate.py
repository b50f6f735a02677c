"""A seeded generator of large, realistic scenario files (TOML) for the benchmarks.

    python benchmarks/generate.py 10000 -o /tmp/s10k.toml [--seed 1] [--inconsistent]
    python benchmarks/generate.py 10000 -o /tmp/c10k.jsonl --chains   # JSON Lines, chains
    python benchmarks/generate.py 10000 -o /tmp/i10k.toml --family implications  # families.py

A scenario of ``n`` statements has about ``n / 25`` events, each inviting 25
of about ``n / 40`` actors, so about ``n`` attendance atoms, plus a few free
propositions (``signs(a, deal_e)``, ``held(e)``).  Statements come in every
kind, mostly ``if`` and ``only_if`` in chains (a condition often names the
subject of a recent statement on the same event), with ``and``/``or``/``not``
formulas, dates in file order (some statements undated), and supersession
(a speaker taking back an earlier statement of theirs).  About one outcome
per 50 statements is declared.

Every statement is true under a hidden random assignment, so the scenario
is consistent at any date.  With ``inconsistent=True`` a short chain of
statements (commits, if, only_if, refuses) that this assignment breaks is
spread through the file: the scenario then has no outcome, and the chain is
one minimal conflict.

The module uses the standard library only, so that it runs anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

__all__ = ["document", "generate", "to_jsonl", "to_toml", "write"]

_KINDS = (
    ("if", 36),
    ("only_if", 34),
    ("commits", 8),
    ("refuses", 7),
    ("might", 8),
    ("observed", 4),
)
_PARTIES = ("north", "south", "east", "west", "union", "league")
_ROLES = ("president", "minister", "envoy", "mediator", "advisor")
_PLACES = ("istanbul", "doha", "geneva", "riyadh", "vienna", "oslo", "ankara")
_QUOTES = (
    "I will be there if {other} comes.",
    "We go only if the others do: «no lower-level delegation».",
    'He said: "we will see", nothing more.',
    "Я приеду, только если он приедет.",
    "Nous viendrons si les conditions sont réunies.",
    "Ich komme nicht.",
    "A statement with a backslash \\ and a tab\t inside.",
)
_START = date(2025, 3, 1)
_DAYS = 120


class _Planted:
    """The hidden assignment that every generated statement satisfies."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.value: dict[str, bool] = {}

    def __call__(self, atom: str) -> bool:
        if atom not in self.value:
            self.value[atom] = self.rng.random() < 0.5
        return self.value[atom]


def _formula_value(formula: tuple, planted: _Planted) -> bool:
    op = formula[0]
    if op == "atom":
        return planted(formula[1])
    if op == "not":
        return not _formula_value(formula[1], planted)
    values = [_formula_value(part, planted) for part in formula[1:]]
    return all(values) if op == "and" else any(values)


def _formula_text(formula: tuple, top: bool = True) -> str:
    op = formula[0]
    if op == "atom":
        return formula[1]
    if op == "not":
        inner = formula[1]
        if inner[0] == "atom" and inner[1].startswith("attends("):
            return "absent(" + inner[1][len("attends(") :]
        return "not " + _formula_text(inner, top=False)
    text = f" {op} ".join(_formula_text(part, top=False) for part in formula[1:])
    return text if top else f"({text})"


def _atom(text: str) -> tuple:
    return ("atom", text)


def _attends(actor: str, event: str) -> tuple:
    return ("atom", f"attends({actor}, {event})")


class _Builder:
    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.planted = _Planted(random.Random(seed + 1))
        self.n = n
        n_actors = max(30, n // 40)
        n_events = max(4, n // 25)
        self.actors = [f"actor_{i}" for i in range(n_actors)]
        self.events = [f"event_{i}" for i in range(n_events)]
        self.invited = {
            event: sorted(self.rng.sample(self.actors, min(25, n_actors)), key=self._order)
            for event in self.events
        }
        self.recent: dict[str, list[tuple]] = {event: [] for event in self.events}
        self.by_speaker: dict[str, list[str]] = {}

    def _order(self, actor: str) -> int:
        return int(actor.rsplit("_", 1)[1])

    def attendance(self, event: str, actor: str | None = None) -> tuple:
        return _attends(actor or self.rng.choice(self.invited[event]), event)

    def free(self, event: str) -> tuple:
        if self.rng.random() < 0.5:
            return _atom(f"held({event})")
        return _atom(f"signs({self.rng.choice(self.invited[event])}, deal_{event})")

    def condition(self, event: str) -> tuple:
        """A condition on ``event``: often the subject of a recent statement (a chain)."""
        rng = self.rng
        recent = self.recent[event]
        base = rng.choice(recent) if recent and rng.random() < 0.6 else self.attendance(event)
        roll = rng.random()
        if roll < 0.55:
            return base
        if roll < 0.7:
            return ("not", base)
        if roll < 0.85:
            return ("and", base, self.attendance(event))
        if roll < 0.95:
            return ("or", base, self.attendance(event))
        other = rng.choice(self.events)  # a chain across events
        return ("and", base, ("or", self.attendance(other), self.free(event)))

    def statement(self, index: int, kind: str) -> dict[str, object] | None:
        """Return one statement true under the planted assignment, or None after 20 tries."""
        rng = self.rng
        for _ in range(20):
            event = rng.choice(self.events)
            speaker = rng.choice(self.invited[event])
            subject: tuple = self.attendance(event, speaker)
            if rng.random() < 0.08:
                subject = ("or", subject, self.free(event))
            condition = None
            if kind in ("if", "only_if") or (kind == "might" and rng.random() < 0.5):
                condition = self.condition(event)
            if kind == "observed" and rng.random() < 0.5:
                subject = ("not", subject)
            if not self._holds(kind, subject, condition):
                continue
            entry: dict[str, object] = {"id": f"s{index}", "kind": kind}
            if kind != "observed":
                entry["by"] = speaker
                if rng.random() < 0.3:
                    entry["to"] = rng.choice(self.invited[event])
            entry["subject"] = _formula_text(subject)
            if condition is not None:
                entry["condition"] = _formula_text(condition)
            if subject[0] == "atom":
                self.recent[event] = [*self.recent[event][-7:], subject]
            return entry
        return None

    def _holds(self, kind: str, subject: tuple, condition: tuple | None) -> bool:
        value = self.planted
        if kind in ("commits", "observed"):
            return _formula_value(subject, value)
        if kind == "refuses":
            return not _formula_value(subject, value)
        if kind == "if":
            assert condition is not None
            return not _formula_value(condition, value) or _formula_value(subject, value)
        if kind == "only_if":
            assert condition is not None
            return not _formula_value(subject, value) or _formula_value(condition, value)
        return True  # might

    def conflict_chain(self) -> list[dict[str, object]]:
        """Statements the planted assignment breaks: commits x0, x0 -> x1 -> x2, refuses x2."""
        rng = self.rng
        events = rng.sample(self.events, 3)
        atoms = [self.attendance(event) for event in events]
        speaker = rng.choice(self.actors)
        texts = [_formula_text(atom) for atom in atoms]
        return [
            {"id": "x_commits", "kind": "commits", "by": speaker, "subject": texts[0]},
            {
                "id": "x_if",
                "kind": "if",
                "by": rng.choice(self.actors),
                "subject": texts[1],
                "condition": texts[0],
            },
            {
                "id": "x_only_if",
                "kind": "only_if",
                "by": rng.choice(self.actors),
                "subject": texts[1],
                "condition": texts[2],
            },
            {
                "id": "x_refuses",
                "kind": "refuses",
                "by": rng.choice(self.actors),
                "subject": texts[2],
            },
        ]

    def build(self, inconsistent: bool) -> dict[str, object]:
        rng = self.rng
        names, weights = zip(*_KINDS, strict=True)
        statements: list[dict[str, object]] = []
        index = 0
        while len(statements) < self.n - (4 if inconsistent else 0):
            kind = rng.choices(names, weights)[0]
            entry = self.statement(index, kind)
            index += 1
            if entry is None:
                continue
            statements.append(entry)
        if inconsistent:
            for entry in self.conflict_chain():
                statements.insert(rng.randrange(len(statements) + 1), entry)
        total = len(statements)
        for position, entry in enumerate(statements):
            if rng.random() < 0.9:
                day = position * _DAYS // max(total, 1)
                entry["said"] = _START + timedelta(days=day)
            if entry["id"].startswith("x_"):  # type: ignore[union-attr]
                continue
            speaker = entry.get("by")
            if isinstance(speaker, str):
                earlier = self.by_speaker.setdefault(speaker, [])
                if earlier and rng.random() < 0.06:
                    entry["supersedes"] = rng.sample(
                        earlier, min(len(earlier), 1 + (rng.random() < 0.2))
                    )
                earlier.append(entry["id"])  # type: ignore[arg-type]
            if rng.random() < 0.3:
                entry["quote"] = rng.choice(_QUOTES).format(other=rng.choice(self.actors))
            if rng.random() < 0.1:
                entry["source"] = f"https://news.example/{entry['id']}"
            if rng.random() < 0.05:
                entry["weight"] = rng.randint(1, 5)
        outcomes = []
        for i in range(max(2, self.n // 50)):
            event = rng.choice(self.events)
            first, second = self.attendance(event), self.attendance(event)
            shape = rng.random()
            if shape < 0.5:
                formula: tuple = ("and", first, second)
            elif shape < 0.8:
                formula = ("or", first, ("not", second))
            else:
                formula = ("and", first, ("or", second, self.free(event)))
            outcomes.append({"id": f"outcome_{i}", "when": _formula_text(formula)})
        return {
            "scenario": {
                "name": f"generated, {self.n} statements"
                + (" (inconsistent)" if inconsistent else ""),
                "description": "Generated by benchmarks/generate.py.",
            },
            "actors": [
                {
                    "id": actor,
                    "name": f"Actor {actor.rsplit('_', 1)[1]}",
                    "party": rng.choice(_PARTIES),
                    "role": rng.choice(_ROLES),
                }
                for actor in self.actors
            ],
            "events": [
                {
                    "id": event,
                    "place": rng.choice(_PLACES),
                    "start": _START + timedelta(days=rng.randrange(_DAYS)),
                    "invited": self.invited[event],
                }
                for event in self.events
            ],
            "statements": statements,
            "outcomes": outcomes,
        }


def _chains(n: int, seed: int) -> dict[str, object]:
    """Plain chains of ``if`` and ``only_if`` over attendance atoms, 2% ``commits``.

    The same actors, events and invitations as :class:`_Builder`; each
    statement links one attendance atom to the previous atom of its chain
    (chains of about 20), with no negation, so every atom true is an outcome.
    """
    base = _Builder(n, seed)
    rng = random.Random(seed + 2)
    atoms = [f"attends({actor}, {event})" for event in base.events for actor in base.invited[event]]
    statements: list[dict[str, object]] = []
    previous = rng.choice(atoms)
    for index in range(n):
        subject = rng.choice(atoms)
        roll = rng.random()
        if roll < 0.02:
            entry: dict[str, object] = {"id": f"s{index}", "kind": "commits", "subject": subject}
        else:
            kind = "if" if roll < 0.51 else "only_if"
            entry = {"id": f"s{index}", "kind": kind, "subject": subject, "condition": previous}
        entry = {"id": entry.pop("id"), "kind": entry.pop("kind"), "by": base.actors[0], **entry}
        statements.append(entry)
        previous = rng.choice(atoms) if rng.random() < 0.05 else subject
    outcomes = [
        {"id": f"outcome_{i}", "when": f"{rng.choice(atoms)} and {rng.choice(atoms)}"}
        for i in range(max(2, n // 50))
    ]
    return {
        "scenario": {"name": f"chains, {n} statements"},
        "actors": [{"id": actor} for actor in base.actors],
        "events": [{"id": event, "invited": base.invited[event]} for event in base.events],
        "statements": statements,
        "outcomes": outcomes,
    }


def document(
    n: int, seed: int = 0, inconsistent: bool = False, chains: bool = False
) -> dict[str, object]:
    """Return a generated scenario as plain data (the tables of SPEC section 1).

    Parameters
    ----------
    n
        The number of statements (at least 10).
    seed
        The random seed: the same arguments give the same scenario.
    inconsistent
        Spread a four-statement conflict through the file (not with ``chains``).
    chains
        Plain ``if``/``only_if`` chains over attendance atoms instead (see :func:`_chains`).
    """
    if n < 10:
        raise ValueError("a generated scenario has at least 10 statements")
    if chains:
        if inconsistent:
            raise ValueError("the chains generator makes consistent scenarios only")
        return _chains(n, seed)
    return _Builder(n, seed).build(inconsistent)


def _json(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def to_jsonl(content: dict[str, object]) -> str:
    """Return the JSON Lines text of a generated document (docs/howto-files.md)."""
    kinds = {"actors": "actor", "events": "event", "statements": "statement", "outcomes": "outcome"}
    lines = []
    for key, value in content.items():
        entries = [value] if isinstance(value, dict) else value
        assert isinstance(entries, list)
        for entry in entries:
            plain = {name: _json(item) for name, item in entry.items()}
            lines.append(json.dumps({kinds.get(key, key): plain}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r}")


def to_toml(document: dict[str, object]) -> str:
    """Return the TOML text of a generated document (tables and arrays of tables)."""
    lines: list[str] = []
    for key, content in document.items():
        if isinstance(content, dict):
            lines.append(f"[{key}]")
            lines.extend(f"{name} = {_value(value)}" for name, value in content.items())
            lines.append("")
            continue
        assert isinstance(content, list)
        for entry in content:
            lines.append(f"[[{key}]]")
            lines.extend(f"{name} = {_value(value)}" for name, value in entry.items())
            lines.append("")
    return "\n".join(lines)


def generate(n: int, seed: int = 0, inconsistent: bool = False) -> str:
    """Return the TOML text of a generated scenario with ``n`` statements.

    Parameters
    ----------
    n
        The number of statements (at least 10).
    seed
        The random seed: the same ``(n, seed, inconsistent)`` gives the same text.
    inconsistent
        Spread a four-statement conflict through the file (see the module docstring).
    """
    return to_toml(document(n, seed, inconsistent))


def write(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file, fsync, rename)."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="the number of statements")
    parser.add_argument(
        "-o", "--output", required=True, help="the file to write: TOML, or JSON Lines (.jsonl)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--inconsistent", action="store_true", help="add a minimal conflict")
    parser.add_argument(
        "--chains", action="store_true", help="plain if/only_if chains over attendance atoms"
    )
    parser.add_argument(
        "--family",
        choices=("implications", "summits"),
        help="a family of families.py instead: random implications, or many summits",
    )
    arguments = parser.parse_args()
    if arguments.family:
        from families import family

        content = family(arguments.family, arguments.n, arguments.seed, arguments.inconsistent)
    else:
        content = document(arguments.n, arguments.seed, arguments.inconsistent, arguments.chains)
    jsonl = arguments.output.endswith(".jsonl")
    write(arguments.output, to_jsonl(content) if jsonl else to_toml(content))


if __name__ == "__main__":
    main()
