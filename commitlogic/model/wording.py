"""A statement in words: the rule it states, over its formulas as written (SPEC section 3)."""

from __future__ import annotations

from commitlogic.model.scenario import Scenario, Statement

__all__ = ["meaning"]


def meaning(statement: Statement, scenario: Scenario) -> str:
    """The statement as a rule over formulas (as written), in the words of SPEC section 3."""
    subject = scenario.written(statement, "subject")
    condition = None if statement.condition is None else scenario.written(statement, "condition")
    match statement.kind.value:
        case "refuses":
            return f"not {subject}"
        case "if":
            return f"if {condition} then {subject}"
        case "only_if":
            return f"{subject} only if {condition}"
        case "might" if condition is not None:
            return f"might: {subject}, if {condition}"
        case "might":
            return f"might: {subject}"
        case _:
            return str(subject)
