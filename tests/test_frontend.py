"""The fast paths of the front end give what the slow paths give, on drawn input.

Each fast path (plain atoms in formula parsing, statements built without
per-field calls, references checked as set operations, ``with_statement``
checking only the new statement, JSON Lines streamed) must return an equal
value, or hand over to the slow path, which raises the error it always
raised.  The slow paths are the references here.
"""

from __future__ import annotations

import json
import string
from datetime import date
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commitlogic import Scenario, ScenarioError
from commitlogic.io import jsonlines
from commitlogic.model import entries, formulas
from commitlogic.model import scenario as scenario_module
from commitlogic.model.formulas import _Parser, _plain_atom, parse_formula
from commitlogic.strategies import scenarios, statements

# --------------------------------------------------------------------------- formulas

_WORDS = st.sampled_from(
    ["attends", "absent", "held", "signs", "a", "B_1", "x9", "not", "and", "or", "e", "Z"]
)
_BLANKS = st.sampled_from(["", "", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\r\n"])
_JUNK = st.sampled_from(["(", ")", ",", "", "", "", "-", "1", "é", "()"])


@st.composite
def _atom_texts(draw: st.DrawFn) -> str:
    """Texts shaped like atoms, often exactly, sometimes with a fault."""
    parts = [draw(_BLANKS), draw(_WORDS), draw(_BLANKS)]
    if draw(st.booleans()):
        args = draw(st.lists(_WORDS, max_size=4))
        inner = (draw(_BLANKS) + "," + draw(_BLANKS)).join(args)
        parts += ["(", draw(_BLANKS), inner, draw(_BLANKS), ")"]
    parts += [draw(_JUNK), draw(_BLANKS)]
    return "".join(parts)


def _outcome(parse, text: str) -> object:  # type: ignore[no-untyped-def]
    try:
        return ("value", parse(text))
    except ScenarioError as error:
        return ("error", str(error), error.offset)


@given(st.one_of(_atom_texts(), st.text(alphabet=string.printable, max_size=30)))
def test_the_plain_atom_path_equals_the_parser(text: str) -> None:
    fast = _plain_atom(text)
    if fast is not None:
        assert fast == _Parser(text).parse()
        assert type(fast) in (formulas.Atom, formulas.Not)
    assert _outcome(parse_formula, text) == _outcome(lambda t: _Parser(t).parse(), text)


def test_the_plain_atom_path_takes_the_common_atoms() -> None:
    assert _plain_atom("attends(putin, istanbul)") == formulas.attends("putin", "istanbul")
    assert _plain_atom(" absent( a ,b ) ") == formulas.absent("a", "b")
    assert _plain_atom("held") == formulas.atom("held")
    for slow in ("not held", "attends(a)", "f(and)", "f()", "a and b", "absent"):
        assert _plain_atom(slow) is None


# --------------------------------------------------------------------------- statements

_FORMULA = formulas.attends("a", "e")
_VALUES = {
    "id": st.sampled_from(["s1", "S_2", "", "1x", "not", None, 3]),
    "kind": st.sampled_from(["commits", "if", "only_if", "might", "observed", "refuses", "nope"])
    | st.sampled_from([None, 1, entries.Kind.IF]),
    "subject": st.sampled_from([_FORMULA, "held", "not (", None]),
    "condition": st.sampled_from([_FORMULA, None, "held", ")"]),
    "by": st.sampled_from(["a", "b_1", None, "", "1", 2]),
    "to": st.sampled_from(["a", None, "x y"]),
    "said": st.sampled_from(
        [date(2025, 5, 1), "2025-05-01", "2025-13-01", None, 20250501, "2025-05-01T10:00+03:00"]
    ),
    "quote": st.sampled_from(["q", None, 1]),
    "source": st.sampled_from(["http://x", None, b"x"]),
    "weight": st.sampled_from([1, 5, 0, True, 1_000_001, 2.0, None]),
    "credibility": st.sampled_from([0.5, None]),
    "supersedes": st.sampled_from([(), ("s0",), None]),
}


@given(
    st.fixed_dictionaries(
        {"id": _VALUES["id"], "kind": _VALUES["kind"], "subject": _VALUES["subject"]},
        optional={k: v for k, v in _VALUES.items() if k not in ("id", "kind", "subject")},
    )
)
def test_the_quick_statement_equals_the_constructor(item: dict) -> None:
    try:
        slow: object = entries.Statement(**item)
    except (ScenarioError, TypeError) as error:
        slow = error
    fast = entries.quick_statement(item, item.get("subject"), item.get("condition"))
    if isinstance(slow, Exception):
        assert fast is None
    elif fast is not None:
        assert fast == slow
        assert hash(fast) == hash(slow)
        assert attrs.asdict(fast, recurse=False) == attrs.asdict(slow, recurse=False)


@given(
    st.fixed_dictionaries(
        {"id": st.sampled_from(["a", "B_2", "not", "", "1", None, 7])},
        optional={
            "name": st.sampled_from(["Ann", None, 3]),
            "party": st.sampled_from(["p", None]),
            "role": st.sampled_from(["r", None, ["x"]]),
            "credibility": st.sampled_from([0.5, None, 2]),
        },
    )
)
def test_the_quick_actor_equals_the_constructor(item: dict) -> None:
    try:
        slow: object = entries.Actor(**item)
    except ScenarioError as error:
        slow = error
    fast = entries.quick_actor(item)
    if isinstance(slow, Exception):
        assert fast is None
    elif fast is not None:
        assert fast == slow
        assert attrs.asdict(fast) == attrs.asdict(slow)


# --------------------------------------------------------------------------- references


@st.composite
def _maybe_broken(draw: st.DrawFn) -> dict:
    """The parts of a valid scenario, with at most a few references broken."""
    base = draw(scenarios(max_statements=5, outcome_names=True))
    parts = {
        "actors": list(base.actors),
        "events": list(base.events),
        "statements": list(base.statements),
        "outcomes": list(base.outcomes),
    }
    for _ in range(draw(st.integers(0, 2))):
        table = draw(st.sampled_from(["actors", "events", "statements", "outcomes"]))
        if not parts[table]:
            continue
        index = draw(st.integers(0, len(parts[table]) - 1))
        entry = parts[table][index]
        change = draw(st.sampled_from(["duplicate", "by", "to", "invited", "supersedes", "drop"]))
        if change == "duplicate":
            parts[table].append(entry)
        elif change == "drop":
            del parts[table][index]  # what referred to it is now broken
        elif table == "statements" and change in ("by", "to"):
            parts[table][index] = attrs.evolve(entry, **{change: "stranger"})
        elif table == "statements" and change == "supersedes":
            parts[table][index] = attrs.evolve(entry, supersedes=(entry.id,))  # a cycle
        elif table == "events" and change == "invited":
            parts[table][index] = attrs.evolve(entry, invited=("stranger",))
    return parts


def _built(parts: dict) -> object:
    try:
        return Scenario("drawn", **parts)
    except ScenarioError as error:
        return ("error", str(error), error.table, error.index, error.field)


@given(_maybe_broken())
@settings(max_examples=150)
def test_references_by_sets_equal_references_one_by_one(parts: dict) -> None:
    fast = _built(parts)
    with mock.patch.object(scenario_module, "_references_hold", lambda *_args: False):
        slow = _built(parts)
    assert fast == slow


@st.composite
def _grown(draw: st.DrawFn) -> tuple[Scenario, entries.Statement]:
    base = draw(scenarios(max_statements=4, outcome_names=draw(st.booleans())))
    if draw(st.booleans()):
        added = draw(statements(base, atoms=[*base.atoms(), formulas.atom("held")]))
    else:  # a statement that may not fit: a taken id, a stranger
        added = draw(statements([*base.atoms(), formulas.attends("stranger", "nowhere")]))
        if base.statements and draw(st.booleans()):
            added = attrs.evolve(added, id=base.statements[0].id)
    return base, added


@given(_grown())
@settings(max_examples=150)
def test_with_statement_equals_building_it_again(drawn: tuple) -> None:
    base, added = drawn
    try:
        fast: object = base.with_statement(added)
    except ScenarioError as error:
        fast = ("error", str(error))
    try:
        slow: object = attrs.evolve(base, statements=(*base.statements, added))
    except ScenarioError as error:
        slow = ("error", str(error))
    assert fast == slow
    if isinstance(fast, Scenario):
        assert isinstance(slow, Scenario)
        for statement in fast.statements:
            for field, _formula in statement.formulas():
                assert fast.written(statement, field) == slow.written(statement, field)


# --------------------------------------------------------------------------- JSON Lines


def _read(read, text: str) -> object:  # type: ignore[no-untyped-def]
    try:
        return read(text)
    except ScenarioError as error:
        return ("error", str(error))


@st.composite
def _feeds(draw: st.DrawFn) -> str:
    """JSON Lines texts of valid scenarios, some of them damaged."""
    lines = jsonlines.dumps(draw(scenarios(texts=True, outcome_names=True))).split("\n")
    for _ in range(draw(st.integers(0, 2))):
        index = draw(st.integers(0, len(lines) - 1))
        damage = draw(
            st.sampled_from(["cut", "swap", "blank", "junk", "kind", "twice", "value", "field"])
        )
        line = lines[index]
        if damage == "cut":
            lines[index] = line[: draw(st.integers(0, len(line)))]
        elif damage == "swap":
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(index))
        elif damage == "blank":
            lines.insert(index, draw(st.sampled_from(["", "  ", "\t", "\r"])))
        elif damage == "junk":
            lines[index] = draw(st.sampled_from(["1", "[]", '{"a": 1, "b": 2}', "{}", "null"]))
        elif damage == "kind":
            lines[index] = json.dumps({"mystery": {"id": "x"}})
        elif damage == "twice":
            lines[index] = line + ("," + line if draw(st.booleans()) else " " + line)
        elif damage == "value":
            lines[index] = json.dumps({"statement": ["not", "an", "object"]})
        elif line.startswith('{"') and line.endswith("}}"):  # a key the entry does not have
            lines[index] = line[:-2] + ', "colour": "red"}}'

    return "\ufeff" * draw(st.integers(0, 2)) + "\n".join(lines)


@given(_feeds())
@settings(max_examples=150)
def test_streamed_json_lines_equal_the_careful_reader(text: str) -> None:
    assert _read(jsonlines.loads, text) == _read(lambda t: jsonlines._careful(t, None), text)


def test_a_large_feed_is_read_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonlines, "_BLOCK", 64)  # many blocks, some cut mid-table
    lines = ['{"scenario": {"name": "blocks"}}']
    lines += [json.dumps({"actor": {"id": f"a{i}"}}) for i in range(40)]
    lines += [json.dumps({"event": {"id": "e"}})]
    lines += [
        json.dumps(
            {
                "statement": {
                    "id": f"s{i}",
                    "kind": "commits",
                    "by": "a0",
                    "subject": f"attends(a{i}, e)",
                }
            }
        )
        for i in range(40)
    ]
    text = "\n".join(lines) + "\n\n"
    streamed = jsonlines._streamed(text)
    assert streamed == jsonlines._careful(text, None)
    assert len(streamed.statements) == 40


