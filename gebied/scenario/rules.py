"""Rule-based scenario's: per kern keep the accommodatie that scores best on one plain rule."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gebied.area.model import Area
from gebied.bereik.interface import Bereik
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.errors import GebiedError
from gebied.scenario.evaluate import Context
from gebied.scenario.model import Scenario

REGELS = {
    "grootste": "de grootste accommodatie (m²)",
    "centraalst": "de accommodatie met de kortste totale looptijd voor de eigen inwoners",
    "goedkoopst": "de laagste exploitatielasten per m²",
    "beste_staat": "de beste bouwkundige staat (daarna de grootste)",
}


_STAAT = {"goed": 0, "redelijk": 1, "matig": 2, "slecht": 3}


def candidates(area: Area, catalogue: Catalogue | None = None, gemeente: str | None = None) -> pd.DataFrame:
    """Accommodaties a scenario may keep or close: in scope of scenario's and inside a kern (of ``gemeente``)."""
    catalogue = catalogue or load_catalogue()
    acc = area.accommodaties
    sel = acc["categorie"].isin(catalogue.scenario_categorieen()) & acc["kern_id"].notna()
    if gemeente is not None:
        kernen = area.kernen.loc[area.kernen["gemeente"] == gemeente, "kern_id"]
        if kernen.empty:
            raise GebiedError(f"Gemeente '{gemeente}' heeft geen kernen in dit gebied.",
                              f"Gemeente '{gemeente}' has no kernen in this area.")
        sel &= acc["kern_id"].isin(kernen)
    return acc[sel].copy()


def own_minutes(mat: Bereik, points: pd.DataFrame, cand: pd.DataFrame) -> np.ndarray:
    """Per accommodatie of ``cand`` (columns ``accommodatie_id``, ``kern_id``): the inhabitant-minutes of its own
    kern's demand points (``points``: ``kern_id``, ``inwoners``, in ``mat``'s row order) to it. All kernen's pairs
    are looked up in one call (a province: ~1,250 accommodaties, ~160,000 pairs)."""
    rows_of = points.groupby("kern_id", sort=False).indices
    none = np.array([], dtype=np.int64)
    own = [rows_of.get(kern, none) for kern in cand["kern_id"]]
    sizes = np.array([len(r) for r in own], dtype=np.int64)
    rows = np.concatenate([none, *own])
    cols = np.repeat(mat.columns_of(cand["accommodatie_id"]), sizes)
    weighted = points["inwoners"].to_numpy(dtype=float)[rows] * mat.pairs(rows, cols) / 60.0
    return np.bincount(np.repeat(np.arange(len(cand)), sizes), weights=weighted, minlength=len(cand))


def rule_scenario(ctx: Context, regel: str, naam: str | None = None, gemeente: str | None = None) -> Scenario:
    """Per kern (of ``gemeente``, default all) keep the accommodatie that scores best on ``regel`` (:data:`REGELS`)."""
    if regel not in REGELS:
        raise GebiedError(f"Onbekende regel '{regel}'; kies uit {', '.join(REGELS)}.",
                          f"Unknown rule '{regel}'; choose from {', '.join(REGELS)}.")
    area = ctx.area
    cand = candidates(area, ctx.catalogue, gemeente)
    cand["m2_"] = cand["m2"].astype(float).fillna(0.0)
    if regel == "grootste":
        cand["score"] = -cand["m2_"]
    elif regel == "goedkoopst":
        per = cand["exploitatielasten"].astype(float) / cand["m2"].astype(float)
        cand["score"] = per.fillna(np.inf)
    elif regel == "beste_staat":
        cand["score"] = cand["staat"].map(_STAAT).fillna(9) * 1e9 - cand["m2_"]
    else:  # centraalst
        mat = ctx.matrices["lopen"] if "lopen" in ctx.matrices else next(iter(ctx.matrices.values()))
        cand["score"] = own_minutes(mat, ctx.points, cand)
    best = cand.sort_values(["kern_id", "score", "accommodatie_id"]).groupby("kern_id").head(1)
    return Scenario(naam=naam or f"Regel: {regel}" + (f" ({gemeente})" if gemeente else ""),
                    gebied=area.config.id, bron="regel", gemeente=gemeente,
                    beschrijving=f"Per kern blijft {REGELS[regel]}.",
                    kernen=dict(zip(best["kern_id"], best["accommodatie_id"])))
