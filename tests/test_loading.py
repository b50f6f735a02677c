"""Unit tests of scenario files: loading, building in Python, and every input error.

SPEC sections 1 and 2.  Error cases are written as TOML text with a marker
where the error should be reported: ``▶`` marks the exact line and column,
``▷`` marks the line only (the column is left to the library).  The marker
is removed before the text is loaded.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import commitlogic
from commitlogic import (
    Actor,
    Event,
    Kind,
    Outcome,
    Reasoner,
    Scenario,
    ScenarioError,
    Statement,
    absent,
    atom,
    attends,
    load,
    loads,
)

FILE = "scenario.toml"
EXACT, LINE_ONLY = "▶", "▷"
ANY = object()  # an attribute the test does not check


def unmark(text: str) -> tuple[str, int | None, int | None]:
    """Remove the marker from ``text``; return the text and the marked line and column."""
    for marker in (EXACT, LINE_ONLY):
        position = text.find(marker)
        if position >= 0:
            assert text.count(EXACT) + text.count(LINE_ONLY) == 1, "one marker per case"
            before = text[:position]
            line = before.count("\n") + 1
            column = position - (before.rfind("\n") + 1) + 1
            return text.replace(marker, ""), line, column if marker == EXACT else None
    return text, None, None


def load_error(text: str, file: str | None = FILE) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        loads(text, file=file)
    return caught.value


def check_error(
    marked: str,
    *,
    field: str | object | None = ANY,
    statement: str | object | None = None,
    entry: str | object | None = ANY,
    reason: str = "",
) -> ScenarioError:
    """Load ``marked`` and check every attribute of the error and its message."""
    text, line, column = unmark(marked)
    error = load_error(text)
    assert isinstance(error, ValueError)
    assert error.file == FILE
    assert (error.line, error.column if column is not None else None) == (line, column), (
        f"expected line {line}, column {column}; got {error.line}, {error.column}: {error}"
    )
    if field is not ANY:
        assert error.field == field
    if statement is not ANY:
        assert error.statement == statement
    if entry is not ANY:
        assert error.entry == entry
    assert reason.lower() in error.reason.lower()
    message = str(error)
    assert FILE in message
    if line is not None:
        expected = f"{FILE}:{line}:{column}" if column is not None else f"{FILE}:{line}"
        assert expected in message
    for part in (error.field, error.statement, error.entry):
        if isinstance(part, str) and part:
            assert part in message or repr(part) in message
    assert error.reason in message
    return error


# --------------------------------------------------------------------------- building text

BASE = """\
[scenario]
name = "Istanbul talks"

[[actors]]
id = "putin"

[[actors]]
id = "zelensky"

[[events]]
id = "istanbul_talks"
"""

DEFAULTS: dict[str, dict[str, str]] = {
    "actors": {"id": '"lavrov"'},
    "events": {"id": '"summit"'},
    "statements": {
        "id": '"s1"',
        "kind": '"commits"',
        "by": '"zelensky"',
        "subject": '"attends(zelensky, istanbul_talks)"',
    },
    "outcomes": {"id": '"o1"', "when": '"attends(putin, istanbul_talks)"'},
}


def block(table: str, *, mark: str = "", extra: str = "", **keys: str | None) -> str:
    """Return one ``[[table]]`` entry: the default keys, changed by ``keys`` (None drops one)."""
    fields: dict[str, str | None] = {**DEFAULTS[table], **keys}
    lines = [f"\n{mark}[[{table}]]"]
    lines += [f"{key} = {value}" for key, value in fields.items() if value is not None]
    if extra:
        lines.append(extra)
    return "\n".join(lines) + "\n"


def statement(**keys: Any) -> str:
    return block("statements", **keys)


def doc(*blocks: str) -> str:
    return BASE + "".join(blocks)


# --------------------------------------------------------------------------- a full valid file

FULL = """\
[scenario]
name = "Istanbul talks, May 2025"
description = "Who meets whom, and on what terms"

[[actors]]
id = "putin"
name = "Vladimir Putin"
party = "russia"
role = "president"

[[actors]]
id = "zelensky"
name = "Volodymyr Zelensky"
party = "ukraine"

[[actors]]
id = "Trump"

[[events]]
id = "istanbul_talks"
place = "istanbul"
start = 2025-05-15T10:00:00+03:00
invited = ["putin", "zelensky"]

[[events]]
id = "call"
start = 2025-05-20

[[events]]
id = "dinner"
start = 2025-05-21T19:30:00
invited = []

[[statements]]
id = "z_only_if_putin"
kind = "only_if"
by = "zelensky"
to = "putin"
said = 2025-05-11
quote = "I will be waiting for Putin in Turkey"
source = "https://example.org/1"
weight = 3
subject = "attends(zelensky, istanbul_talks)"
condition = "attends(putin, istanbul_talks)"

[[statements]]
id = "p_proposes"
kind = "commits"
by = "putin"
said = 2025-05-11T01:00:00+03:00
subject = "held(direct_talks)"

[[statements]]
id = "t_might"
kind = "might"
by = "Trump"
said = 2025-05-14T18:00:00Z
subject = "attends(Trump, istanbul_talks)"
condition = "attends(putin,istanbul_talks) or not held( direct_talks )"

[[statements]]
id = "p_refuses"
kind = "refuses"
by = "putin"
said = 2025-05-14T22:00:00
subject = "attends(putin, istanbul_talks)"
supersedes = ["p_proposes"]

[[statements]]
id = "obs"
kind = "observed"
said = 2025-05-15
source = "news"
subject = "absent(putin, istanbul_talks)"

[[statements]]
id = "z_if"
kind = "if"
by = "zelensky"
subject = "attends(zelensky, call)"
condition = "attends(Trump, call)"

[[outcomes]]
id = "leaders_meet"
when = "attends(putin, istanbul_talks) and attends(zelensky, istanbul_talks)"

