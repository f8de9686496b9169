"""Multi-source nearest searches: the full search against one search per source, and a repaired search against a
new full one when hosts close, open, or both (as a scenario after the one before it)."""

import numpy as np
import pytest
import shapely

from gebied.bereik import zoeken
from gebied.bereik.engine import times_to
from gebied.bereik.matrices import area_graph, area_matrix, demand_points
from gebied.bereik.sparse import sparse_bereik
from gebied.bereik.zoeken import nearest_sources, repaired_field, search_field


def test_multi_source_search_matches_one_search_per_source(default_area):
    g = area_graph(default_area, "lopen")
    rng = np.random.default_rng(5)
    nodes = rng.choice(g.n, 12, replace=False)
    nodes[1] = nodes[0]  # two sources on one node, different offsets
    offsets = rng.uniform(0, 300, 12)
    d, src = nearest_sources(g, nodes, offsets)
    every = times_to(g, nodes) + offsets[:, None]
    ref = every.min(axis=0)
    ok = np.isfinite(ref)
    assert np.array_equal(ok, np.isfinite(d))
    assert np.allclose(d[ok], ref[ok], atol=1e-6)
    assert np.allclose(every[src[ok], np.flatnonzero(ok)], ref[ok], atol=1e-6)  # the named source is a nearest one


def _targets(area, modus: str):
    g = area_graph(area, modus)
    node, snap = g.snap(shapely.get_coordinates(area.accommodaties.geometry.values))
    return g, node, snap / (g.modus.toegang_kmh / 3.6)


def _changes(n: int, rng: np.random.Generator):
    """A base of hosts, then: some close, a few open, both, one closes, nothing changes."""
    base = rng.random(n) < 0.15
    on, off = np.flatnonzero(base), np.flatnonzero(~base)
    yield "sluiten", base, base & ~np.isin(np.arange(n), rng.choice(on, 4, replace=False))
    yield "openen", base, base | np.isin(np.arange(n), rng.choice(off, 3, replace=False))
    mixed = base.copy()
    mixed[rng.choice(on, 3, replace=False)] = False
    mixed[rng.choice(off, 2, replace=False)] = True
    yield "beide", base, mixed
    one = base.copy()
    one[on[0]] = False
    yield "een", base, one
    yield "niets", base, base.copy()


@pytest.mark.parametrize("modus", ["lopen", "auto"])
def test_a_repaired_search_equals_a_new_full_search(default_area, modus):
    """Every node's time equals a full search's (to the float), its named host is one that near, and only part of
    the network is searched again. By car an opened host may be reached fast from far (the straight-line bound is
    loose): there a full search may be chosen instead."""
    g, node, offset = _targets(default_area, modus)
    node[1] = node[0]  # two hosts on one node: closing one leaves the other
    rng = np.random.default_rng(7)
    for _ in range(3):
        for what, before, after in _changes(len(node), rng):
            old = search_field(g, before, node, offset)
            fixed = repaired_field(g, old, after, node, offset)
            full = search_field(g, after, node, offset)
            if fixed is None:
                assert modus == "auto" and what in ("openen", "beide")
                continue
            assert np.array_equal(fixed.seconds, full.seconds), what
            ok = fixed.column >= 0
            assert np.array_equal(ok, np.isfinite(full.seconds)) and after[fixed.column[ok]].all(), what
            pick = rng.choice(np.flatnonzero(ok), 40, replace=False)
            each = times_to(g, node[fixed.column[pick]])[np.arange(len(pick)), pick] + offset[fixed.column[pick]]
            assert np.allclose(each, fixed.seconds[pick], atol=1e-6), what
            assert not fixed.seconds.flags.writeable  # shared between threads


def test_a_repair_searches_only_where_answers_change(default_area, monkeypatch):
    g, node, offset = _targets(default_area, "fiets")
    hosts = np.zeros(len(node), dtype=bool)
    hosts[::3] = True
    old = search_field(g, hosts, node, offset)
    sizes = []
    real = zoeken._seeded
    monkeypatch.setattr(zoeken, "_seeded", lambda rev, *a: sizes.append(rev.shape[0]) or real(rev, *a))
    closed = hosts.copy()
    closed[np.flatnonzero(hosts)[5]] = False
    fixed = repaired_field(g, old, closed, node, offset)
    assert fixed is not None and sizes and sizes[0] < g.n / 10
    # the nodes that changed are exactly those whose nearest host closed
    changed = fixed.seconds != old.seconds
    assert changed.any() and np.array_equal(changed, old.column == np.flatnonzero(hosts)[5])
    many = hosts | ~hosts  # every host opens: a full search instead
    assert repaired_field(g, old, many, node, offset) is None


def test_a_store_remembers_and_repairs_its_searches(default_area):
    """A store asked for one host set after another answers as a new store does, from its remembered searches."""
    g = area_graph(default_area, "fiets")
    pts = demand_points(default_area)
    xy, txy = pts[["x", "y"]].to_numpy(), shapely.get_coordinates(default_area.accommodaties.geometry.values)
    dense = area_matrix(default_area, "fiets", g, pts, methode="volledig")
    used = sparse_bereik(g, xy, txy, cutoff_s=90.0)
    rng = np.random.default_rng(3)
    mask = rng.random(len(txy)) < 0.1
    for step in range(6):
        mask = mask.copy()
        mask[rng.integers(len(txy), size=2)] = step % 2 == 0  # open or close a few, as scenario's do
        s1, c1 = dense.nearest(mask)
        s2, c2 = used.nearest(mask)
        fresh = sparse_bereik(g, xy, txy, cutoff_s=90.0).nearest(mask)
        assert np.array_equal(s2, fresh[0])
        ok = np.isfinite(s1)
        assert np.array_equal(ok, np.isfinite(s2)) and np.abs(s1[ok] - s2[ok]).max(initial=0.0) < 0.01
        assert np.allclose(dense.pairs(np.flatnonzero(ok), c2[ok]), s1[ok], atol=0.01)  # its host is a nearest one
    assert 1 < len(used._fields) <= 7
    assert used._field(mask) is used._field(mask.copy())
