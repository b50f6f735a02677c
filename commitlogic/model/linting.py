"""Warnings: input that is valid but almost certainly a mistake (SPEC section 2).

:func:`find_warnings` looks at the formulas of a scenario as they were
written (outcome names unexpanded) and reports

- a predicate used in one place only whose name is a near miss of
  ``attends``, ``absent`` or another predicate of the scenario
  (``atends(putin, summit)``: "did you mean attends?");
- a predicate used with two different numbers of arguments;
- an argument of a free proposition that is not a declared actor or event
  but is a near miss of one (``signs(putn, deal)``: "did you mean putin?").

A near miss is a different name within edit distance 2 (Levenshtein:
insertions, deletions, substitutions) that is also closer than the length of
the shorter name, so that unrelated short names such as ``p`` and ``q`` are
not taken for each other; names longer than 64 characters are not
compared.  A warning names the statement or outcome and the
field; the loader (:func:`commitlogic.io.checking.loads_with_warnings`)
adds the file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from commitlogic.model.credibility import ignored_credibilities
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import ATTENDANCE, Formula
from commitlogic.model.scenario import Scenario

__all__ = ["ScenarioWarning", "credibility_warnings", "edit_distance", "find_warnings"]

#: The largest edit distance of a near miss (SPEC section 2).
NEAR = 2
#: Longer names are not compared for near misses (their neighbourhoods grow as
#: the square of the length; a hostile 10,000-character id must not stall a check).
LONGEST = 64


@attrs.frozen
class ScenarioWarning:
    """One warning about a scenario, located as precisely as known.

    Attributes
    ----------
    message
        What looks wrong, with a suggestion ("did you mean attends?").
    id
        The statement or outcome whose formula it is in.
    field
        The field: ``subject``, ``condition`` or ``when``.
    table
        ``statements`` or ``outcomes``.
    index
        The entry's index in its table.
    file, line, column
        Where it is in the scenario file (1-based), when it came from one.
    pattern
        A regular expression whose group ``at`` finds the spot in the field's text.
    """

    message: str
    id: str
    field: str
    table: str
    index: int
    file: str | None = None
    line: int | None = None
    column: int | None = None
    pattern: str | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def entry(self) -> str:
        """The entry, as error messages name it: ``statement 'x'`` or ``outcome 'y'``."""
        return f"{self.table.removesuffix('s')} {self.id!r}"

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
            where += ": "
        return f"{where}warning: {self.entry}, field '{self.field}': {self.message}"

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object of ``check --json`` (SPEC section 4)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "id": self.id,
            "field": self.field,
            "message": self.message,
        }

    def as_error(self) -> ScenarioError:
        """Return this warning as an input error (``--strict``), with its location."""
        return ScenarioError(
            f"{self.message} (a warning, an error under --strict)",
            file=self.file,
            line=self.line,
            column=self.column,
            entry=self.entry,
            statement=self.id if self.table == "statements" else None,
            field=self.field,
        )


def edit_distance(a: str, b: str, limit: int = NEAR) -> int:
    """Return the Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` if it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


def _near(a: str, b: str) -> bool:
    return a != b and edit_distance(a, b) < min(NEAR + 1, len(a), len(b))


class _Index:
    """Finds the near misses of a word among many (deletion neighbourhoods, as in SymSpell).

    Two words within edit distance 2 share a string made by deleting at
    most two characters from each, so only those candidates are compared.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words: dict[str, list[str]] = {}
        for word in dict.fromkeys(words):
            if len(word) > LONGEST:
                continue
            for key in _deletions(word):
                self.words.setdefault(key, []).append(word)

    def near(self, word: str) -> list[str]:
        if len(word) > LONGEST:
            return []
        found = {c for key in _deletions(word) for c in self.words.get(key, ())}
        close = [c for c in found if _near(word, c)]
        return sorted(close, key=lambda c: (edit_distance(word, c), c))


def _deletions(word: str) -> set[str]:
    once = {word[:i] + word[i + 1 :] for i in range(len(word))}
    twice = {item[:i] + item[i + 1 :] for item in once for i in range(len(item))}
    return {word} | once | twice


def _places(scenario: Scenario) -> Iterator[tuple[str, int, str, str, Formula]]:
    """Yield ``(table, index, id, field, formula as written)`` for every formula."""
    for index, statement in enumerate(scenario.statements):
        for field, _formula in statement.formulas():
            yield "statements", index, statement.id, field, scenario.written(statement, field)
    for index, outcome in enumerate(scenario.outcomes):
        yield "outcomes", index, outcome.id, "when", scenario.written(outcome, "when")


def find_warnings(scenario: Scenario) -> tuple[ScenarioWarning, ...]:
    """Return the warnings of ``scenario``, in file order (statements, then outcomes).

    The warnings have no file position; see
    :func:`commitlogic.io.checking.loads_with_warnings` for that.
    """
    outcomes = {outcome.id for outcome in scenario.outcomes}
    places = list(_places(scenario))
    # Where each predicate is used (as written), and with which numbers of arguments.
    used: dict[str, list[tuple[int, int]]] = {}  # name -> [(place, arity)]
    for number, (*_where, formula) in enumerate(places):
        for atom in formula.atoms():
            if atom.name == "attends" or (not atom.args and atom.name in outcomes):
                continue
            used.setdefault(atom.name, []).append((number, len(atom.args)))
    found: list[tuple[int, str, str]] = []  # (place, message, pattern)
    names = _Index([*used, *ATTENDANCE])
    for name, uses in used.items():
        if len({place for place, _ in uses}) == 1:
            close = names.near(name)
            if close:
                message = f"predicate {name} is used only here; did you mean {close[0]}?"
                found.append((uses[0][0], message, _predicate(name)))
        arities = dict.fromkeys(arity for _, arity in uses)
        if len(arities) > 1:
            first = next(iter(arities))
            place, arity = next((p, a) for p, a in uses if a != first)
            found.append(
                (
                    place,
                    f"predicate {name} has {_arguments(arity)} here "
                    f"and {_arguments(first)} elsewhere",
                    _predicate(name, arity),
                )
            )
    declared = [actor.id for actor in scenario.actors] + [event.id for event in scenario.events]
    known = set(declared)
    ids: _Index | None = None
    for number, (*_where, formula) in enumerate(places):
        for atom in formula.atoms():
            if atom.name == "attends":
                continue
            for argument in dict.fromkeys(atom.args):
                if argument in known:
                    continue
                ids = ids or _Index(declared)
                close = ids.near(argument)
                if close:
                    message = (
                        f"{argument} is not a declared actor or event; did you mean {close[0]}?"
                    )
                    found.append((number, message, _argument(atom.name, argument)))
    warnings = []
    for number, message, pattern in sorted(found, key=lambda item: item[0]):
        table, index, entry_id, field, _formula = places[number]
        warnings.append(ScenarioWarning(message, entry_id, field, table, index, pattern=pattern))
    warnings.extend(credibility_warnings(scenario))
    return tuple(dict.fromkeys(warnings))


def credibility_warnings(scenario: Scenario) -> tuple[ScenarioWarning, ...]:
    """Return a warning for each ``credibility`` key that cannot affect a forecast.

    These are among :func:`find_warnings`; ``forecast`` prints only these.
    """
    found = []
    for note in ignored_credibilities(scenario):
        assert note.index is not None and note.statement is not None
        found.append(
            ScenarioWarning(note.reason, note.statement, "credibility", "statements", note.index)
        )
    return tuple(found)


def _arguments(count: int) -> str:
    return "no arguments" if count == 0 else "1 argument" if count == 1 else f"{count} arguments"


def _predicate(name: str, arity: int | None = None) -> str:
    """A pattern that finds the predicate ``name`` (with ``arity`` arguments, if given)."""
    found = rf"(?<![A-Za-z0-9_])(?P<at>{re.escape(name)})"
    if arity is None:
        return found + r"(?![A-Za-z0-9_])"
    if arity == 0:
        return found + r"(?![A-Za-z0-9_]|\s*\()"
    word = r"\s*[A-Za-z][A-Za-z0-9_]*\s*"
    return found + rf"\s*\({word}(?:,{word}){{{arity - 1}}}\)"


def _argument(name: str, argument: str) -> str:
    return (
        rf"(?<![A-Za-z0-9_]){re.escape(name)}\s*\([^()]*?"
        rf"(?<![A-Za-z0-9_])(?P<at>{re.escape(argument)})(?![A-Za-z0-9_])"
    )
