"""Exports for raadsvoorstellen: print map, scenario fact sheet (feitenblad) and data package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages

from gebied.area.model import Area
from gebied.area.summary import attribution
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.errors import GebiedError
from gebied.core.fmt import euro, getal, procent
from gebied.core.io import write_atomic
from gebied.export.afweging import curve_page, kosten_page, rechtvaardigheid_page
from gebied.export.pagina import table_page, text_page
from gebied.export.scenario_map import scenario_map
from gebied.maps.printmap import PDF_METADATA
from gebied.scenario.afwegingscurve import Curve, Punt
from gebied.scenario.evaluate import Context, Evaluation, evaluate
from gebied.scenario.jaren import JarenEvaluatie, evaluate_jaren
from gebied.scenario.model import Scenario
from gebied.toekomst.prognose import Bevolking, bevolking, standaard_jaren
from gebied.werkplaats.export import wat_we_hoorden
from gebied.werkplaats.store import Store


def kern_rows(ev: Evaluation, soort: str = "basisonderwijs", modus: str = "fiets") -> pd.DataFrame:
    """The fact sheet's per-kern table: named kernen and buitengebied, before → after, and a total row; where some
    accommodaties' costs are unknown, the sums say so (they are never read as € 0)."""
    pk = ev.per_kern
    named = pk[pk["kern_id"].isin(list(ev.scenario.kernen)) | (pk["kern_id"] == "buitengebied")]
    rt = ev.reistijd[(ev.reistijd["modus"] == modus) & (ev.reistijd["voorziening"] == soort)].set_index("kern_id")
    rows = []
    for _, r in named.iterrows():
        t = rt.loc[r["kern_id"]] if r["kern_id"] in rt.index else None
        rows.append(_kern_row(r, t))
    tot = ev.totaal
    t = rt.loc["totaal"] if "totaal" in rt.index else None
    rows.append(
        _kern_row(
            pd.Series(
                {
                    "kern": "Totaal gebied",
                    "inwoners": tot["inwoners"],
                    "locatie": "",
                    "accommodaties_voor": tot["accommodaties_voor"],
                    "accommodaties_na": tot["accommodaties_na"],
                    "m2_voor": tot["m2_voor"],
                    "m2_na": tot["m2_na"],
                    "kosten_voor": tot["kosten_voor"],
                    "kosten_na": tot["kosten_na"],
                    "kosten_bekend": int(pk["kosten_bekend"].sum()),
                    "onbekend": int(pk["accommodaties_voor"].sum() - pk["kosten_bekend"].sum()),
                }
            ),
            t,
        )
    )
    return pd.DataFrame(rows)


def _kern_row(r: pd.Series, t: pd.Series | None) -> dict[str, str]:
    def cover(col: str) -> str:
        return procent(t[col] / r["inwoners"] * 100) if t is not None and r["inwoners"] else "–"

    unknown = int(r.get("onbekend", r.get("accommodaties_voor", 0) - r.get("kosten_bekend", 0)))
    costs = (f"{euro(r['kosten_voor'])} → {euro(r['kosten_na'])}" + (f" (+ {unknown} onbekend)" if unknown else "")
             if r.get("kosten_bekend", 1) else "onbekend")

    return {
        "Kern": r["kern"], "Inwoners": getal(r["inwoners"]), "Locatie": r["locatie"],
        "Accommodaties": f"{getal(r['accommodaties_voor'])} → {getal(r['accommodaties_na'])}",
        "m²": f"{getal(r['m2_voor'])} → {getal(r['m2_na'])}",
        "Exploitatielasten (€/jaar)": costs,
        "Reistijd (gem. min)": f"{getal(t['gem_voor'], 1)} → {getal(t['gem_na'], 1)}" if t is not None else "–",
        "Binnen norm": f"{cover('binnen_norm_voor')} → {cover('binnen_norm_na')}",
    }


