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
        except BrokenPipeError:  # output piped into e.g. `head`
            sys.stderr.close()
            raise typer.Exit(0) from None
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
def ophalen(naam: str, land: Annotated[str, typer.Option(help="land voor het opzoeken")] = "Nederland",
            id: Annotated[Optional[str], typer.Option("--id", help="gebied-id (standaard uit de naam)")] = None) -> None:
    """Haal een gemeente online op (Overpass) en maak er een gebied van / fetch a gemeente online (optional)."""
    from gebied.online import fetch_gemeente

    cfg = fetch_gemeente(naam, land, id)
    typer.echo(f"Gebied geschreven / area written: {cfg} — daarna offline te gebruiken: gebied info {cfg.stem}")


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


scenario_app = typer.Typer(help="Scenario's 'één locatie per kern' maken, evalueren, vergelijken, optimaliseren.",
                           no_args_is_help=True)
app.add_typer(scenario_app, name="scenario")
GebiedOpt = Annotated[Optional[str], typer.Option("--gebied", help="gebied-id of YAML (standaard: data/areas.yaml)")]


def _context(area):
    from gebied.evaluate import make_context
    from gebied.store import load_area

    return make_context(load_area(area))


def _evaluation_tables(ev) -> dict:
    return {"per_kern": ev.per_kern, "reistijd": ev.reistijd, "verplaatsingen": ev.moves}


@scenario_app.command("maak")
@clean_errors
def scenario_maak(uit: Annotated[Path, typer.Option(help="scenariobestand (.yaml of .json)")],
                  regel: Annotated[str, typer.Option(help="grootste, centraalst, goedkoopst of beste_staat")] = "grootste",
                  naam: Annotated[Optional[str], typer.Option()] = None, gebied: GebiedOpt = None) -> None:
    """Maak een scenario met een regel per kern / make a rule-based scenario."""
    from gebied.optimise import rule_scenario
    from gebied.scenario import save_scenario

    sc = rule_scenario(_context(gebied), regel, naam)
    save_scenario(sc, uit)
    typer.echo(f"Scenario '{sc.naam}' ({len(sc.kernen)} kernen) geschreven / written: {uit}")


@scenario_app.command("evalueer")
@clean_errors
def scenario_evalueer(bestand: Path, uit: Annotated[Optional[Path], typer.Option(help=".csv of .xlsx")] = None,
                      gebied: GebiedOpt = None) -> None:
    """Evalueer een scenariobestand tegen de huidige situatie / evaluate a scenario file."""
    from gebied.evaluate import evaluate
    from gebied.fmt import euro, getal
    from gebied.scenario import load_scenario

    ctx = _context(gebied)
    sc = load_scenario(bestand, ctx.area)
    ev = evaluate(sc, ctx)
    typer.echo(f"Scenario '{sc.naam}' — {ctx.area.config.naam} (© OpenStreetMap contributors)")
    cols = ["kern", "inwoners", "locatie", "accommodaties_voor", "accommodaties_na", "m2_afgestoten", "besparing",
            "bezetting_na", "ontmoetingsplek", "verliest_voorziening_binnen_norm"]
    print_table(ev.per_kern[cols].round(1))
    t = ev.totaal
    typer.echo(f"\nTotaal: {getal(t['gesloten'])} accommodaties dicht, {getal(t['m2_afgestoten'])} m² afgestoten, "
               f"besparing {euro(t['besparing'])}/jaar; {getal(t['verliest_voorziening_binnen_norm'])} inwoners "
               f"verliezen een voorziening binnen de norm; {t['kernen_verliezen_ontmoetingsplek']} kernen verliezen "
               f"hun ontmoetingsplek; {t['overbezette_locaties']} locaties overbezet.")
    if uit is not None:
        from gebied.io import write_tables

        write_tables(_evaluation_tables(ev), uit)
        typer.echo(f"Geschreven / written: {uit}")


