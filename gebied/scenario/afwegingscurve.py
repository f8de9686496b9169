"""The afwegingscurve: the exact trade-off between what closing saves and who stays within the norm.

Two objectives: the **besparing** (known exploitatielasten of the locations that close, € per year) and the
**share of a doelgroep within the norm** of a kept location. The curve is their Pareto front, computed by the
ε-constraint method: for each required share ε between the two ends, the largest saving that keeps at least ε
of the doelgroep within the norm, then (lexicographically) the largest share for that saving — so every point is
optimal for both objectives and no point is dominated. Each point is a scenario. A region whose parts share no
inhabitants is answered part by part and the parts' exact fronts are added up (:mod:`gebied.scenario.pareto`).

Rule-based and hand-made scenario's are measured the same way (:func:`meet`) and drawn beside the curve, so the
raad sees how far a proposal lies from the best possible.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gebied.scenario.evaluate import Context, evaluate
from gebied.scenario.model import Scenario
from gebied.scenario.oplossen import waarde
from gebied.scenario.optimise import beschrijf, los_op, to_scenario
from gebied.scenario.pareto import regio_front
from gebied.scenario.vraag import Probleem, Vraag, probleem

#: Points on the curve: what the issue of the raad asks, 10–20.
PUNTEN = 15


@dataclass
class Punt:
    """One scenario on (or beside) the curve, with both objectives."""

    naam: str
    besparing: float  # € per year, known costs and estimates (see gebied.scenario.kosten.lasten)
    geschat: float  # the estimated part of the saving
    binnen_norm_pct: float  # % of the doelgroep within the norm of a kept location
    locaties: int
    gesloten_onbekend: int  # closing accommodaties without known costs and without an estimate
    scenario: Scenario
    bron: str = "optimaal"  # optimaal, regel, handmatig


@dataclass
class Curve:
    """The Pareto front of one question, best share first, and how it was computed."""

    punten: list[Punt]
    vraag: Vraag
    modus: str
    doelgroep: str | None
    solve_s: float
    oplossingen: int
    probleem: Probleem = field(repr=False)

    def tabel(self, extra: list[Punt] | None = None) -> pd.DataFrame:
        """The points (and ``extra`` scenario's measured the same way) as a table."""
        rows = [{"nr": i + 1 if p.bron == "optimaal" else "", "naam": p.naam, "bron": p.bron,
                 "besparing_per_jaar": p.besparing, "waarvan_geschat": p.geschat,
                 "binnen_norm_pct": p.binnen_norm_pct, "locaties": p.locaties,
                 "gesloten_zonder_lasten": p.gesloten_onbekend}
                for i, p in enumerate([*self.punten, *(extra or [])])]
        return pd.DataFrame(rows)


def meet(ctx: Context, p: Probleem, scenario: Scenario, norm: float, bron: str = "optimaal") -> Punt:
    """A scenario's place on the chart: its saving (the running costs of the accommodaties it closes, known or
    estimated) and the share of ``p``'s doelgroep within ``norm`` of a location it keeps."""
    from gebied.scenario.kosten import lasten

    ev = evaluate(scenario, ctx)
    acc = ctx.area.accommodaties
    cost, estimated = lasten(acc)
    closed = ~ev.open_mask & np.isfinite(cost)
    open_ids = set(acc["accommodatie_id"][ev.open_mask])
    keep = np.array([a in open_ids for a in p.cand_ids.tolist()], dtype=bool)
    total = float(p.doelgroep.sum())
    share = 100.0 * waarde(p, Vraag("dekking", norm=norm), keep) / total if total > 0 else 0.0
    return Punt(scenario.naam, float(cost[closed].sum()), float(cost[closed & estimated].sum()), share,
                int(keep.sum()), int((~ev.open_mask & ~np.isfinite(cost)).sum()), scenario, bron)


def afwegingscurve(ctx: Context, vraag: Vraag, modus: str = "fiets", doelgroep: str | None = None,
                   gemeente: str | None = None, punten: int = PUNTEN, p: Probleem | None = None) -> Curve:
    """The exact afwegingscurve of ``vraag`` (its norm, kern rule, fixed choices and other constraints; its
    objective is replaced by the two of the curve), with ``punten`` values of ε (10–20), as scenario's.

    Raises
    ------
    GebiedError
        The question without a norm, or constraints that leave no solution (which, and by how much).
    """
    v = vraag.zonder(doel="dekking")
    v.check()
    t0 = time.perf_counter()
    p = p or probleem(ctx, modus, doelgroep, gemeente)
    parts = regio_front(p, vraag.zonder(max_buiten_norm_pct=None))
    if parts is not None:  # independent parts: their exact fronts, added up
        keeps, runs = _from_front(p, parts[0], vraag, punten), parts[1]
    else:
        keeps, runs = _epsilon(p, v, vraag, punten)
    unique = list({k.tobytes(): k for k in keeps}.values())
    what = beschrijf(vraag.zonder(doel="laagste_kosten"), modus, doelgroep)
    pts = []
    for i, k in enumerate(unique):
        sc = to_scenario(ctx, p, k, f"Afweging {i + 1}", f"Punt op de afwegingscurve: {what}", gemeente)
        pts.append(meet(ctx, p, sc, float(v.norm or 0)))
    pts.sort(key=lambda q: (-q.binnen_norm_pct, q.besparing))
    for i, q in enumerate(pts):
        q.naam = q.scenario.naam = f"Afweging {i + 1}: {q.binnen_norm_pct:.0f} % binnen de norm"
    return Curve(pts, vraag, modus, doelgroep, time.perf_counter() - t0, runs, p)


def _epsilon(p: Probleem, v: Vraag, vraag: Vraag, punten: int) -> tuple[list[np.ndarray], int]:
    """The ε-constraint method on the whole problem: the two ends, then the largest saving for each ε."""
    best, rep = los_op(p, v, tiebreak=False)  # the end with the largest share (then, below, its largest saving)
    top = waarde(p, v, best)
    runs = rep.oplossingen
    cheap = v.zonder(doel="laagste_kosten")
    keep, rep = los_op(p, cheap)  # the other end: the largest saving, then the most within the norm
    runs += rep.oplossingen
    low = waarde(p, v, keep)
    keeps = [keep]
    for eps in np.linspace(low, top, max(int(punten), 2))[1:]:
        keep, rep = los_op(p, cheap.zonder(max_buiten_norm_pct=min(p.buiten_pct(eps),
                                                                    vraag.max_buiten_norm_pct or 100.0)))
        runs += rep.oplossingen
        keeps.append(keep)
    return keeps, runs


def _from_front(p: Probleem, whole: list, vraag: Vraag, punten: int) -> list[np.ndarray]:
    """The points of an exact front (cheapest first) at ``punten`` values of ε between its ends."""
    total = float(p.doelgroep.sum())
    need = (1.0 - (vraag.max_buiten_norm_pct or 100.0) / 100.0) * total - 1e-7 * max(total, 1.0)
    whole = [q for q in whole if q[1] >= need]
    if not whole:
        from gebied.scenario.haalbaar import diagnose

        raise diagnose(p, vraag.zonder(doel="laagste_kosten"))
    covered = np.array([q[1] for q in whole])
    out = []
    for eps in np.linspace(covered[0], covered[-1], max(int(punten), 2)):
        out.append(whole[int(np.searchsorted(covered, eps - 1e-7 * max(total, 1.0)))][2])
    return out