def assumptions(area: Area) -> list[str]:
    """The fact sheet's assumptions: speeds, norms, data sources and methods, in Dutch."""
    cfg = area.config
    sp = cfg.snelheden
    lines = [
        f"Snelheden: lopen {getal(sp.lopen, 1)} km/u, fiets {getal(sp.fiets, 1)} km/u, "
        f"e-bike {getal(sp.ebike, 1)} km/u, auto volgens OSM-maxspeed (anders standaard per wegtype).",
        "Normen: " + "; ".join(f"{s}: {getal(n.minuten)} min {n.modus}" for s, n in cfg.normen.items()) + ".",
        "Reistijd: over het OpenStreetMap-netwerk (grootste samenhangende deel), van elk woongebouw naar de "
        "dichtstbijzijnde open accommodatie met die voorziening; aanloop in rechte lijn.",
        f"Kernen: CBS-definitie bevolkingskernen (woningen < {getal(cfg.kern.afstand_m)} m uit elkaar, "
        f"≥ {cfg.kern.min_adressen} adressen of ≥ {cfg.kern.min_inwoners} inwoners).",
        ("Inwoners: CBS Kerncijfers wijken en buurten 2022, per wijk verdeeld over de woongebouwen (naar woningen "
         "waar OpenStreetMap ze kent, anders naar vloeroppervlak); leeftijdsgroepen naar de aandelen van de wijk."
         if area.is_cbs else "Inwoners: OSM-inwonertallen waar bekend, anders geschat "
         f"({getal(area.meta.get('inwoners_per_woning') or 0, 2)} inwoners per geschatte woning)."),
        "Bezetting na bundeling: gebruik (bezettingsgraad × m²) verhuist met de voorzieningen naar de nieuwe locatie.",
        "Kerken, zorgpraktijken en hoger onderwijs vallen buiten het scenario (geen gemeentelijk bezit).",
        f"Gegevens: extract {Path(str(area.meta.get('extract', cfg.extract))).name}, "
        f"gebouwd {area.meta.get('gebouwd', '–')}.",
        *[f"Bron: {b}" for b in cfg.bronnen],
    ]
    return lines


def jaren_tabel(jev: JarenEvaluatie, jaren: list[int], cat: Catalogue) -> pd.DataFrame:
    """The per-year table of the feitenblad: inhabitants per age group, users per voorziening, knelpunten."""
    per = jev.per_jaar.set_index("jaar").loc[jaren]
    rows: dict[str, list[str]] = {"Inwoners": [getal(v) for v in per["inwoners"]]}
    for g in cat.leeftijdsgroepen:
        rows[f"  {g.label}"] = [getal(v) for v in per[f"leeftijd_{g.id}"]]
    for c in [c for c in per.columns if c.startswith("gebruikers_")]:
        rows[f"Gebruikers {cat.voorziening(c.removeprefix('gebruikers_')).label.lower()}"] = [getal(v) for v in per[c]]
    rows["Locaties met een knelpunt"] = [getal(v) for v in per["locaties_met_signaal"]]
    return pd.DataFrame({"Kengetal": list(rows), **{str(j): [rows[r][i] for r in rows] for i, j in enumerate(jaren)}})


def _toekomst_pages(pdf: PdfPages, area: Area, jev: JarenEvaluatie, bev: Bevolking, jaren: list[int]) -> None:
    cat = load_catalogue()
    t = area.config.toekomst
    note = (f"Basisjaar {bev.basisjaar}; knelpunt: bezetting boven 100%, (basisonderwijs) minder dan "
            f"{t.opheffingsnorm} leerlingen (opheffingsnorm) of (ontmoeting) minder dan {t.min_ontmoeting} gebruikers.")
    onder = ["Aannames: " + " ".join(bev.aannames), *bev.waarschuwingen,
             "Gebruikers: inwoners van de doelgroep × deelname, bij de dichtstbijzijnde locatie met die voorziening; "
             "fijnere leeftijdsgroepen (0–3, 4–11, 12–17, 75+) zijn afgeleid uit de CBS-groepen.",
             "Bezetting per jaar: de bezetting na bundeling, meebewegend met het aantal gebruikers van de locatie."]
    bron = attribution(area)
    if cat.leeftijdsopbouw is not None and any("landelijk" in b for b in bev.bron.values()):
        bron += f"; leeftijdsopbouw: {cat.leeftijdsopbouw.bron}"
    table_page(pdf, f"Toekomst — {jev.scenario.naam}, per jaar", jaren_tabel(jev, jaren, cat), note, bron,
                onder=onder)
    first = jev.eerste_probleem
    if len(first):
        names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
        table = pd.DataFrame({"Locatie": first["naam"], "Kern": first["kern"].map(lambda k: names.get(k, "–")),
                              "Voorziening": first["voorziening"].map(lambda v: cat.voorziening(v).label),
                              "Eerste jaar": first["eerste_jaar"].astype(int).astype(str),
                              "Knelpunt": first["signaal"]})
        table_page(pdf, f"Toekomst — {jev.scenario.naam}: eerste jaar dat het misgaat, per locatie", table,
                    "Over de jaren " + ", ".join(map(str, jaren)) + ".", attribution(area))


