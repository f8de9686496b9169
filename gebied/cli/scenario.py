"""``gebied scenario``: make, evaluate, compare and optimise scenario's."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import pandas as pd
import typer

if TYPE_CHECKING:
    from gebied.scenario.evaluate import Context, Evaluation
    from gebied.toekomst.prognose import Bevolking

from gebied.cli import afweging
from gebied.cli.afweging import DoelgroepOpt, VoorzieningOpt
from gebied.cli.common import GebiedOpt, clean_errors, context, print_table
from gebied.cli.toekomst import JarenOpt, PrognoseOpt, ProjectieOpt, load_bevolking, parse_jaren

app = typer.Typer(help="Scenario's 'één locatie per kern' maken, evalueren, vergelijken, optimaliseren.",
                           no_args_is_help=True)


GemeenteOpt = Annotated[Optional[str], typer.Option(
    help="alleen de kernen van deze gemeente (een regio-gebied) / only this gemeente's kernen")]


def _evaluation_tables(ev: Evaluation, ctx: Context) -> dict[str, pd.DataFrame]:
    from gebied.scenario.regio import gemeenten, per_gemeente

    tables = {"per_kern": ev.per_kern, "reistijd": ev.reistijd, "verplaatsingen": ev.moves}
    if len(gemeenten(ctx.area)) > 1:
        tables["per_gemeente"] = per_gemeente(ev, ctx)
    return tables


@app.command("maak")
@clean_errors
def scenario_maak(
    uit: Annotated[Path, typer.Option(help="scenariobestand (.yaml of .json)")],
    regel: Annotated[str, typer.Option(help="grootste, centraalst, goedkoopst of beste_staat")] = "grootste",
    naam: Annotated[Optional[str], typer.Option()] = None,
    gemeente: GemeenteOpt = None,
    gebied: GebiedOpt = None,
) -> None:
    """Maak een scenario met een regel per kern / make a rule-based scenario."""
    from gebied.scenario.model import save_scenario
    from gebied.scenario.rules import rule_scenario

    sc = rule_scenario(context(gebied), regel, naam, gemeente)
    save_scenario(sc, uit)
    typer.echo(f"Scenario '{sc.naam}' ({len(sc.kernen)} kernen) geschreven / written: {uit}")


@app.command("evalueer")
@clean_errors
def scenario_evalueer(bestand: Path, uit: Annotated[Optional[Path], typer.Option(help=".csv of .xlsx")] = None,
                      jaren: JarenOpt = None, prognose: PrognoseOpt = None, projectie: ProjectieOpt = None,
                      gebied: GebiedOpt = None) -> None:
    """Evalueer een scenariobestand tegen de huidige situatie, desgewenst per jaar / evaluate a scenario file."""
    from gebied.core.fmt import euro, getal
    from gebied.scenario.evaluate import evaluate
    from gebied.scenario.model import load_scenario

    ctx = context(gebied)
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
    tables = _evaluation_tables(ev, ctx)
    if "per_gemeente" in tables:
        typer.echo("\nPer gemeente:")
        print_table(tables["per_gemeente"].round(0))
    years, bev = None, None
    if jaren or prognose is not None:  # the population per year, read once for both tables
        from gebied.toekomst.prognose import standaard_jaren

        years = parse_jaren(jaren) if jaren else standaard_jaren(ctx.area)
        bev = load_bevolking(ctx.area, years, prognose, projectie)
        tables.update(_per_year(sc, ctx, bev, years))
    tables["rechtvaardigheid"] = _burden_per_kind(sc, ctx, bev, years)
    if uit is not None:
        from gebied.core.io import write_tables

        write_tables(tables, uit)
        typer.echo(f"Geschreven / written: {uit}")


def _burden_per_kind(sc: object, ctx: Context, bev: Bevolking | None, years: list[int] | None) -> pd.DataFrame:
    """Print and return who bears the burden per voorziening kind (its own doelgroep); per year of ``bev`` when
    given."""
    from gebied.scenario.rechtvaardigheid import per_soort

    table = per_soort(sc, ctx, bev, years)  # type: ignore[arg-type]
    typer.echo("\nWie draagt de last, per voorziening (eigen doelgroep; buiten de norm in %):")
    print_table(table.map(lambda v: round(v, 2) if isinstance(v, float) else v))
    return table


def _per_year(sc: object, ctx: Context, bev: Bevolking, years: list[int]) -> dict[str, pd.DataFrame]:
    """Print and return the per-year figures of a scenario: totals per year, and the first year it goes wrong."""
    from gebied.scenario.jaren import evaluate_jaren

    area = ctx.area
    ev = evaluate_jaren(sc, ctx, bev, years)  # type: ignore[arg-type]
    typer.echo(f"\nPer jaar (basisjaar {bev.basisjaar}; {' '.join(bev.aannames)})")
    cols = ["jaar", "inwoners", *[c for c in ev.per_jaar.columns if c.startswith("leeftijd_")],
            "gebruikers_basisonderwijs", "locaties_met_signaal"]
    print_table(ev.per_jaar[[c for c in cols if c in ev.per_jaar.columns]].round(0))
    if ev.eerste_probleem.empty:
        typer.echo("Geen knelpunten in deze jaren (overbezet, onder de opheffingsnorm, ontmoetingsplek zonder "
                   "gebruikers).")
    else:
        typer.echo("\nEerste jaar dat het misgaat, per locatie:")
        print_table(ev.eerste_probleem)
    return {"per_jaar": ev.per_jaar, "per_locatie_per_jaar": ev.per_locatie, "eerste_probleem": ev.eerste_probleem,
            "bevolking": bev.tabel(dict(zip(area.kernen["kern_id"], area.kernen["naam"])))}


@app.command("vergelijk")
@clean_errors
def scenario_vergelijk(bestanden: list[Path], uit: Annotated[Optional[Path], typer.Option(help=".csv of .xlsx")] = None,
                       jaren: JarenOpt = None, prognose: PrognoseOpt = None, projectie: ProjectieOpt = None,
                       voorziening: VoorzieningOpt = "basisonderwijs", doelgroep: DoelgroepOpt = None,
                       gebied: GebiedOpt = None) -> None:
    """Vergelijk scenario's naast elkaar, ook wie de last draagt / compare scenarios side by side, with fairness."""
    from gebied.scenario.compare import compare, kern_difference
    from gebied.scenario.evaluate import evaluate
    from gebied.scenario.model import baseline, load_scenario

    ctx = context(gebied)
    scenarios = [baseline(ctx.area)] + [load_scenario(b, ctx.area) for b in bestanden]
    evs = [evaluate(s, ctx) for s in scenarios]
    table = compare(evs)
    print_table(table.round(1).reset_index(names="kengetal"))
    tables = {"vergelijking": table.reset_index(names="kengetal")}
    if len(evs) >= 3:
        tables["verschil_per_kern"] = kern_difference(evs[1], evs[2])
    tables.update(_burden(ctx, scenarios, voorziening, doelgroep, None, []))
    if jaren or prognose is not None:
        from gebied.scenario.compare import compare_jaren
        from gebied.scenario.jaren import evaluate_jaren
        from gebied.toekomst.prognose import standaard_jaren

        years = parse_jaren(jaren) if jaren else standaard_jaren(ctx.area)
        bev = load_bevolking(ctx.area, years, prognose, projectie)
        per_year = compare_jaren([evaluate_jaren(s, ctx, bev, years) for s in scenarios], years)
        typer.echo("\nPer jaar:")
        print_table(per_year.round(0).reset_index(names="kengetal"))
        tables["per_jaar"] = per_year.reset_index(names="kengetal")
        tables.update(_burden(ctx, scenarios, voorziening, doelgroep, bev, years))
    if uit is not None:
        from gebied.core.io import write_tables

        write_tables(tables, uit)
        typer.echo(f"Geschreven / written: {uit}")


