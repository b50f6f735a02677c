"""The errors of commitlogic: bad input, located as precisely as known, and solver limits."""

from __future__ import annotations

__all__ = ["ScenarioError", "SolverLimit"]


class ScenarioError(ValueError):
    """Bad input: a scenario file, a formula, a date or an argument.

    The location is available as attributes and is also part of the message,
    so that ``str(error)`` alone tells a user what to fix.

    Attributes
    ----------
    reason
        What is wrong, without the location.
    file
        The file the input came from, when it came from one.
    line, column
        1-based position in that file (or in the formula text) where known.
    entry
        The table entry at fault, such as ``statement 'z_only_if_putin'``.
    statement
        The id of the statement at fault, when the error concerns a statement.
    field
        The key at fault, such as ``condition``.
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        entry: str | None = None,
        statement: str | None = None,
        field: str | None = None,
        table: str | None = None,
        index: int | None = None,
        offset: int | None = None,
        pattern: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.column = column
        self.entry = entry
        self.statement = statement
        self.field = field
        # Where the error sits in the scenario's tables, so that a loader can
        # find its line and column: the table name, the entry's index in it,
        # and the 0-based character offset inside the field's text.
        self.table = table
        self.index = index
        self.offset = offset
        # A regular expression that finds the spot in the field's text: its
        # group "at" marks it (an unknown id, say), for a loader to locate.
        self.pattern = pattern
        super().__init__(self._message())

    def _message(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}" + (
                f", column {self.column}" if self.column is not None else ""
            )
            where += ": "
        elif self.column is not None:
            where = f"column {self.column}: "
        what = []
        if self.entry is not None:
            what.append(self.entry)
        if self.field is not None:
            what.append(f"field '{self.field}'")
        subject = ", ".join(what)
        return f"{where}{subject}: {self.reason}" if subject else f"{where}{self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the location through pickling (sweeps send errors back from workers).
        return (_rebuild, (self.reason, self.located().__dict__))

    def located(self, **changes: object) -> ScenarioError:
        """Return a copy of this error with some location attributes replaced."""
        fields = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "entry": self.entry,
            "statement": self.statement,
            "field": self.field,
            "table": self.table,
            "index": self.index,
            "offset": self.offset,
            "pattern": self.pattern,
        }
        fields.update(changes)
        return ScenarioError(self.reason, **fields)  # type: ignore[arg-type]


def _rebuild(reason: str, fields: dict[str, object]) -> ScenarioError:
    known = {key: value for key, value in fields.items() if key != "reason"}
    return ScenarioError(reason, **known)  # type: ignore[arg-type]


class SolverLimit(RuntimeError):
    """A query hit a solver limit set by the user before it was answered.

    Not an input error: the same query may succeed with a larger limit.
    The CLI reports it in one line and exits with code 3.

    Attributes
    ----------
    limit
        Which limit was hit: ``"time"`` or ``"models"``.
    value
        The limit that was set: seconds for ``"time"``, a count for ``"models"``.
    """

    def __init__(self, limit: str, value: float) -> None:
        self.limit = limit
        self.value = value
        if limit == "time":
            message = f"the solver hit the time limit of {value:g} s before answering"
        else:
            message = f"the solver hit the model limit of {value:g} models before answering"
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (SolverLimit, (self.limit, self.value))
