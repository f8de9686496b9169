"""CBS *Kerncijfers wijken en buurten 2022*: provinces, gemeenten and wijken with their figures and boundaries.

The files (CSV tables and GeoJSON boundaries in EPSG:28992, RD New) are read from a folder outside the
repository — ``GEBIED_CBS``, else ``../shared/data/cbs`` next to the repository — and never copied.
Licence: CC BY 4.0; every figure or boundary shown or exported credits :data:`CBS_ATTRIBUTION`.

Names are matched case- and accent-insensitively ("noardeast-fryslan" finds "Noardeast-Fryslân");
an unknown name is answered with the closest known names.
"""

from __future__ import annotations

import difflib
import functools
import os
import unicodedata
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd

from gebied.core.config import REPO_DIR
from gebied.core.crs import RD_NEW
from gebied.core.errors import GebiedError

CBS_ATTRIBUTION = "CBS, Kerncijfers wijken en buurten 2022 (CC BY 4.0)"
CBS_JAAR = 2022
#: CBS age-share columns (whole %), youngest first.
LEEFTIJD_KOLOMMEN = ("pop_0_14", "pop_15_24", "pop_25_44", "pop_45_64", "pop_65plus")
#: The columns gebied needs from the gemeente and wijk tables.
REQUIRED = ("code", "name", "province", "population", *LEEFTIJD_KOLOMMEN, "dwelling_total")
Niveau = Literal["prov", "muni", "dist"]
_FILES = {"prov": "NLD_prov_2022", "muni": "NLD_muni_2022", "dist": "NLD_dist_2022"}


def cbs_dir() -> Path:
    """The folder with the CBS files: ``GEBIED_CBS`` or ``<repo>/../shared/data/cbs``."""
    return Path(os.environ.get("GEBIED_CBS") or REPO_DIR.parent / "shared" / "data" / "cbs")


def _check_columns(df: pd.DataFrame, needed: tuple[str, ...], path: Path) -> None:
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise GebiedError(
            f"Het CBS-bestand mist de kolom(men) {', '.join(missing)}.",
            f"The CBS file lacks the column(s) {', '.join(missing)}.", path,
            [f"verwacht / expected: {', '.join(needed)}", f"gevonden / found: {', '.join(map(str, df.columns))}"])


@functools.cache
def _read_table(niveau: Niveau, folder: Path) -> pd.DataFrame:
    path = folder / f"{_FILES[niveau]}.csv"
    if not path.exists():
        raise GebiedError("CBS-bestand niet gevonden (zet GEBIED_CBS op de map met de CBS-bestanden).",
                          "CBS file not found (set GEBIED_CBS to the folder with the CBS files).", path)
    try:
        df = pd.read_csv(path, dtype={"code": str})
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise GebiedError("Kan het CBS-bestand niet lezen.", "Cannot read the CBS file.", path, [str(exc)]) from exc
    _check_columns(df, ("code", "name") if niveau == "prov" else REQUIRED, path)
    return df


def read_table(niveau: Niveau, folder: Path | None = None) -> pd.DataFrame:
    """The CBS table of provinces (``prov``), gemeenten (``muni``) or wijken (``dist``), validated.

    Raises
    ------
    GebiedError
        A missing or unreadable file, or a file without a column gebied needs (named in the message).
    """
    return _read_table(niveau, Path(folder or cbs_dir()).resolve()).copy()


def read_boundaries(niveau: Niveau, codes: list[str] | None = None, folder: Path | None = None) -> gpd.GeoDataFrame:
    """CBS boundaries (EPSG:28992) with the table's figures, optionally only ``codes`` (GM… or WK…)."""
    folder = Path(folder or cbs_dir()).resolve()
    path = folder / f"{_FILES[niveau]}_epsg28992.geojson"
    if not path.exists():
        raise GebiedError("CBS-grenzenbestand niet gevonden.", "CBS boundary file not found.", path)
    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # any reader failure means a bad file
        raise GebiedError("Kan het CBS-grenzenbestand niet lezen.", "Cannot read the CBS boundary file.", path,
                          [str(exc)]) from exc
    _check_columns(gdf, ("code", "name"), path)
    gdf = gdf.set_crs(RD_NEW, allow_override=gdf.crs is None)
    if codes is not None:
        gdf = gdf[gdf["code"].isin(codes)]
    table = read_table(niveau, folder)
    cols = [c for c in table.columns if c not in ("name",)]
    return gdf[["code", "name", "geometry"]].merge(table[cols], on="code", how="left").reset_index(drop=True)


def normalise(name: str) -> str:
    """A name for matching: lower case, accents and punctuation folded ("Súdwest-Fryslân" -> "sudwest fryslan")."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _lookup(query: str, table: pd.DataFrame, soort: str) -> str:
    q = query.strip()
    if q.upper() in set(table["code"]):
        return q.upper()
    by_name = {normalise(n): c for n, c in zip(table["name"], table["code"])}
    if normalise(q) in by_name:
        return by_name[normalise(q)]
    close = difflib.get_close_matches(normalise(q), list(by_name), n=5, cutoff=0.5)
    names = dict(zip(table["code"], table["name"]))
    suggest = ", ".join(names[by_name[c]] for c in close) or "geen / none"
    raise GebiedError(f"Onbekende {soort} '{query}'. Bedoelt u: {suggest}?",
                      f"Unknown {soort} '{query}'. Did you mean: {suggest}?")


def find_gemeenten(queries: list[str], folder: Path | None = None) -> list[str]:
    """CBS codes (GM….) for gemeente names or codes, in the given order, without duplicates.

    Raises
    ------
    GebiedError
        For a name that matches no gemeente, with the closest names.
    """
    table = read_table("muni", folder)
    return list(dict.fromkeys(_lookup(q, table, "gemeente") for q in queries))


def find_provincie(query: str, folder: Path | None = None) -> tuple[str, str, list[str]]:
    """A province by name or code: (code, name, codes of its gemeenten)."""
    prov = read_table("prov", folder)
    code = _lookup(query, prov, "provincie")
    naam = str(prov.set_index("code").at[code, "name"])
    muni = read_table("muni", folder)
    gemeenten = muni.loc[muni["province"].map(normalise) == normalise(naam), "code"].tolist()
    return code, naam, gemeenten


def gemeente_of(wijk_code: str) -> str:
    """The gemeente code of a wijk code: WK017101 -> GM0171."""
    return "GM" + wijk_code[2:6]


def wijken(gemeente_codes: list[str], folder: Path | None = None) -> gpd.GeoDataFrame:
    """The wijken of the given gemeenten with their boundaries and figures (``gemeente_code`` added)."""
    dist = read_boundaries("dist", folder=folder)
    dist["gemeente_code"] = dist["code"].map(gemeente_of)
    return dist[dist["gemeente_code"].isin(gemeente_codes)].reset_index(drop=True)