[[outcomes]]
id = "Nothing"
when = "not (held(direct_talks) or attends(zelensky, istanbul_talks))"
"""

PLUS3 = timezone(timedelta(hours=3))


def full_in_python(as_objects: bool) -> Scenario:
    """Build FULL in Python, with formulas as text or as objects."""

    def formula(text: str, obj: Any) -> Any:
        return obj if as_objects else text

    return Scenario(
        "Istanbul talks, May 2025",
        description="Who meets whom, and on what terms",
        actors=[
            Actor("putin", name="Vladimir Putin", party="russia", role="president"),
            Actor("zelensky", name="Volodymyr Zelensky", party="ukraine"),
            Actor("Trump"),
        ],
        events=[
            Event(
                "istanbul_talks",
                place="istanbul",
                start=datetime(2025, 5, 15, 10, tzinfo=PLUS3),
                invited=["putin", "zelensky"],
            ),
            Event("call", start=date(2025, 5, 20)),
            Event("dinner", start="2025-05-21T19:30:00", invited=()),
        ],
        statements=[
            Statement(
                "z_only_if_putin",
                Kind.ONLY_IF,
                formula("attends(zelensky,istanbul_talks)", attends("zelensky", "istanbul_talks")),
                condition=formula(
                    "attends(putin, istanbul_talks)", attends("putin", "istanbul_talks")
                ),
                by="zelensky",
                to="putin",
                said=date(2025, 5, 11),
                quote="I will be waiting for Putin in Turkey",
                source="https://example.org/1",
                weight=3,
            ),
            Statement(
                "p_proposes",
                "commits",
                formula("held(direct_talks)", atom("held", "direct_talks")),
                by="putin",
                said=datetime(2025, 5, 11, 1, tzinfo=PLUS3),
            ),
            Statement(
                "t_might",
                "might",
                formula("attends(Trump, istanbul_talks)", attends("Trump", "istanbul_talks")),
                condition=formula(
                    "attends(putin, istanbul_talks) or not held(direct_talks)",
                    attends("putin", "istanbul_talks") | ~atom("held", "direct_talks"),
                ),
                by="Trump",
                said=datetime(2025, 5, 14, 18, tzinfo=UTC),
            ),
            Statement(
                "p_refuses",
                "refuses",
                formula("attends(putin, istanbul_talks)", attends("putin", "istanbul_talks")),
                by="putin",
                said="2025-05-14T22:00:00",
                supersedes=["p_proposes"],
            ),
            Statement(
                "obs",
                "observed",
                formula("absent(putin, istanbul_talks)", absent("putin", "istanbul_talks")),
                said="2025-05-15",
                source="news",
            ),
            Statement(
                "z_if",
                "if",
                formula("attends(zelensky, call)", attends("zelensky", "call")),
                condition=formula("attends(Trump, call)", attends("Trump", "call")),
                by="zelensky",
            ),
        ],
        outcomes=[
            Outcome(
                "leaders_meet",
                formula(
                    "attends(putin, istanbul_talks) and attends(zelensky, istanbul_talks)",
                    attends("putin", "istanbul_talks") & attends("zelensky", "istanbul_talks"),
                ),
            ),
            Outcome(
                "Nothing",
                formula(
                    "not (held(direct_talks) or attends(zelensky, istanbul_talks))",
                    ~(atom("held", "direct_talks") | attends("zelensky", "istanbul_talks")),
                ),
            ),
        ],
    )


@pytest.mark.parametrize("as_objects", [False, True], ids=["formula-text", "formula-objects"])
def test_full_file_equals_the_scenario_built_in_python(as_objects: bool) -> None:
    loaded = loads(FULL)
    built = full_in_python(as_objects)
    assert loaded == built
    assert hash(loaded) == hash(built)
    assert loaded.statements == built.statements
    assert loaded.events == built.events


def test_full_file_keeps_every_value() -> None:
    scenario = loads(FULL)
    assert scenario.name == "Istanbul talks, May 2025"
    assert scenario.description == "Who meets whom, and on what terms"
    assert [actor.id for actor in scenario.actors] == ["putin", "zelensky", "Trump"]
    assert scenario.actors[0] == Actor(
        "putin", name="Vladimir Putin", party="russia", role="president"
    )
    talks, call, dinner = scenario.events
    assert talks.invited == ("putin", "zelensky")
    assert talks.place == "istanbul"
    assert talks.start == datetime(2025, 5, 15, 10, tzinfo=PLUS3)
    assert talks.start.utcoffset() == timedelta(hours=3)  # the offset itself is kept
    assert type(call.start) is date and call.start == date(2025, 5, 20)
    assert call.invited is None  # every actor
    assert dinner.start == datetime(2025, 5, 21, 19, 30) and dinner.start.tzinfo is None
    assert dinner.invited == ()
    first = scenario.statement("z_only_if_putin")
    assert first.kind is Kind.ONLY_IF
    assert first.by == "zelensky" and first.to == "putin"
    assert type(first.said) is date and first.said == date(2025, 5, 11)
    assert first.weight == 3
    assert first.quote == "I will be waiting for Putin in Turkey"
    assert first.source == "https://example.org/1"
    assert first.subject == attends("zelensky", "istanbul_talks")
    assert first.condition == attends("putin", "istanbul_talks")
    assert first.supersedes == ()
    assert scenario.statement("p_proposes").said.utcoffset() == timedelta(hours=3)
    assert scenario.statement("t_might").said.utcoffset() == timedelta(0)
    assert scenario.statement("p_refuses").said.tzinfo is None
    assert scenario.statement("p_refuses").supersedes == ("p_proposes",)
    assert scenario.statement("p_refuses").weight == 1
    observed = scenario.statement("obs")
    assert observed.by is None and observed.condition is None
    assert observed.subject == absent("putin", "istanbul_talks")
    assert [outcome.id for outcome in scenario.outcomes] == ["leaders_meet", "Nothing"]


def test_load_reads_a_path(tmp_path: Path) -> None:
    path = tmp_path / "istanbul.toml"
    path.write_text(FULL, encoding="utf-8")
    assert load(path) == loads(FULL)
    assert load(str(path)) == loads(FULL)


def test_load_accepts_a_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "istanbul.toml"
    path.write_bytes(b"\xef\xbb\xbf" + FULL.replace("\n", "\r\n").encode("utf-8"))
    assert load(path) == loads(FULL)


def test_minimal_file_has_empty_tables() -> None:
    scenario = loads('[scenario]\nname = "x"\n')
    assert scenario == Scenario("x")
    assert scenario.actors == scenario.events == scenario.statements == scenario.outcomes == ()
    assert scenario.description is None


def test_tables_may_be_empty_arrays() -> None:
    text = 'actors = []\nevents = []\nstatements = []\noutcomes = []\n[scenario]\nname = "x"\n'
    assert loads(text) == Scenario("x")


@pytest.mark.parametrize(
    "body",
    [
        statement(kind='"might"'),
        statement(kind='"might"', condition='"attends(putin, istanbul_talks)"'),
        statement(kind='"observed"', by=None),
        statement(kind='"observed"', by='"putin"'),
        statement(kind='"if"', condition='"held"'),
        statement(kind='"only_if"', condition='"held"'),
        statement(kind='"refuses"', to='"putin"'),
        statement(weight="7"),
        statement(subject='"attends(putin, istanbul_talks)"'),  # any declared actor
        statement(subject='"signs(ukraine, deal) or held(talks) or Held"'),
        statement(subject="'attends(zelensky, istanbul_talks)'"),
        statement(subject='"""attends(zelensky, istanbul_talks)"""'),
    ],
    ids=[
        "might",
        "might-with-condition",
        "observed-without-by",
        "observed-with-by",
        "if",
        "only_if",
        "refuses-to",
        "weight",
        "subject-other-actor",
        "free-propositions",
        "literal-string",
        "multi-line-string",
    ],
)
def test_valid_statements(body: str) -> None:
    scenario = loads(doc(body))
    assert [s.id for s in scenario.statements] == ["s1"]


def test_statement_kinds_of_the_file_are_kind_values() -> None:
    kinds = ["commits", "refuses", "if", "only_if", "might", "observed"]
    bodies = [
        statement(
            id=f'"s{i}"',
            kind=f'"{kind}"',
            condition='"held"' if kind in ("if", "only_if") else None,
        )
        for i, kind in enumerate(kinds)
    ]
    scenario = loads(doc(*bodies))
    assert [s.kind for s in scenario.statements] == [Kind(kind) for kind in kinds]


# --------------------------------------------------------------------------- empty and missing


@pytest.mark.parametrize(
    "text", ["", " ", "\n", "\n\n\t  \r\n", "\ufeff", "\ufeff\n  \n"], ids=repr
)
def test_empty_file(text: str) -> None:
    error = load_error(text)
    assert error.file == FILE
    assert "empty" in error.reason
    assert "[scenario]" in str(error)
    assert FILE in str(error)


@pytest.mark.parametrize(
    "text",
    ["# only a comment\n", '[[actors]]\nid = "putin"\n', "actors = []\n"],
    ids=["comment-only", "actors-only", "empty-actors"],
)
def test_missing_scenario_table(text: str) -> None:
    error = load_error(text)
    assert "[scenario]" in str(error)
    assert "missing" in error.reason
    assert error.statement is None


@pytest.mark.parametrize(
    "text", ['scenario = "Istanbul"\n', '[[scenario]]\nname = "x"\n'], ids=["string", "array"]
)
def test_scenario_must_be_a_table(text: str) -> None:
    error = load_error(text)
    assert "scenario" in error.reason and "table" in error.reason
    assert FILE in str(error)


def test_loads_without_a_file_name() -> None:
    error = load_error(BASE + '\n[[actors]]\nid = "putin"\n', file=None)
    assert error.file is None
    assert error.line == 14
    assert str(error).startswith("line 14")


# --------------------------------------------------------------------------- error cases

STATEMENT_KEYS = "id, kind, subject, condition, by, to, said, quote, source, weight, supersedes"


def case(name: str, marked: str, **expected: Any) -> Any:
    """One error case: the marked text and the expected attributes of the error."""
    return pytest.param(marked, expected, id=name)


CASES = [
    # ---- missing required keys: the field is the missing key
    case(
        "missing-name",
        '▷[scenario]\ndescription = "no name"\n',
        field="name",
        entry="[scenario]",
        reason="name",
    ),
    case(
        "missing-actor-id",
        doc(block("actors", mark="▷", id=None, name='"Sergei Lavrov"')),
        field="id",
        entry="actor #3",
        reason="'id'",
    ),
    case(
        "missing-event-id",
        doc(block("events", mark="▷", id=None, place='"geneva"')),
        field="id",
        entry="event #2",
        reason="'id'",
    ),
    case(
        "missing-statement-id",
        doc(statement(mark="▷", id=None)),
        field="id",
        entry="statement #1",
        reason="'id'",
    ),
    case(
        "missing-kind",
        doc(statement(mark="▷", kind=None)),
        field="kind",
        statement="s1",
        reason="'kind'",
    ),
    case(
        "missing-subject",
        doc(statement(mark="▷", subject=None)),
        field="subject",
        statement="s1",
        reason="'subject'",
    ),
    case(
        "missing-when",
        doc(block("outcomes", mark="▷", when=None)),
        field="when",
        entry="outcome 'o1'",
        reason="'when'",
    ),
    # ---- unknown keys (line only: the key or its value are both fine columns)
    case(
        "unknown-top-level-key",
        '▶titel = "x"\n' + BASE,
        field="titel",
        reason="unknown top-level key",
    ),
    case(
        "unknown-top-level-table",
        doc("\n[▶extras]\nx = 1\n"),
        field="extras",
        reason="unknown top-level key",
    ),
    case(
        "unknown-top-level-array-singular",
        doc('\n[[▶statement]]\nid = "s1"\n'),
        field="statement",
        reason="unknown top-level key",
    ),
    case(
        "unknown-key-scenario",
        BASE.replace('"Istanbul talks"\n', '"Istanbul talks"\n▷descripton = "typo"\n'),
        field="descripton",
        entry="[scenario]",
        reason="unknown key",
    ),
    case(
        "unknown-key-actor",
        doc(block("actors", extra='▷nmae = "Sergei Lavrov"')),
        field="nmae",
        entry="actor 'lavrov'",
        reason="unknown key 'nmae'",
    ),
    case(
        "unknown-key-event",
        doc(block("events", extra='▷palce = "geneva"')),
        field="palce",
        entry="event 'summit'",
        reason="unknown key 'palce'",
    ),
    case(
        "unknown-key-statement",
        doc(statement(kind='"if"', extra='▷conditon = "held"')),
        field="conditon",
        statement="s1",
        entry="statement 's1'",
        reason="unknown key 'conditon'",
    ),
    case(
        "unknown-key-statement-case-and-indent",
        doc(statement(extra="    ▷Weight = 2")),
        field="Weight",
        statement="s1",
        reason="unknown key",
    ),
    case(
        "unknown-key-outcome",
        doc(block("outcomes", extra='▷whne = "held"')),
        field="whne",
        entry="outcome 'o1'",
        reason="unknown key 'whne'",
    ),
    # ---- duplicate ids in each table
    case(
        "duplicate-actor",
        doc(block("actors", id='▶"putin"')),
        field="id",
        entry="actor 'putin'",
        reason="duplicate id 'putin'",
    ),
    case(
        "duplicate-event",
        doc(block("events", id='▶"istanbul_talks"')),
        field="id",
        entry="event 'istanbul_talks'",
        reason="duplicate id",
    ),
    case(
        "duplicate-statement",
        doc(statement(), statement(kind='"refuses"', id='▶"s1"')),
        field="id",
        statement="s1",
        reason="duplicate id 's1'",
    ),
    case(
        "duplicate-outcome",
        doc(block("outcomes"), block("outcomes", id='▶"o1"', when='"held"')),
        field="id",
        entry="outcome 'o1'",
        reason="duplicate id 'o1'",
    ),
    # ---- ids that are reserved words cannot be attends arguments
    case("reserved-actor-id", doc(block("actors", id='▶"or"')), field="id", reason="or"),
    case("reserved-event-id", doc(block("events", id='▶"not"')), field="id", reason="not"),
    # ---- kinds
    case(
        "unknown-kind",
        doc(statement(kind='▶"commit"')),
        field="kind",
        statement="s1",
        reason="unknown kind 'commit'",
    ),
    case(
        "kind-is-case-sensitive",
        doc(statement(kind='▶"Commits"')),
        field="kind",
        statement="s1",
        reason="unknown kind",
    ),
    case(
        "kind-only-if-with-space",
        doc(statement(kind='▶"only if"')),
        field="kind",
        statement="s1",
        reason="unknown kind",
    ),
    case("kind-not-text", doc(statement(kind="▶5")), field="kind", statement="s1"),
    # ---- conditions
    *[
        case(
            f"condition-missing-{kind}",
            doc(statement(mark="▷", kind=f'"{kind}"')),
            field="condition",
            statement="s1",
            reason="needs a condition",
        )
        for kind in ("if", "only_if")
    ],
    *[
        case(
            f"condition-forbidden-{kind}",
            doc(
                statement(
                    kind=f'"{kind}"',
                    by='"zelensky"' if kind != "observed" else None,
                    condition='▶"attends(putin, istanbul_talks)"',
                )
            ),
            field="condition",
            statement="s1",
            reason="cannot have a condition",
        )
        for kind in ("commits", "refuses", "observed")
    ],
    # ---- by, to, invited
    *[
        case(
            f"by-missing-{kind}",
            doc(
                statement(
                    mark="▷",
                    kind=f'"{kind}"',
                    by=None,
                    condition='"held"' if kind in ("if", "only_if") else None,
                )
            ),
            field="by",
            statement="s1",
            reason="needs 'by'",
        )
        for kind in ("commits", "refuses", "if", "only_if", "might")
    ],
    case(
        "by-undeclared",
        doc(statement(by='"▶nobody"')),
        field="by",
        statement="s1",
        reason="unknown actor 'nobody'",
    ),
    case(
        "by-ids-are-case-sensitive",
        doc(statement(by='"▶Putin"')),
        field="by",
        statement="s1",
        reason="unknown actor 'Putin'",
    ),
    case(
        "to-undeclared",
        doc(statement(to='"▶nobody"')),
        field="to",
        statement="s1",
        reason="unknown actor 'nobody'",
    ),
    case(
        "invited-undeclared",
        doc(block("events", invited='["putin", "▶nobody"]')),
        field="invited",
        entry="event 'summit'",
        reason="unknown actor 'nobody'",
    ),
    # ---- attends with unknown actor or event
    case(
        "subject-unknown-actor",
        doc(statement(subject='"attends(▶nobody, istanbul_talks)"')),
        field="subject",
        statement="s1",
        reason="unknown actor 'nobody'",
    ),
    case(
        "subject-unknown-event",
        doc(statement(subject='"attends(putin, ▶nowhere)"')),
        field="subject",
        statement="s1",
        reason="unknown event 'nowhere'",
    ),
    case(
        "subject-absent-unknown-actor",
        doc(statement(subject='"held or not absent(▶nobody, istanbul_talks)"')),
        field="subject",
        statement="s1",
        reason="unknown actor 'nobody'",
    ),
    case(
        "condition-unknown-event",
        doc(statement(kind='"if"', condition='"held and attends(putin, ▶Istanbul_talks)"')),
        field="condition",
        statement="s1",
        reason="unknown event 'Istanbul_talks'",
    ),
    case(
        "condition-unknown-actor",
        doc(statement(kind='"only_if"', condition='"attends(▶nobody, istanbul_talks)"')),
        field="condition",
        statement="s1",
        reason="unknown actor 'nobody'",
    ),
    case(
        "when-unknown-actor",
        doc(block("outcomes", when='"attends(▶nobody, istanbul_talks)"')),
        field="when",
        entry="outcome 'o1'",
        reason="unknown actor 'nobody'",
    ),
    case(
        "when-unknown-event",
        doc(block("outcomes", when='"attends(zelensky, istanbul_talks) and absent(putin, ▶x)"')),
        field="when",
        entry="outcome 'o1'",
        reason="unknown event 'x'",
    ),
    # The column must point at the attends argument, not at an earlier
    # occurrence of the same word elsewhere in the formula.
    case(
        "subject-unknown-actor-after-same-word",
        doc(statement(subject='"signs(nobody) and attends(▶nobody, istanbul_talks)"')),
        field="subject",
        statement="s1",
        reason="unknown actor 'nobody'",
    ),
    case(
        "subject-unknown-event-named-like-actor",
        doc(statement(subject='"attends(putin, ▶putin)"')),
        field="subject",
        statement="s1",
        reason="unknown event 'putin'",
    ),
    # ---- wrong arity of attends and absent (column at the atom)
    case(
        "attends-one-argument",
        doc(statement(subject='"▶attends(putin)"')),
        field="subject",
        statement="s1",
        reason="attends takes exactly two",
    ),
    case(
        "absent-three-arguments",
        doc(statement(subject='"held and ▶absent(putin, istanbul_talks, x)"')),
        field="subject",
        statement="s1",
        reason="absent takes exactly two",
    ),
    case(
        "attends-no-arguments-in-when",
        doc(block("outcomes", when='"not ▶attends"')),
        field="when",
        entry="outcome 'o1'",
        reason="attends takes exactly two",
    ),
    # ---- malformed formulas: the column points inside the string
    case(
        "formula-trailing-operator",
        doc(statement(subject='"attends(zelensky, istanbul_talks) and▶"')),
        field="subject",
        statement="s1",
        reason="end of formula",
    ),
    case(
        "formula-bad-character",
        doc(statement(subject='"attends(zelensky, istanbul_talks) ▶& held"')),
        field="subject",
        statement="s1",
        reason="unexpected character '&'",
    ),
    case(
        "formula-missing-parenthesis",
        doc(statement(kind='"if"', condition='"(held or talks▶"')),
        field="condition",
        statement="s1",
        reason="')'",
    ),
    case(
        "formula-trailing-comma",
        doc(statement(kind='"if"', condition='"signs(ukraine,▶)"')),
        field="condition",
        statement="s1",
        reason="argument",
    ),
    case(
        "formula-reserved-argument",
        doc(statement(subject='"held(▶not)"')),
        field="subject",
        statement="s1",
        reason="'not'",
    ),
    case(
        "formula-empty",
        doc(block("outcomes", when='"▶"')),
        field="when",
        entry="outcome 'o1'",
        reason="empty formula",
    ),
    case(
        "formula-reserved-atom",
        doc(block("outcomes", when='"   ▶or held"')),
        field="when",
        entry="outcome 'o1'",
        reason="'or'",
    ),
    case(
        "formula-literal-string",
        doc(statement(subject="'held ▶) and talks'")),
        field="subject",
        statement="s1",
        reason="')'",
    ),
    case(
        "formula-multi-line-basic-string",
        doc(statement(subject='"""held ▶& talks"""')),
        field="subject",
        statement="s1",
        reason="'&'",
    ),
    case(
        "formula-multi-line-literal-string",
        doc(statement(subject="'''held ▶& talks'''")),
        field="subject",
        statement="s1",
        reason="'&'",
    ),
    # ---- supersedes
    case(
        "supersedes-unknown",
        doc(statement(supersedes='["▶ghost"]')),
        field="supersedes",
        statement="s1",
        reason="unknown statement 'ghost'",
    ),
    case(
        "supersedes-unknown-second",
        doc(statement(id='"s0"'), statement(supersedes='["s0", "▶s9"]')),
        field="supersedes",
        statement="s1",
        reason="unknown statement 's9'",
    ),
    case(
        "supersedes-self",
        doc(statement(supersedes='▶["s1"]')),
        field="supersedes",
        statement="s1",
        reason="cycle",
    ),
    case(
        "supersedes-not-a-list",
        doc(statement(supersedes='▶"s0"')),
        field="supersedes",
        statement="s1",
        reason="list",
    ),
    # ---- dates
    case(
        "said-time-only",
        doc(statement(said="▶10:00:00")),
        field="said",
        statement="s1",
        reason="time of day",
    ),
    case(
        "said-not-a-date-string",
        doc(statement(said='▶"yesterday"')),
        field="said",
        statement="s1",
        reason="yesterday",
    ),
    case("said-integer", doc(statement(said="▶5")), field="said", statement="s1", reason="date"),
    case("said-boolean", doc(statement(said="▶true")), field="said", statement="s1", reason="date"),
    case(
        "said-array",
        doc(statement(said="▶[2025-05-14]")),
        field="said",
        statement="s1",
        reason="date",
    ),
    # SPEC: "said = 2025-05-11  # optional TOML date or datetime"; a quoted
    # string is not a TOML date (dates.check_when even says so).
    case(
        "said-quoted-date",
        doc(statement(said='▶"2025-05-14"')),
        field="said",
        statement="s1",
        reason="date",
    ),
    case(
        "start-time-only",
        doc(block("events", start="▶10:00:00")),
        field="start",
        entry="event 'summit'",
        reason="time of day",
    ),
    case(
        "start-not-a-date-string",
        doc(block("events", start='▶"next week"')),
        field="start",
        entry="event 'summit'",
        reason="next week",
    ),
    # ---- weight
    *[
        case(
            f"weight-{value}",
            doc(statement(weight=f"▶{value}")),
            field="weight",
            statement="s1",
            reason="an integer from 1 to 1000000",
        )
        for value in (
            "0",
            "-1",
            "true",
            "false",
            "1.5",
            "1e3",
            '"1"',
            "[1]",
            "1000001",
            "2147483648",
            "9223372036854775807",
        )
    ],
    # ---- wrong value types
    case(
        "scenario-name-integer",
        BASE.replace('name = "Istanbul talks"', "name = ▶5"),
        field="name",
        entry="[scenario]",
        reason="text",
    ),
    case(
        "scenario-name-array",
        BASE.replace('name = "Istanbul talks"', 'name = ▶["Istanbul"]'),
        field="name",
        entry="[scenario]",
        reason="text",
    ),
    case(
        "scenario-description-boolean",
        BASE.replace('"Istanbul talks"\n', '"Istanbul talks"\ndescription = ▶true\n'),
        field="description",
        entry="[scenario]",
        reason="text",
    ),
    case(
        "actor-name-integer",
        doc(block("actors", name="▶5")),
        field="name",
        entry="actor 'lavrov'",
        reason="text",
    ),
    case(
        "actor-party-boolean",
        doc(block("actors", party="▶true")),
        field="party",
        entry="actor 'lavrov'",
        reason="text",
    ),
    case(
        "actor-role-array",
        doc(block("actors", role="▶[]")),
        field="role",
        entry="actor 'lavrov'",
        reason="text",
    ),
    case(
        "event-place-integer",
        doc(block("events", place="▶1")),
        field="place",
        entry="event 'summit'",
        reason="text",
    ),
    case(
        "invited-string",
        doc(block("events", invited='▶"putin"')),
        field="invited",
        entry="event 'summit'",
        reason="list",
    ),
    case(
        "invited-integer-item",
        doc(block("events", invited="▶[1]")),
        field="invited",
        entry="event 'summit'",
        reason="not a valid id",
    ),
    case(
        "invited-integer",
        doc(block("events", invited="▶5")),
        field="invited",
        entry="event 'summit'",
        reason="list",
    ),
    case(
        "by-integer", doc(statement(by="▶5")), field="by", statement="s1", reason="not a valid id"
    ),
    case(
        "to-array",
        doc(statement(to='▶["putin"]')),
        field="to",
        statement="s1",
        reason="not a valid id",
    ),
    case(
        "subject-integer",
        doc(statement(subject="▶5")),
        field="subject",
        statement="s1",
        reason="int",
    ),
    case(
        "subject-array",
        doc(statement(subject='▶["held"]')),
        field="subject",
        statement="s1",
        reason="list",
    ),
    case(
        "condition-boolean",
        doc(statement(kind='"if"', condition="▶true")),
        field="condition",
        statement="s1",
        reason="bool",
    ),
    case("quote-integer", doc(statement(quote="▶5")), field="quote", statement="s1", reason="text"),
    case(
        "source-table",
        doc(statement(source="▶{ url = 'x' }")),
        field="source",
        statement="s1",
        reason="text",
    ),
    case(
        "when-boolean",
        doc(block("outcomes", when="▶true")),
        field="when",
        entry="outcome 'o1'",
        reason="bool",
    ),
    case(
        "outcome-id-integer", doc(block("outcomes", id="▶7")), field="id", reason="not a valid id"
    ),
    case(
        "statement-id-integer",
        doc(statement(id="▶5")),
        field="id",
        statement=ANY,
        reason="not a valid id",
    ),
    case(
        "statements-plain-table",
        doc('\n[▶statements]\nid = "s1"\nkind = "commits"\n'),
        field="statements",
        reason="array of tables",
    ),
    case(
        "actors-integer",
        "▶actors = 5\n"
        + BASE.replace('[[actors]]\nid = "putin"\n\n[[actors]]\nid = "zelensky"\n', ""),
        field="actors",
        reason="array of tables",
    ),
    case(
        "outcomes-array-of-integers",
        "▶outcomes = [1, 2]\n" + BASE,
        field="outcomes",
        reason="array of tables",
    ),
    case(
        "events-string",
        '▶events = "summit"\n' + BASE.replace('[[events]]\nid = "istanbul_talks"\n', ""),
        field="events",
        reason="array of tables",
    ),
]


@pytest.mark.parametrize(("marked", "expected"), CASES)
def test_input_errors(marked: str, expected: dict[str, Any]) -> None:
    check_error(marked, **expected)


@pytest.mark.parametrize("table", ["actors", "events", "statements", "outcomes"])
@pytest.mark.parametrize(
    "bad", ["1abc", "a b", "_a", "", "a-b", "é", "a.b", "putin ", "x\n", "attends(a,b)"], ids=repr
)
def test_invalid_ids(table: str, bad: str) -> None:
    value = '"' + bad.replace("\n", "\\n") + '"'
    error = check_error(doc(block(table, id=f"▶{value}")), field="id", statement=ANY)
    assert "valid id" in error.reason
    assert repr(bad) in error.reason


def test_valid_ids() -> None:
    text = doc(
        block("actors", id='"A"'),
        block("actors", id='"Lavrov_2"'),
        block("events", id='"E_1_"'),
        statement(id='"S"', by='"A"', subject='"attends(A, E_1_)"'),
        block("outcomes", id='"Zz9"', when='"attends(Lavrov_2, istanbul_talks)"'),
    )
    scenario = loads(text)
    assert [actor.id for actor in scenario.actors][-2:] == ["A", "Lavrov_2"]


# --------------------------------------------------------------------------- supersedes cycles


@pytest.mark.parametrize("length", [2, 3, 5])
def test_supersedes_cycle(length: int) -> None:
    ids = [f"s{i}" for i in range(length)]
    bodies = [
        statement(id=f'"{sid}"', supersedes=f'["{ids[(i + 1) % length]}"]')
        for i, sid in enumerate(ids)
    ]
    text = doc(statement(id='"first"'), *bodies)
    error = load_error(text)
    assert error.field == "supersedes"
    assert error.statement in ids
    assert "cycle" in error.reason
    for sid in ids:
        assert sid in error.reason
    # The line is the supersedes key of the statement the error names.
    lines = text.splitlines()
    start = lines.index(f'id = "{error.statement}"')
    expected = next(
        number
        for number, line in enumerate(lines[start:], start=start + 1)
        if line.startswith("supersedes = ")
    )
    assert error.line == expected
    assert error.column == len("supersedes = ") + 1
    assert f"{FILE}:{expected}:" in str(error)


def test_supersedes_chain_without_cycle_is_fine() -> None:
    text = doc(
        statement(id='"a"'),
        statement(id='"b"', supersedes='["a"]'),
        statement(id='"c"', supersedes='["b", "a"]'),
    )
    assert loads(text).statement("c").supersedes == ("b", "a")


# --------------------------------------------------------------------------- TOML syntax


@pytest.mark.parametrize(
    ("marked", "words"),
    [
        (BASE.replace('"Istanbul talks"', '"Istanbul talks" ▶junk'), "newline"),
        (BASE.replace('"Istanbul talks"', '"Istanbul talks▶'), "character"),
        (BASE + 'id = "again"▶\n', "overwrite"),
        (BASE + "\n[[actors▶]\n", "]]"),
        (BASE + "\n[[statements]]\nweight = ▶\n", "value"),
        (doc(statement(said="2025-05-14▶T10:00")), ""),
    ],
    ids=[
        "junk-after-value",
        "unterminated-string",
        "duplicate-key",
        "bad-header",
        "no-value",
        "datetime-without-seconds",
    ],
)
def test_invalid_toml_is_located_by_the_parser(marked: str, words: str) -> None:
    error = check_error(marked, field=None, entry=None, reason="invalid TOML")
    assert words in error.reason


def test_invalid_toml_at_end_of_document_names_the_last_line() -> None:
    text = BASE + "invited = ["
    error = load_error(text)
    assert "invalid TOML" in error.reason
    last = text.count("\n") + 1
    assert error.line == last, str(error)
    assert f"{FILE}:{last}" in str(error)


# --------------------------------------------------------------------------- files


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(ScenarioError) as caught:
        load(path)
    error = caught.value
    assert error.file == str(path)
    assert str(path) in str(error)
    assert "no such file" in error.reason
    assert error.line is None


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load(tmp_path)
    assert caught.value.file == str(tmp_path)
    assert "directory" in str(caught.value)


def test_errors_of_load_name_the_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(doc(statement(extra="conditon = 'held'")), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load(path)
    error = caught.value
    assert error.file == str(path)
    assert error.line == doc(statement()).count("\n") + 1
    assert str(error).startswith(f"{path}:{error.line}:")


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\xfe[scenario]\n", 1, 1),
        (b'[scenario]\nname = "\xff"\n', 2, 9),
        (b'[scenario]\nname = "ok"\n# caf\xe9\n', 3, 6),
        # Columns count characters, as TOML parser errors do, not bytes.
        ('[scenario]\nname = "é'.encode() + b'\xff"\n', 2, 10),
        ('[scenario]\nname = "Зеленський'.encode() + b'\x80"\n', 2, 19),
    ],
    ids=["first-byte", "in-string", "latin1-comment", "after-two-byte-char", "after-cyrillic"],
)
def test_invalid_utf8(tmp_path: Path, data: bytes, line: int, column: int) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError) as caught:
        load(path)
    error = caught.value
    assert error.file == str(path)
    assert "UTF-8" in error.reason
    assert (error.line, error.column) == (line, column)
    assert f"{path}:{line}:{column}" in str(error)


# --------------------------------------------------------------------------- locations

LATER_ERROR = block("actors", extra='▷nmae = "x"')


@pytest.mark.parametrize(
    "before",
    [
        "",
        '\n[[actors]]\nid = "a1"\nname = "Putin"   # [[actors]] in a comment\n',
        '\n[[actors]] # a comment after the header\nid = "a1"\n',
        "\n[[actors]]\nid = \"a1\"\nname = '''multi\n[[actors]]\nid = \"x\"\n'''\n",
        '\n[[actors]]\nid = "a1"\nname = """multi\nline"""\n',
        '\n[[actors]]\nid = "a1"\nname = "it\'\'\'s"\n',
        '\n[[actors]]\nid = "a1"\nname = \'he said """no"""\'\n',
        '\n[[actors]]\nid = "a1"\n# a comment with """ in it\n',
        '\n[[actors]]\nid = "a1"\nname = "line\u2028separator"\n',
        '\n[[actors]]\nid = "a1"\nname = "paragraph\u2029separator"\n',
        '\n[[actors]]\nid = "a1"\n# next line \u0085 in a comment\n',
        '\n[[actors]]\nid = "a1"\nname = "vertical\\u000btab escaped"\n',
    ],
    ids=[
        "nothing",
        "header-in-comment",
        "comment-after-header",
        "header-in-multi-line-string",
        "multi-line-string",
        "triple-single-quote-in-basic-string",
        "triple-double-quote-in-literal-string",
        "triple-double-quote-in-comment",
        "u2028-in-string",
        "u2029-in-string",
        "u0085-in-comment",
        "escaped-control",
    ],
)
def test_free_text_before_an_error_does_not_move_its_location(before: str) -> None:
    check_error(doc(before, LATER_ERROR), field="nmae", entry="actor 'lavrov'")


