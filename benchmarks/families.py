"""Two plain benchmark families: random implications, and many summits.

    python benchmarks/generate.py 10000 -o /tmp/i10k.toml --family implications [--seed 0]
    python benchmarks/generate.py 1000000 -o /tmp/m1m.jsonl --family summits [--inconsistent]

Both have ``n`` statements over attendance atoms only: ``n / 2`` actors and
``n / 20`` events inviting 20 each (so ``n`` atoms); 49% ``if``, 49%
``only_if`` and 2% ``commits``, each with a single-atom subject and
condition; and ``n / 50`` outcomes, each the conjunction of two atoms.

* **implications** (issue 16): subject and condition are any two atoms.
* **summits** (issue 16, item 4): subject and condition are invitees of the
  same event, except for 1% of the statements, whose condition is an atom of
  another event; so the atom graph falls apart into many small components.

No statement is negative, so every scenario is consistent.  With
``inconsistent=True`` one ``refuses`` is added, of the certain atom that
is the longest chain of implications away from a ``commits``: the scenario
then has no outcome, and that chain (its ``commits``, its implications and
the ``refuses``) is a minimal conflict.

The standard library only; the same arguments give the same scenario.
"""

from __future__ import annotations

import random
from collections import deque

__all__ = ["FAMILIES", "family", "longest_certain"]

FAMILIES = ("implications", "summits")
_ACROSS = 0.01  # the share of summit statements linking two events


def _attends(actor: int, event: int) -> str:
    return f"attends(actor_{actor}, event_{event})"


def longest_certain(statements: list[dict]) -> tuple[str, int] | None:
    """Return the certain atom farthest (in implications) from a ``commits``, and its depth.

    ``if`` leads from its condition to its subject, ``only_if`` from its
    subject to its condition; the certain atoms are those reached from the
    subjects of ``commits`` (a breadth-first search).
    """
    edges: dict[str, list[str]] = {}
    depth: dict[str, int] = {}
    queue: deque[str] = deque()
    for entry in statements:
        kind, subject = entry["kind"], entry["subject"]
        if kind == "commits":
            if subject not in depth:
                depth[subject] = 0
                queue.append(subject)
        elif kind == "if":
            edges.setdefault(entry["condition"], []).append(subject)
        elif kind == "only_if":
            edges.setdefault(subject, []).append(entry["condition"])
    last = None
    while queue:
        last = queue.popleft()
        for after in edges.get(last, ()):
            if after not in depth:
                depth[after] = depth[last] + 1
                queue.append(after)
    return None if last is None else (last, depth[last])


def family(name: str, n: int, seed: int = 0, inconsistent: bool = False) -> dict[str, object]:
    """Return a scenario of the family ``name`` as plain data (SPEC section 1).

    Parameters
    ----------
    name
        ``"implications"`` or ``"summits"``.
    n
        The number of statements (at least 20).
    seed
        The random seed.
    inconsistent
        Add one ``refuses`` that makes the scenario inconsistent (see the module docstring).
    """
    if name not in FAMILIES:
        raise ValueError(f"unknown family {name!r}; expected one of {', '.join(FAMILIES)}")
    if n < 20:
        raise ValueError("a family scenario has at least 20 statements")
    rng = random.Random(seed)
    n_actors, n_events = max(20, n // 2), max(1, n // 20)
    invited = [sorted(rng.sample(range(n_actors), 20)) for _ in range(n_events)]
    atoms = [_attends(actor, event) for event in range(n_events) for actor in invited[event]]
    summits = name == "summits"
    statements: list[dict[str, object]] = []
    for index in range(n):
        if summits:
            event = rng.randrange(n_events)
            subject = _attends(rng.choice(invited[event]), event)
            if rng.random() < _ACROSS:
                other = rng.randrange(n_events)
                condition = _attends(rng.choice(invited[other]), other)
            else:
                condition = _attends(rng.choice(invited[event]), event)
        else:
            subject, condition = rng.choice(atoms), rng.choice(atoms)
        by = f"actor_{rng.randrange(n_actors)}"
        roll = rng.random()
        if roll < 0.02:
            entry: dict[str, object] = {
                "id": f"s{index}",
                "kind": "commits",
                "by": by,
                "subject": subject,
            }
        else:
            entry = {
                "id": f"s{index}",
                "kind": "if" if roll < 0.51 else "only_if",
                "by": by,
                "subject": subject,
                "condition": condition,
            }
        statements.append(entry)
    if inconsistent:
        found = longest_certain(statements)  # type: ignore[arg-type]
        assert found is not None, "no commits: raise n"
        refusal = {"id": "x_refuses", "kind": "refuses", "by": "actor_0", "subject": found[0]}
        statements.insert(rng.randrange(len(statements) + 1), refusal)
    outcomes = [
        {"id": f"outcome_{i}", "when": f"{rng.choice(atoms)} and {rng.choice(atoms)}"}
        for i in range(max(2, n // 50))
    ]
    return {
        "scenario": {
            "name": f"{name}, {n} statements" + (" (inconsistent)" if inconsistent else "")
        },
        "actors": [{"id": f"actor_{actor}"} for actor in range(n_actors)],
        "events": [
            {"id": f"event_{event}", "invited": [f"actor_{actor}" for actor in invited[event]]}
            for event in range(n_events)
        ],
        "statements": statements,
        "outcomes": outcomes,
    }
