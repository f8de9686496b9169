"""Commands on areas: nieuw (a Dutch area from an extract), build, ophalen (online), info, sjabloon (overrides)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from gebied.cli.common import AreaArg, clean_errors, print_table, voortgang_balken

app = typer.Typer()


@app.command()
@clean_errors
def nieuw(
    naam: Annotated[Optional[str], typer.Argument(help="gemeente: naam of CBS-code (GM0171)")] = None,
    extract: Annotated[Path, typer.Option(help="OSM-extract (.osm.pbf of .osm), bijv. van de provincie")] = Path(),
    gemeente: Annotated[Optional[list[str]], typer.Option(help="nog een gemeente (herhaalbaar)")] = None,
    provincie: Annotated[Optional[str], typer.Option(help="een hele provincie")] = None,
    id: Annotated[Optional[str], typer.Option("--id", help="gebied-id (standaard uit de naam)")] = None,
    marge: Annotated[float, typer.Option(help="marge rond de grens in meters (grensverkeer)")] = 3000.0,
    map: Annotated[Optional[Path], typer.Option("--map", help="map voor het gebiedsbestand (standaard data/)")] = None,
    min_dekking: Annotated[float, typer.Option(
        "--min-dekking", min=0, max=100,
        help="aanvaard een extract dat elke gemeente voor minstens dit percentage dekt (standaard 97: helemaal)")
    ] = 97.0,
) -> None:
    """Nieuw Nederlands gebied uit een extract, met CBS-grenzen en -cijfers / a Dutch area from an extract."""
    from gebied.area.create import new_area
    from gebied.core.errors import GebiedError

    if extract == Path():
        raise GebiedError("Geef een extract op met --extract.", "Give an extract with --extract.")
    namen = [n for n in [naam, *(gemeente or [])] if n]
    cfg = new_area(namen, extract, provincie, id, map, marge, min_dekking=min_dekking / 100)
    typer.echo(f"Gebied geschreven / area written: {cfg}")
    typer.echo(f"Bekijk het met / look at it with: gebied info {cfg}")


@app.command()
@clean_errors
def build(area: AreaArg = None,
          opnieuw: Annotated[bool, typer.Option("--opnieuw", help="altijd opnieuw bouwen / force")] = False) -> None:
    """Bouw de lagen van een gebied in de cache / build an area's layers into the cache.

    Also writes the app's map files (base picture, isochrones and travel times of every mode and
    voorziening; for a province also the base's detail tiles at every kern), so the app starts warm. A bar per
    stage shows how far it is; a build that was stopped continues from its finished stages when it is started
    again."""
    from gebied.area.store import build as do_build
    from gebied.area.store import load_area
    from gebied.core.catalogue import load_catalogue
    from gebied.maps.ondergrond import draw_kern_tiles
    from gebied.maps.statisch import prepare, remove_old

    with voortgang_balken() as voortgang:
        folder = do_build(area, force=opnieuw, voortgang=voortgang)
        loaded = load_area(area)
        files = prepare(loaded, voortgang=voortgang)
        draw_kern_tiles(loaded, files, load_catalogue(), voortgang=voortgang)
    typer.echo(f"Gebouwd / built: {folder}")
    typer.echo(f"Kaartbestanden / map files: {files}")
    if old := remove_old(loaded):
        typer.echo(f"Kaartbestanden van eerdere bouwsels verwijderd / map files of earlier builds removed: {len(old)}")


@app.command()
@clean_errors
def ophalen(
    naam: str,
    land: Annotated[str, typer.Option(help="land voor het opzoeken")] = "Nederland",
    id: Annotated[Optional[str], typer.Option("--id", help="gebied-id (standaard uit de naam)")] = None,
    map: Annotated[Optional[Path], typer.Option("--map", help="map voor het gebiedsbestand (standaard data/)")] = None,
) -> None:
    """Haal een gemeente online op (Overpass) en maak er een gebied van / fetch a gemeente online (optional)."""
    from gebied.area.create import fetch_area

    def progress(k: int, n: int, what: str) -> None:
        typer.echo(f"  tegel {k}/{n}: {what}")

    cfg = fetch_area(naam, land, id, map, progress=progress)
    typer.echo(f"Gebied geschreven / area written: {cfg} — daarna offline te gebruiken: gebied info {cfg}")


@app.command()
@clean_errors
def info(area: AreaArg = None) -> None:
    """Kernen, accommodaties, voorzieningen en netwerken van een gebied / area summary."""
    from gebied.area.store import load_area
    from gebied.area.summary import attribution, kern_table, network_table
    from gebied.core.fmt import getal

    a = load_area(area)
    typer.echo(f"{a.config.naam} — {getal(a.bevolking)} inwoners, {len(a.kernen)} kernen, "
               f"{len(a.accommodaties)} accommodaties, {len(a.voorzieningen)} voorzieningen (CRS {a.crs})")
    typer.echo(f"Bron: {attribution(a)}\n")
    print_table(kern_table(a))
    typer.echo("")
    print_table(network_table(a))
    if a.rapport:
        typer.echo("\nOpmerkingen / notes:")
        for line in a.rapport:
            typer.echo(f"  - {line}")




@app.command()
@clean_errors
def sjabloon(area: AreaArg = None, uit: Annotated[Path, typer.Option(help="het spreadsheet (.xlsx)")] = Path(
        "overrides.xlsx")) -> None:
    """Schrijf een overrides-spreadsheet om in te vullen, met de accommodaties van het gebied / write an
    overrides template."""
    from gebied.area.overrides import write_template
    from gebied.area.store import load_area

    write_template(uit, load_area(area))
    typer.echo(f"Geschreven / written: {uit} — vul m², exploitatielasten, bezettingsgraad … in en zet het pad "
               "onder 'overrides:' in het gebiedsbestand, of upload het op de pagina Gegevens.")
