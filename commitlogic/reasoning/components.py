"""Connected components of the atom graph: what a what-if or a new statement can change.

Two atoms are linked when one statement or one declared outcome names both.
The outcomes of a scenario are then the products of the outcomes of its
components, so an assumption, or a statement added to a live reasoner,
changes only the answers about the components its atoms lie in (after a new
statement links them, they are one).  :class:`Components` is a union-find
over program literals (atoms, and the nodes of compound formulas, linked to
their operands), which also keeps, per component, its literals, statements
and outcomes (merged smaller into larger).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Components"]


class Components:
    """The components of literals, statements and outcomes; a literal never linked is alone."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}  # root -> its literals (absent: just the root)
        self.statements: dict[int, list[int]] = {}  # root -> places of its statements
        self.outcomes: dict[int, list[int]] = {}  # root -> places of its outcomes

    @classmethod
    def of(cls, links: Sequence[tuple[int, ...]], nodes: Sequence[tuple[int, ...]]) -> Components:
        """Return the components of statements linking ``links`` and nodes linking ``nodes``.

        The same as :meth:`statement` for each entry of ``links`` (by index;
        an empty one is skipped) after :meth:`join` for each node, labelled
        in bulk with numpy (hooking to the least label and pointer jumping)
        rather than one union at a time.
        """
        import numpy as np  # only here: the command line starts faster without it

        parts = cls()
        pairs = [t for t in links if len(t) == 2]
        pairs += [(t[0], other) for t in (*nodes, *links) if len(t) > 2 for other in t[1:]]
        pairs += [(t[0], t[1]) for t in nodes if len(t) == 2]
        edges = np.fromiter(chain.from_iterable(pairs), dtype=np.int64, count=2 * len(pairs))
        label = _labels(edges.reshape(-1, 2)) if pairs else None
        if label is None:  # nothing linked, or a graph the bulk labelling gives up on
            for node in nodes:
                parts.join(node)
            for index, linked in enumerate(links):
                if linked:
                    parts.statement(index, linked)
            return parts
        involved = np.flatnonzero(np.bincount(edges, minlength=len(label)))
        roots = label[involved]
        parts._parent = dict(zip(involved.tolist(), roots.tolist(), strict=True))
        for root, literals in _grouped(roots, involved):
            parts.members[root] = literals  # the least literal is the root
        places = np.array([index for index, t in enumerate(links) if t], dtype=np.int64)
        firsts = np.fromiter((links[index][0] for index in places.tolist()), dtype=np.int64)
        inside = firsts < len(label)
        firsts[inside] = label[firsts[inside]]
        parts.statements.update(_grouped(firsts, places))
        return parts

    def root(self, literal: int) -> int:
        """Return the representative of the component of a literal."""
        parent = self._parent
        up = parent.get(literal, literal)
        while up != literal:
            higher = parent.get(up, up)
            parent[literal] = higher
            literal, up = up, higher
        return literal

    def join(self, literals: Iterable[int]) -> int:
        """Link ``literals`` (at least one) into one component; return its root."""
        roots = {self.root(literal) for literal in literals}
        biggest = max(roots, key=self.size_of)
        members = self.members
        for root in roots:
            if root == biggest:
                continue
            self._parent[root] = biggest
            members.setdefault(biggest, [biggest]).extend(members.pop(root, [root]))
            for table in (self.statements, self.outcomes):
                moved = table.pop(root, None)
                if moved:
                    table.setdefault(biggest, []).extend(moved)
        return biggest

    def size_of(self, root: int) -> int:
        """Return the number of literals in the component of ``root``."""
        found = self.members.get(root)
        return 1 if found is None else len(found)

    def literals(self, root: int) -> list[int]:
        """Return the literals of the component of ``root``."""
        return self.members.get(root, [root])

    def statement(self, index: int, literals: Iterable[int]) -> None:
        """Add the statement at ``index``, linking the literals it names."""
        self.statements.setdefault(self.join(literals), []).append(index)

    def outcome(self, index: int, literal: int) -> None:
        """Add the declared outcome at ``index``, whose formula has ``literal``."""
        self.outcomes.setdefault(self.root(literal), []).append(index)


def _labels(edges: np.ndarray) -> np.ndarray | None:
    """Return, per literal up to the largest in ``edges``, the least literal of its component.

    ``None`` when the rounds do not settle (they settle in a few on any
    graph seen so far; the caller then links one edge at a time).
    """
    import numpy as np

    label = np.arange(int(edges.max()) + 1)
    first, second = edges[:, 0], edges[:, 1]
    for _round in range(64):
        low, high = label[first], label[second]
        apart = low != high
        if not apart.any():
            return label
        low, high = np.minimum(low[apart], high[apart]), np.maximum(low[apart], high[apart])
        label[high] = low  # hook a root to a smaller one (one write wins per root)
        while True:  # pointer jumping: every label to its root
            jumped = label[label]
            if (jumped == label).all():
                break
            label = jumped
    return None  # pragma: no cover


def _grouped(keys: np.ndarray, values: np.ndarray) -> Iterator[tuple[int, list[int]]]:
    """Yield each distinct key with its values as a list, in their order (keys ascending)."""
    if not len(keys):
        return
    import numpy as np

    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]
    cuts = np.flatnonzero(np.diff(keys)) + 1
    starts = [0, *cuts.tolist()]
    for start, group in zip(starts, np.split(values, cuts), strict=True):
        yield int(keys[start]), group.tolist()
