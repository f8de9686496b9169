"""gebied: a gebiedsbiografie and voorzieningen planner for Dutch rural municipalities."""

__version__ = "0.1.0"

__all__ = ["__version__"]
