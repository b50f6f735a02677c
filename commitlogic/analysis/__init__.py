"""Analyses built on the reasoner: timelines, what-ifs, sweeps and plots."""

from commitlogic.analysis.timelines import (
    Change,
    Timeline,
    WhatIf,
    absence_candidates,
    timeline,
    what_if,
)

__all__ = ["Change", "Timeline", "WhatIf", "absence_candidates", "timeline", "what_if"]
