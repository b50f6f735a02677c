"""Shared test settings: Hypothesis profiles, and a scenario file for the CLI tests.

The default profile is quick, for every run.  Set
``COMMITLOGIC_PROFILE=thorough`` for many more examples.
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from samples import TWO_LEADERS

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("COMMITLOGIC_PROFILE", "default"))


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    """The two-leaders scenario (tests/samples.py) as a file."""
    path = tmp_path / "talks.toml"
    path.write_text(TWO_LEADERS, encoding="utf-8")
    return path
