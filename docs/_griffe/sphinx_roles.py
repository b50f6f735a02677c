"""A griffe extension for the docs site: Sphinx roles in docstrings become links.

The docstrings use numpydoc with Sphinx roles (``:class:`~commitlogic.Scenario```),
which mkdocstrings would show as written.  This turns each role into a link
to the object's entry in the API reference (``[`Scenario`][commitlogic.model.Scenario]``)
when the object is part of commitlogic, and into plain code otherwise.
Names are resolved as Python would: relative to the docstring's module, then
from the ``commitlogic`` package.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc|obj):`(~?)([\w.]+)`")


def _canonical(path: str, module: str) -> str | None:
    """Return the documented path of ``path`` (as written in ``module``), if it is ours."""
    for candidate in (f"{module}.{path}", f"commitlogic.{path}", path):
        parts = candidate.split(".")
        for split in range(len(parts), 0, -1):
            try:
                found: Any = importlib.import_module(".".join(parts[:split]))
            except ImportError:
                continue
            try:
                for name in parts[split:]:
                    found = getattr(found, name)
            except AttributeError:
                break
            if isinstance(found, type(importlib)):
                name = found.__name__
            else:
                owner = getattr(found, "__module__", None)
                qualname = getattr(found, "__qualname__", None)
                if owner is None or qualname is None:
                    break
                name = f"{owner}.{qualname}"
            return name if name.startswith("commitlogic") else None
    return None


class SphinxRoles(griffe.Extension):
    """Rewrite Sphinx roles in every docstring as mkdocstrings cross-references."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is None:
            return
        module = obj.module.path

        def replace(match: re.Match[str]) -> str:
            short, path = match.groups()
            label = path.rsplit(".", 1)[-1] if short else path
            target = _canonical(path, module)
            return f"[`{label}`][{target}]" if target else f"`{label}`"

        obj.docstring.value = _ROLE.sub(replace, obj.docstring.value)