@scenario_app.command("vergelijk")
@clean_errors
def scenario_vergelijk(bestanden: list[Path], uit: Annotated[Optional[Path], typer.Option(help=".csv of .xlsx")] = None,
                       gebied: GebiedOpt = None) -> None:
    """Vergelijk scenario's naast elkaar / compare scenarios side by side."""
    from gebied.evaluate import compare, evaluate, kern_difference
    from gebied.scenario import baseline, load_scenario

    ctx = _context(gebied)
    scenarios = [baseline(ctx.area)] + [load_scenario(b, ctx.area) for b in bestanden]
    evs = [evaluate(s, ctx) for s in scenarios]
    table = compare(evs)
    print_table(table.round(1).reset_index(names="kengetal"))
    tables = {"vergelijking": table.reset_index(names="kengetal")}
    if len(evs) >= 3:
        tables["verschil_per_kern"] = kern_difference(evs[1], evs[2])
    if uit is not None:
        from gebied.io import write_tables

        write_tables(tables, uit)
        typer.echo(f"Geschreven / written: {uit}")


@scenario_app.command("optimaliseer")
@clean_errors
def scenario_optimaliseer(uit: Annotated[Path, typer.Option(help="scenariobestand (.yaml of .json)")],
                          doel: Annotated[str, typer.Option(help="reistijd of dekking")] = "reistijd",
                          modus: Annotated[str, typer.Option(help="lopen of fiets")] = "fiets",
                          norm: Annotated[Optional[float], typer.Option(help="norm in minuten (doel dekking)")] = None,
                          max_bezetting: Annotated[float, typer.Option(help="maximale bezetting na bundeling (%)")] = 100.0,
                          gebied: GebiedOpt = None) -> None:
    """Kies per kern de optimale locatie (HiGHS) / choose the optimal location per kern."""
    from gebied.optimise import optimal_scenario
    from gebied.scenario import save_scenario

    if doel not in ("reistijd", "dekking"):
        from gebied.errors import GebiedError

        raise GebiedError(f"Onbekend doel '{doel}'; kies reistijd of dekking.", f"Unknown objective '{doel}'.")
    sc, rep = optimal_scenario(_context(gebied), doel, modus, norm, max_bezetting)
    save_scenario(sc, uit)
    typer.echo(f"{sc.naam}: status {rep.status}, doelwaarde {rep.objective:,.1f}, ondergrens {rep.bound:,.1f}, "
               f"gap {rep.gap:.2%}, {rep.solve_s:.2f} s ({rep.n_vars} variabelen, {rep.n_units} vraagpunten, "
               f"{rep.n_candidates} kandidaten)")
    if rep.uitgesloten_capaciteit:
        typer.echo(f"Te klein voor de gebundelde bezetting (uitgesloten): {len(rep.uitgesloten_capaciteit)} accommodaties")
    typer.echo(f"Geschreven / written: {uit}")


export_app = typer.Typer(help="Kaarten, feitenbladen en datapakketten voor raadsvoorstellen.", no_args_is_help=True)
app.add_typer(export_app, name="export")


def _scenario_by_name(ctx, naam):
    """A saved scenario by name or file path (None: the current situation)."""
    if naam is None:
        return None
    from gebied import scenario_store
    from gebied.errors import GebiedError
    from gebied.scenario import load_scenario

    if Path(naam).suffix.lower() in (".yaml", ".yml", ".json"):
        return load_scenario(naam, ctx.area)
    saved = scenario_store.list_scenarios(scenario_store.user_dir(ctx.area.config.id))
    if naam not in saved:
        raise GebiedError(f"Scenario '{naam}' niet gevonden; opgeslagen: {', '.join(saved) or 'geen'}.",
                          f"Scenario '{naam}' not found.")
    return load_scenario(saved[naam], ctx.area)


