"""Files in and out: loading, saving, safe editing, ASP export and graphs."""

__all__: list[str] = []
