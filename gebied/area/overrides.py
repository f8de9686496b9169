"""Planner overrides: per-accommodatie facts the OSM data does not hold.

A CSV, XLSX or GeoPackage with one row per accommodatie (by ``accommodatie_id``):
floor area, yearly running cost, occupancy, owner, build year, condition and extra
voorzieningen. Rows with an unknown id are reported, or added as new
accommodaties when they carry a location (GeoPackage geometry or ``lon``/``lat``)
and a ``categorie``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from gebied.core.catalogue import Catalogue
from gebied.core.crs import WGS84
from gebied.core.errors import GebiedError
from gebied.core.fmt import getal
from gebied.core.tabel import read_raw_table

if TYPE_CHECKING:
    from gebied.area.model import Area

#: column -> (kind, Dutch description with unit)
COLUMNS: dict[str, tuple[str, str]] = {
    "accommodatie_id": ("text", "id van de accommodatie (bijv. w123456 uit OSM)"),
    "naam": ("text", "naam"),
    "categorie": ("text", "categorie uit de lagencatalogus"),
    "m2": ("number", "bruto vloeroppervlak (m²)"),
    "exploitatielasten": ("number", "jaarlijkse exploitatielasten (€)"),
    "bezettingsgraad": ("number", "bezettingsgraad (%)"),
    "eigenaar": ("text", "eigenaar"),
    "bouwjaar": ("number", "bouwjaar"),
    "staat": ("text", "bouwkundige staat (goed, redelijk, matig, slecht)"),
    "extra_voorzieningen": ("text", "extra voorzieningen, gescheiden door ;"),
    "bron": ("text", "bron van de cijfers"),
    "lon": ("number", "lengtegraad (nieuwe accommodatie)"),
    "lat": ("number", "breedtegraad (nieuwe accommodatie)"),
    "opmerking": ("text", "opmerking"),
}
STATEN = ("goed", "redelijk", "matig", "slecht")


@dataclass
class OverrideResult:
    """Merged layers and what the merge noticed."""

    accommodaties: gpd.GeoDataFrame
    voorzieningen: pd.DataFrame
    onbekende_ids: list[str] = field(default_factory=list)
    toegevoegd: list[str] = field(default_factory=list)
    bijgewerkt: int = 0


def read_overrides(path: Path, catalogue: Catalogue) -> pd.DataFrame:
    """Read and validate an overrides file; every problem is listed in one error.

    Raises
    ------
    GebiedError
        Missing file, unreadable file, unknown columns, no ``accommodatie_id``,
        non-numeric numbers, out-of-range occupancy, unknown categories or voorzieningen.
    """
    df = read_raw_table(Path(path), "overrides-bestand", "overrides file")
    df.columns = [str(c).strip().lower() for c in df.columns]
    problems = validate_overrides(df, catalogue)
    if problems:
        raise GebiedError("Het overrides-bestand bevat fouten; er is niets gewijzigd.",
                          "The overrides file has errors; nothing was changed.", path, problems)
    return _typed(df)


def validate_overrides(df: pd.DataFrame, catalogue: Catalogue) -> list[str]:
    """Every problem in an overrides table, as ``regel N, kolom: ...`` lines."""
    problems: list[str] = []
    unknown = [c for c in df.columns if c not in COLUMNS and c != "fid"]
    if unknown:
        problems.append(f"onbekende kolommen / unknown columns: {', '.join(unknown)} "
                        f"(toegestaan / allowed: {', '.join(COLUMNS)})")
    if "accommodatie_id" not in df.columns:
        problems.append("kolom 'accommodatie_id' ontbreekt / column 'accommodatie_id' is missing")
        return problems
    if df.empty:
        problems.append("het bestand heeft geen rijen / the file has no rows")
    ids = df["accommodatie_id"].str.strip()
    for row in np.flatnonzero(ids == ""):
        problems.append(f"regel {row + 2}: accommodatie_id is leeg / is empty")
    for dup in sorted(set(ids[ids.duplicated() & (ids != "")])):
        problems.append(f"accommodatie_id '{dup}' komt meer dan eens voor / occurs more than once")
    for col, (kind, _) in COLUMNS.items():
        if kind != "number" or col not in df:
            continue
        for i, val in enumerate(df[col]):
            if str(val).strip() == "":
                continue
            num = _number(val)
            if num is None:
                problems.append(f"regel {i + 2}, {col}: '{val}' is geen getal / is not a number")
            elif col == "bezettingsgraad" and not 0 <= num <= 100:
                problems.append(f"regel {i + 2}, bezettingsgraad: {getal(num, 1)} % ligt niet tussen 0 en 100 % "
                                "(het deel van de beschikbare uren dat de ruimte in gebruik is) / "
                                "not between 0 and 100 %")
            elif col in ("m2", "exploitatielasten") and num < 0:
                problems.append(f"regel {i + 2}, {col}: {num} is negatief / is negative")
    cats = {c.id for c in catalogue.categorieen}
    if "categorie" in df:
        for i, val in enumerate(df["categorie"]):
            if val.strip() and val.strip() not in cats:
                problems.append(f"regel {i + 2}, categorie: '{val}' onbekend (bekend: {', '.join(sorted(cats))})")
    soorten = set(catalogue.voorziening_ids())
    if "extra_voorzieningen" in df:
        for i, val in enumerate(df["extra_voorzieningen"]):
            for v in _split_list(val):
                if v not in soorten:
                    problems.append(f"regel {i + 2}, extra_voorzieningen: '{v}' onbekend "
                                    f"(bekend: {', '.join(sorted(soorten))})")
    if "staat" in df:
        for i, val in enumerate(df["staat"]):
            if val.strip() and val.strip().lower() not in STATEN:
                problems.append(f"regel {i + 2}, staat: '{val}' (kies uit {', '.join(STATEN)})")
    return problems


def _number(val: object) -> float | None:
    s = str(val).strip().replace("€", "").replace("%", "").replace(" ", "")
    if "," in s or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s):  # Dutch notation 1.234,5 / 98.000
        s = s.replace(".", "").replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _split_list(val: object) -> list[str]:
    if not isinstance(val, str):
        return []
    return [v.strip() for v in str(val).replace(",", ";").split(";") if v.strip()]


def _text(val: object) -> str | None:
    return val.strip() or None if isinstance(val, str) else None


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["accommodatie_id"] = out["accommodatie_id"].str.strip()
    for col, (kind, _) in COLUMNS.items():
        if col in out and kind == "number":
            out[col] = [(_number(v) if str(v).strip() else np.nan) for v in out[col]]
        elif col in out:
            out[col] = out[col].map(lambda v: str(v).strip() or None)
    return out


def apply_overrides(
    accommodaties: gpd.GeoDataFrame,
    voorzieningen: pd.DataFrame,
    overrides: pd.DataFrame,
    catalogue: Catalogue,
) -> OverrideResult:
    """Merge validated overrides into the layers (pure: inputs are not changed).

    Values present in the overrides replace the OSM-derived ones (``m2_bron``
    becomes ``overrides``); ``extra_voorzieningen`` add rows to voorzieningen.
    Unknown ids with a location and a category become new accommodaties
    (``kern_id`` is left for the caller to assign); other unknown ids are listed.
    """
    acc = accommodaties.copy()
    for col in ("m2", "exploitatielasten", "bezettingsgraad", "bouwjaar"):
        acc[col] = acc[col].astype(float)
    for col in ("naam", "categorie", "eigenaar", "staat", "bron", "m2_bron"):
        acc[col] = acc[col].astype(object)
    res = OverrideResult(acc, voorzieningen.copy())
    present = overrides["accommodatie_id"].isin(set(acc["accommodatie_id"]))
    new = ~present & _locatable(overrides)
    res.toegevoegd = overrides.loc[new, "accommodatie_id"].tolist()
    res.onbekende_ids = overrides.loc[~present & ~new, "accommodatie_id"].tolist()
    res.bijgewerkt = int(present.sum())
    known = overrides[present].groupby("accommodatie_id").last()  # per id its last given value of each column
    for col in ("naam", "categorie", "m2", "exploitatielasten", "bezettingsgraad", "eigenaar", "bouwjaar", "staat"):
        if col in known:
            value = acc["accommodatie_id"].map(known[col])
            given = value.notna()
            acc.loc[given, col] = value[given]
            if col == "m2":
                acc.loc[given, "m2_bron"] = "overrides"
    if "bron" in known:
        bron = acc["accommodatie_id"].map(known["bron"].map(_text))
        given = bron.notna()
        acc.loc[given, "bron"] = "osm + " + bron[given]
    vz = res.voorzieningen
    if new.any():
        acc, vz = _add_new(acc, vz, overrides[new], catalogue)
    if "extra_voorzieningen" in overrides:
        vz = _add_extra(vz, overrides[~overrides["accommodatie_id"].isin(res.onbekende_ids)])
    res.accommodaties = gpd.GeoDataFrame(acc, geometry="geometry", crs=accommodaties.crs)
    res.voorzieningen = vz.reset_index(drop=True)
    return res


def _locatable(overrides: pd.DataFrame) -> pd.Series:
    """Per row whether it can become a new accommodatie: a location (``lon``, ``lat``) and a category."""
    def column(name: str) -> pd.Series:
        return overrides[name] if name in overrides else pd.Series(np.nan, index=overrides.index)

    return column("lon").notna() & column("lat").notna() & column("categorie").map(_text).notna()


def _add_new(acc: gpd.GeoDataFrame, vz: pd.DataFrame, nr: pd.DataFrame,
             catalogue: Catalogue) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """``acc`` with the new accommodaties of ``nr`` (each with a location and a category) appended, and ``vz`` with
    their default voorzieningen."""
    pts = gpd.GeoSeries(gpd.points_from_xy(nr["lon"], nr["lat"]), crs=WGS84).to_crs(acc.crs)
    add = gpd.GeoDataFrame({c: nr[c].values if c in nr else None for c in acc.columns if c != "geometry"},
                           geometry=pts.values, crs=acc.crs)
    add["m2_bron"] = np.where(add["m2"].notna(), "overrides", "onbekend")
    add["bron"] = nr["bron"].fillna("overrides").values if "bron" in nr else "overrides"
    rows = [(aid, v, "overrides") for aid, categorie, naam in
            zip(nr["accommodatie_id"], nr["categorie"], nr["naam"] if "naam" in nr else [None] * len(nr))
            for v in catalogue.voorzieningen_for(categorie, naam)]
    return pd.concat([acc, add], ignore_index=True), _appended(vz, rows)


def _add_extra(vz: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """``vz`` with each row's ``extra_voorzieningen`` added, once per accommodatie and kind."""
    have = set(zip(vz["accommodatie_id"], vz["voorziening"]))
    extra = []
    for aid, listed in zip(rows["accommodatie_id"], rows["extra_voorzieningen"]):
        for v in _split_list(listed):
            if (aid, v) not in have:
                have.add((aid, v))
                extra.append((aid, v, "overrides"))
    return _appended(vz, extra)


def _appended(vz: pd.DataFrame, rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """``vz`` with ``rows`` (accommodatie_id, voorziening, bron) after its own."""
    if not rows:
        return vz
    return pd.concat([vz, pd.DataFrame(rows, columns=vz.columns, index=range(len(vz), len(vz) + len(rows)))])


def write_template(path: Path, area: Area | None = None) -> Path:
    """An overrides spreadsheet to fill in (XLSX): a sheet ``overrides`` with every column, one row per
    accommodatie of ``area`` (id, name and category filled in, the figures empty), and a sheet ``uitleg`` saying
    what each column means."""
    from gebied.core.io import write_tables

    cols = list(COLUMNS)
    rows = pd.DataFrame(columns=cols)
    if area is not None:
        acc = area.accommodaties
        rows = pd.DataFrame({"accommodatie_id": acc["accommodatie_id"], "naam": acc["naam"],
                             "categorie": acc["categorie"]}).reindex(columns=cols).astype(object).fillna("")
    uitleg = pd.DataFrame([{"kolom": c, "soort": "getal" if t == "number" else "tekst", "betekenis": d}
                           for c, (t, d) in COLUMNS.items()])
    write_tables({"overrides": rows, "uitleg": uitleg}, Path(path))
    return Path(path)
