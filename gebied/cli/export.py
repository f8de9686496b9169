"""``gebied export``: print maps, feitenbladen and datapakketten for raadsvoorstellen."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from gebied.cli.common import GebiedOpt, clean_errors, context, scenario_by_name

app = typer.Typer(help="Kaarten, feitenbladen en datapakketten voor raadsvoorstellen.", no_args_is_help=True)


@app.command("kaart")
@clean_errors
def export_kaart(uit: Annotated[Path, typer.Option(help=".pdf (vector) of .png (300 dpi)")],
                 scenario: Annotated[Optional[str], typer.Option(help="naam of bestand van een scenario")] = None,
                 formaat: Annotated[str, typer.Option(help="A4 of A3")] = "A4",
                 staand: Annotated[bool, typer.Option("--staand", help="staand in plaats van liggend")] = False,
                 gebied: GebiedOpt = None) -> None:
    """Drukklare kaart / print-quality map."""
    from gebied.export.scenario_map import export_map
    from gebied.scenario.evaluate import evaluate

    ctx = context(gebied)
    sc = scenario_by_name(ctx, scenario) if scenario is not None else None
    layout = export_map(ctx.area, uit, evaluate(sc, ctx) if sc else None, formaat.upper(), staand)
    typer.echo(f"Kaart 1:{layout.schaal:,.0f} geschreven / written: {uit}".replace(",", "."))


@app.command("feitenblad")
@clean_errors
def export_feitenblad(scenario: str, uit: Annotated[Path, typer.Option(help=".pdf")],
                      werksessie: Annotated[Optional[str], typer.Option(help="code: voeg 'wat we hoorden' toe")] = None,
                      gebied: GebiedOpt = None) -> None:
    """Feitenblad (PDF) van een scenario / scenario fact sheet."""
    from gebied.export.feitenblad import export_feitenblad
    from gebied.werkplaats.store import Store

    ctx = context(gebied)
    export_feitenblad(ctx.area, ctx, scenario_by_name(ctx, scenario), uit,
                      werksessie=(Store(), werksessie) if werksessie else None)
    typer.echo(f"Feitenblad geschreven / written: {uit}")


@app.command("pakket")
@clean_errors
def export_pakket(uit: Annotated[Path, typer.Option(help=".gpkg of .xlsx")],
                  scenario: Annotated[Optional[list[str]], typer.Option(help="scenario's (naam of bestand)")] = None,
                  gebied: GebiedOpt = None) -> None:
    """Datapakket met alle lagen en scenarioresultaten / data package."""
    from gebied.export.datapakket import export_datapakket
    from gebied.scenario import store as scenario_store
    from gebied.scenario.model import load_scenario

    ctx = context(gebied)
    if scenario:
        scs = [scenario_by_name(ctx, s) for s in scenario]
    else:
        saved = scenario_store.list_scenarios(scenario_store.user_dir(ctx.area.config.id))
        scs = [load_scenario(p, ctx.area) for p in saved.values()]
    tables = export_datapakket(ctx.area, ctx, scs, uit)
    typer.echo(f"Datapakket met {len(tables)} tabellen geschreven / written: {uit}")
