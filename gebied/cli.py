"""The ``gebied`` command line (typer). Errors: one clear message, exit code 2."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from gebied.errors import GebiedError

app = typer.Typer(help="gebied: voorzieningenplanner en gebiedsbiografie / facilities planner.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)

AreaArg = Annotated[Optional[str], typer.Argument(help="gebied-id, YAML- of OSM-bestand (standaard: data/areas.yaml)")]


def fail(exc: GebiedError) -> None:
    """Print a GebiedError and exit with code 2."""
    typer.echo(f"Fout: {exc.message()}", err=True)
    raise typer.Exit(2)


def clean_errors(func: Callable) -> Callable:
    """Turn GebiedError into a message + exit 2, and any other error into exit 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GebiedError as exc:
            fail(exc)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001
            if os.environ.get("GEBIED_DEBUG"):
                raise
            typer.echo(f"Onverwachte fout / unexpected error: {type(exc).__name__}: {exc}\n"
                       "(zet GEBIED_DEBUG=1 voor details / set GEBIED_DEBUG=1 for details)", err=True)
            raise typer.Exit(1) from None

    return wrapper


def print_table(df, path: Path | None = None) -> None:
    """Print a data frame; write it to CSV/XLSX too when ``path`` is given."""
    import pandas as pd

    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 40):
        typer.echo(df.to_string(index=False))
    if path is not None:
        from gebied.io import write_table

        write_table(df, path)
        typer.echo(f"Geschreven / written: {path}")


@app.command()
@clean_errors
def build(area: AreaArg = None,
          opnieuw: Annotated[bool, typer.Option("--opnieuw", help="altijd opnieuw bouwen / force")] = False) -> None:
    """Bouw de lagen van een gebied in de cache / build an area's layers into the cache."""
    from gebied.store import build as do_build

    folder = do_build(area, force=opnieuw)
    typer.echo(f"Gebouwd / built: {folder}")


@app.command()
@clean_errors
def info(area: AreaArg = None) -> None:
    """Kernen, accommodaties, voorzieningen en netwerken van een gebied / area summary."""
    from gebied.fmt import getal
    from gebied.store import load_area
    from gebied.summary import kern_table, network_table

    a = load_area(area)
    typer.echo(f"{a.config.naam} — {getal(a.bevolking)} inwoners, {len(a.kernen)} kernen, "
               f"{len(a.accommodaties)} accommodaties, {len(a.voorzieningen)} voorzieningen (CRS {a.crs})")
    typer.echo("Bron: © OpenStreetMap contributors (ODbL)\n")
    print_table(kern_table(a))
    typer.echo("")
    print_table(network_table(a))
    if a.rapport:
        typer.echo("\nOpmerkingen / notes:")
        for line in a.rapport:
            typer.echo(f"  - {line}")


@app.command()
@clean_errors
def bereik(area: AreaArg = None,
           modus: Annotated[str, typer.Option(help="lopen, fiets, ebike of auto")] = "fiets",
           voorziening: Annotated[str, typer.Option(help="soort voorziening, bijv. basisonderwijs")] = "basisonderwijs",
           norm: Annotated[Optional[float], typer.Option(help="norm in minuten (standaard: uit het gebied)")] = None,
           uit: Annotated[Optional[Path], typer.Option(help="schrijf ook naar .csv, .xlsx of .gpkg")] = None) -> None:
    """Reistijd per kern naar een voorziening / travel time per kern to a voorziening."""
    import geopandas as gpd

    from gebied.bereik import kern_report
    from gebied.store import load_area

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
        from gebied.io import write_table

        write_table(out, uit)
        typer.echo(f"Geschreven / written: {uit}")


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
