"""Writing tables and layers to files, atomically (temporary file, then rename); uploads as temporary files."""

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


#: A text cell starting with one of these would be read as a formula by Excel or LibreOffice.
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text that a spreadsheet would take for a formula prefixed with ``'`` (CSV has no cell
    types: a note ``=HYPERLINK(…)`` must arrive as text)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULE_TEKENS) else v)
    return out


def text_cells(xl: pd.ExcelWriter) -> None:
    """Make every cell that openpyxl took for a formula a text cell again (before the workbook is saved): the
    exports hold no formulas of their own, so each is text someone typed."""
    for sheet in xl.book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def write_table(df: pd.DataFrame, path: Path) -> None:
    """Write a table as CSV (``;``-separated, decimal comma for Dutch Excel) or XLSX."""
    path = Path(path)
    frame = pd.DataFrame(df.drop(columns="geometry") if "geometry" in df else df)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_atomic(path, lambda p: csv_safe(frame).to_csv(p, index=False, sep=";", decimal=","))
    elif suffix == ".xlsx":
        def writer(p: Path) -> None:
            with pd.ExcelWriter(p, engine="openpyxl") as xl:
                frame.to_excel(xl, index=False)
                text_cells(xl)

        write_atomic(path, writer)
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
                text_cells(xl)

        write_atomic(path, writer)
    elif path.suffix.lower() == ".csv":
        for name, df in tables.items():
            write_table(df, path.with_name(f"{path.stem}_{name}.csv"))
    else:
        raise GebiedError(
            "Onbekend uitvoerformaat; kies .csv of .xlsx.", "Unknown output format; choose .csv or .xlsx.", path
        )


#: An upload's own name is kept (error messages name it) when it is a plain file name like this one.
GEWONE_NAAM = re.compile(r"[\w][\w .,()+-]{0,99}")


@contextmanager
def upload_file(name: str, content: bytes) -> Iterator[Path]:
    """A temporary file holding an upload's ``content``, for a reader that goes by the file's suffix.

    The file keeps the upload's name when that is a plain file name (:data:`GEWONE_NAAM`), so an error names the
    file the user sent; any other name (``..``, a path, an empty name) becomes ``upload`` with its suffix. What a
    browser sends as a name never leads outside the temporary folder, which is removed afterwards.
    """
    own = Path(name or "").name
    suffix = Path(own).suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,10}", Path(own).suffix) else ""
    with tempfile.TemporaryDirectory(prefix="gebied-upload-") as tmp:
        path = Path(tmp) / (own if GEWONE_NAAM.fullmatch(own) and own not in (".", "..") else f"upload{suffix}")
        path.write_bytes(content)
        yield path