def test_crlf_line_endings_keep_locations() -> None:
    text, line, column = unmark(doc(LATER_ERROR))
    assert column is None
    error = load_error(text.replace("\n", "\r\n"))
    assert error.line == line


def test_byte_order_mark_keeps_locations() -> None:
    text, line, _ = unmark(doc(LATER_ERROR))
    error = load_error("\ufeff" + text)
    assert error.line == line


# --------------------------------------------------------------------------- free text is inert


def toml_string(text: str) -> str:
    """Return ``text`` as a TOML basic string."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


TEXT_FIELDS = ("scenario", "description", "name", "party", "role", "place", "quote", "source")


def inert_text(texts: dict[str, str]) -> str:
    """A scenario with some logic, and ``texts`` in every free-text field."""
    t = {key: toml_string(value) for key, value in texts.items()}
    return f"""\
[scenario]
name = {t["scenario"]}
description = {t["description"]}

[[actors]]
id = "putin"
name = {t["name"]}
party = {t["party"]}
role = {t["role"]}

[[actors]]
id = "zelensky"
name = {t["name"]}

[[events]]
id = "istanbul_talks"
place = {t["place"]}

[[statements]]
id = "z_only_if_putin"
kind = "only_if"
by = "zelensky"
said = 2025-05-11
quote = {t["quote"]}
source = {t["source"]}
subject = "attends(zelensky, istanbul_talks)"
condition = "attends(putin, istanbul_talks)"