@export_app.command("kaart")
@clean_errors
def export_kaart(uit: Annotated[Path, typer.Option(help=".pdf (vector) of .png (300 dpi)")],
                 scenario: Annotated[Optional[str], typer.Option(help="naam of bestand van een scenario")] = None,
                 formaat: Annotated[str, typer.Option(help="A4 of A3")] = "A4",
                 staand: Annotated[bool, typer.Option("--staand", help="staand in plaats van liggend")] = False,
                 gebied: GebiedOpt = None) -> None:
    """Drukklare kaart / print-quality map."""
    from gebied.evaluate import evaluate
    from gebied.export import export_map

    ctx = _context(gebied)
    sc = _scenario_by_name(ctx, scenario)
    layout = export_map(ctx.area, uit, evaluate(sc, ctx) if sc else None, formaat.upper(), staand)
    typer.echo(f"Kaart 1:{layout.schaal:,.0f} geschreven / written: {uit}".replace(",", "."))


@export_app.command("feitenblad")
@clean_errors
def export_feitenblad(scenario: str, uit: Annotated[Path, typer.Option(help=".pdf")], gebied: GebiedOpt = None) -> None:
    """Feitenblad (PDF) van een scenario / scenario fact sheet."""
    from gebied.export import export_factsheet

    ctx = _context(gebied)
    export_factsheet(ctx.area, ctx, _scenario_by_name(ctx, scenario), uit)
    typer.echo(f"Feitenblad geschreven / written: {uit}")


@export_app.command("pakket")
@clean_errors
def export_pakket(uit: Annotated[Path, typer.Option(help=".gpkg of .xlsx")],
                  scenario: Annotated[Optional[list[str]], typer.Option(help="scenario's (naam of bestand)")] = None,
                  gebied: GebiedOpt = None) -> None:
    """Datapakket met alle lagen en scenarioresultaten / data package."""
    from gebied import scenario_store
    from gebied.export import export_package
    from gebied.scenario import load_scenario

    ctx = _context(gebied)
    if scenario:
        scs = [_scenario_by_name(ctx, s) for s in scenario]
    else:
        saved = scenario_store.list_scenarios(scenario_store.user_dir(ctx.area.config.id))
        scs = [load_scenario(p, ctx.area) for p in saved.values()]
    tables = export_package(ctx.area, ctx, scs, uit)
    typer.echo(f"Datapakket met {len(tables)} tabellen geschreven / written: {uit}")


verhaal_app = typer.Typer(help="Gebiedsbiografie: verhalen controleren en exporteren.", no_args_is_help=True)
app.add_typer(verhaal_app, name="verhaal")


@verhaal_app.command("controleer")
@clean_errors
def verhaal_controleer(pad: Path, gebied: GebiedOpt = None) -> None:
    """Controleer een verhaal of een map met verhalen / validate stories (exit 2 on problems)."""
    from gebied.errors import GebiedError
    from gebied.store import load_area
    from gebied.story import check_path

    area = load_area(gebied) if gebied else _area_for_story(pad)
    good, problems = check_path(pad, area)
    for f in good:
        typer.echo(f"OK  {f}")
    if problems:
        raise GebiedError(f"{len(problems)} problemen in de verhalen.", f"{len(problems)} problems in the stories.",
                          pad, problems)


def _area_for_story(pad: Path):
    """The area a story belongs to: its folder name under stories/ if that is an area, else the default."""
    from gebied.config import DATA_DIR
    from gebied.store import load_area

    folder = pad if pad.is_dir() else pad.parent
    for part in (folder.name, folder.parent.name):
        if (DATA_DIR / f"{part}.yaml").exists():
            return load_area(part)
    return load_area(None)


@verhaal_app.command("export")
@clean_errors
def verhaal_export(verhaal: Path, uit: Annotated[Path, typer.Option(help=".html")], gebied: GebiedOpt = None) -> None:
    """Exporteer een verhaal als zelfstandig HTML-bestand / export a story as self-contained HTML."""
    from gebied.store import load_area
    from gebied.story import parse_story
    from gebied.story_render import export_story

    area = load_area(gebied) if gebied else _area_for_story(verhaal)
    story = parse_story(verhaal, area)
    export_story(story, area, uit)
    typer.echo(f"Verhaal '{story.titel}' ({len(story.hoofdstukken)} hoofdstukken) geschreven / written: {uit}")


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
