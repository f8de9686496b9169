"""Reading a planner's table file (CSV in UTF-8 or Windows encoding, XLSX, GeoPackage, GeoJSON) as text, with a
clear message for every way it can be wrong; the overrides and the prognoses read through it."""

from __future__ import annotations

import io
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from gebied.core.crs import WGS84
from gebied.core.errors import GebiedError


def read_raw_table(path: Path, wat: str = "bestand", what: str = "file") -> pd.DataFrame:
    """A table file (CSV in UTF-8 or Windows encoding, XLSX, GeoPackage, GeoJSON) read as text.

    Raises a :class:`GebiedError` naming ``wat`` (Dutch) / ``what`` (English) for a missing, empty,
    binary or unreadable file.
    """
    if not path.exists():
        raise GebiedError(f"{wat.capitalize()} niet gevonden.", f"{what.capitalize()} not found.", path)
    suffix = path.suffix.lower()
    _check_content(path, suffix)
    try:
        return _read(path, suffix)
    except GebiedError:
        raise
    except Exception as exc:  # any reader failure means a bad file
        raise GebiedError(f"Kan het {wat} niet lezen (beschadigd of een ander soort bestand?).",
                          f"Cannot read the {what} (corrupt, or another kind of file?).", path, [str(exc)]) from exc


def _check_content(path: Path, suffix: str) -> None:
    """A clear message for an empty file, or for a binary file posing as CSV (an image renamed, say)."""
    head = path.read_bytes()[:4096]
    if not head.strip():
        raise GebiedError("Het bestand is leeg.", "The file is empty.", path)
    if suffix == ".csv":
        binary = b"\x00" in head or head.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8"))
        if binary:
            raise GebiedError("Dit is geen CSV-tekstbestand (het lijkt een afbeelding, PDF of Excel-bestand); "
                              "sla de tabel op als CSV of XLSX.",
                              "This is not a CSV text file (it looks like an image, PDF or Excel file); "
                              "save the table as CSV or XLSX.", path)
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise GebiedError("Het CSV-bestand is geen leesbare tekst (codering onbekend); sla het op als UTF-8.",
                                  "The CSV file is not readable text (unknown encoding); save it as UTF-8.",
                                  path) from exc


def _read(path: Path, suffix: str) -> pd.DataFrame:
    """The raw table (all text) of a CSV, XLSX, GeoPackage or GeoJSON overrides file."""
    if suffix == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")  # Excel on Windows saves CSV this way
        head = text.splitlines()[:1] or [""]
        sep = ";" if ";" in head[0] else "\t" if "\t" in head[0] else ","
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=sep)
    if suffix in (".xlsx", ".xlsm"):
        return pd.read_excel(path, dtype=str).fillna("")
    if suffix in (".gpkg", ".geojson", ".json"):
        gdf = gpd.read_file(path)
        if gdf.crs is None:
            raise GebiedError("Het bestand heeft geen coördinatenstelsel (CRS).",
                              "The file has no coordinate reference system (CRS).", path)
        gdf = gdf.to_crs(WGS84)
        df = pd.DataFrame(gdf.drop(columns="geometry")).astype(str).replace({"nan": "", "None": ""})
        pts = gdf.geometry.representative_point()
        df["lon"] = np.where(gdf.geometry.notna(), pts.x, np.nan).astype(str)
        df["lat"] = np.where(gdf.geometry.notna(), pts.y, np.nan).astype(str)
        return df.replace({"nan": ""})
    raise GebiedError("Onbekend bestandstype; verwacht .csv, .xlsx, .gpkg of .geojson.",
                      "Unknown file type; expected .csv, .xlsx, .gpkg or .geojson.", path)
