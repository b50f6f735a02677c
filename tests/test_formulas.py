"""Unit tests of the formula grammar, printing and Python construction (SPEC section 2)."""

from __future__ import annotations

import re

import pytest
import reference
from hypothesis import given
from hypothesis import strategies as st

import commitlogic
from commitlogic import (
    And,
    Atom,
    Formula,
    Not,
    Or,
    ScenarioError,
    absent,
    atom,
    attends,
    parse_formula,
)

P, Q, R, S = (atom(name) for name in "pqrs")


# --------------------------------------------------------------------------- atoms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("held", Atom("held")),
        ("Putin", Atom("Putin")),
        ("X", Atom("X")),
        ("a1_b2", Atom("a1_b2")),
        ("signs(ukraine, deal)", Atom("signs", ("ukraine", "deal"))),
        ("signs(ukraine,deal)", Atom("signs", ("ukraine", "deal"))),
        ("held(talks)", Atom("held", ("talks",))),
        ("f(a, b, c, d)", Atom("f", ("a", "b", "c", "d"))),
        ("attends(putin, istanbul_talks)", Atom("attends", ("putin", "istanbul_talks"))),
        ("attends(Putin, Istanbul)", Atom("attends", ("Putin", "Istanbul"))),
        # Only the lower-case words are reserved.
        ("Not", Atom("Not")),
        ("AND(OR)", Atom("AND", ("OR",))),
        ("nothing", Atom("nothing")),
        ("order(android)", Atom("order", ("android",))),
        ("notattends", Atom("notattends")),
    ],
)
def test_atoms_parse(text: str, expected: Atom) -> None:
    assert parse_formula(text) == expected


@pytest.mark.parametrize(
    ("formula", "text"),
    [
        (attends("putin", "istanbul_talks"), "attends(putin,istanbul_talks)"),
        (parse_formula("attends( putin ,  istanbul_talks )"), "attends(putin,istanbul_talks)"),
        (atom("signs", "ukraine", "deal"), "signs(ukraine,deal)"),
        (atom("held"), "held"),
        (atom("Putin"), "Putin"),
        (parse_formula("f(  a,b ,c )"), "f(a,b,c)"),
    ],
)
def test_canonical_atom_text_has_no_spaces(formula: Formula, text: str) -> None:
    assert str(formula) == text


def test_helpers_build_the_same_atoms_as_text() -> None:
    assert attends("putin", "talks") == parse_formula("attends(putin, talks)")
    assert atom("attends", "putin", "talks") == attends("putin", "talks")
    assert atom("signs", "ukraine", "deal") == parse_formula("signs(ukraine, deal)")
    assert atom("held") == parse_formula("held") == Atom("held", ())
    assert hash(attends("a", "e")) == hash(parse_formula("attends(a,e)"))


def test_absent_is_sugar_for_not_attends() -> None:
    expected = Not(attends("putin", "talks"))
    assert parse_formula("absent(putin, talks)") == expected
    assert parse_formula("not attends(putin, talks)") == expected
    assert absent("putin", "talks") == expected
    assert ~attends("putin", "talks") == expected
    assert str(parse_formula("absent(putin, talks)")) == "not attends(putin,talks)"
    assert parse_formula("not absent(putin, talks)") == Not(expected)


def test_atoms_of_a_formula_in_order_with_repetitions() -> None:
    formula = parse_formula("p and not attends(a, e) or (q and p) or absent(b, e)")
    assert list(formula.atoms()) == [P, attends("a", "e"), Q, P, attends("b", "e")]


# --------------------------------------------------------------------------- precedence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p or q and r", Or((P, And((Q, R))))),
        ("p and q or r", Or((And((P, Q)), R))),
        ("not p and q", And((Not(P), Q))),
        ("not p or q", Or((Not(P), Q))),
        ("p and not q", And((P, Not(Q)))),
        ("not not p", Not(Not(P))),
        ("not (p and q)", Not(And((P, Q)))),
        ("not (p or q)", Not(Or((P, Q)))),
        ("(p or q) and r", And((Or((P, Q)), R))),
        ("p and (q or r)", And((P, Or((Q, R))))),
        ("p or q or r", Or((P, Q, R))),
        ("p and q and r", And((P, Q, R))),
        ("(p or q) or r", Or((P, Q, R))),
        ("p or (q or r)", Or((P, Q, R))),
        ("(p and q) and (r and s)", And((P, Q, R, S))),
        ("p and q or r and s", Or((And((P, Q)), And((R, S))))),
        ("not p and not q or not r", Or((And((Not(P), Not(Q))), Not(R)))),
        ("((p))", P),
        ("(not p)", Not(P)),
        ("not(p)", Not(P)),
        ("(p)and(q)", And((P, Q))),
        ("(p)or(q)", Or((P, Q))),
    ],
)
def test_precedence_and_parentheses(text: str, expected: Formula) -> None:
    assert parse_formula(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "attends(putin,talks) and not attends(zelensky,talks)",
        "attends( putin , talks )and not attends (zelensky,talks)",
        "  attends(putin,talks)\n\tand\r\nnot\tattends(zelensky , talks)  ",
        "(attends(putin,talks))and(not(attends(zelensky,talks)))",
    ],
)
def test_whitespace_is_free(text: str) -> None:
    expected = attends("putin", "talks") & ~attends("zelensky", "talks")
    assert parse_formula(text) == expected


