"""The optimiser's model: one mixed-integer program per :class:`~gebied.scenario.vraag.Vraag`, solved exactly by HiGHS.

Variables: ``x_j`` keeps candidate j (binary); ``z_u`` (0–1) a group of points that lies within a threshold of a
kept location; ``y_uj`` (0–1) assigns a group of points to a kept location, for the travel-time objective.

Two reductions keep the model small without changing its optimum:

- coverage counts points by *pattern*: points that reach the same candidates within the threshold (and lie in
  the same kern, where kernen are counted) form one group;
- travel time counts points by *offset*: points whose times to every candidate differ by one constant (they
  share a network node) form one group, the constant is added back.

The assignment part is priced in (column generation): it starts with each group's five nearest candidates and
adds an assignment only where the linear relaxation's duals show it would lower the objective. When the
relaxation keeps whole locations, it is the optimum; else the MIP is solved over every assignment whose reduced
cost is below the gap between the relaxation and a first whole solution — no assignment outside can be part of
a better one (reduced-cost argument), so the answer is exact.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from gebied.scenario.vraag import Probleem, Vraag

INF = highspy.kHighsInf
START_COLUMNS = 5


@dataclass
class OptimumReport:
    """What the solver did: objective, bound, gap, time, model size, and notes in Dutch."""

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
    uitgesloten_capaciteit: list[str] = field(default_factory=list)
    oplossingen: int = 1  # solver runs (bisection steps, tie-break stage)
    opmerkingen: list[str] = field(default_factory=list)


@dataclass
class Uitkomst:
    """One solve: status, the kept candidates, objective and bound (minimised form), and the model size."""

    status: str
    keep: np.ndarray
    objective: float
    bound: float
    lp_integral: bool
    n_vars: int
    n_rows: int
    n_units: int


def offset_units(minutes: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group points whose times differ by a constant: (representative row, group of each kept point, offset of
    each point); points without weight or without any reachable candidate get group -1."""
    nearest = minutes.min(axis=1) if minutes.shape[1] else np.full(len(minutes), np.inf)  # inf: unreachable
    ok = np.isfinite(nearest) & (weights > 0)
    offset = np.where(ok, nearest, 0.0)
    norm = minutes[ok]  # a copy, changed in place below: a province's is ~1 GB
    norm -= offset[ok, None]
    first, inv = same_rows(np.round(norm, 6, out=norm))
    group = np.full(len(minutes), -1, dtype=np.int64)
    group[ok] = inv
    return np.flatnonzero(ok)[first], group, offset


#: Rows a step of :func:`same_rows` hashes or compares (bounds its temporary arrays: 8,192 × columns × 8 bytes).
RIJEN_PER_STAP = 8192


