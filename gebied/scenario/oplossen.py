"""Solving one question once: its model (:func:`build`), one solve (:func:`solve_once`), the bisection of
``kleinste_maximum`` (:func:`minimax`), and the value of an objective for a set of kept locations (:func:`waarde`).

``kleinste_maximum`` (p-center) is found by bisection over the distinct travel times: the smallest time T for
which "everyone (or each kern's median) within T" can be met under the other constraints; each step is a
covering problem, much smaller than the classic p-center model.
"""

from __future__ import annotations

import numpy as np

from gebied.scenario.mip import INF, Model, Uitkomst
from gebied.scenario.vraag import Probleem, Vraag


def nearest(p: Probleem, keep: np.ndarray) -> np.ndarray:
    """Minutes from every point to its nearest kept candidate (``inf`` where none is reachable)."""
    return p.minutes[:, keep].min(axis=1) if keep.any() else np.full(len(p.minutes), np.inf)


def kern_medians(p: Probleem, t: np.ndarray) -> np.ndarray:
    """Each kern's median of ``t`` over the doelgroep (NaN for a kern without it)."""
    from gebied.scenario.rechtvaardigheid import weighted_quantile

    n = max(len(p.kern_namen), int(p.point_kern.max()) + 1 if len(p.point_kern) else 0)
    out = np.full(n, np.nan)
    for k in np.unique(p.point_kern[p.point_kern >= 0]):
        sel = p.point_kern == k
        if p.doelgroep[sel].sum() > 0:
            out[k] = weighted_quantile(t[sel], p.doelgroep[sel], 0.5)
    return out


def waarde(p: Probleem, v: Vraag, keep: np.ndarray) -> float:
    """The value of ``v``'s objective for kept candidates ``keep``, in its own unit: minutes × inhabitants
    (``reistijd``), doelgroep inhabitants within the norm (``dekking``), locations, € per year (known costs), or
    minutes (``kleinste_maximum``)."""
    t = nearest(p, keep)
    if v.doel == "reistijd":
        ok = np.isfinite(t)
        return float(np.dot(p.weights[ok], t[ok]))
    if v.doel == "dekking":
        return float(p.doelgroep[t <= (v.norm or 0) + 1e-9].sum())
    if v.doel == "minste_locaties":
        return float(keep.sum())
    if v.doel == "laagste_kosten":
        return float(np.nansum(p.kosten[keep]))
    if v.maximum_over == "kernmediaan":
        med = kern_medians(p, t)
        return float(np.nanmax(med)) if (~np.isnan(med)).any() else float("nan")
    return float(t[p.doelgroep > 0].max()) if (p.doelgroep > 0).any() else 0.0


def build(p: Probleem, v: Vraag, objective: bool = True, binnen: np.ndarray | None = None) -> tuple[Model, bool]:
    """The model of ``v`` over ``p``; False when a constraint is plainly impossible (a point beyond reach).

    ``binnen``: points that must stay within ``v.norm`` of a kept location (a tie-break keeps what the optimum
    reaches)."""
    lo, hi = np.zeros(len(p.cand_ids)), np.ones(len(p.cand_ids))
    lo[p.positions(v.houden)] = 1.0
    hi[p.positions(v.sluiten)] = 0.0
    m = Model(p, v, lo, hi)
    m.structure(v.aantal, v.budget)
    d = p.doelgroep
    if v.norm is not None and (v.doel == "dekking" or v.max_buiten_norm_pct is not None):
        cols, w, _ = m.dekking(v.norm, d)
        if v.max_buiten_norm_pct is not None:
            m.row((1.0 - v.max_buiten_norm_pct / 100.0) * d.sum() - 1e-7 * max(d.sum(), 1.0), INF, cols, w)
        if objective and v.doel == "dekking":
            m.h.changeColsCost(len(cols), cols.astype(np.int32), -w)
    if v.max_kern_mediaan is not None:
        inkern = p.point_kern >= 0
        cols, w, k = m.dekking(v.max_kern_mediaan, np.where(inkern, d, 0.0), p.point_kern)
        total = np.bincount(p.point_kern[inkern], weights=d[inkern])
        for kern in np.flatnonzero(total > 0):
            sel = k == kern
            m.row(0.5 * total[kern] * (1.0 - 1e-9), INF, cols[sel], w[sel])
    possible = True
    if v.max_reistijd is not None:
        possible = m.all_within(v.max_reistijd, d)
    if binnen is not None and v.norm is not None:
        possible &= m.all_within(v.norm, binnen.astype(float))
    if objective and v.doel == "reistijd":
        m.assignment()
    elif objective and v.doel in ("minste_locaties", "laagste_kosten"):
        cost = np.ones(m.n_c) if v.doel == "minste_locaties" else np.nan_to_num(p.kosten, nan=0.0)
        m.h.changeColsCost(m.n_c, np.arange(m.n_c, dtype=np.int32), cost)
    return m, possible


def solve_once(p: Probleem, v: Vraag, time_limit: float = 60.0, objective: bool = True,
               start: np.ndarray | None = None, binnen: np.ndarray | None = None) -> Uitkomst:
    """One solve of ``v`` (no tie-break, no diagnosis); ``start``: kept candidates known to meet ``v``;
    ``binnen``: see :func:`build`."""
    m, possible = build(p, v, objective, binnen)
    if not possible:
        return Uitkomst("Infeasible", np.zeros(len(p.cand_ids), dtype=bool), np.nan, np.nan, True,
                        m.h.getNumCol(), m.h.getNumRow(), m.units)
    return m.run(time_limit, start)


def minimax(p: Probleem, v: Vraag, time_limit: float) -> tuple[Uitkomst, float, int]:
    """``kleinste_maximum`` by bisection over the distinct times: (the last feasible solve, T*, solver runs)."""
    over_kern = v.maximum_over == "kernmediaan"
    first = solve_once(p, v, time_limit, objective=False)
    if first.status != "Optimal":
        return first, np.nan, 1
    upper = waarde(p, v.zonder(doel="kleinste_maximum"), first.keep)
    d = p.doelgroep > 0
    rows = d & (p.point_kern >= 0) if over_kern else d
    values = np.unique(np.round(p.minutes[rows][np.isfinite(p.minutes[rows])], 9))
    lo = 0
    if not over_kern:  # nobody gets nearer than their nearest allowed candidate
        allowed = np.ones(len(p.cand_ids), dtype=bool)
        allowed[p.positions(v.sluiten)] = False
        lo = int(np.searchsorted(values, nearest(p, allowed)[rows].max() - 1e-9))
    hi = int(np.searchsorted(values, upper - 1e-9))
    best, runs = first, 1
    while lo < hi:
        mid = (lo + hi) // 2
        probe = v.zonder(**({"max_kern_mediaan": values[mid]} if over_kern else {"max_reistijd": values[mid]}))
        out = solve_once(p, probe, time_limit, objective=False)
        runs += 1
        if out.status == "Optimal":
            hi, best = mid, out
        else:
            lo = mid + 1
    return best, float(values[hi]) if len(values) else upper, runs