@pytest.mark.parametrize(
    ("formula", "text"),
    [
        (P & Q | R, "p and q or r"),
        (P & (Q | R), "p and (q or r)"),
        (~(P | Q), "not (p or q)"),
        (~(P & Q), "not (p and q)"),
        (~~P, "not not p"),
        (~P & ~Q, "not p and not q"),
        (P | Q | R, "p or q or r"),
        ((P | Q) & (R | S), "(p or q) and (r or s)"),
        (~(P & Q) | R, "not (p and q) or r"),
        (absent("a", "e") & P, "not attends(a,e) and p"),
    ],
)
def test_printing_uses_minimal_parentheses(formula: Formula, text: str) -> None:
    assert str(formula) == text
    assert parse_formula(text) == formula


# --------------------------------------------------------------------------- Python operators


@pytest.mark.parametrize(
    ("built", "text"),
    [
        (P & Q, "p and q"),
        (P | Q, "p or q"),
        (~P, "not p"),
        (P & Q & R, "p and q and r"),
        (P & (Q & R), "p and q and r"),
        ((P & Q) & (R & S), "p and q and r and s"),
        (P | Q | R, "p or q or r"),
        (P | (Q | R), "p or q or r"),
        (P & Q | R, "(p and q) or r"),
        (P | Q & R, "p or (q and r)"),
        (~(P | Q) & R, "not (p or q) and r"),
        (And((P, And((Q, R)))), "p and q and r"),
        (Or((Or((P, Q)), Or((R, S)))), "p or q or r or s"),
        (And([P, "q or r"]), "p and (q or r)"),
        (P & "q and r", "p and q and r"),
        (P | "q", "p or q"),
        (Not("p and q"), "not (p and q)"),
        (
            attends("putin", "talks") & absent("zelensky", "talks"),
            "attends(putin, talks) and absent(zelensky, talks)",
        ),
    ],
)
def test_python_operators_match_parsed_text(built: Formula, text: str) -> None:
    parsed = parse_formula(text)
    assert built == parsed
    assert hash(built) == hash(parsed)
    assert str(built) == str(parsed)


def test_nested_conjunctions_are_flattened() -> None:
    assert (P & Q & R).operands == (P, Q, R)  # type: ignore[attr-defined]
    assert (P | (Q | R)).operands == (P, Q, R)  # type: ignore[attr-defined]
    # Different kinds are not merged.
    assert (P & (Q | R)).operands == (P, Or((Q, R)))  # type: ignore[attr-defined]


def test_operator_with_a_non_formula_is_an_error() -> None:
    with pytest.raises(ScenarioError):
        P & 5  # type: ignore[operator]
    with pytest.raises(ScenarioError):
        P | None  # type: ignore[operator]


def test_formulas_are_immutable_values() -> None:
    formula = parse_formula("p and q")
    with pytest.raises(AttributeError):
        formula.operands = (P,)  # type: ignore[misc, attr-defined]
    assert {parse_formula("p and q"), P & Q} == {formula}


# --------------------------------------------------------------------------- evaluate


@pytest.mark.parametrize(
    ("text", "true", "expected"),
    [
        ("p", set(), False),
        ("p", {"p"}, True),
        ("not p", set(), True),
        ("p and q", {"p"}, False),
        ("p and q", {"p", "q"}, True),
        ("p or q", {"q"}, True),
        ("p or q", set(), False),
        ("p or q and r", {"p"}, True),
        ("(p or q) and r", {"p"}, False),
        ("not p and q", {"q"}, True),
        ("not (p and q)", {"p", "q"}, False),
        ("absent(a, e)", set(), True),
        ("absent(a, e)", {"attends(a,e)"}, False),
        ("attends(a, e) and signs(u, d)", {"attends(a,e)", "signs(u,d)"}, True),
    ],
)
def test_evaluate(text: str, true: set[str], expected: bool) -> None:
    formula = parse_formula(text)
    true_atoms = {parse_formula(name) for name in true}
    assert formula.evaluate(true_atoms) is expected
    assert formula.evaluate(frozenset(true_atoms)) is expected
    mapping = {item: item in true_atoms for item in formula.atoms()}
    assert formula.evaluate(mapping) is expected


