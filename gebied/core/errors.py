"""Errors that reach the user: one clear bilingual message, never a traceback."""

from __future__ import annotations

from pathlib import Path


class GebiedError(Exception):
    """A problem with the user's input, explained in Dutch and English.

    Parameters
    ----------
    nl, en
        The message in Dutch and in English.
    path
        The file the problem is about, if any; it is named in the message.
    problems
        Further lines (one per problem) listed under the message.
    """

    def __init__(
        self,
        nl: str,
        en: str,
        path: str | Path | None = None,
        problems: list[str] | None = None,
    ) -> None:
        self.nl = nl
        self.en = en
        self.path = Path(path) if path is not None else None
        self.problems = list(problems or [])
        super().__init__(self.message())

    def message(self) -> str:
        """The full message: file, Dutch text, English text and each problem."""
        head = f"{self.path}: " if self.path is not None else ""
        lines = [f"{head}{self.nl}", f"  ({self.en})"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)