[[statements]]
id = "p_commits"
kind = "commits"
by = "putin"
said = 2025-05-12
quote = {t["quote"]}
subject = "held(talks) or attends(putin, istanbul_talks)"

[[statements]]
id = "p_might"
kind = "might"
by = "putin"
quote = {t["quote"]}
subject = "signs(russia, deal)"

[[outcomes]]
id = "leaders_meet"
when = "attends(putin, istanbul_talks) and attends(zelensky, istanbul_talks)"
"""


HARMLESS = dict.fromkeys(TEXT_FIELDS, "plain text")
QUERIES: list[dict[str, Any]] = [
    {},
    {"at": "2025-05-11"},
    {"assume": ["absent(putin, istanbul_talks)"]},
    {"assume": ["attends(zelensky, istanbul_talks)", "not held(talks)"]},
    {"assume": ["absent(putin, istanbul_talks)", "not held(talks)"]},  # inconsistent
]


def answers(scenario: Scenario) -> list[dict[str, Any]]:
    reasoner = Reasoner(scenario)
    return [reasoner.status(**query).to_json() for query in QUERIES]


@functools.cache
def _expected_answers() -> str:
    return json.dumps(answers(loads(inert_text(HARMLESS))))


def expected_answers() -> list[dict[str, Any]]:
    """The answers for harmless text, computed once."""
    return json.loads(_expected_answers())


def test_inert_scenario_answers_are_interesting() -> None:
    results = expected_answers()
    assert results[0]["consistent"] is True
    assert results[0]["atoms"]["attends(zelensky,istanbul_talks)"] == "possible"
    assert results[2]["atoms"]["attends(zelensky,istanbul_talks)"] == "impossible"
    assert results[4]["consistent"] is False
    assert set(results[4]["conflict"]) >= {"p_commits"}


ASP_TEXTS = [
    '"). :- a.',
    "#false.",
    ":- true.",
    "% a comment",
    "%* block *%",
    '") . #show. a("',
    "#const x=1.",
    'holds(0). true("attends(zelensky,istanbul_talks)").',
    "{ a }. :- not a.",
    "\\",
    '"',
    "'''",
    '"""',
    "\n:- true.\n",
    "\u2028[[statements]]\u2029",
    "\x00\x1f\x7f",
    "Зеленський 泽连斯基 🇺🇦",
    "",
]