def test_evaluate_with_a_mapping_counts_missing_atoms_as_false() -> None:
    assert (P | Q).evaluate({P: False}) is False
    assert (~P).evaluate({}) is True
    assert (P & Q).evaluate({P: True, Q: True, R: False}) is True


# --------------------------------------------------------------------------- syntax errors


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("", 0, ["empty"]),
        ("   ", 0, ["empty"]),
        ("\n\t", 0, ["empty"]),
        ("p and", 5, ["end of formula"]),
        ("p or", 4, ["end of formula"]),
        ("p and ", 6, ["end of formula"]),
        ("not", 3, ["end of formula"]),
        ("not not", 7, ["end of formula"]),
        ("and p", 0, ["'and'"]),
        ("or", 0, ["'or'"]),
        ("p or or q", 5, ["'or'"]),
        ("p and and q", 6, ["'and'"]),
        ("p not q", 2, ["'not'"]),
        ("p q", 2, ["'q'"]),
        ("(p", 2, ["')'"]),
        ("((p)", 4, ["')'"]),
        ("(p and q", 8, ["')'"]),
        ("p)", 1, ["')'"]),
        ("p and q)", 7, ["')'"]),
        ("()", 1, ["')'"]),
        ("(", 1, ["end of formula"]),
        ("f(a)(b)", 4, ["'('"]),
        ("p & q", 2, ["'&'"]),
        ("p | q", 2, ["'|'"]),
        ("!p", 0, ["'!'"]),
        ("p && q", 2, ["'&'"]),
        ("p, q", 1, ["','"]),
        ("1p", 0, ["'1'"]),
        ("_p", 0, ["'_'"]),
        ("p-q", 1, ["'-'"]),
        ("p.", 1, ["'.'"]),
        ("p :- q", 2, ["':'"]),
        ('held("x")', 5, ["'\"'"]),
        ("f(1)", 2, ["'1'"]),
        ("f(X-1)", 3, ["'-'"]),
        ("é", 0, ["'é'"]),
        ("attends(putin, stambul)  #", 25, ["'#'"]),
        ("p % comment", 2, ["'%'"]),
        # Reserved words as atoms or arguments.
        ("not and", 4, ["'and'"]),
        ("f(not)", 2, ["'not'"]),
        ("f(a, or)", 5, ["'or'"]),
        ("attends(and, e)", 8, ["'and'"]),
        ("or(a)", 0, ["'or'"]),
        ("and(a, b)", 0, ["'and'"]),
        # Arguments.
        ("f()", 2, ["argument"]),
        ("f(a,)", 4, ["argument"]),
        ("f(,a)", 2, ["argument"]),
        ("f(a,,b)", 4, ["argument"]),
        ("f(a b)", 4, ["','", "')'"]),
        ("f(a", 3, ["end of formula"]),
        ("f(a,", 4, ["end of formula"]),
        ("f(g(a))", 3, ["'('"]),
        ("f((a))", 2, ["'('"]),
        # attends and absent take exactly two arguments.
        ("attends", 0, ["attends", "two"]),
        ("attends(putin)", 0, ["attends", "two", "1"]),
        ("attends(putin, talks, istanbul)", 0, ["attends", "two", "3"]),
        ("absent", 0, ["absent", "two"]),
        ("absent(putin)", 0, ["absent", "two", "1"]),
        ("absent(a, b, c)", 0, ["absent", "two", "3"]),
        ("p and  attends(putin)", 7, ["attends", "two"]),
        ("not absent(a)", 4, ["absent", "two"]),
        ("held or (p and attends(a,b,c))", 15, ["attends", "two"]),
    ],
)
def test_syntax_errors(text: str, offset: int, words: list[str]) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_formula(text)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.offset == offset
    message = str(error)
    assert repr(text) in message, "the message quotes the formula"
    assert f"column {offset + 1}" in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("value", [None, 5, b"p", ["p"], P.__class__])
