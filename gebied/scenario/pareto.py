"""Exact Pareto fronts of saving against coverage, for a region made of parts that do not share inhabitants.

Where no inhabitant can reach candidates of two parts within the norm and no kern spans two parts, the parts
are independent: a region's best choice for a required coverage is the cheapest combination of each part's own
best choices. So each part's *whole* front is enumerated exactly (small problems, quick to prove), and the
fronts are combined by adding them up and dropping dominated combinations — the region's exact front, without
one large problem whose near-identical parts make the proof of optimality slow.

A front is a list of points ``(cost, covered, keep)``: running cost (€ per year) of the kept candidates,
doelgroep inhabitants within the norm, and the kept candidates; sorted by cost, each covering more than the last.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from gebied.scenario.oplossen import solve_once, waarde
from gebied.scenario.vraag import Probleem, Vraag

Front = list[tuple[float, float, np.ndarray]]


def delen(p: Probleem, norm: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """The independent parts of ``p`` at ``norm``: (candidate positions, point positions) per part; points that
    reach no candidate within the norm belong to none (they are never covered)."""
    n_p, n_c = p.minutes.shape
    ui, cj = np.nonzero((p.minutes <= norm + 1e-9) & (p.doelgroep[:, None] > 0))
    rows, cols = [ui], [n_p + cj]
    for g in p.groups():
        rows.append(np.full(len(g), n_p + g[0]))
        cols.append(n_p + g)
    r, c = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(r)), (r, c)), shape=(n_p + n_c, n_p + n_c))
    _, label = connected_components(graph, directed=False)
    reach = np.zeros(n_p, dtype=bool)
    reach[ui] = True
    out = []
    for lab in np.unique(label[n_p:]):
        cand = np.flatnonzero(label[n_p:] == lab)
        out.append((cand, np.flatnonzero(reach & (label[:n_p] == lab))))
    return out


def deel(p: Probleem, cand: np.ndarray, pts: np.ndarray) -> Probleem:
    """The problem of one part: its points and candidates only."""
    return replace(p, minutes=p.minutes[np.ix_(pts, cand)], weights=p.weights[pts], doelgroep=p.doelgroep[pts],
                   point_kern=p.point_kern[pts], cand_kern=p.cand_kern[cand], cand_ids=p.cand_ids[cand],
                   kosten=p.kosten[cand], geschat=p.geschat[cand] if len(p.geschat) else p.geschat)


def _cheapest(p: Probleem, v: Vraag, covered: float) -> tuple[float, float, np.ndarray] | None:
    """The cheapest choice covering at least ``covered`` (and for that cost the most covered)."""
    cheap = v.zonder(doel="laagste_kosten", max_buiten_norm_pct=p.buiten_pct(covered))
    out = solve_once(p, cheap)
    if out.status != "Optimal":
        return None
    most = solve_once(p, v.zonder(doel="dekking", budget=waarde(p, cheap, out.keep) + 0.5))
    keep = most.keep if most.status == "Optimal" else out.keep
    return waarde(p, cheap, keep), waarde(p, v.zonder(doel="dekking"), keep), keep


def front(p: Probleem, v: Vraag) -> tuple[Front, int]:
    """The whole exact front of one part (costs in whole euros), from the most covered down; and solver runs.

    Each step asks the most coverage for less money than the last point, then the cheapest way to that
    coverage: every point is optimal for both objectives and none is skipped."""
    best = solve_once(p, v.zonder(doel="dekking"))
    runs = 1
    if best.status != "Optimal":
        return [], runs
    first = _cheapest(p, v, waarde(p, v.zonder(doel="dekking"), best.keep))
    runs += 2
    points: Front = [first] if first else []
    while points and points[-1][0] > 0:
        nxt = solve_once(p, v.zonder(doel="dekking", budget=points[-1][0] - 0.5))
        runs += 1
        if nxt.status != "Optimal":
            break
        found = _cheapest(p, v, waarde(p, v.zonder(doel="dekking"), nxt.keep))
        runs += 2
        if found is None or found[0] >= points[-1][0]:
            break
        points.append(found)
    return sorted(points, key=lambda q: q[0]), runs


def combine(fronts: list[Front], parts: list[np.ndarray], n_cand: int) -> Front:
    """The front of the whole from the fronts of independent parts (candidate positions ``parts``)."""
    whole: Front = [(0.0, 0.0, np.zeros(n_cand, dtype=bool))]
    for part, f in zip(parts, fronts):
        merged = []
        for c1, v1, k1 in whole:
            for c2, v2, k2 in f:
                keep = k1.copy()
                keep[part] |= k2
                merged.append((c1 + c2, v1 + v2, keep))
        merged.sort(key=lambda q: (q[0], -q[1]))
        whole = []
        for q in merged:  # keep a combination only when it covers more than every cheaper one
            if not whole or q[1] > whole[-1][1] + 1e-9:
                whole.append(q)
    return whole


def regio_front(p: Probleem, v: Vraag) -> tuple[Front, int] | None:
    """The exact front of ``p`` by its independent parts, or None where it has fewer than two sizeable parts or
    the question couples them (a number of locations, a budget, a kern median or worst-case time)."""
    if v.norm is None or any(x is not None for x in (v.aantal, v.budget, v.max_kern_mediaan, v.max_reistijd)):
        return None
    parts = delen(p, v.norm)
    if sum(len(c) > 2 for c, _ in parts) < 2:
        return None
    fronts, runs = [], 0
    for cand, pts in parts:
        sub = deel(p, cand, pts)
        kept = set(sub.cand_ids.tolist())
        f, r = front(sub, v.zonder(houden=tuple(a for a in v.houden if a in kept),
                                   sluiten=tuple(a for a in v.sluiten if a in kept)))
        if not f:
            return None  # a part without an answer: the whole question says why (see haalbaar)
        fronts.append(f)
        runs += r
    return combine(fronts, [c for c, _ in parts], len(p.cand_ids)), runs
