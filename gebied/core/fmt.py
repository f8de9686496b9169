"""Dutch number formatting for tables, maps and exports (1.234,5; € 12.345)."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import pandas as pd

#: English separators to Dutch: "," and "." swapped.
_NL = str.maketrans(",.", ".,")


def getal(value: float | int | None, decimals: int = 0) -> str:
    """``1234.5`` -> ``"1.234,5"`` (Dutch separators); missing -> ``"–"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{decimals}f}".translate(_NL)


def euro(value: float | None) -> str:
    """``12345`` -> ``"€ 12.345"``; missing -> ``"–"``."""
    text = getal(value, 0)
    return text if text == "–" else f"€ {text}"


def maat(value: object, decimals: int | None = None) -> str:
    """A figure such as a Gini coefficient or a travel time: text stays as it is, infinity is ``∞``, missing is
    ``–``; ``decimals`` default: 2 below 10, else 1."""
    if isinstance(value, str):
        return value
    f = float(value)  # type: ignore[arg-type]
    if math.isinf(f):
        return "∞"
    return getal(f, decimals if decimals is not None else (2 if abs(f) < 10 else 1))


def procent(value: float | None, decimals: int = 0) -> str:
    """``71.5`` -> ``"71,5%"`` (value already in percent)."""
    text = getal(value, decimals)
    return text if text == "–" else f"{text}%"


def slug(text: str) -> str:
    """A lower-case ASCII identifier for a name (area ids, file names), accents folded, no letter lost.

    ``"Kern Oost"`` -> ``"kern-oost"``; ``"één locatie per kern"`` -> ``"een-locatie-per-kern"``.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def cel(value: object, soort: str = "getal", decimalen: int = 0) -> str:
    """One table cell in Dutch: numbers with Dutch separators, euros, percentages, ja/nee; missing -> ``"–"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if soort == "ja_nee":
        return "ja" if bool(value) else "nee"
    if soort == "tekst" or not isinstance(value, (int, float)):
        return str(value)
    if soort == "euro":
        return euro(float(value))
    if soort == "procent":
        return procent(float(value), decimalen)
    return getal(float(value), decimalen)


def tabel(df: pd.DataFrame, kolommen: dict[str, Any], keep: list[str] | None = None) -> pd.DataFrame:
    """A table to show: every cell as Dutch text (:func:`cel`), headers the Dutch labels of ``kolommen``.

    Parameters
    ----------
    df
        The table with gebied's column ids.
    kolommen
        Column id -> an object with ``label``, ``soort`` and ``decimalen`` (the catalogue's ``kolommen``);
        columns it does not know are shown as they are.
    keep
        The columns to show, in this order (default: all but ``geometry``).
    """
    cols = keep or [c for c in df.columns if c != "geometry"]
    out = {}
    for c in cols:
        k = kolommen.get(c)
        soort, dec = (k.soort, k.decimalen) if k is not None else ("tekst", 0)
        if k is None and pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]):
            soort = "getal"
        out[k.label if k is not None else c] = cellen(df[c].tolist(), soort, dec)
    return pd.DataFrame(out, index=df.index)


def cellen(values: list[Any], soort: str = "getal", decimalen: int = 0) -> list[str]:
    """:func:`cel` of every value of a column, the format chosen once (a province's tables have thousands of
    cells a page run)."""
    if soort == "ja_nee" or soort == "tekst":
        return [cel(v, soort, decimalen) for v in values]
    if soort == "euro":
        spec, voor, na = ",.0f", "€ ", ""
    else:
        spec, voor, na = f",.{decimalen}f", "", "%" if soort == "procent" else ""
    return ["–" if v is None or (isinstance(v, float) and math.isnan(v))
            else f"{voor}{format(float(v), spec).translate(_NL)}{na}" if isinstance(v, (int, float)) else str(v)
            for v in values]


#: Characters that Markdown (links, images, emphasis, code, LaTeX, tables) or HTML would read as markup;
#: :func:`veilig` writes them as character references.
_MARKUP = {c: f"&#{ord(c)};" for c in "\\`*_[]#|~<>&\"'$"}


def veilig(text: object) -> str:
    """Text a user typed, made inert for Streamlit's Markdown and for HTML: every markup character becomes a
    character reference, so ``![x](http://…)`` or ``<img onerror=…>`` is shown as typed and never fetched or run."""
    return "".join(_MARKUP.get(c, c) for c in str(text)).replace("\n", " ")
