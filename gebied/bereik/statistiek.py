"""Travel-time statistics per group of points (a kern), population-weighted: mean, p90, max, within the norm.

:func:`group_stats` computes them for every group; :func:`update_stats` again after a change that moved the times
of a few points only (a scenario after the one before it): only the groups holding those points are computed again,
and the area's order by time is mended rather than sorted anew.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Above this share of points with a new time, :func:`update_stats` computes everything anew.
UPDATE_SHARE = 0.125
KEYS = ("gem", "p90", "max", "binnen_norm", "onbereikbaar", "inwoners")


@dataclass(frozen=True)
class Groepen:
    """Points in groups: each point's group and, per group, its points (for computing a few groups again).

    Attributes
    ----------
    idx
        Group (0..n-1) of each point.
    n
        Number of groups.
    members
        The points ordered by group (ascending within a group).
    start
        Where each group's points begin in ``members`` (length n + 1).
    """

    idx: np.ndarray
    n: int
    members: np.ndarray
    start: np.ndarray

    @classmethod
    def of(cls, idx: np.ndarray, n: int) -> Groepen:
        idx = np.asarray(idx, dtype=np.intp)
        members = np.argsort(idx, kind="stable")
        return cls(idx, n, members, np.searchsorted(idx[members], np.arange(n + 1)))

    def points_of(self, groups: np.ndarray) -> np.ndarray:
        """The points of ``groups``, in ascending order."""
        parts = [self.members[self.start[g]:self.start[g + 1]] for g in groups]
        return np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.intp)


@dataclass(frozen=True)
class Tijdstats:
    """:func:`group_stats` of travel times ``t``, with the order it sorted them in (to update them from).

    Attributes
    ----------
    t
        Minutes per point (``inf``: unreachable).
    order
        The points with a finite time and inhabitants, by time.
    stats
        As :func:`group_stats` returns: arrays of length n + 1 (the last entry: all points).
    """

    t: np.ndarray
    order: np.ndarray
    stats: dict[str, np.ndarray]


def group_stats(idx: np.ndarray, n: int, w: np.ndarray, t: np.ndarray, limit: float) -> dict[str, np.ndarray]:
    """Population-weighted mean, p90, max, within-norm and unreachable per group (0..n-1), then all.

    Vectorised: one sort by time and one radix sort by group for the percentiles and maxima, bincounts
    for the sums.

    Parameters
    ----------
    idx
        Group (0..n-1) of each point.
    w, t
        Weight (inhabitants) and travel time (minutes, ``inf`` = unreachable) of each point.
    limit
        The norm (minutes) for ``binnen_norm``.

    Returns
    -------
    dict
        Arrays of length n + 1 (the last entry: all points): ``gem``, ``p90``, ``max``
        (minutes, over reachable points), ``binnen_norm``, ``onbereikbaar`` and ``inwoners``.
    """
    order = _by_time(w, t)
    return _with_total(_per_group(idx, n, w, t, limit, order), w, t, order)


def stats_of(groepen: Groepen, w: np.ndarray, t: np.ndarray, limit: float) -> Tijdstats:
    """:func:`group_stats` of ``t`` over ``groepen``, kept with its order to update from."""
    order = _by_time(w, t)
    return Tijdstats(t, order, _with_total(_per_group(groepen.idx, groepen.n, w, t, limit, order), w, t, order))


def update_stats(groepen: Groepen, w: np.ndarray, t: np.ndarray, limit: float, before: Tijdstats) -> Tijdstats:
    """:func:`stats_of` of ``t``, from the statistics ``before`` of other times of the same points and norm: the
    groups whose points all keep their time keep their figures; the rest are computed again, and the points
    whose time changed are merged into the order by time. The same figures as :func:`stats_of`: every sum adds
    the same points in the same order (only the order of equal times may differ, which no figure depends on)."""
    changed = np.flatnonzero(t != before.t)
    if len(changed) > UPDATE_SHARE * len(t):
        return stats_of(groepen, w, t, limit)
    groups = np.unique(groepen.idx[changed])
    pts = groepen.points_of(groups)
    sub_idx = np.searchsorted(groups, groepen.idx[pts])
    sub = _per_group(sub_idx, len(groups), w[pts], t[pts], limit, _by_time(w[pts], t[pts]))
    per_group = {k: before.stats[k][:-1].copy() for k in KEYS}
    for k in KEYS:
        per_group[k][groups] = sub[k]
    moved = np.zeros(len(t), dtype=bool)
    moved[changed] = True
    keep = before.order[~moved[before.order]]
    new = changed[np.isfinite(t[changed]) & (w[changed] > 0)].astype(np.int32)
    new = new[np.argsort(t[new])]
    order = np.insert(keep, np.searchsorted(t[keep], t[new]), new)
    return Tijdstats(t, order, _with_total(per_group, w, t, order))


def _by_time(w: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The points with a finite time and inhabitants, by time (int32: kept per kind and mode)."""
    sel = np.flatnonzero(np.isfinite(t) & (w > 0)).astype(np.int32)
    return sel[np.argsort(t[sel])]


