"""The hand-checked future of Oosterdorp: a prognose table for every kern and the buitengebied."""

from __future__ import annotations

import copy
from pathlib import Path

from gebied.area.model import Area
from gebied.core.config import Toekomst

#: inhabitants per age group 0-14, 15-24, 25-44, 45-64, 65+ by kern and year (2030 is left to interpolation)
TABEL = {
    ("Oosterdorp", 2025): (150, 100, 200, 200, 150),
    ("Oosterdorp", 2035): (90, 100, 200, 200, 240),
    ("Westerdorp", 2025): (20, 10, 20, 20, 11),
    ("Westerdorp", 2035): (20, 10, 20, 20, 11),
    ("buitengebied", 2025): (0, 0, 5, 5, 1),
    ("buitengebied", 2035): (0, 0, 5, 5, 1),
}
GROEPEN = ("0-14", "15-24", "25-44", "45-64", "65+")


def write_tabel(path: Path, rows: dict = TABEL) -> Path:
    lines = ["kern;jaar;leeftijd;inwoners"]
    for (kern, jaar), values in rows.items():
        lines += [f"{kern};{jaar};{g};{v}" for g, v in zip(GROEPEN, values)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def future_area(area: Area, **toekomst) -> Area:
    """A copy of ``area`` with other future assumptions (base year 2025, a stable projection by default)."""
    out = copy.copy(area)
    settings = {"basisjaar": 2025, "projectie": "stabiel", **toekomst}
    out.config = area.config.model_copy(update={"toekomst": Toekomst(**settings)})
    return out
