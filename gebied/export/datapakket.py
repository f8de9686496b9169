"""The datapakket: every layer and scenario result as a GeoPackage or an XLSX with units in the headers."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from gebied.area.model import Area
from gebied.area.summary import attribution
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.errors import GebiedError
from gebied.core.io import text_cells, write_atomic
from gebied.scenario.evaluate import Context, evaluate
from gebied.scenario.model import Scenario

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def with_units(df: pd.DataFrame, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Column headers with units from the catalogue's columns (``m2 [m²]``, ``besparing [€/jaar]``);
    travel-time statistics in minutes, age-group counts in persons, CBS shares in percent."""
    kolommen = (catalogue or load_catalogue()).kolommen

    def unit(c: str) -> str | None:
        if c in kolommen:
            return kolommen[c].eenheid
        if c.startswith(("gem_", "p90_", "max_")):
            return "min"
        if c.startswith(("leeftijd_", "binnen_norm_", "onbereikbaar_")):
            return "personen"
        return "%" if c.startswith("pop_") else None

    return df.rename(columns={c: f"{c} [{u}]" for c in df.columns if c != "geometry" and (u := unit(c))})


def export_datapakket(area: Area, ctx: Context, scenarios: list[Scenario], path: Path) -> dict[str, pd.DataFrame]:
    """Write all layers and scenario results: a GeoPackage (layers) or an XLSX (one sheet per table)."""
    path = Path(path)
    evs = [evaluate(s, ctx) for s in scenarios]
    tables: dict[str, pd.DataFrame] = {
        "kernen": area.kernen, "accommodaties": area.accommodaties, "voorzieningen": area.voorzieningen,
    }
    if area.is_cbs:
        tables.update(gemeenten=area.gemeenten, wijken=area.wijken)
    for i, ev in enumerate(evs, start=1):
        tables[f"scenario_{i}_per_kern"] = ev.per_kern.assign(scenario=ev.scenario.naam)
        tables[f"scenario_{i}_reistijd"] = ev.reistijd.assign(scenario=ev.scenario.naam)
    if evs:
        from gebied.scenario.compare import compare

        tables["vergelijking"] = compare(evs).reset_index(names="kengetal")
    tables["bronnen"] = pd.DataFrame({"bron": [attribution(area), *area.config.bronnen]})
    suffix = path.suffix.lower()
    if suffix == ".gpkg":
        kern_geom = area.kernen[["kern_id", "geometry"]]

        def writer(p: Path) -> None:
            for name, df in tables.items():
                if isinstance(df, gpd.GeoDataFrame):
                    df.to_file(p, layer=name, driver="GPKG")
                elif "kern_id" in df and name.endswith("per_kern"):
                    gdf = gpd.GeoDataFrame(df.merge(kern_geom, on="kern_id", how="left"), geometry="geometry",
                                           crs=area.crs)
                    gdf.to_file(p, layer=name, driver="GPKG")
                else:
                    gpd.GeoDataFrame(df.astype({c: str for c in df.columns if df[c].dtype == object})).to_file(
                        p, layer=name, driver="GPKG")

        write_atomic(path, writer)
    elif suffix == ".xlsx":
        def writer(p: Path) -> None:
            with pd.ExcelWriter(p, engine="openpyxl") as xl:
                for name, df in tables.items():
                    frame = pd.DataFrame(df.drop(columns="geometry") if "geometry" in df else df)
                    with_units(frame).to_excel(xl, sheet_name=name[:31], index=False)
                text_cells(xl)
                xl.book.properties.created = dt.datetime(2000, 1, 1)
                xl.book.properties.modified = dt.datetime(2000, 1, 1)
            _fix_zip_times(p)

        write_atomic(path, writer)
    else:
        raise GebiedError(
            "Kies .gpkg of .xlsx voor het datapakket.", "Choose .gpkg or .xlsx for the data package.", path
        )
    return tables


def _fix_zip_times(path: Path) -> None:
    """Rewrite a zip (XLSX) with fixed entry and document times so identical content gives identical bytes.

    openpyxl stamps ``docProps/core.xml`` with the save time; that stamp is fixed too.
    """
    import re

    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    items = [
        (
            n,
            re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", d)
            if n == "docProps/core.xml"
            else d,
        )
        for n, d in items
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