def test_a_scenario_that_names_outcomes_dumps_and_reads_back() -> None:
    text = (
        '{"scenario": {"name": "named"}}\n{"actor": {"id": "a"}}\n{"event": {"id": "e"}}\n'
        '{"outcome": {"id": "met", "when": "attends(a, e)"}}\n'
        '{"statement": {"id": "s", "kind": "commits", "by": "a", "subject": "met"}}\n'
    )
    scenario = jsonlines.loads(text)
    assert scenario.written(scenario.statements[0], "subject") == formulas.atom("met")
    assert jsonlines.loads(jsonlines.dumps(scenario)) == scenario  # no private field written


# --------------------------------------------------------------------------- TOML in chunks

_ODD_TOML = [
    "",
    "statements = []\n",  # a table's key before its entries: read whole
    "[scenario]\nname = 'again'\n",  # a second scenario table among the entries
    "[statements.extra]\nx = 1\n",  # a sub-table of the last entry
    "[[actors]]\nid = 'late'\n",  # entries of a table after others
    "  [[statements]]\nid = 'indented'\nkind = 'might'\nsubject = 'held'\n",
    "[[statements]] # a comment\nid = 'commented'\nkind = 'might'\nsubject = 'held'\n",
    "tags = [\n[[statements]]\n]\n",  # a header inside an array: not TOML
    'quote = """\n[[statements]]\n"""\n',  # a header inside a multi-line string
]


@st.composite
def _toml_texts(draw: st.DrawFn) -> str:
    """TOML texts of drawn scenarios, with odd pieces put between their lines."""
    from commitlogic.io import saving

    lines = saving.dumps(draw(scenarios(max_statements=8, texts=True))).split("\n")
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(_ODD_TOML)))
    return "\n".join(lines)


@given(_toml_texts(), st.integers(1, 3))
@settings(max_examples=150)
def test_toml_read_in_chunks_equals_toml_read_whole(text: str, chunk: int) -> None:
    import tomllib

    from commitlogic.io import loading

    with mock.patch.object(loading, "_CHUNK", chunk), mock.patch.object(loading, "_CHUNKED", 0):
        try:
            chunked = loading._chunked_toml(text)
        except ValueError:
            chunked = None
        fast = _read(loading.loads, text)
    if chunked is not None:
        assert chunked == tomllib.loads(text)
    assert fast == _read(loading.loads, text)  # without chunks: the same scenario or error
