"""Dutch number formatting for tables, maps and exports (1.234,5; € 12.345)."""

from __future__ import annotations

import math
import re
import unicodedata


def getal(value: float | int | None, decimals: int = 0) -> str:
    """``1234.5`` -> ``"1.234,5"`` (Dutch separators); missing -> ``"–"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    s = f"{value:,.{decimals}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def euro(value: float | None) -> str:
    """``12345`` -> ``"€ 12.345"``; missing -> ``"–"``."""
    text = getal(value, 0)
    return text if text == "–" else f"€ {text}"


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
