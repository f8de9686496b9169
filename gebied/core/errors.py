"""Errors that reach the user: one clear bilingual message, never a traceback."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import ValidationError


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

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by the constructor's arguments (the error crosses from a worker process to the app)."""
        return type(self), (self.nl, self.en, self.path, self.problems)

    def message(self) -> str:
        """The full message: file, Dutch text, English text and each problem."""
        head = f"{self.path}: " if self.path is not None else ""
        lines = [f"{head}{self.nl}", f"  ({self.en})"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


_MESSAGES = {
    "extra_forbidden": "onbekende sleutel / unknown key",
    "missing": "ontbreekt / is missing",
    "string_type": "moet tekst zijn / must be text",
    "int_parsing": "moet een geheel getal zijn / must be a whole number",
    "int_type": "moet een geheel getal zijn / must be a whole number",
    "float_parsing": "moet een getal zijn / must be a number",
    "float_type": "moet een getal zijn / must be a number",
    "bool_parsing": "moet ja of nee zijn / must be true or false",
    "list_type": "moet een lijst zijn / must be a list",
    "dict_type": "moet een mapping zijn / must be a mapping",
    "literal_error": "heeft een onbekende waarde / has an unknown value",
    "greater_than_equal": "is te klein / is too small",
    "less_than_equal": "is te groot / is too large",
    "too_short": "is te kort of leeg / is too short or empty",
}


def validation_problems(exc: ValidationError, known: dict[tuple[str | int, ...], list[str]] | None = None) -> list[str]:
    """One Dutch/English line per pydantic error: ``where: what`` (with the closest known key for a misspelt one).

    Parameters
    ----------
    exc
        The validation error.
    known
        Known keys per location (``()`` for the top level), to suggest a spelling for an unknown key.
    """
    lines = []
    for e in exc.errors():
        loc = tuple(e["loc"])
        where = ".".join(map(str, loc)) or "bestand"
        what = _MESSAGES.get(e["type"], e["msg"])
        if e["type"] == "extra_forbidden" and known is not None:
            close = difflib.get_close_matches(str(loc[-1]), known.get(loc[:-1], []), n=1)
            if close:
                what += f" — bedoelt u '{close[0]}'? / did you mean '{close[0]}'?"
        elif e["type"] == "literal_error" and e.get("ctx", {}).get("expected"):
            what += f" (kies uit / choose from {e['ctx']['expected']})"
        lines.append(f"{where}: {what}")
    return lines
