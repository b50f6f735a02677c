"""Shared test settings: Hypothesis profiles.

The default profile is quick, for every run.  Set
``COMMITLOGIC_PROFILE=thorough`` for many more examples.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("COMMITLOGIC_PROFILE", "default"))
