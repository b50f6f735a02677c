"""Files in and out: loading, saving, safe editing, ASP export and graphs."""

# Registers the .jsonl reader with io.loading.load (loading cannot import jsonlines,
# which imports it).
from commitlogic.io import jsonlines as _jsonlines  # noqa: F401

__all__: list[str] = []