@pytest.mark.parametrize("text", ASP_TEXTS, ids=repr)
def test_asp_syntax_in_free_text_changes_nothing(text: str) -> None:
    texts = dict.fromkeys(TEXT_FIELDS, text)
    scenario = loads(inert_text(texts))
    assert scenario.actors[0].name == text
    assert scenario.statements[0].quote == text
    assert answers(scenario) == expected_answers()


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({key: st.text() for key in TEXT_FIELDS}))
def test_free_text_never_changes_the_answers(texts: dict[str, str]) -> None:
    scenario = loads(inert_text(texts))
    assert scenario.name == texts["scenario"]
    assert scenario.description == texts["description"]
    assert scenario.actors[0].party == texts["party"]
    assert scenario.events[0].place == texts["place"]
    assert scenario.statements[0].source == texts["source"]
    assert answers(scenario) == expected_answers()


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.text())
def test_free_text_in_python_built_scenarios_is_inert(name: str, quote: str) -> None:
    harmless = loads(inert_text(HARMLESS))
    scenario = Scenario(
        name,
        description=quote,
        actors=[Actor(a.id, name=name, party=quote, role=name) for a in harmless.actors],
        events=[Event(e.id, place=quote) for e in harmless.events],
        statements=[
            Statement(
                s.id,
                s.kind,
                s.subject,
                condition=s.condition,
                by=s.by,
                said=s.said,
                quote=quote,
                source=name,
            )
            for s in harmless.statements
        ],
        outcomes=harmless.outcomes,
    )
    assert answers(scenario) == expected_answers()