def row_keys(a: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each row's bits (a float64, C-contiguous matrix): Σ bits × odd multiplier, modulo 2⁶⁴
    (-0.0 counted as 0.0, equal as they are)."""
    mult = np.random.default_rng(20261203).integers(1, 2**63, a.shape[1], dtype=np.uint64) | np.uint64(1)
    return np.concatenate([np.zeros(0, dtype=np.uint64)] +
                          [((a[s:s + RIJEN_PER_STAP] + 0.0).view(np.uint64) * mult).sum(axis=1, dtype=np.uint64)
                           for s in range(0, len(a), RIJEN_PER_STAP)])


def same_rows(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Equal rows of a float matrix: (first row of each group, group of each row), groups in order of their first
    row. Rows are grouped by a 64-bit hash of their bits, then checked against their group's first row; only if
    two different rows shared a hash is the exact ``np.unique(axis=0)`` run. The hash makes a province's
    grouping (~117,000 × 1,250) take ~1.5 s instead of ~10 s of sorting whole rows."""
    a = np.ascontiguousarray(a, dtype=np.float64)
    if len(a) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    _, first, inv = np.unique(row_keys(a), return_index=True, return_inverse=True)
    inv = inv.ravel()
    if not all(np.array_equal(a[s:s + RIJEN_PER_STAP], a[first[inv[s:s + RIJEN_PER_STAP]]], equal_nan=True)
               for s in range(0, len(a), RIJEN_PER_STAP)):
        _, first, inv = np.unique(a, axis=0, return_index=True, return_inverse=True)
        inv = inv.ravel()
    order = np.argsort(first, kind="stable")  # groups in order of their first row
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return first[order], rank[inv]


def pattern_units(covered: np.ndarray, weights: np.ndarray, key: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group points (with weight) that reach the same candidates: (coverage of each group, its weight, its key)."""
    ok = weights > 0
    packed = np.packbits(covered[ok], axis=1)
    k = np.zeros(ok.sum(), dtype=np.int64) if key is None else key[ok]
    both = np.concatenate([k[:, None].view(np.uint8).reshape(len(k), 8), packed], axis=1)
    _, first, inv = np.unique(both, axis=0, return_index=True, return_inverse=True)
    inv = inv.ravel()
    return covered[ok][first], np.bincount(inv, weights=weights[ok]), k[first]


class Model:
    """A HiGHS model of one question over one problem (see the module docstring)."""

    def __init__(self, p: Probleem, v: Vraag, lo: np.ndarray, hi: np.ndarray) -> None:
        self.p, self.v = p, v
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("threads", 1)
        self.h.setOptionValue("mip_rel_gap", 0.0)  # proven optimal, not within HiGHS's default 0.01 %
        self.n_c = p.minutes.shape[1]
        self.h.addVars(self.n_c, lo.astype(float), hi.astype(float))
        self.const = 0.0
        self.units = 0
        self.y: dict | None = None

    # ---------------------------------------------------------------- rows on x and z
    def row(self, lower: float, upper: float, cols: np.ndarray, vals: np.ndarray) -> None:
        self.h.addRow(float(lower), float(upper), len(cols), np.asarray(cols, dtype=np.int32),
                      np.asarray(vals, dtype=float))

    def structure(self, aantal: int | None, budget: float | None) -> None:
        """The kern rule, the number of locations and the budget."""
        if self.v.per_kern != "vrij":
            low = 1.0 if self.v.per_kern == "precies" else -INF
            for g in self.p.groups():
                self.row(low, 1.0, g, np.ones(len(g)))
        if aantal is not None:
            self.row(-INF, aantal, np.arange(self.n_c), np.ones(self.n_c))
        if budget is not None:
            cost = np.nan_to_num(self.p.kosten, nan=0.0)
            self.row(-INF, budget, np.arange(self.n_c), cost)

    def dekking(self, threshold: float, weights: np.ndarray, key: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Variables z (one per pattern group) with z ≤ Σ x over the candidates within ``threshold``; returns
        their columns, weights and keys (groups that reach nothing are left out: they are never covered)."""
        cov, w, k = pattern_units(self.p.minutes <= threshold + 1e-9, weights, key)
        reach = cov.any(axis=1)
        cov, w, k = cov[reach], w[reach], k[reach]
        n = len(w)
        first = self.h.getNumCol()
        self.h.addVars(n, np.zeros(n), np.ones(n))
        ui, cj = np.nonzero(cov)
        counts = np.bincount(ui, minlength=n)
        starts = np.concatenate([[0], np.cumsum(counts + 1)[:-1]]).astype(np.int32)
        idx = np.empty(len(ui) + n, dtype=np.int32)
        val = np.empty(len(ui) + n)
        pos = starts[ui] + 1 + (np.arange(len(ui)) - np.concatenate([[0], np.cumsum(counts)[:-1]])[ui])
        idx[starts], val[starts] = first + np.arange(n), 1.0
        idx[pos], val[pos] = cj, -1.0
        self.h.addRows(n, np.full(n, -INF), np.zeros(n), len(idx), starts, idx, val)
        self.units += n
        return first + np.arange(n), w, k

    def all_within(self, threshold: float, weights: np.ndarray) -> bool:
        """Every point with weight within ``threshold`` of a kept location; False if some point cannot be."""
        cov, _, _ = pattern_units(self.p.minutes <= threshold + 1e-9, weights)
        if not cov.any(axis=1).all():
            return False
        ui, cj = np.nonzero(cov)
        counts = np.bincount(ui, minlength=len(cov))
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int32)
        self.h.addRows(len(cov), np.ones(len(cov)), np.full(len(cov), INF), len(cj), starts, cj.astype(np.int32),
                       np.ones(len(cj)))
        self.units += len(cov)
        return True

    # ---------------------------------------------------------------- the assignment part, priced in
    def assignment(self) -> None:
        """The travel-time objective Σ w·t over assignments y (see the module docstring): groups, escape
        variables (cost above any assignment) and each group's nearest candidates as the first columns."""
        rep, group, offset = offset_units(self.p.minutes, self.p.weights)
        w = np.bincount(group[group >= 0], weights=self.p.weights[group >= 0], minlength=len(rep))
        t = self.p.minutes[rep] - offset[rep, None]
        self.const = float(np.dot(self.p.weights[group >= 0], offset[group >= 0]))
        n = len(rep)
        finite_max = np.max(np.where(np.isfinite(t), t, 0.0), axis=1)
        s0 = self.h.getNumCol()
        self.h.addVars(n, np.zeros(n), np.full(n, INF))
        self.h.changeColsCost(n, (s0 + np.arange(n)).astype(np.int32), w * (finite_max * 10.0 + 10.0) + 1.0)
        r0 = self.h.getNumRow()
        self.h.addRows(n, np.ones(n), np.ones(n), n, np.arange(n, dtype=np.int32), (s0 + np.arange(n)).astype(np.int32),
                       np.ones(n))
        self.y = {"w": w, "t": t, "row0": r0, "have": np.zeros(t.shape, dtype=bool), "n": n}
        self.units += n
        k = min(START_COLUMNS, self.n_c)
        start = t <= np.partition(t, k - 1, axis=1)[:, k - 1, None] if k else np.zeros(t.shape, dtype=bool)
        # the k nearest, and any tied with the k-th
        if self.v.per_kern == "precies":  # every kern keeps one: nobody goes beyond their own kern's farthest
            start |= t <= _own_kern_bound(self.p, rep, t)[:, None] + 1e-9
        ui, cj = np.nonzero(start & np.isfinite(t))
        self.add_columns(ui, cj)

    def add_columns(self, ui: np.ndarray, cj: np.ndarray) -> None:
        """Assignments y_uj with their rows y_uj − x_j ≤ 0."""
        y = self.y
        assert y is not None
        n = len(ui)
        if n == 0:
            return
        c0 = self.h.getNumCol()
        self.h.addCols(n, y["w"][ui] * y["t"][ui, cj], np.zeros(n), np.ones(n), n, np.arange(n, dtype=np.int32),
                       (y["row0"] + ui).astype(np.int32), np.ones(n))
        idx = np.empty(2 * n, dtype=np.int32)
        idx[0::2], idx[1::2] = c0 + np.arange(n), cj
        val = np.tile([1.0, -1.0], n)
        self.h.addRows(n, np.full(n, -INF), np.zeros(n), 2 * n, (2 * np.arange(n)).astype(np.int32), idx, val)
        y["have"][ui, cj] = True

    def priced(self, below: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """Missing assignments whose reduced cost (with the last relaxation's duals) is below ``below``."""
        y = self.y
        assert y is not None
        u = np.array(self.h.getSolution().row_dual[y["row0"]:y["row0"] + y["n"]])
        # w·t − u < below − tol, as t < (u + below − tol) / w (every group has weight): one pass over t
        below_t = (u + below - 1e-9 * np.maximum(1.0, np.abs(u))) / y["w"]
        ui, cj = np.nonzero((y["t"] < below_t[:, None]) & ~y["have"])
        return ui, cj

    # ---------------------------------------------------------------- solving
    def run(self, time_limit: float = 60.0, start: np.ndarray | None = None) -> Uitkomst:
        """The relaxation (priced to optimality) first; the MIP where it does not keep whole locations.

        ``start``: kept candidates known to satisfy every constraint (the answer of a first stage), the MIP's
        first solution."""
        h = self.h
        t_end = time.perf_counter() + time_limit
        h.setOptionValue("time_limit", float(time_limit))
        while True:
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal or self.y is None:
                break
            ui, cj = self.priced()
            if len(ui) == 0:
                break
            self.add_columns(ui, cj)
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            return self._outcome("Infeasible" if status == highspy.HighsModelStatus.kInfeasible
                                 else h.modelStatusToString(status), None, np.nan, True)
        x = np.array(h.getSolution().col_value[:self.n_c])
        lp_value = h.getInfo().objective_function_value
        if np.all(np.minimum(x, 1.0 - x) <= 1e-6):
            return self._outcome("Optimal", x > 0.5, lp_value, True)
        integer = np.array([highspy.HighsVarType.kInteger] * self.n_c)
        h.changeColsIntegrality(self.n_c, np.arange(self.n_c, dtype=np.int32), integer)
        if self.y is not None:  # a first whole solution, then every assignment that could beat it
            self._mip(t_end, start)
            if h.getInfo().primal_solution_status >= 2:
                start = np.array(h.getSolution().col_value[:self.n_c]) > 0.5
                self._reprice(lp_value, self._true_value(start) - lp_value)
        self._mip(t_end, start)
        info = h.getInfo()
        if info.primal_solution_status < 2:
            st = h.modelStatusToString(h.getModelStatus())
            return self._outcome("Infeasible" if "nfeasible" in st else st, None, np.nan, False)
        keep = np.array(h.getSolution().col_value[:self.n_c]) > 0.5
        return self._outcome(h.modelStatusToString(h.getModelStatus()), keep, info.mip_dual_bound, False)

    def _reprice(self, lp_value: float, gap: float) -> None:
        """Re-solve the relaxation (integrality off) for its duals and add every assignment cheaper than ``gap``."""
        h = self.h
        cont = np.array([highspy.HighsVarType.kContinuous] * self.n_c)
        h.changeColsIntegrality(self.n_c, np.arange(self.n_c, dtype=np.int32), cont)
        h.clearSolver()
        h.run()
        ui, cj = self.priced(below=gap + 1e-6 * max(1.0, abs(lp_value)))
        self.add_columns(ui, cj)
        integer = np.array([highspy.HighsVarType.kInteger] * self.n_c)
        h.changeColsIntegrality(self.n_c, np.arange(self.n_c, dtype=np.int32), integer)

    def _mip(self, t_end: float, start: np.ndarray | None = None) -> None:
        self.h.setOptionValue("time_limit", max(t_end - time.perf_counter(), 1.0))
        self.h.clearSolver()  # after a relaxation, HiGHS may otherwise report a stale objective and bound
        if start is not None:  # HiGHS completes the other variables of a partial solution
            self.h.setSolution(self.n_c, np.arange(self.n_c, dtype=np.int32), start.astype(float))
        self.h.run()

    def _true_value(self, keep: np.ndarray) -> float:
        """The travel-time objective of kept candidates over every assignment (without the constant)."""
        y = self.y
        assert y is not None
        best = y["t"][:, keep].min(axis=1) if keep.any() else np.full(y["n"], np.inf)
        return float(np.dot(y["w"], np.where(np.isfinite(best), best, 1e12)))

    def _outcome(self, status: str, keep: np.ndarray | None, bound: float, lp_integral: bool) -> Uitkomst:
        h = self.h
        value = h.getInfo().objective_function_value if keep is not None else np.nan
        return Uitkomst(status, keep if keep is not None else np.zeros(self.n_c, dtype=bool), value + self.const,
                        bound + self.const, lp_integral, h.getNumCol(), h.getNumRow(), self.units)


def _own_kern_bound(p: Probleem, rep: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Per group of points: the time to the farthest candidate of its own kern (outside a kern: the smallest such
    time over the kernen). With one location kept per kern, a nearer kept location always lies within it, so
    these are the assignments worth starting with."""
    groups = p.groups()
    if not groups:
        return np.full(len(rep), np.inf)
    far = np.stack([np.where(np.isfinite(t[:, g]), t[:, g], np.inf).max(axis=1) for g in groups], axis=1)
    kern_pos = {int(p.cand_kern[g[0]]): i for i, g in enumerate(groups)}
    own = np.array([kern_pos.get(int(k), -1) for k in p.point_kern[rep]])
    return np.where(own >= 0, far[np.arange(len(rep)), np.maximum(own, 0)], far.min(axis=1))
