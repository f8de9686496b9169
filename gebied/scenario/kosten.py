"""Costs stated plainly: what closing saves per year, what moving costs once, and what is not known.

- **besparing**: the exploitatielasten (from the overrides) of the accommodaties that close, per year; only known
  costs count, and the closing accommodaties without known costs are counted and named as unknown, never as € 0;
- **eenmalig**: the one-off cost of moving voorzieningen: the m² of use that moves (bezettingsgraad × m² of the
  closing accommodatie, split over its voorzieningen; the whole m² where the bezettingsgraad is unknown) × the
  area's ``kosten.verhuizing_per_m2``; unknown when that rate or a moving accommodatie's m² is unknown;
- **over de horizon**: N years of savings minus the one-off cost (``kosten.horizon_jaren``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from gebied.core.fmt import euro, getal
from gebied.core.geheugen import per_object
from gebied.scenario.rules import candidates

if TYPE_CHECKING:
    from gebied.scenario.evaluate import Context, Evaluation


def lasten(acc: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each accommodatie's yearly running cost for the optimiser: the known exploitatielasten, else an estimate
    (m² × the median € per m² of the accommodaties whose both are known; the median cost where the m² is unknown
    too); returns (costs, estimated mask). NaN where nothing is known in the whole area."""
    cost = acc["exploitatielasten"].astype(float).to_numpy()
    m2 = acc["m2"].astype(float).to_numpy()
    known = np.isfinite(cost)
    both = known & np.isfinite(m2) & (m2 > 0)
    rate = float(np.median(cost[both] / m2[both])) if both.any() else np.nan
    typical = float(np.median(cost[known])) if known.any() else np.nan
    est = np.where(np.isfinite(m2) & np.isfinite(rate), m2 * rate, typical)
    return np.where(known, cost, est), ~known & np.isfinite(est)


def moved_m2(ev: Evaluation, ctx: Context) -> tuple[float, int]:
    """The m² of use moving to another location, and how many moves have no known m²."""
    acc = ctx.area.accommodaties.set_index("accommodatie_id")
    van = ev.moves.loc[ev.moves["naar"].notna(), "van"]
    m2 = van.map(acc["m2"].astype(float)).astype(float)
    occ = van.map(acc["bezettingsgraad"].astype(float)).astype(float)
    n_vz = van.map(ctx.area.voorzieningen.groupby("accommodatie_id").size()).fillna(1).clip(lower=1)
    known = m2.notna()
    share = (occ / 100.0).where(occ.notna(), 1.0)
    return float((m2 * share / n_vz)[known].sum()), int((~known).sum())


def overzicht(ev: Evaluation, ctx: Context) -> dict[str, float | int | None]:
    """The cost figures of one evaluated scenario (see the module docstring); None where a figure is unknown.

    Keys: ``besparing`` (€/year, known), ``gesloten_onbekend`` (closing accommodaties without known costs),
    ``lasten_voor``, ``lasten_na`` (€/year, known), ``open_onbekend`` (open without known costs),
    ``m2_verhuisd``, ``verhuizingen_onbekend``, ``eenmalig`` (€), ``horizon_jaren``, ``netto_horizon`` (€).
    """
    pk = ev.per_kern
    acc = ctx.area.accommodaties
    known = acc["exploitatielasten"].notna().to_numpy()
    scope = per_object(ctx.area, ("in-scope", frozenset(ctx.catalogue.scenario_categorieen())), lambda: acc[
        "accommodatie_id"].isin(candidates(ctx.area, ctx.catalogue)["accommodatie_id"]).to_numpy())  # every scenario's
    cfg = ctx.area.config.kosten
    m2, m2_unknown = moved_m2(ev, ctx)
    rate = cfg.verhuizing_per_m2
    once = None if rate is None else m2 * rate
    saving = float(pk["besparing"].sum())
    return {"besparing": saving, "gesloten_onbekend": int(ev.totaal["kosten_onbekend"]),
            "lasten_voor": float(pk["kosten_voor"].sum()), "lasten_na": float(pk["kosten_na"].sum()),
            "open_onbekend": int((ev.open_mask & scope & ~known).sum()),
            "m2_verhuisd": m2, "verhuizingen_onbekend": m2_unknown, "eenmalig": once,
            "horizon_jaren": cfg.horizon_jaren,
            "netto_horizon": None if once is None else saving * cfg.horizon_jaren - once}


def regels(k: dict, ctx: Context) -> list[tuple[str, str]]:
    """The cost figures as (label, text) rows in Dutch, unknowns named as such."""
    cfg = ctx.area.config.kosten
    onb = (f" + {k['gesloten_onbekend']} sluitende accommodaties met onbekende lasten"
           if k["gesloten_onbekend"] else "")
    na_onb = f" + onbekende lasten van {k['open_onbekend']} open accommodaties" if k["open_onbekend"] else ""
    part = (f" + {k['verhuizingen_onbekend']} verhuizingen met onbekende m² (kosten onbekend)"
            if k["verhuizingen_onbekend"] else "")
    eenmalig = ("onbekend: geen bedrag per m² ingesteld (kosten.verhuizing_per_m2)" if k["eenmalig"] is None else
                f"{euro(k['eenmalig'])} ({getal(k['m2_verhuisd'])} m² × {euro(cfg.verhuizing_per_m2)})" + part)
    netto = ("onbekend (eenmalige kosten onbekend)" if k["netto_horizon"] is None
             else f"{euro(k['netto_horizon'])} ({k['horizon_jaren']} × besparing − eenmalig)"
             + (" — onvolledig: niet alle bedragen zijn bekend" if onb or part else ""))
    return [("Besparing per jaar (bekende lasten)", euro(k["besparing"]) + onb),
            ("Exploitatielasten voor → na (bekend)", f"{euro(k['lasten_voor'])} → {euro(k['lasten_na'])}" + na_onb),
            ("Eenmalige verhuiskosten", eenmalig),
            (f"Netto over {k['horizon_jaren']} jaar", netto)]


def aannames(ctx: Context) -> list[str]:
    """The cost assumptions in words, for the page and the feitenblad."""
    cfg = ctx.area.config.kosten
    rate = ("niet ingesteld: eenmalige kosten onbekend" if cfg.verhuizing_per_m2 is None
            else f"{euro(cfg.verhuizing_per_m2)} per m² verhuisd gebruik")
    return ["Besparing: exploitatielasten uit de eigen gegevens van de gemeente van de accommodaties die sluiten; "
            "waar die onbekend zijn, staat 'onbekend' en telt het bedrag niet mee (nooit als € 0).",
            "Bij optimaliseren op kosten en op de afwegingscurve krijgt een accommodatie zonder bekende lasten een "
            "schatting: m² × de mediaan per m² van de accommodaties waarvan beide bekend zijn (de mediaan van de "
            "bekende lasten waar ook de m² onbekend is); zo'n bedrag heet 'geschat'.",
            "Verhuisd gebruik: bezettingsgraad × m² van de sluitende accommodatie, verdeeld over haar voorzieningen "
            "(het hele m² waar de bezettingsgraad onbekend is).",
            f"Eenmalige verhuiskosten: {rate}.",
            f"Horizon: {cfg.horizon_jaren} jaar besparing min de eenmalige kosten, zonder rente of indexatie."]


def bedrag(value: float | None) -> str:
    """A sum of money, or 'onbekend'."""
    return "onbekend" if value is None or (isinstance(value, float) and np.isnan(value)) else euro(value)
