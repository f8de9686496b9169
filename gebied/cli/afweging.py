"""``gebied scenario optimaliseer`` (every question of the optimiser) and ``gebied scenario afweging`` (the curve)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from gebied.cli.common import GebiedOpt, clean_errors, context, print_table

if TYPE_CHECKING:
    from gebied.scenario.vraag import Vraag

DoelOpt = Annotated[str, typer.Option(help="reistijd (kortste totale reistijd), dekking (meeste van de doelgroep "
                                           "binnen de norm), minste_locaties, laagste_kosten (grootste besparing) "
                                           "of kleinste_maximum (kleinste langste reistijd, p-center)")]
PerKernOpt = Annotated[str, typer.Option(help="precies (één locatie per kern) of hoogstens (een kern mag de "
                                              "locatie van een buurkern delen: clusters)")]
AantalOpt = Annotated[Optional[int], typer.Option(help="hoogstens zoveel locaties in totaal")]
BudgetOpt = Annotated[Optional[float], typer.Option(help="hoogstens zoveel exploitatielasten per jaar (€) voor de "
                                                          "locaties die blijven")]
HoudOpt = Annotated[Optional[list[str]], typer.Option(help="accommodatie-id die de raad al houdt (herhaalbaar)")]
SluitOpt = Annotated[Optional[list[str]], typer.Option(help="accommodatie-id die de raad al sluit (herhaalbaar)")]
NormOpt = Annotated[Optional[float], typer.Option(help="norm in minuten (dekking, hoogstens X % buiten de norm)")]
DoelgroepOpt = Annotated[Optional[str], typer.Option(help="leeftijdsgroep voor dekking en rechtvaardigheid, bijv. "
                                                          "75+ of 4-11 (standaard: iedereen)")]
BuitenOpt = Annotated[Optional[float], typer.Option(help="hoogstens zoveel % van de doelgroep buiten de norm "
                                                         "(met minste_locaties: de set cover)")]
MediaanOpt = Annotated[Optional[float], typer.Option(help="geen kern met een mediane reistijd boven zoveel minuten")]
MaxOpt = Annotated[Optional[float], typer.Option(help="niemand van de doelgroep verder dan zoveel minuten")]
OverOpt = Annotated[str, typer.Option(help="kleinste_maximum over elke inwoner of over de mediaan per kern "
                                           "(inwoner of kernmediaan)")]
VoorzieningOpt = Annotated[str, typer.Option(help="voorzieningsoort voor wie de last draagt, bijv. basisonderwijs")]
ModusOpt = Annotated[str, typer.Option(help="lopen of fiets")]
GemeenteOpt = Annotated[Optional[str], typer.Option(help="alleen de kernen van deze gemeente")]


def eigen_groep(ctx: object, soort: str) -> str | None:
    """The doelgroep a kind serves (basisonderwijs: 4-11), refusing an unknown kind in Dutch."""
    from gebied.core.errors import GebiedError
    from gebied.scenario.rechtvaardigheid import eigen_doelgroep

    cat = ctx.catalogue  # type: ignore[attr-defined]
    if soort not in cat.voorziening_ids():
        raise GebiedError(f"Onbekende voorziening '{soort}'; kies uit {', '.join(cat.voorziening_ids())}.",
                          f"Unknown voorziening '{soort}'.")
    return eigen_doelgroep(cat, soort)


def vraag_uit(doel: str, per_kern: str, aantal: int | None, budget: float | None, houd: list[str] | None,
              sluit: list[str] | None, norm: float | None, max_buiten_norm: float | None,
              max_kernmediaan: float | None, max_reistijd: float | None, maximum_over: str) -> Vraag:
    """The :class:`~gebied.scenario.vraag.Vraag` of the command-line options; unknown words are refused in Dutch."""
    from gebied.core.errors import GebiedError
    from gebied.scenario.vraag import DOELEN, PER_KERN, Vraag

    for value, allowed, what in ((doel, DOELEN, "doel"), (per_kern, PER_KERN, "per-kern"),
                                 (maximum_over, ("inwoner", "kernmediaan"), "maximum-over")):
        if value not in allowed:
            raise GebiedError(f"Onbekende waarde '{value}' voor --{what}; kies uit {', '.join(allowed)}.",
                              f"Unknown value '{value}' for --{what}.")
    return Vraag(doel=doel, per_kern=per_kern, aantal=aantal, budget=budget,  # type: ignore[arg-type]
                 houden=tuple(houd or ()), sluiten=tuple(sluit or ()), norm=norm,
                 max_buiten_norm_pct=max_buiten_norm, max_kern_mediaan=max_kernmediaan, max_reistijd=max_reistijd,
                 maximum_over=maximum_over)  # type: ignore[arg-type]


@clean_errors
def optimaliseer(
    uit: Annotated[Path, typer.Option(help="scenariobestand (.yaml of .json)")],
    doel: DoelOpt = "reistijd", per_kern: PerKernOpt = "precies", aantal: AantalOpt = None,
    budget: BudgetOpt = None, houd: HoudOpt = None, sluit: SluitOpt = None, norm: NormOpt = None,
    doelgroep: DoelgroepOpt = None, max_buiten_norm: BuitenOpt = None, max_kernmediaan: MediaanOpt = None,
    max_reistijd: MaxOpt = None, maximum_over: OverOpt = "inwoner", modus: ModusOpt = "fiets",
    max_bezetting: Annotated[float, typer.Option(help="maximale bezetting na bundeling (%)")] = 100.0,
    gemeente: GemeenteOpt = None, gebied: GebiedOpt = None,
) -> None:
    """Kies de locaties die een vraag exact het best beantwoorden (HiGHS) / answer a location question exactly.

    Een doel en zoveel eisen als nodig; een onhaalbare vraag zegt welke eis niet kan en hoeveel.
    """
    from gebied.scenario.model import save_scenario
    from gebied.scenario.optimise import optimal_scenario

    v = vraag_uit(doel, per_kern, aantal, budget, houd, sluit, norm, max_buiten_norm, max_kernmediaan,
                  max_reistijd, maximum_over)
    sc, rep = optimal_scenario(context(gebied), v, modus, norm, max_bezetting, gemeente=gemeente,
                               doelgroep=doelgroep)
    save_scenario(sc, uit)
    proven = "bewezen optimaal" if rep.status == "Optimal" and rep.gap == 0 else f"gap {rep.gap:.2%}"
    typer.echo(f"{sc.naam}\n  {sc.beschrijving}\n  status {rep.status} ({proven}), doelwaarde {rep.objective:,.2f}, "
               f"ondergrens {rep.bound:,.2f}, {rep.solve_s:.2f} s, {rep.oplossingen} oplossingen "
               f"({rep.n_vars} variabelen, {rep.n_units} groepen vraagpunten, {rep.n_candidates} kandidaten)")
    kept = [a for a in sc.kernen.values() if a]
    typer.echo(f"  {len(kept)} locaties; {sum(1 for a in sc.kernen.values() if a is None)} kernen zonder eigen "
               f"locatie; {len(sc.verplaatsingen)} verplaatsingen")
    for line in rep.opmerkingen:
        typer.echo(f"  Let op: {line}")
    if rep.uitgesloten_capaciteit:
        typer.echo(f"  Te klein voor de gebundelde bezetting (uitgesloten): {len(rep.uitgesloten_capaciteit)}")
    typer.echo(f"Geschreven / written: {uit}")


@clean_errors
def afweging(
    uit: Annotated[Optional[Path], typer.Option(help="de curve als .xlsx of .csv")] = None,
    norm: Annotated[float, typer.Option(help="norm in minuten")] = 15.0,
    doelgroep: DoelgroepOpt = None, per_kern: PerKernOpt = "hoogstens",
    punten: Annotated[int, typer.Option(min=2, max=40, help="aantal waarden van ε (10–20 is gebruikelijk)")] = 15,
    aantal: AantalOpt = None, budget: BudgetOpt = None, houd: HoudOpt = None, sluit: SluitOpt = None,
    max_kernmediaan: MediaanOpt = None, modus: ModusOpt = "fiets", gemeente: GemeenteOpt = None,
    vergelijk: Annotated[Optional[list[str]], typer.Option(help="opgeslagen scenario (naam) of bestand om naast de "
                                                               "curve te zetten (herhaalbaar)")] = None,
    scenarios: Annotated[Optional[Path], typer.Option(help="map waarin elk punt als scenariobestand komt")] = None,
    gebied: GebiedOpt = None,
) -> None:
    """De afwegingscurve: besparing tegen het aandeel van de doelgroep binnen de norm, exact (ε-constraint).

    Elk punt is een scenario; regel- en handscenario's (--vergelijk) staan ernaast, op dezelfde maat.
    """
    from gebied.cli.common import scenario_by_name
    from gebied.scenario.afwegingscurve import afwegingscurve, meet
    from gebied.scenario.kosten import aannames
    from gebied.scenario.model import save_scenario
    from gebied.scenario.optimise import beschrijf

    ctx = context(gebied)
    v = vraag_uit("laagste_kosten", per_kern, aantal, budget, houd, sluit, norm, None, max_kernmediaan, None,
                  "inwoner")
    curve = afwegingscurve(ctx, v, modus, doelgroep, gemeente, punten)
    what = beschrijf(v, modus, doelgroep)
    extra = [meet(ctx, curve.probleem, scenario_by_name(ctx, n), norm, "vergelijk") for n in vergelijk or []]
    table = curve.tabel(extra)
    typer.echo(f"Afwegingscurve — {ctx.area.config.naam}: {what} "
               f"({len(curve.punten)} punten, {curve.solve_s:.1f} s, {curve.oplossingen} oplossingen; "
               "© OpenStreetMap contributors)")
    print_table(table.round(1))
    if scenarios is not None:
        for i, pt in enumerate(curve.punten):
            save_scenario(pt.scenario, Path(scenarios) / f"afweging-{i + 1:02d}.yaml")
        typer.echo(f"{len(curve.punten)} scenario's geschreven / written: {scenarios}")
    if uit is not None:
        import pandas as pd

        from gebied.core.io import write_tables

        vraag = pd.DataFrame({"vraag": [what], "norm_min": [norm],
                              "doelgroep": [doelgroep or "iedereen"], "modus": [modus]})
        write_tables({"curve": table, "vraag": vraag,
                      "aannames": pd.DataFrame({"aanname": aannames(ctx)})}, uit)
        typer.echo(f"Geschreven / written: {uit}")