# Free text with a good chance of holding what a line-based scanner trips on.
TRICKY_TEXT = st.lists(
    st.one_of(
        st.text(max_size=4),
        st.sampled_from(
            ["'''", '"""', "\u2028", "\u2029", "\x85", "\r", "\n", "[[actors]]", "#", "="]
        ),
    ),
    max_size=6,
).map("".join)


def comment_text(text: str) -> str:
    """``text`` without the characters a TOML comment cannot hold."""
    return "".join(c for c in text if c == "\t" or not (ord(c) < 0x20 or ord(c) == 0x7F))


@given(TRICKY_TEXT, TRICKY_TEXT)
def test_free_text_never_moves_error_locations(name: str, comment: str) -> None:
    before = f'\n[[actors]]\nid = "a1"\nname = {toml_string(name)}\n# {comment_text(comment)}\n'
    clean, line, _ = unmark(doc(before, LATER_ERROR))
    error = load_error(clean)
    assert error.field == "nmae"
    assert error.line == line, str(error)


# --------------------------------------------------------------------------- capital ids


def capital_scenario(ids: dict[str, str]) -> str:
    return f"""\
[scenario]
name = "capitals"

[[actors]]
id = "{ids["putin"]}"

[[actors]]
id = "{ids["zelensky"]}"

[[actors]]
id = "{ids["x"]}"

[[events]]
id = "{ids["talks"]}"

[[events]]
id = "{ids["call"]}"
invited = ["{ids["x"]}", "{ids["putin"]}"]

[[statements]]
id = "{ids["s1"]}"
kind = "only_if"
by = "{ids["zelensky"]}"
said = 2025-05-11
subject = "attends({ids["zelensky"]}, {ids["talks"]})"
condition = "attends({ids["putin"]}, {ids["talks"]})"

[[statements]]
id = "{ids["s2"]}"
kind = "if"
by = "{ids["putin"]}"
to = "{ids["x"]}"
said = 2025-05-12
subject = "attends({ids["putin"]}, {ids["talks"]})"
condition = "{ids["held"]}({ids["x"]}) and attends({ids["x"]}, {ids["call"]})"

[[statements]]
id = "{ids["s3"]}"
kind = "refuses"
by = "{ids["x"]}"
said = 2025-05-13
subject = "{ids["held"]}({ids["x"]})"
supersedes = ["{ids["s2"]}"]

[[statements]]
id = "{ids["s4"]}"
kind = "commits"
by = "{ids["putin"]}"
subject = "{ids["p"]} or absent({ids["x"]}, {ids["call"]})"

[[outcomes]]
id = "{ids["meet"]}"
when = "attends({ids["putin"]}, {ids["talks"]}) and attends({ids["zelensky"]}, {ids["talks"]})"
"""


