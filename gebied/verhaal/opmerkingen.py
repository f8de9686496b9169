"""Workshop notes: remarks pinned on the map (point + text + theme), exported as GeoJSON or CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from gebied.core.crs import WGS84
from gebied.core.errors import GebiedError
from gebied.core.io import csv_safe, write_atomic

THEMAS = ("algemeen", "voorzieningen", "bereikbaarheid", "landschap", "geschiedenis", "wonen", "zorg", "jeugd")
COLUMNS = ["nummer", "tekst", "thema", "auteur", "tijd", "lon", "lat"]


def empty_opmerkingen() -> pd.DataFrame:
    """An empty notes table."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})


def add_opmerking(notes: pd.DataFrame, lon: float, lat: float, tekst: str, thema: str = "algemeen", auteur: str = "",
             tijd: dt.datetime | None = None) -> pd.DataFrame:
    """A new table with one more note (the input is not changed)."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise GebiedError("Een opmerking heeft tekst nodig.", "A note needs text.")
    if thema not in THEMAS:
        raise GebiedError(f"Onbekend thema '{thema}'; kies uit {', '.join(THEMAS)}.", f"Unknown theme '{thema}'.")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GebiedError("De plek ligt niet op aarde (lon/lat).", "The location is not a lon/lat position.")
    row = {"nummer": len(notes) + 1, "tekst": tekst, "thema": thema, "auteur": auteur,
           "tijd": (tijd or dt.datetime.now()).strftime("%Y-%m-%d %H:%M"), "lon": float(lon), "lat": float(lat)}
    return pd.concat([notes, pd.DataFrame([row])], ignore_index=True)


def opmerkingen_frame(notes: pd.DataFrame) -> gpd.GeoDataFrame:
    """Notes as points (EPSG:4326)."""
    geom = [shapely.Point(x, y) for x, y in zip(notes["lon"], notes["lat"])]
    return gpd.GeoDataFrame(notes.drop(columns=["lon", "lat"]), geometry=geom, crs=WGS84)


def export_opmerkingen(notes: pd.DataFrame, path: Path) -> Path:
    """Write the notes as GeoJSON (points) or CSV (with lon/lat), atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        gdf = opmerkingen_frame(notes)
        write_atomic(path, lambda p: gdf.to_file(p, driver="GeoJSON"))
    elif suffix == ".csv":
        write_atomic(path, lambda p: csv_safe(notes).to_csv(p, index=False, sep=";"))
    else:
        raise GebiedError("Kies .geojson of .csv.", "Choose .geojson or .csv.", path)
    return path


def read_opmerkingen(path: Path) -> pd.DataFrame:
    """Read notes written by :func:`export_notes`."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return pd.read_csv(path, sep=";")
    gdf = gpd.read_file(path)
    out = pd.DataFrame(gdf.drop(columns="geometry"))
    out["lon"], out["lat"] = gdf.geometry.x, gdf.geometry.y
    return out[COLUMNS]
