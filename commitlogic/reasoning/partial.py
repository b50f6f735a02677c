"""Statuses re-solved only in the components a what-if or a new statement touches.

The outcomes of a scenario are the products of the outcomes of its
components (:mod:`commitlogic.reasoning.components`).  So once a strict
status at a date is known, a what-if at that date changes only the answers
about the components of its assumptions' atoms, and a statement added to a
live reasoner only those about the components it links (unless it
supersedes another, which frees outcomes).  :class:`Partial` keeps the last
status without assumptions per date, and answers a later status by solving,
in a program of their own, only the touched components' active statements
with the assumptions; every other answer is the kept one.  When the touched
components hold more than :data:`SHARE` of the atoms, or that program has no
outcome (the conflict needs the live solver), it answers ``None`` and the
reasoner solves the whole scenario as usual.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from commitlogic.model.dates import When
from commitlogic.model.formulas import Atom
from commitlogic.model.scenario import Outcome, Scenario, Statement
from commitlogic.reasoning.backbone import consequences
from commitlogic.reasoning.clauses import ClauseProgram
from commitlogic.reasoning.components import Components
from commitlogic.reasoning.reading import Read, SolverOracle
from commitlogic.reasoning.resolved import Resolved
from commitlogic.reasoning.results import StatusReport
from commitlogic.reasoning.solver import Solver

__all__ = ["SHARE", "Partial"]

T = TypeVar("T")

#: Re-solve touched components apart only while they hold at most this share of the atoms.
SHARE = 0.5


class Partial:
    """Kept statuses per date, and the components that changed since.

    Parameters
    ----------
    program
        The live clause program.
    solver
        The live solver (the components' programs count against its limits).
    """

    def __init__(self, program: ClauseProgram, solver: Solver) -> None:
        self._program, self._solver = program, solver
        self._parts: Components | None = None  # found at the first what-if
        self._done = (0, 0, 0)  # node links, statements and outcomes in the components so far
        self._places: dict[int, int] = {}  # atom literal -> place
        self._kept: dict[When | None, tuple[StatusReport, set[int]]] = {}  # report, dirty roots
        self.share = SHARE

    def _components(self) -> Components:
        """Return the components, with whatever the program added since the last call."""
        program = self._program
        nodes, statements, outcomes = self._done
        if self._parts is None:  # the first time: in bulk
            self._parts = Components.of(program.links, program.node_links)
            nodes, statements = len(program.node_links), len(program.links)
        parts = self._parts
        for node in program.node_links[nodes:]:
            parts.join(node)
        for index in range(statements, len(program.links)):
            if program.links[index]:
                parts.statement(index, program.links[index])
        for index in range(outcomes, len(program.outcomes)):
            parts.outcome(index, program.outcomes[index])
        self._done = (len(program.node_links), len(program.links), len(program.outcomes))
        places = self._places
        for place in range(len(places), len(program.atoms)):
            places[program.atoms[place]] = place
        return parts

    def keep(self, at: When | None, report: StatusReport) -> None:
        """Keep a consistent strict status at ``at``, asked without assumptions."""
        if report.consistent:
            self._kept[at] = (report, set())

    def added(self, item: Statement | Outcome) -> None:
        """Note a statement or outcome just added to the program."""
        if not self._kept:
            return
        if isinstance(item, Statement) and item.supersedes:  # outcomes may come back
            self._kept.clear()
            return
        program, parts = self._program, self._components()
        if isinstance(item, Statement):  # the components of its atoms (new ones too)
            atoms = [atom for _field, formula in item.formulas() for atom in formula.atoms()]
            literals = [program.atoms[program.place(atom)] for atom in atoms]
        else:
            literals = [program.outcomes[-1]]
        for _report, dirty in self._kept.values():
            dirty.update(parts.root(literal) for literal in literals)

    def status(self, scenario: Scenario, query: Resolved) -> StatusReport | None:
        """Return the status of ``query`` from a kept one and the touched components, or None."""
        if query.at not in self._kept or query.impossible is not None:
            return None
        kept, dirty = self._kept[query.at]
        parts = self._components()
        touched = {parts.root(root) for root in dirty}
        literal = self._program.literal
        touched.update(parts.root(literal(formula)) for formula in query.assumed)
        if not touched:
            return kept
        if sum(map(parts.size_of, touched)) > self.share * len(self._program.atoms):
            return None
        report = self._solve(scenario, query, parts, touched, kept)
        if report is not None and not query.assumed:
            self._kept[query.at] = (report, set())
        return report

    def _solve(
        self,
        scenario: Scenario,
        query: Resolved,
        parts: Components,
        touched: set[int],
        kept: StatusReport,
    ) -> StatusReport | None:
        """Solve the touched components apart, and put their answers into ``kept``'s."""
        program = self._program
        solver = Solver(tolerant=False, rules=False)
        self._solver.lend_limits(solver)
        local = ClauseProgram(solver)
        active = query.members
        statements = [
            place
            for root in touched
            for place in parts.statements.get(root, ())
            if program.active[place] in active
        ]
        statements.sort()
        local.add_statements(scenario.statements[place] for place in statements)
        for formula in query.assumed:
            local.require(formula, guarded=False)
        where = self._places
        places = [
            where[literal]
            for root in touched
            for literal in parts.literals(root)
            if literal in where and program.names[where[literal]] in query.universe
        ]
        atoms = [local.literal(_atom(program.keys[place])) for place in places]
        outcomes = sorted(place for root in touched for place in parts.outcomes.get(root, ()))
        occurs = [local.literal(scenario.outcomes[place].when) for place in outcomes]
        committed = [
            index
            for index, place in enumerate(statements)
            if scenario.statements[place].is_commitment
        ]
        keys: dict[str, list[int | None]] = {
            "true": list(atoms),
            "occurs": list(occurs),
            "triggered": [local.triggered[index] for index in committed],
        }
        literals = sorted({literal for found in keys.values() for literal in found if literal})
        oracle = SolverOracle(solver, list(local.active), local.maximize, None, literals)
        found = consequences(literals, oracle)
        if found is None:
            return None
        fresh = Read(
            [program.names[place] for place in places],
            [scenario.outcomes[place].id for place in outcomes],
            [scenario.statements[statements[index]].id for index in committed],
            found.brave,
            found.cautious,
        ).report(keys, None, False)
        every = [scenario.statements[place].id for place in query.commitments]
        return StatusReport(
            True,
            atoms={n: _either(fresh.atoms, kept.atoms, n) for n in query.universe},
            outcomes={
                o.id: _either(fresh.outcomes, kept.outcomes, o.id) for o in scenario.outcomes
            },
            commitments={c: _either(fresh.commitments, kept.commitments, c) for c in every},
        )


def _either(fresh: Mapping[str, T], kept: Mapping[str, T], name: str) -> T:
    """Return the fresh answer about ``name`` if there is one, else the kept one."""
    return fresh[name] if name in fresh else kept[name]


def _atom(key: tuple[str, tuple[str, ...]]) -> Atom:
    """Return the atom of a program key (name, arguments)."""
    name, args = key
    return Atom(name, args)  # type: ignore[arg-type]  # attrs converts any iterable
