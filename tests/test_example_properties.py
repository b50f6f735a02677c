"""The user's example test file, examples/test_istanbul_properties.py, runs in the default suite.

pytest only collects tests/ (``testpaths``), so each test function of the
example is imported and called here, under the suite's Hypothesis profile.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "test_istanbul_properties.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("istanbul_properties_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MODULE = _load()
TESTS = {name: test for name, test in vars(MODULE).items() if name.startswith("test_")}


def test_the_example_has_passing_and_failing_properties() -> None:
    assert len(TESTS) >= 4
    assert "test_some_news_contradicts_the_picture_of_12_may" in TESTS


@pytest.mark.parametrize("name", sorted(TESTS))
def test_example_property(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    test: Callable[[], None] = TESTS[name]
    test()
    if name == "test_some_news_contradicts_the_picture_of_12_may":
        printed = capsys.readouterr().out
        assert printed.startswith("'Istanbul talks, May 2025', at 2025-05-12 has no outcome,")
        assert "[[statements]]" in printed
