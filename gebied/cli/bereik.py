"""``gebied bereik``: travel time per kern to a voorziening."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from gebied.cli.common import AreaArg, clean_errors, print_table

app = typer.Typer()


@app.command()
@clean_errors
def bereik(area: AreaArg = None,
           modus: Annotated[str, typer.Option(help="lopen, fiets, ebike of auto")] = "fiets",
           voorziening: Annotated[str, typer.Option(help="soort voorziening, bijv. basisonderwijs")] = "basisonderwijs",
           norm: Annotated[Optional[float], typer.Option(help="norm in minuten (standaard: uit het gebied)")] = None,
           uit: Annotated[Optional[Path], typer.Option(help="schrijf ook naar .csv, .xlsx of .gpkg")] = None) -> None:
    """Reistijd per kern naar een voorziening / travel time per kern to a voorziening."""
    import geopandas as gpd

    from gebied.area.store import load_area
    from gebied.bereik.dekking import kern_report

    a = load_area(area)
    table = kern_report(a, modus, voorziening, norm)
    typer.echo(f"{a.config.naam}: {voorziening} per {modus}, norm {table['norm_minuten'].iloc[0]:g} min "
               "(© OpenStreetMap contributors)")
    out = table
    if uit is not None and uit.suffix.lower() in (".gpkg", ".geojson"):
        out = gpd.GeoDataFrame(table.merge(a.kernen[["kern_id", "geometry"]], on="kern_id", how="left"),
                               geometry="geometry", crs=a.crs)
    print_table(table)
    if uit is not None:
        from gebied.core.io import write_table

        write_table(out, uit)
        typer.echo(f"Geschreven / written: {uit}")