def _burden(ctx: Context, scenarios: list, soort: str, groep: str | None, bev: object,
            years: list[int]) -> dict[str, pd.DataFrame]:
    """Print and return who bears the burden, scenario's side by side: today's population, or each of ``years``."""
    from gebied.cli.afweging import eigen_groep
    from gebied.scenario.rechtvaardigheid import UITLEG, vergelijk

    groep = groep or eigen_groep(ctx, soort)
    out = {}
    jaren: list[int | None] = [*years] if years else [None]
    for jaar in jaren:
        side = vergelijk(scenarios, ctx, soort, groep, bev, jaar).reset_index(names="maat")  # type: ignore[arg-type]
        side["uitleg"] = side["maat"].map(UITLEG)
        typer.echo(f"\nWie draagt de last: {soort}, doelgroep {groep or 'iedereen'}" + (f", {jaar}" if jaar else ""))
        print_table(side.drop(columns="uitleg").map(lambda v: round(v, 2) if isinstance(v, float) else v))
        out["rechtvaardigheid" + (f"_{jaar}" if jaar else "")] = side
    return out


app.command("optimaliseer")(afweging.optimaliseer)
app.command("afweging")(afweging.afweging)


@app.command("rechtvaardigheid")
@clean_errors
def scenario_rechtvaardigheid(
        scenario: Annotated[str, typer.Argument(help="opgeslagen scenario (naam) of bestand")],
        voorziening: Annotated[str, typer.Option(help="voorzieningsoort, bijv. basisonderwijs")] = "basisonderwijs",
        doelgroep: Annotated[Optional[str], typer.Option(help="leeftijdsgroep, bijv. 4-11 of 75+ (standaard: "
                                                         "iedereen)")] = None,
        uit: Annotated[Optional[Path], typer.Option(help=".csv of .xlsx")] = None, gebied: GebiedOpt = None) -> None:
    """Wie draagt de last: buiten de norm, slechtste kern, Gini en Palma, nu en in het scenario / fairness."""
    from gebied.cli.common import scenario_by_name
    from gebied.scenario.rechtvaardigheid import fairness_table

    ctx = context(gebied)
    print_table(fairness_table(scenario_by_name(ctx, scenario), ctx, voorziening, doelgroep), uit)
