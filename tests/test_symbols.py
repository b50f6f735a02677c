"""The fast symbol and fact makers (reasoning/_symbols.py) agree with clingo's public API."""

from __future__ import annotations

from pathlib import Path

import pytest
from clingo import Function, Number, String

import commitlogic
from commitlogic.reasoning import _symbols

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "istanbul_2025.toml"


def test_the_fast_path_is_in_use_with_this_clingo() -> None:
    assert _symbols._FAST  # else the public API is used: correct, but slow at scale


@pytest.mark.parametrize(
    "arguments",
    [(), (Number(0),), (String("attends(putin,talks)"), Number(-7)), (Function("Putin"),)],
)
def test_a_made_function_equals_the_public_one(arguments: tuple[object, ...]) -> None:
    make = _symbols.function_maker("lit", len(arguments))
    assert make(*arguments) == Function("lit", list(arguments))


def test_the_public_fallback_gives_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = commitlogic.load(EXAMPLE)
    fast = commitlogic.Reasoner(scenario)
    monkeypatch.setattr(_symbols, "_FAST", False)
    public = commitlogic.Reasoner(scenario)
    for assume in ([], ["absent(putin, istanbul_talks)"], ["attends(zelensky, istanbul_talks)"]):
        assert fast.status(assume=assume) == public.status(assume=assume)
        assert fast.conflict(assume=assume) == public.conflict(assume=assume)