def _per_group(idx: np.ndarray, n: int, w: np.ndarray, t: np.ndarray, limit: float,
               by_time: np.ndarray) -> dict[str, np.ndarray]:
    """Every figure per group (arrays of length n); ``by_time`` as :func:`_by_time` gives it."""
    ok = np.isfinite(t) & (w > 0)
    within = np.bincount(idx, weights=np.where(t <= limit, w, 0.0), minlength=n)
    unreach = np.bincount(idx, weights=np.where(np.isfinite(t), 0.0, w), minlength=n)
    people = np.bincount(idx, weights=w, minlength=n)
    sel = np.flatnonzero(ok)  # the sums in point order: the same for any subset of whole groups
    wsum = np.bincount(idx[sel], weights=w[sel], minlength=n)
    mean = np.bincount(idx[sel], weights=w[sel] * t[sel], minlength=n) / np.where(wsum > 0, wsum, np.nan)
    # a stable (radix) sort by group keeps time order within each group
    gs = idx[by_time]
    order = by_time[np.argsort(gs.astype(np.int16 if n < 2**15 else np.int32), kind="stable")]
    g_sorted, w_sorted, t_sorted = idx[order], w[order], t[order]
    cum = np.cumsum(w_sorted)
    start = np.searchsorted(g_sorted, np.arange(n))
    end = np.searchsorted(g_sorted, np.arange(n), side="right")
    base = np.where(start > 0, cum[np.maximum(start - 1, 0)] if len(cum) else 0.0, 0.0)
    hit = (cum - base[g_sorted]) >= 0.9 * wsum[g_sorted] - 1e-9
    # cumulative weight only grows within a group, so each group has one first hit
    first = np.flatnonzero(hit & np.r_[True, (g_sorted[1:] != g_sorted[:-1]) | ~hit[:-1]])
    p90 = np.full(n, np.nan)
    p90[g_sorted[first]] = t_sorted[first]
    mx = np.where(end > start, t_sorted[np.maximum(end - 1, 0)] if len(t_sorted) else np.nan, np.nan)
    return {"gem": mean, "p90": p90, "max": mx, "binnen_norm": within, "onbereikbaar": unreach, "inwoners": people}


def _with_total(groups: dict[str, np.ndarray], w: np.ndarray, t: np.ndarray, by_time: np.ndarray
                ) -> dict[str, np.ndarray]:
    """The per-group figures with the whole area's appended."""
    sel = np.flatnonzero(np.isfinite(t) & (w > 0))  # the points of ``by_time`` in point order: the same sum
    ws, ts = w[sel], t[sel]
    tw = ws.sum()
    cum = np.cumsum(w[by_time])
    total = {"gem": float(np.dot(ws, ts) / tw) if tw > 0 else np.nan,
             "p90": float(t[by_time[np.searchsorted(cum, 0.9 * cum[-1])]]) if tw > 0 else np.nan,
             "max": float(t[by_time[-1]]) if len(by_time) else np.nan,
             "binnen_norm": float(groups["binnen_norm"].sum()), "onbereikbaar": float(groups["onbereikbaar"].sum()),
             "inwoners": float(groups["inwoners"].sum())}
    return {k: np.append(groups[k], total[k]) for k in KEYS}


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float, order: np.ndarray | None = None) -> float:
    """The ``q`` quantile of ``values`` weighted by ``weights`` (inverted CDF); NaN if empty.

    ``order`` is ``np.argsort(values)`` when the caller has it already.
    """
    if len(values) == 0 or weights.sum() <= 0:
        return np.nan
    order = np.argsort(values) if order is None else order
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, q * cum[-1])])
