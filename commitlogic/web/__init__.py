"""Pages to read and share: a self-contained HTML report, and a local what-if page.

- :mod:`commitlogic.web.view`: what a page shows, from one live reasoner
  (the only module that asks it anything).
- :mod:`commitlogic.web.chart` and :mod:`commitlogic.web.diagram`: the
  timeline chart and the dependency graph, as inline SVG.
- :mod:`commitlogic.web.pages`: the Jinja2 templates (autoescape on).
- :mod:`commitlogic.web.report`: ``commitlogic report``'s page.
- :mod:`commitlogic.web.server`: ``commitlogic serve``'s ASGI application.

Jinja2 (the report), Starlette and uvicorn (the server) are the ``web``
extra: ``pip install 'commitlogic[web]'``.
"""

__all__: list[str] = []
