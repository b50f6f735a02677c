"""Outcome names: a bare id of a declared outcome stands for its ``when`` formula.

SPEC section 2: wherever a formula is accepted, an atom without arguments
whose name is the id of a declared outcome means that outcome's formula.
:func:`definitions` expands the outcomes through each other (a cycle is an
error naming it) and :func:`expand` replaces the names in any formula, so
the layers below the model (encoding, reasoner, exports) only ever see
formulas without names.  Such a name never becomes an atom of the universe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Atom, Formula, Not

if TYPE_CHECKING:  # only for annotations (the scenario module imports this one)
    from commitlogic.model.entries import Outcome, Statement

__all__ = ["MAX_SIZE", "definitions", "expand", "names_in", "resolve_names"]

#: The most nodes a formula may have once outcome names are expanded, counting
#: every copy of a repeated name (outcomes defined as ``a and a`` twenty times
#: over would otherwise expand to millions of nodes).
MAX_SIZE = 100_000

#: Builds the error location of an entry from its table, index and id.
Where = Callable[[str, int, str], dict[str, Any]]
#: Where a formula was written: (table, entry id, field).
Key = tuple[str, str, str]


def names_in(formula: Formula, names: Mapping[str, object]) -> Iterator[str]:
    """Yield the outcome names that ``formula`` mentions, left to right, with repetitions."""
    for item in formula.atoms():
        if not item.args and item.name in names:
            yield item.name


def expand(formula: Formula, defined: Mapping[str, Formula]) -> Formula:
    """Return ``formula`` with each outcome name replaced by its (expanded) formula.

    Returns ``formula`` itself, the same object, when it names no outcome.

    Raises
    ------
    ScenarioError
        When the expanded formula nests deeper than
        :data:`~commitlogic.model.formulas.MAX_DEPTH` or is larger than :data:`MAX_SIZE`.
    """
    if not defined:
        return formula
    try:
        expanded = _replace(formula, defined)
    except ScenarioError as error:
        raise ScenarioError(f"{error.reason} once outcome names are expanded") from None
    if expanded is not formula and _size(expanded, {}) > MAX_SIZE:
        raise ScenarioError(
            f"the formula has more than {MAX_SIZE} nodes once outcome names are expanded"
        )
    return expanded


def _replace(formula: Formula, defined: Mapping[str, Formula]) -> Formula:
    # Recursion is bounded by MAX_DEPTH: formulas never nest deeper.
    if isinstance(formula, Atom):
        if not formula.args and formula.name in defined:
            return defined[formula.name]
        return formula
    if isinstance(formula, Not):
        operand = _replace(formula.operand, defined)
        return formula if operand is formula.operand else Not(operand)
    operands: tuple[Formula, ...] = formula.operands  # type: ignore[attr-defined]
    replaced = tuple(_replace(operand, defined) for operand in operands)
    if all(new is old for new, old in zip(replaced, operands, strict=True)):
        return formula
    return type(formula)(replaced)  # type: ignore[call-arg]


def _size(formula: Formula, memo: dict[int, int]) -> int:
    """Return the number of nodes of ``formula`` as a tree (shared parts count each time)."""
    known = memo.get(id(formula))
    if known is not None:
        return known
    if isinstance(formula, Atom):
        size = 1
    elif isinstance(formula, Not):
        size = 1 + _size(formula.operand, memo)
    else:
        operands: tuple[Formula, ...] = formula.operands  # type: ignore[attr-defined]
        size = 1 + sum(_size(operand, memo) for operand in operands)
    memo[id(formula)] = size
    return size


def definitions(outcomes: Sequence[tuple[str, Formula]], where: Where) -> dict[str, Formula]:
    """Return each outcome's ``when`` with the names of other outcomes expanded.

    Parameters
    ----------
    outcomes
        ``(id, when as written)`` for each declared outcome, in file order.
    where
        Builds the location of an outcome entry (see ``scenario.entry_where``).

    Raises
    ------
    ScenarioError
        When outcomes are defined through each other in a cycle (the message
        names it, as in ``outcome cycle: a -> b -> a``), located at the
        first outcome of the cycle, field ``when``; or when an expansion is
        too deep or too large.
    """
    written = dict(outcomes)
    index_of = {outcome_id: index for index, (outcome_id, _) in enumerate(outcomes)}
    uses = {outcome: list(dict.fromkeys(names_in(when, written))) for outcome, when in outcomes}
    expanded: dict[str, Formula] = {}
    for start in written:
        if start in expanded:
            continue
        # Iterative depth-first search: a chain of thousands of outcomes is fine.
        path: list[str] = [start]
        on_path = {start}
        stack: list[Iterator[str]] = [iter(uses[start])]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                stack.pop()
                done = path.pop()
                on_path.discard(done)
                try:
                    expanded[done] = expand(written[done], expanded)
                except ScenarioError as error:
                    raise ScenarioError(
                        error.reason, field="when", **where("outcomes", index_of[done], done)
                    ) from None
                continue
            if following in expanded:
                continue
            if following in on_path:
                cycle = [*path[path.index(following) :], following]
                first = cycle[0]
                raise ScenarioError(
                    "outcome cycle: " + " -> ".join(cycle),
                    field="when",
                    pattern=_word(cycle[1]),
                    **where("outcomes", index_of[first], first),
                )
            path.append(following)
            on_path.add(following)
            stack.append(iter(uses[following]))
    return expanded


def _word(word: str) -> str:
    """Return a pattern that finds ``word`` as a whole identifier (see ScenarioError.pattern)."""
    return rf"(?<![A-Za-z0-9_])(?P<at>{re.escape(word)})(?![A-Za-z0-9_(])"


def resolve_names(
    statements: Sequence[Statement],
    outcomes: Sequence[Outcome],
    kept: Mapping[Key, Formula],
    where: Where,
    free: set[str] | None = None,
) -> tuple[tuple[Statement, ...], tuple[Outcome, ...], dict[Key, Formula]]:
    """Expand the outcome names in a scenario's statements and outcomes.

    Parameters
    ----------
    statements, outcomes
        The entries as given (``Statement`` and ``Outcome`` values).
    kept
        What an earlier scenario recorded as written: an entry passed already
        expanded keeps its written form while that still expands to it.
    where
        Builds the location of an entry, for errors.
    free
        The names of the atoms without arguments in the statements, when the
        caller knows them: with none of them an outcome's id and nothing
        ``kept``, the statements are passed through without a walk.

    Returns
    -------
    tuple
        The statements and outcomes with names expanded (entries without
        names are the same objects), and ``(table, id, field) -> formula as
        written`` for each formula that named an outcome.

    Raises
    ------
    ScenarioError
        For a cycle of outcomes, or an expansion too deep or too large,
        located at the entry and field.
    """
    if not outcomes:
        return tuple(statements), tuple(outcomes), {}
    written: dict[Key, Formula] = {}
    defined = definitions([(o.id, o.when) for o in outcomes], where)

    def resolve(key: Key, formula: Formula, expanded: Formula) -> Formula:
        if expanded is not formula:
            written[key] = formula
        elif key in kept and expand(kept[key], defined) == formula:
            written[key] = kept[key]
        return expanded

    new_outcomes = []
    for outcome in outcomes:
        outcome_id, when = outcome.id, outcome.when
        expanded = resolve(("outcomes", outcome_id, "when"), when, defined[outcome_id])
        new_outcomes.append(outcome if expanded is when else attrs.evolve(outcome, when=expanded))
    if free is not None and not kept and free.isdisjoint(defined):
        return tuple(statements), tuple(new_outcomes), written
    new_statements = []
    for index, statement in enumerate(statements):
        changes: dict[str, Any] = {}
        for field, formula in statement.formulas():
            statement_id = statement.id
            try:
                expanded = expand(formula, defined)
            except ScenarioError as error:
                raise ScenarioError(
                    error.reason, field=field, **where("statements", index, statement_id)
                ) from None
            if resolve(("statements", statement_id, field), formula, expanded) is not formula:
                changes[field] = expanded
        new_statements.append(attrs.evolve(statement, **changes) if changes else statement)
    return tuple(new_statements), tuple(new_outcomes), written
