"""Scenario generators: rule-based per kern, and optimal with HiGHS (highspy).

Optimal: choose the kept location per kern (one per kern, "één locatie per kern")
to minimise the population-weighted travel time of all inhabitants to their nearest
kept location (p-median), or to maximise the inhabitants within a travel-time norm
(maximal coverage). Capacity: a location must hold the use of everything bundled
into it (bezettingsgraad × m² of its kern) within the occupancy cap; where the data
are unknown the location is allowed.

Demand points that snap to the same network node differ in travel time only by their
own constant access time, so they are merged into one demand unit per node: the
optimum is the same, the model much smaller. Assignments to locations farther than
the farthest candidate of the unit's own kern are left out: a nearer kept location
always exists there (its kern keeps one), so this removes no optimal solution.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

import highspy
import numpy as np
import pandas as pd
from scipy import sparse

from gebied.area.model import Area
from gebied.core.errors import GebiedError
from gebied.scenario.evaluate import Context
from gebied.scenario.model import Scenario
from gebied.scenario.rules import candidates


@dataclass
class OptimumReport:
    """What the solver did: objective, bound, gap, time, model size."""

    status: str
    doel: str
    objective: float
    bound: float
    gap: float
    solve_s: float
    lp_integral: bool  # the linear relaxation's optimum was already integral (and so the optimum)
    n_vars: int
    n_rows: int
    n_units: int
    n_candidates: int
    uitgesloten_capaciteit: list[str]


@dataclass
class Instance:
    """A location problem: demand units, candidates, times, and the one-per-group rule."""

    weights: np.ndarray  # (n_units,)
    minutes: np.ndarray  # (n_units, n_cand)
    cand_ids: np.ndarray
    groups: list[np.ndarray]  # candidate positions that form one kern (exactly one kept)
    unit_group: np.ndarray  # group of each unit, -1 for none (buitengebied)
    p: int | None = None  # plain p-median: exactly p kept (when groups is empty)


def build_instance(ctx: Context, modus: str = "fiets", max_bezetting: float = 100.0,
                   gemeente: str | None = None) -> tuple[Instance, list[str]]:
    """The one-location-per-kern instance for ``modus`` (demand merged per network node).

    With ``gemeente``: that gemeente's kernen choose, for that gemeente's inhabitants; the rest of the
    region keeps what it has and is left out of the objective.
    """
    area = ctx.area
    mat = ctx.matrices[modus]
    cand = candidates(area, ctx.catalogue, gemeente)
    excluded = capacity_excluded(area, cand, max_bezetting)
    cand = cand[~cand["accommodatie_id"].isin(excluded)]
    col = {a: i for i, a in enumerate(mat.target_ids)}
    cols = np.array([col[a] for a in cand["accommodatie_id"]], dtype=int)
    from gebied.bereik.matrices import area_graph

    graph = area_graph(area, modus)
    node, snap = graph.snap(ctx.points[["x", "y"]].to_numpy())
    kern = ctx.points["kern_id"].fillna("").to_numpy()
    # merge points per (node, kern): identical choices, constant offset
    key = pd.DataFrame({"node": node, "kern": kern, "w": ctx.points["inwoners"].to_numpy(),
                        "row": np.arange(len(node))})
    if gemeente is not None:
        key = key[(ctx.points["gemeente"] == gemeente).to_numpy()]
    units = key.groupby(["node", "kern"], sort=False).agg(w=("w", "sum"), row=("row", "first")).reset_index()
    access = graph.modus.toegang_kmh / 3.6
    # time from the unit's node: strip the representative point's own access time
    rep = units["row"].to_numpy()
    minutes = (mat.columns(cols, rep) - (snap[rep] / access)[:, None]) / 60.0
    kern_ids = list(dict.fromkeys(cand["kern_id"]))
    groups = [np.flatnonzero(cand["kern_id"].to_numpy() == k) for k in kern_ids]
    gpos = {k: i for i, k in enumerate(kern_ids)}
    unit_group = np.array([gpos.get(k, -1) for k in units["kern"]], dtype=int)
    return Instance(units["w"].to_numpy(dtype=float), minutes, cand["accommodatie_id"].to_numpy(), groups,
                    unit_group), excluded


def capacity_excluded(area: Area, cand: pd.DataFrame, max_bezetting: float) -> list[str]:
    """Candidates too small to hold their kern's bundled use (bezettingsgraad × m²) within the cap (%).

    Only candidates with a known floor area are excluded; where no known candidate of a
    kern fits, the largest known one stays allowed (the evaluation flags it overbezet).
    """
    acc = area.accommodaties
    used = (acc["bezettingsgraad"].astype(float) / 100.0 * acc["m2"].astype(float))
    in_scope = acc["accommodatie_id"].isin(cand["accommodatie_id"])
    per_kern = used[in_scope].groupby(acc.loc[in_scope, "kern_id"]).sum(min_count=1)
    out = []
    for kern, rows in cand.groupby("kern_id"):
        need = per_kern.get(kern, np.nan)
        if not np.isfinite(need):
            continue
        m2 = rows["m2"].astype(float)
        small = m2.notna() & (m2 * max_bezetting / 100.0 < need)
        if small.all() or (small.sum() == m2.notna().sum() and m2.notna().any()):
            # no candidate with known floor area fits: keep the largest known one (it will show as overbezet)
            small &= m2 != m2.max()
        out += list(rows.loc[small, "accommodatie_id"])
    return out


def solve(inst: Instance, doel: Literal["reistijd", "dekking"] = "reistijd", norm: float | None = None,
          time_limit: float = 60.0) -> tuple[np.ndarray, OptimumReport]:
    """Solve a location instance with HiGHS; returns the chosen candidate mask and a report.

    The report's ``objective`` is the population-weighted travel time (minutes × inhabitants)
    for ``reistijd`` or the inhabitants covered for ``dekking``; ``bound`` is the solver's bound.

    ``reistijd``: minimise Σ w·t over assignments to kept locations (p-median).
    ``dekking``: maximise the weight within ``norm`` minutes of a kept location
    (maximal coverage), ties broken towards shorter travel times.
    """
    if doel == "dekking" and norm is None:
        raise GebiedError("Voor doel 'dekking' is een norm (minuten) nodig.", "Objective 'dekking' needs a norm.")
    n_u, n_c = inst.minutes.shape
    t = inst.minutes
    ui, cj = np.nonzero(_allowed(inst))
    lp = _model(inst, doel, norm, ui, cj)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", 1)
    t0 = time.perf_counter()
    # the linear relaxation first: where its optimum keeps whole locations it is the optimum (no integer
    # solution is better than the relaxation's), and it is found without the MIP's presolve (about half the
    # time on the default area, where every question so far relaxed to whole locations)
    integrality = lp.integrality_
    lp.integrality_ = []
    h.passModel(lp)
    h.run()
    x_lp = np.array(h.getSolution().col_value[:n_c])
    lp_integral = (h.getModelStatus() == highspy.HighsModelStatus.kOptimal
                   and bool(np.all(np.minimum(x_lp, 1.0 - x_lp) <= 1e-6)))
    if not lp_integral:
        lp.integrality_ = integrality
        h.passModel(lp)
        h.setOptionValue("time_limit", max(float(time_limit) - (time.perf_counter() - t0), 1.0))
        h.run()
    solve_s = time.perf_counter() - t0
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    if status not in ("Optimal", "Time limit reached") or info.primal_solution_status < 2:
        raise GebiedError(f"De optimalisatie vond geen oplossing ({status}).",
                          f"The optimisation found no solution ({status}).")
    x = (x_lp if lp_integral else np.array(h.getSolution().col_value[:n_c])) > 0.5
    best = t[:, x].min(axis=1) if x.any() else np.full(n_u, np.inf)
    # the objective of the chosen locations, exactly (without the tie-break term of 'dekking')
    exact = float(np.dot(inst.weights, best)) if doel == "reistijd" else float(inst.weights[best <= norm].sum())
    scale = 1.0 if doel == "reistijd" else -1.0
    bound = info.objective_function_value if lp_integral else info.mip_dual_bound
    report = OptimumReport(status=status, doel=doel, objective=exact, bound=scale * bound,
                           gap=0.0 if lp_integral else float(info.mip_gap), solve_s=solve_s,
                           lp_integral=lp_integral, n_vars=lp.num_col_, n_rows=lp.num_row_,
                           n_units=n_u, n_candidates=n_c, uitgesloten_capaciteit=[])
    return x, report


def _allowed(inst: Instance) -> np.ndarray:
    """Assignments worth a variable: reachable, and not farther than the farthest candidate of the unit's own
    kern (a nearer kept location always exists there, see the module docstring)."""
    t = inst.minutes
    allowed = np.isfinite(t)
    if inst.groups:
        n_u = t.shape[0]
        grp_max = np.array([t[:, g].max(axis=1) for g in inst.groups]).T  # (n_u, n_groups)
        bound = np.where(inst.unit_group >= 0, grp_max[np.arange(n_u), np.maximum(inst.unit_group, 0)],
                         grp_max.min(axis=1))
        allowed &= t <= bound[:, None] + 1e-9
    return allowed


def _model(inst: Instance, doel: str, norm: float | None, ui: np.ndarray, cj: np.ndarray) -> highspy.HighsLp:
    """The MIP: binaries x (keep candidate), continuous y (unit → candidate) for the allowed pairs (ui, cj)."""
    n_u, n_x = inst.minutes.shape
    n_y = len(ui)
    t = inst.minutes[ui, cj]
    w = inst.weights[ui]
    cost = np.zeros(n_x + n_y)
    cost[n_x:] = w * t if doel == "reistijd" else -w * (t <= norm) + 1e-6 * w * t
    y = n_x + np.arange(n_y)
    # each unit assigned once; y <= x
    rows = [ui, n_u + np.arange(n_y), n_u + np.arange(n_y)]
    cols = [y, y, cj]
    vals = [np.ones(n_y), np.ones(n_y), -np.ones(n_y)]
    lo = [np.ones(n_u), np.full(n_y, -np.inf)]
    hi = [np.ones(n_u), np.zeros(n_y)]
    r = n_u + n_y
    # exactly one kept location per kern, or exactly p in all
    for g in inst.groups if inst.groups else []:
        rows.append(np.full(len(g), r))
        cols.append(np.asarray(g))
        vals.append(np.ones(len(g)))
        lo.append(np.ones(1))
        hi.append(np.ones(1))
        r += 1
    if inst.p is not None:
        rows.append(np.full(n_x, r))
        cols.append(np.arange(n_x))
        vals.append(np.ones(n_x))
        lo.append(np.full(1, float(inst.p)))
        hi.append(np.full(1, float(inst.p)))
        r += 1
    A = sparse.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(r, n_x + n_y))
    lp = highspy.HighsLp()
    lp.num_col_ = n_x + n_y
    lp.num_row_ = r
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(n_x + n_y)
    lp.col_upper_ = np.ones(n_x + n_y)
    lp.row_lower_ = np.concatenate(lo)
    lp.row_upper_ = np.concatenate(hi)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = A.indptr
    lp.a_matrix_.index_ = A.indices
    lp.a_matrix_.value_ = A.data
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_x + [highspy.HighsVarType.kContinuous] * n_y
    return lp


def optimal_scenario(ctx: Context, doel: Literal["reistijd", "dekking"] = "reistijd", modus: str = "fiets",
                     norm: float | None = None, max_bezetting: float = 100.0,
                     naam: str | None = None, gemeente: str | None = None) -> tuple[Scenario, OptimumReport]:
    """The optimal one-location-per-kern scenario (HiGHS) of the area or one ``gemeente``, with the solver's report."""
    inst, excluded = build_instance(ctx, modus, max_bezetting, gemeente)
    x, report = solve(inst, doel, norm)
    report.uitgesloten_capaciteit = excluded
    chosen = inst.cand_ids[x]
    kern_of = dict(zip(ctx.area.accommodaties["accommodatie_id"], ctx.area.accommodaties["kern_id"]))
    what = "kortste reistijd" if doel == "reistijd" else f"meeste inwoners binnen {norm:g} min"
    return Scenario(naam=naam or f"Optimaal: {what} ({modus})" + (f", {gemeente}" if gemeente else ""),
                    gebied=ctx.area.config.id, bron="optimaal", gemeente=gemeente,
                    beschrijving=f"Per kern de locatie die samen de {what} geeft ({modus}); HiGHS, "
                                 f"gap {report.gap:.2%}, {report.solve_s:.1f} s.",
                    kernen={kern_of[a]: a for a in chosen}), report
