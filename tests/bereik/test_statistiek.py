"""Travel-time statistics per kern: computed anew, and updated after the times of a few points changed."""

import numpy as np
import pytest

from gebied.bereik import statistiek
from gebied.bereik.statistiek import Groepen, group_stats, stats_of, update_stats


def _one_by_one(idx, n, w, t, limit):
    """The figures of one group the slow, obvious way (a reference)."""
    out = {k: np.full(n + 1, np.nan) for k in statistiek.KEYS}
    for g, sel in [*((g, idx == g) for g in range(n)), (n, np.ones(len(t), dtype=bool))]:
        tw, tt = w[sel], t[sel]
        ok = np.isfinite(tt) & (tw > 0)
        out["inwoners"][g] = tw.sum()
        out["binnen_norm"][g] = tw[tt <= limit].sum()
        out["onbereikbaar"][g] = tw[~np.isfinite(tt)].sum()
        if ok.any():
            order = np.argsort(tt[ok], kind="stable")
            cum = np.cumsum(tw[ok][order])
            out["gem"][g] = np.dot(tw[ok], tt[ok]) / tw[ok].sum()
            out["p90"][g] = tt[ok][order][np.searchsorted(cum, 0.9 * cum[-1] - 1e-9)]
            out["max"][g] = tt[ok].max()
    return out


def _data(seed: int, n_points: int = 4000, n: int = 60):
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, n_points)
    idx[idx == 7] = 8  # a group without points
    w = rng.integers(0, 6, n_points).astype(float)  # some points without inhabitants
    t = np.round(rng.gamma(2.0, 5.0, n_points), 1)  # rounded: equal times
    t[rng.random(n_points) < 0.03] = np.inf
    return rng, idx, n, w, t


def test_group_stats_against_one_group_at_a_time():
    _, idx, n, w, t = _data(1)
    got, ref = group_stats(idx, n, w, t, 15.0), _one_by_one(idx, n, w, t, 15.0)
    for k in statistiek.KEYS:
        assert np.allclose(got[k], ref[k], equal_nan=True), k


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_an_update_gives_the_figures_computed_anew(seed, monkeypatch):
    """A chain of changes, each to the points of a few groups (as a kern's location does), some to unreachable,
    some back; every update equals the figures computed anew, to the float, and computes only the changed groups."""
    rng, idx, n, w, t = _data(seed)
    groepen = Groepen.of(idx, n)
    now = stats_of(groepen, w, t, 15.0)
    seen = []
    real = statistiek._per_group
    monkeypatch.setattr(statistiek, "_per_group", lambda i, m, *a: seen.append(m) or real(i, m, *a))
    for step in range(8):
        t = t.copy()
        pts = np.flatnonzero(np.isin(idx, rng.choice(n, 2, replace=False)))
        t[pts] = np.where(rng.random(len(pts)) < 0.1, np.inf, np.round(t[pts] + rng.normal(0, 3, len(pts)), 1))
        if step == 5:
            t[pts] = now.t[pts]  # nothing changes
        seen.clear()
        now = update_stats(groepen, w, t, 15.0, now)
        assert max(seen, default=0) <= 2  # two groups at a time, never all of them
        fresh = group_stats(idx, n, w, t, 15.0)
        for k in statistiek.KEYS:
            assert np.array_equal(now.stats[k], fresh[k], equal_nan=True), (step, k)
        assert np.array_equal(now.t[now.order], np.sort(t[np.isfinite(t) & (w > 0)]))


def test_many_changed_times_are_computed_anew():
    rng, idx, n, w, t = _data(5)
    groepen = Groepen.of(idx, n)
    before = stats_of(groepen, w, t, 15.0)
    t2 = t + rng.uniform(0, 1, len(t))
    after = update_stats(groepen, w, t2, 15.0, before)
    for k in statistiek.KEYS:
        assert np.array_equal(after.stats[k], group_stats(idx, n, w, t2, 15.0)[k], equal_nan=True)
    assert np.array_equal(groepen.points_of(np.array([3, 1])), np.flatnonzero(np.isin(idx, [1, 3])))
