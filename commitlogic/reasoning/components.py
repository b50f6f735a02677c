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

from collections.abc import Iterable

__all__ = ["Components"]


class Components:
    """The components of literals, statements and outcomes; a literal never linked is alone."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}  # root -> its literals (absent: just the root)
        self.statements: dict[int, list[int]] = {}  # root -> places of its statements
        self.outcomes: dict[int, list[int]] = {}  # root -> places of its outcomes

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
