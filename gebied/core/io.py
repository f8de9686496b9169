"""Writing tables and layers to files, atomically (temporary file, then rename)."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pandas as pd

from gebied.core.errors import GebiedError


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    On any error the temporary file is removed and ``path`` keeps its old content.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_atomic(path: Path, writer: Callable[[Path], object]) -> None:
    """Call ``writer(tmp)`` and move the result to ``path``; a failure leaves ``path`` intact."""
    try:
        with atomic_path(path) as tmp:
            writer(tmp)
    except OSError as exc:
        raise GebiedError("Kan het bestand niet schrijven.", "Cannot write the file.", path, [str(exc)]) from exc


def write_table(df: pd.DataFrame, path: Path) -> None:
    """Write a table as CSV (``;``-separated, decimal comma for Dutch Excel) or XLSX."""
    path = Path(path)
    frame = pd.DataFrame(df.drop(columns="geometry") if "geometry" in df else df)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_atomic(path, lambda p: frame.to_csv(p, index=False, sep=";", decimal=","))
    elif suffix == ".xlsx":
        write_atomic(path, lambda p: frame.to_excel(p, index=False))
    elif suffix in (".gpkg", ".geojson") and isinstance(df, gpd.GeoDataFrame):
        driver = "GPKG" if suffix == ".gpkg" else "GeoJSON"
        layer = re.sub(r"\W+", "_", path.stem).strip("_") or "laag"
        write_atomic(path, lambda p: df.to_file(p, driver=driver, layer=layer))
    else:
        raise GebiedError("Onbekend uitvoerformaat; kies .csv, .xlsx, .gpkg of .geojson.",
                          "Unknown output format; choose .csv, .xlsx, .gpkg or .geojson.", path)


def write_tables(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """Write several tables: one sheet each in an XLSX, or ``<stem>_<name>.csv`` files for CSV."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        def writer(p: Path) -> None:
            with pd.ExcelWriter(p, engine="openpyxl") as xl:
                for name, df in tables.items():
                    frame = pd.DataFrame(df.drop(columns="geometry") if "geometry" in df else df)
                    frame.to_excel(xl, sheet_name=name[:31], index=False)

        write_atomic(path, writer)
    elif path.suffix.lower() == ".csv":
        for name, df in tables.items():
            write_table(df, path.with_name(f"{path.stem}_{name}.csv"))
    else:
        raise GebiedError(
            "Onbekend uitvoerformaat; kies .csv of .xlsx.", "Unknown output format; choose .csv or .xlsx.", path
        )