LOWER = {
    key: key
    for key in ("putin", "zelensky", "x", "talks", "call", "s1", "s2", "s3", "s4", "held", "p")
}
LOWER["meet"] = "meet"
UPPER = {
    "putin": "Putin",
    "zelensky": "Zelensky",
    "x": "X",
    "talks": "Talks",
    "call": "CALL",
    "s1": "S1",
    "s2": "S",
    "s3": "Superseder",
    "s4": "S_4",
    "held": "Held",
    "p": "P",
    "meet": "Meet",
}


def rename(value: Any, mapping: dict[str, str]) -> Any:
    """Rename every identifier in a JSON value (keys, strings, lists)."""
    if isinstance(value, dict):
        return {rename(key, mapping): rename(item, mapping) for key, item in value.items()}
    if isinstance(value, list):
        return [rename(item, mapping) for item in value]
    if isinstance(value, str):
        return re.sub(r"[A-Za-z][A-Za-z0-9_]*", lambda m: mapping.get(m[0], m[0]), value)
    return value


def capital_queries(ids: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {},
        {"at": "2025-05-12"},
        {"assume": [f"attends({ids['zelensky']}, {ids['talks']})"]},
        {"assume": [f"not {ids['p']}", f"attends({ids['x']}, {ids['call']})"]},
        {
            "assume": [
                f"absent({ids['putin']}, {ids['talks']})",
                f"attends({ids['zelensky']}, {ids['talks']})",
            ]
        },
    ]


