"""The reasoning layer: the ASP encoding, the live solver and its results."""

__all__: list[str] = []