def export_feitenblad(
    area: Area, ctx: Context, scenario: Scenario, path: Path, date: dt.date | None = None,
    jaren: list[int] | None = None, bev: Bevolking | None = None, werksessie: tuple[Store, str] | None = None,
    curve: tuple[Curve, list[Punt], int | None] | None = None,
) -> Evaluation:
    """Write the feitenblad PDF of ``scenario``: map and totals, per-kern table, costs, who bears the burden, the
    years ahead ("Toekomst": ``jaren``, default the base year and 5, 10 and 15 years on; ``bev`` default the
    area's projection), the afwegingscurve (``(curve, scenario's beside it, chosen point)``, when given),
    "Wat we hoorden" in a werksessie (``(store, code)``, when given), assumptions."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise GebiedError("Het feitenblad is een PDF; kies een .pdf-bestand.", "The fact sheet is a PDF.", path)
    ev = evaluate(scenario, ctx)
    date = date or dt.date.today()
    t = ev.totaal
    years = sorted(set(jaren or standaard_jaren(area)))
    bev = bev if bev is not None and set(years) <= set(bev.jaren) else bevolking(area, years)
    jev = evaluate_jaren(scenario, ctx, bev, years)

    def writer(p: Path) -> None:
        meta = {**PDF_METADATA, "Title": f"Feitenblad {scenario.naam} — {area.config.naam}",
                "Subject": "Scenario 'één locatie per kern': kaart, kerncijfers per kern, toekomst en bereikbaarheid",
                "Keywords": "gebied; voorzieningen; raadsvoorstel; feitenblad", "Author": "gebied"}
        with PdfPages(p, metadata=meta) as pdf:
            layout = scenario_map(area, ev, "A4", True, date)
            fig = layout.fig
            fig.text(
                0.06,
                0.066,
                "Kerncijfers: "
                f"{getal(t['gesloten'])} van {getal(t['accommodaties_voor'])} accommodaties dicht · "
                f"{getal(t['m2_afgestoten'])} m² afgestoten · besparing {euro(t['besparing'])} per jaar"
                f"{' (bekende lasten)' if t.get('kosten_onbekend') else ''} · "
                f"{getal(t['verliest_voorziening_binnen_norm'])} inwoners verliezen een voorziening binnen de norm · "
                f"{t['kernen_verliezen_ontmoetingsplek']} kernen verliezen hun ontmoetingsplek · "
                f"{t['overbezette_locaties']} locaties overbezet",
                fontsize=6.5,
                wrap=True,
                va="top",
            )
            pdf.savefig(fig)
            table_page(pdf, f"{scenario.naam} — per kern, voor → na", kern_rows(ev),
                        "Reistijd en dekking: basisonderwijs per fiets; bedragen in euro per jaar; "
                        "alleen kernen die het scenario noemt, plus buitengebied en het totaal.", attribution(area))
            kosten_page(pdf, ev, ctx, attribution(area))
            rechtvaardigheid_page(pdf, ev, ctx, bev, years, attribution(area))
            if curve is not None:
                curve_page(pdf, *curve, bron=attribution(area))
            _toekomst_pages(pdf, area, jev, bev, years)
            if werksessie is not None:
                names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
                text_page(pdf, "Wat we hoorden", wat_we_hoorden(*werksessie, names=names),
                           f"Werkplaats; {attribution(area)} · {date.strftime('%d-%m-%Y')}")
            text_page(pdf, "Uitgangspunten", assumptions(area), f"{attribution(area)} · {date.strftime('%d-%m-%Y')}")

    write_atomic(path, writer)
    return ev


__all__ = ["export_feitenblad", "kern_rows", "assumptions", "jaren_tabel"]