def test_capitalised_ids_are_constants() -> None:
    lower = loads(capital_scenario(LOWER))
    upper = loads(capital_scenario(UPPER))
    lower_reasoner, upper_reasoner = Reasoner(lower), Reasoner(upper)
    back = {new: old for old, new in UPPER.items()}
    for low_query, up_query in zip(capital_queries(LOWER), capital_queries(UPPER), strict=True):
        expected = lower_reasoner.status(**low_query).to_json()
        got = upper_reasoner.status(**up_query).to_json()
        assert rename(got, back) == expected, (low_query, got)
    # The answers are not trivial.
    first = lower_reasoner.status().to_json()
    assert first["atoms"]["attends(x,call)"] == "possible"
    assert "attends(zelensky,call)" not in first["atoms"]  # not invited, not mentioned
    assert upper_reasoner.status().to_json()["atoms"]["attends(X,CALL)"] == "possible"
    conflict = upper_reasoner.status(**capital_queries(UPPER)[-1]).to_json()
    assert conflict["consistent"] is False
    assert "S1" in conflict["conflict"]


def test_capitalised_ids_in_python() -> None:
    scenario = Scenario(
        "x",
        actors=[Actor("Putin"), Actor("X")],
        events=[Event("Talks")],
        statements=[
            Statement("A", "commits", "attends(Putin, Talks)", by="Putin"),
            Statement("B", "refuses", attends("X", "Talks"), by="X"),
        ],
        outcomes=[Outcome("Meet", "attends(Putin,Talks) and attends(X,Talks)")],
    )
    report = Reasoner(scenario).status().to_json()
    assert report == {
        "consistent": True,
        "atoms": {"attends(Putin,Talks)": "certain", "attends(X,Talks)": "impossible"},
        "outcomes": {"Meet": "impossible"},
        "commitments": {"A": ["discharged"], "B": ["discharged"]},
        "conflict": None,
    }


def test_public_names() -> None:
    for name in ("load", "loads", "Scenario", "Actor", "Event", "Statement", "Outcome"):
        assert name in commitlogic.__all__
