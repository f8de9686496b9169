"""Kern-profiel (dorpsscan): everything about one kern in a few tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue
from gebied.scenario.evaluate import Context, Evaluation


def kernprofiel(area: Area, ctx: Context, kern_id: str, evaluations: list[Evaluation] | None = None) -> dict:
    """A kern's population, accommodaties, travel times and what each scenario does to it.

    Returns
    -------
    dict
        ``naam``, ``gemeente``, ``inwoners``, ``bevolking_bron``, ``leeftijd`` (Series of
        inhabitants per age group, or None where unknown), ``accommodaties`` (table),
        ``reistijden`` (mean minutes per voorziening kind, walking and cycling, with the
        norm and the share of inhabitants within it), ``scenarios`` (one row per evaluation),
        ``cbs`` (:func:`cbs_vergelijking`, None outside a CBS area).
    """
    cat = ctx.catalogue
    k = area.kernen.set_index("kern_id").loc[kern_id]
    age_cols = [c for c in area.kernen.columns if c.startswith("leeftijd_")]
    leeftijd = k[age_cols].astype(float) if age_cols and k[age_cols].notna().any() else None
    acc = area.accommodaties[area.accommodaties["kern_id"] == kern_id]
    vz = area.voorzieningen.groupby("accommodatie_id")["voorziening"].agg(
        lambda s: ", ".join(cat.voorziening(v).label for v in s))
    acc_table = pd.DataFrame({
        "accommodatie": acc["naam"].to_numpy(),
        "categorie": [cat.categorie(c).label for c in acc["categorie"]],
        "m2": acc["m2"].to_numpy(), "exploitatielasten": acc["exploitatielasten"].to_numpy(),
        "bezettingsgraad": acc["bezettingsgraad"].to_numpy(), "staat": acc["staat"].to_numpy(),
        "voorzieningen": [vz.get(a, "") for a in acc["accommodatie_id"]],
    })
    rows = (ctx.points["kern_id"] == kern_id).to_numpy()
    w = ctx.points["inwoners"].to_numpy()[rows]
    times = []
    for s in ctx.soorten:
        norm = area.config.normen.get(s)
        row: dict[str, object] = {"voorziening": cat.voorziening(s).label}
        for modus in ctx.matrices:
            t = ctx.baseline[modus][s][rows]
            ok = np.isfinite(t)
            row[f"{modus}_min"] = (
                round(float(np.average(t[ok], weights=w[ok])), 1) if ok.any() and w[ok].sum() else np.nan
            )
        if norm is not None and norm.modus in ctx.matrices:
            t = ctx.baseline[norm.modus][s][rows]
            row["norm"] = f"{norm.minuten:g} min {norm.modus}"
            row["binnen_norm_pct"] = round(float(w[t <= norm.minuten].sum() / w.sum() * 100), 1) if w.sum() else np.nan
        times.append(row)
    scen = []
    for ev in evaluations or []:
        pk = ev.per_kern.set_index("kern_id").loc[kern_id]
        rt = ev.reistijd[(ev.reistijd["kern_id"] == kern_id) & (ev.reistijd["modus"] == "fiets")]
        delta = (rt["gem_na"] - rt["gem_voor"]).max() if len(rt) else np.nan
        scen.append({"scenario": ev.scenario.naam, "locatie": pk["locatie"],
                     "accommodaties_na": int(pk["accommodaties_na"]), "gesloten": int(pk["gesloten"]),
                     "besparing": pk["besparing"], "ontmoetingsplek": bool(pk["ontmoetingsplek"]),
                     "verliest_voorziening_binnen_norm": round(float(pk["verliest_voorziening_binnen_norm"]), 1),
                     "grootste_toename_reistijd_fiets_min": round(float(delta), 1) if np.isfinite(delta) else np.nan})
    return {"naam": k["naam"], "gemeente": k.get("gemeente"), "inwoners": int(k["inwoners"]),
            "bevolking_bron": k["bevolking_bron"], "leeftijd": leeftijd, "accommodaties": acc_table,
            "reistijden": pd.DataFrame(times), "scenarios": pd.DataFrame(scen),
            "cbs": cbs_vergelijking(area, kern_id, cat)}


def cbs_vergelijking(area: Area, kern_id: str, cat: Catalogue) -> pd.DataFrame | None:
    """The kern's age groups beside the CBS shares of its wijk and gemeente (None outside a CBS area).

    Columns: ``leeftijdsgroep``, ``kern_inwoners``, ``kern_pct``, ``wijk_pct``, ``gemeente_pct``; the
    wijk and gemeente names (with their CBS population) are in ``attrs``.
    """
    if not area.is_cbs or "wijk_code" not in area.kernen:
        return None
    k = area.kernen.set_index("kern_id").loc[kern_id]
    wijk = area.wijken.set_index("code").loc[k["wijk_code"]]
    gem = area.gemeenten.set_index("code").loc[k["gemeente_code"]]
    counts = np.array([float(k[g.kolom]) for g in cat.leeftijdsgroepen])
    out = pd.DataFrame({
        "leeftijdsgroep": [g.label for g in cat.leeftijdsgroepen], "kern_inwoners": counts.round(0),
        "kern_pct": (counts / counts.sum() * 100).round(1) if counts.sum() else np.nan,
        "wijk_pct": [float(wijk[g.cbs]) for g in cat.leeftijdsgroepen],
        "gemeente_pct": [float(gem[g.cbs]) for g in cat.leeftijdsgroepen]})
    out.attrs.update(wijk=str(wijk["name"]), wijk_inwoners=int(wijk["population"]), gemeente=str(gem["name"]),
                     gemeente_inwoners=int(gem["population"]))
    return out
