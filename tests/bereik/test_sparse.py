"""The memory-bounded sparse reach gives the dense engine's answers: on the default area, beyond the cutoff
(the exact multi-source search), and on a region of two real gemeenten with and without crossing the border."""

import dataclasses

import numpy as np
import pytest
import shapely

from gebied.bereik.dekking import dekking, nearest
from gebied.bereik.matrices import area_graph, area_matrix, cutoff_minutes, demand_points
from gebied.bereik.sparse import sparse_bereik
from gebied.core.config import BereikInstellingen


def _masks(n: int, seed: int = 3) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.random(n) < share for share in (0.6, 0.2, 0.05, 0.02, 0.01)] + [np.zeros(n, bool), np.ones(n, bool)]


def _same(dense, sp, masks) -> None:
    for mask in masks:
        s1, c1 = dense.nearest(mask)
        s2, c2 = sp.nearest(mask)
        assert np.array_equal(np.isfinite(s1), np.isfinite(s2))
        ok = np.isfinite(s1)
        assert np.abs(s1[ok] - s2[ok]).max(initial=0.0) < 0.01  # float32 storage: well within a second
        assert np.array_equal(c1, c2)


@pytest.mark.parametrize("modus", ["lopen", "fiets", "auto"])
def test_sparse_equals_dense_on_the_default_area(default_area, modus):
    g = area_graph(default_area, modus)
    pts = demand_points(default_area)
    dense = area_matrix(default_area, modus, g, pts, methode="volledig")
    sp = area_matrix(default_area, modus, g, pts, methode="begrensd")
    assert type(sp).__name__ == "SparseBereik" and sp.cutoff_s == cutoff_minutes(default_area, modus) * 60
    assert cutoff_minutes(default_area, "fiets") == 60 and cutoff_minutes(default_area, "lopen") == 180
    # demand points on one node are merged: far fewer rows than points
    assert len(sp.row_node) < len(pts) / 2
    _same(dense, sp, _masks(len(default_area.accommodaties)))
    cols = np.arange(0, len(default_area.accommodaties), 9)
    assert np.allclose(dense.columns(cols), sp.columns(cols), atol=0.01, equal_nan=False)
    near_d = nearest(dense, default_area.voorzieningen, ["basisonderwijs", "sport"])
    near_s = nearest(sp, default_area.voorzieningen, ["basisonderwijs", "sport"])
    assert (near_d["accommodatie_id"].fillna("-") == near_s["accommodatie_id"].fillna("-")).all()
    assert np.allclose(near_d["meters"], near_s["meters"], atol=0.1, equal_nan=True)
    cov_d = dekking(near_d, pts, default_area.kernen, 15)
    cov_s = dekking(near_s, pts, default_area.kernen, 15)
    assert np.allclose(cov_d["binnen"], cov_s["binnen"])


@pytest.mark.parametrize("scan_first", [True, False])
def test_beyond_the_cutoff_the_search_is_exact(default_area, monkeypatch, scan_first):
    """Both ways past the cutoff: scan the lists then search the rest (fallback), or search at once (rare hosts)."""
    from gebied.bereik import sparse

    monkeypatch.setattr(sparse, "RARE_HITS", 0.0 if scan_first else 1e9)
    g = area_graph(default_area, "fiets")
    pts = demand_points(default_area)
    xy = pts[["x", "y"]].to_numpy()
    txy = shapely.get_coordinates(default_area.accommodaties.geometry.values)
    dense = area_matrix(default_area, "fiets", g, pts, methode="volledig")
    tiny = sparse_bereik(g, xy, txy, cutoff_s=90.0)  # 1.5 minutes: most answers need the search
    _same(dense, tiny, _masks(len(txy), seed=11))
    assert (tiny.fallback_rows > 1000) == scan_first
    assert len(tiny.data) < len(sparse_bereik(g, xy, txy, cutoff_s=3600.0).data) / 20  # memory follows the cutoff
    cols = np.arange(0, len(txy), 13)
    assert np.allclose(dense.columns(cols), tiny.columns(cols), atol=0.01)
    rng = np.random.default_rng(5)  # pairs, most beyond the cutoff: searched, each destination once
    rows, pick = rng.integers(0, len(pts), 3000), rng.integers(0, len(txy), 3000)
    assert np.allclose(tiny.pairs(rows, pick), dense.seconds[rows, pick], atol=0.01)
    assert np.allclose(dense.pairs(rows, pick), dense.seconds[rows, pick])
    assert tiny.pairs(rows[:0], pick[:0]).shape == dense.pairs(rows[:0], pick[:0]).shape == (0,)


def _own(area, own_only: bool):
    cfg = area.config.model_copy(update={"bereik": BereikInstellingen(over_gemeentegrens=not own_only)})
    return dataclasses.replace(area, config=cfg)


@pytest.mark.parametrize("own_only", [False, True])
def test_region_across_a_gemeente_border_sparse_equals_dense(dutch, own_only):
    """Noordoostpolder + Urk (real CBS boundaries): identical answers, with and without crossing the border."""
    area = _own(dutch, own_only)
    pts = demand_points(area)
    assert set(pts["gemeente"]) >= {"Noordoostpolder", "Urk"}
    assert set(area.accommodaties["gemeente"]) >= {"Noordoostpolder", "Urk"}
    for modus in ("fiets", "auto"):
        g = area_graph(area, modus)
        dense = area_matrix(area, modus, g, pts, methode="volledig")
        sp = area_matrix(area, modus, g, pts, methode="begrensd")
        _same(dense, sp, _masks(len(area.accommodaties), seed=2))
        emmeloord = (area.accommodaties["gemeente"] == "Noordoostpolder").to_numpy()
        _same(dense, sp, [emmeloord])


def test_own_gemeente_only_keeps_inhabitants_inside_their_gemeente(dutch):
    pts = demand_points(dutch)
    acc_gem = dutch.accommodaties["gemeente"].to_numpy()
    only_nop = acc_gem == "Noordoostpolder"
    urk = (pts["gemeente"] == "Urk").to_numpy()
    free = area_matrix(dutch, "auto", methode="begrensd")
    own = area_matrix(_own(dutch, True), "auto", methode="begrensd")
    t_free, c_free = free.nearest(only_nop)
    t_own, c_own = own.nearest(only_nop)
    assert np.isfinite(t_free[urk]).all()  # Urk reaches Emmeloord over the road ...
    assert np.isinf(t_own[urk]).all() and (c_own[urk] == -1).all()  # ... but may not use it
    assert np.array_equal(t_free[~urk], t_own[~urk])
    t_all, c_all = own.nearest(np.ones(len(acc_gem), bool))
    served = c_all >= 0
    assert (acc_gem[c_all[served]] == pts["gemeente"].to_numpy()[served]).all()
    assert (t_all >= free.nearest(np.ones(len(acc_gem), bool))[0] - 1e-6).all()  # a restriction never helps


@pytest.mark.parametrize("methode", ["volledig", "begrensd"])
def test_columns_of_finds_each_accommodaties_column_in_either_store(default_area, methode):
    mat = area_matrix(default_area, "fiets", methode=methode)
    ids = default_area.accommodaties["accommodatie_id"].to_numpy()[::-7]  # another order than the columns
    cols = mat.columns_of(ids)
    assert cols.dtype == np.int64 and list(mat.target_ids[cols]) == list(ids)
    assert len(mat.columns_of(ids[:0])) == 0
    with pytest.raises(KeyError, match="geen-accommodatie"):
        mat.columns_of([ids[0], "geen-accommodatie"])
