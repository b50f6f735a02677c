"""Unit propagation over the clause program, for the core of a conflict found by propagation.

clasp answers "no model under these assumptions" with a core, but when the
conflict shows while the assumptions themselves are propagated (as for a
what-if that contradicts a chain of implications) that core is every
assumption: 100,000 members at 100,000 statements.  Most conflicts of
statements are found by propagation alone, so :class:`Clauses` keeps the
clauses that :class:`~commitlogic.reasoning.clauses.ClauseProgram` adds
(each rule as the clauses of its completion) and propagates the
assumptions itself, recording why each literal was set.  The members on
the path to the conflict are a core, often of a handful.  When propagation
finds no conflict (the search needs decisions), :meth:`Clauses.core`
returns ``None`` and the caller keeps clasp's core.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import neg

from commitlogic._memory import paused_gc

__all__ = ["Clauses"]


class Clauses:
    """The clauses of a program, with an index from each literal to the clauses that hold it."""

    def __init__(self) -> None:
        self._clauses: list[tuple[int, ...]] = []
        self._occurs: dict[int, list[int]] = {}  # literal -> indexes of clauses with it
        self._indexed = 0  # clauses indexed so far
        self._facts: list[int] = []  # the literals of the one-literal clauses indexed so far
        self._bodies: list[Sequence[int]] = []  # constraints not yet turned into clauses

    def add(self, clause: Iterable[int]) -> None:
        """Add one clause (a disjunction of program literals)."""
        self._clauses.append(tuple(clause))

    def forbid(self, body: Sequence[int]) -> None:
        """Add the constraint ``:- body`` (turned into its clause when first needed)."""
        self._bodies.append(body)

    def rule(self, head: int, body: Sequence[int]) -> None:
        """Add the completion of ``head``, defined by this one rule: ``head <-> body``."""
        self.add((head, *(-literal for literal in body)))
        for literal in body:
            self.add((-head, literal))

    def rules(self, head: int, bodies: Sequence[int]) -> None:
        """Add the completion of ``head``, defined by one rule per literal: ``head <-> or``."""
        for literal in bodies:
            self.add((head, -literal))
        self.add((-head, *bodies))

    def _index(self) -> dict[int, list[int]]:
        """Index the clauses added since the last call (the collector paused: many lists)."""
        occurs, clauses, facts = self._occurs, self._clauses, self._facts
        with paused_gc():
            clauses.extend(tuple(map(neg, body)) for body in self._bodies)
            self._bodies.clear()
            for index in range(self._indexed, len(clauses)):
                clause = clauses[index]
                if len(clause) == 1:
                    facts.append(clause[0])
                for literal in clause:
                    found = occurs.get(literal)
                    if found is None:
                        occurs[literal] = [index]
                    else:
                        found.append(index)
        self._indexed = len(clauses)
        return occurs

    def core(self, assumptions: Sequence[int]) -> set[int] | None:
        """Return the assumptions that propagation shows cannot hold together, or ``None``.

        The assumptions are propagated in the order given, each to its
        fixpoint before the next, so the conflict found first involves the
        earliest ones it can.
        """
        occurs, clauses = self._index(), self._clauses
        value: dict[int, bool] = {}  # atom -> truth
        reason: dict[int, int] = {}  # atom -> the clause that set it (absent: assumed)
        for fact in self._facts:
            value[abs(fact)], reason[abs(fact)] = fact > 0, -1
        for assumption in assumptions:
            atom, truth = abs(assumption), assumption > 0
            known = value.get(atom)
            if known is not None:
                if known != truth:
                    return self._explain([assumption], value, reason) | {assumption}
                continue
            value[atom] = truth
            queue = [assumption]
            while queue:
                literal = queue.pop()
                for index in occurs.get(-literal, ()):
                    free = None
                    count = 0
                    for other in clauses[index]:
                        known = value.get(abs(other))
                        if known is None:
                            count += 1
                            free = other
                        elif known == (other > 0):
                            break  # satisfied
                    else:
                        if count == 0:
                            return self._explain(clauses[index], value, reason)
                        if count == 1:
                            assert free is not None
                            value[abs(free)], reason[abs(free)] = free > 0, index
                            queue.append(free)
        return None

    def _explain(
        self, conflict: Sequence[int], value: dict[int, bool], reason: dict[int, int]
    ) -> set[int]:
        """Return the assumed literals behind the false literals of ``conflict``."""
        found: set[int] = set()
        seen: set[int] = set()
        stack = [abs(literal) for literal in conflict]
        while stack:
            atom = stack.pop()
            if atom in seen:
                continue
            seen.add(atom)
            why = reason.get(atom)
            if why is None:  # assumed
                found.add(atom if value[atom] else -atom)
            elif why >= 0:
                stack.extend(abs(literal) for literal in self._clauses[why] if abs(literal) != atom)
        return found