def test_parse_formula_rejects_non_text(value: object) -> None:
    with pytest.raises(ScenarioError, match="formula text"):
        parse_formula(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (lambda: atom("not"), ["reserved"]),
        (lambda: atom("and", "a"), ["reserved"]),
        (lambda: atom("f", "or"), ["reserved"]),
        (lambda: atom("1f"), ["identifier"]),
        (lambda: atom(""), ["identifier"]),
        (lambda: atom("f", "a b"), ["identifier"]),
        (lambda: atom("f", "x)"), ["identifier"]),
        (lambda: atom("f\n"), ["identifier"]),
        (lambda: atom("f", 1), ["identifier"]),  # type: ignore[arg-type]
        (lambda: atom("attends", "putin"), ["attends", "two"]),
        (lambda: atom("attends", "a", "b", "c"), ["attends", "two"]),
        (lambda: atom("attends"), ["attends", "two"]),
        (lambda: attends("putin", "not"), ["reserved"]),
        (lambda: attends("pu tin", "talks"), ["identifier"]),
        (lambda: absent("putin", "or"), ["reserved"]),
        (lambda: atom("absent", "a", "e"), ["absent"]),
        (lambda: And((P,)), ["two"]),
        (lambda: Or(()), ["two"]),
        (lambda: Not(5), ["formula"]),  # type: ignore[arg-type]
        (lambda: Not("p and"), ["end of formula"]),
    ],
)
def test_invalid_construction_in_python(build, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScenarioError) as caught:
        build()
    for word in words:
        assert word in str(caught.value)


def test_error_type_is_exported_and_is_a_value_error() -> None:
    assert commitlogic.ScenarioError is ScenarioError
    assert issubclass(ScenarioError, ValueError)


# --------------------------------------------------------------------------- properties

IDENTS = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,5}", fullmatch=True).filter(
    lambda word: word not in {"not", "and", "or"}
)
NAMES = IDENTS.filter(lambda word: word not in {"attends", "absent"})
ATOMS = st.one_of(
    st.builds(attends, IDENTS, IDENTS),
    st.builds(lambda name, args: atom(name, *args), NAMES, st.lists(IDENTS, max_size=3)),
)
FORMULAS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.builds(Not, inner),
        st.builds(And, st.lists(inner, min_size=2, max_size=4)),
        st.builds(Or, st.lists(inner, min_size=2, max_size=4)),
        st.builds(lambda a, b: a & b, inner, inner),
        st.builds(lambda a, b: a | b, inner, inner),
    ),
    max_leaves=12,
)


@given(FORMULAS)
def test_round_trip_through_text(formula: Formula) -> None:
    text = str(formula)
    parsed = parse_formula(text)
    assert parsed == formula
    assert str(parsed) == text


@given(FORMULAS)
def test_canonical_atoms_have_no_spaces(formula: Formula) -> None:
    for item in formula.atoms():
        assert " " not in str(item)
        assert parse_formula(str(item)) == item


_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_]*|[(),]")
WHITESPACE = st.text(alphabet=" \t\n\r", max_size=3)


@given(FORMULAS, st.data())
def test_any_whitespace_between_tokens(formula: Formula, data: st.DataObject) -> None:
    tokens = _TOKEN.findall(str(formula))
    pieces = [data.draw(WHITESPACE)]
    for index, token in enumerate(tokens):
        pieces.append(token)
        gap = data.draw(WHITESPACE)
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if _TOKEN.fullmatch(token) and token[0].isalpha() and following[:1].isalpha() and not gap:
            gap = " "  # two words need some whitespace between them
        pieces.append(gap)
    assert parse_formula("".join(pieces)) == formula


# A brute-force oracle for precedence: Python's own ``not``, ``and`` and ``or``
# bind in the same order as SPEC section 2, so text over plain propositions
# means the same to Python's ``eval`` and to commitlogic.
PROPOSITIONS = st.sampled_from(["p", "q", "r", "Putin", "held"])
TEXTS = st.recursive(
    PROPOSITIONS,
    lambda inner: st.one_of(
        st.builds(lambda a: f"not {a}", inner),
        st.builds(lambda a: f"({a})", inner),
        st.builds(lambda a, b: f"{a} and {b}", inner, inner),
        st.builds(lambda a, b: f"{a} or {b}", inner, inner),
    ),
    max_leaves=10,
)


@given(TEXTS, st.sets(st.sampled_from(["p", "q", "r", "Putin", "held"])))
def test_precedence_agrees_with_python(text: str, true: set[str]) -> None:
    names = {"p", "q", "r", "Putin", "held"}
    expected = eval(text, {"__builtins__": {}}, {name: name in true for name in names})
    formula = parse_formula(text)
    assert formula.evaluate({atom(name) for name in true}) is bool(expected)
    assert parse_formula(str(formula)) == formula


@given(FORMULAS, st.sets(st.integers(0, 20)))
def test_evaluate_agrees_with_structure(formula: Formula, seeds: set[int]) -> None:
    universe = sorted(set(formula.atoms()), key=str)
    true = {item for index, item in enumerate(universe) if index in seeds}

    expected = reference.evaluate(formula, true)
    assert formula.evaluate(true) is expected
    assert parse_formula(str(formula)).evaluate(true) is expected
