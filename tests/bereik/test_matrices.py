"""Reachability on the real default area: agreement with networkx, isochrones, coverage sums."""

import networkx as nx
import numpy as np
import pytest
import shapely

from gebied.bereik.dekking import dekking, nearest
from gebied.bereik.matrices import demand_points


def test_matrix_agrees_with_networkx_to_the_metre(default_area, fiets):
    g, m = fiets
    net = default_area.netwerken["fiets"]
    G = nx.DiGraph()
    for u, v, length in zip(net.edges["u"], net.edges["v"], net.edges["length"]):
        if not G.has_edge(u, v) or G[u][v]["length"] > length:
            G.add_edge(u, v, length=length)
    rng = np.random.default_rng(7)
    cols = rng.choice(len(m.target_ids), 8, replace=False)
    rows = rng.choice(len(m.point_ids), 300, replace=False)
    pts = demand_points(default_area)
    pn, _ = g.snap(pts[["x", "y"]].to_numpy()[rows])
    acc_xy = shapely.get_coordinates(default_area.accommodaties.geometry.values)[cols]
    tn, _ = g.snap(acc_xy)
    R = G.reverse(copy=False)
    for j, t in zip(cols, tn):
        lengths = nx.single_source_dijkstra_path_length(R, g.node_ids[t], weight="length")
        ref = np.array([lengths.get(g.node_ids[p], np.inf) for p in pn])
        ours = m.metres[rows, j] - m.point_snap_m[rows] - m.target_snap_m[j]
        assert np.allclose(ours, ref, atol=1.0)


def test_every_point_reaches_something_on_the_connected_network(fiets):
    _, m = fiets
    assert np.isfinite(m.seconds).all()  # largest strongly connected part: all reachable
    assert (m.seconds > 0).all()


def test_coverage_figures_sum_up(default_area, fiets):
    _, m = fiets
    pts = demand_points(default_area)
    near = nearest(m, default_area.voorzieningen)
    cov = dekking(near, pts, default_area.kernen, {"basisonderwijs": 15, "sport": 20})
    cov = cov[cov["voorziening"].isin(["basisonderwijs", "sport"])]
    parts = cov["binnen"] + cov["buiten"] + cov["onbereikbaar"]
    assert np.allclose(parts, cov["inwoners"])
    for soort, g in cov.groupby("voorziening"):
        kern_rows = g[g["kern_id"] != "totaal"]
        total = g[g["kern_id"] == "totaal"].iloc[0]
        assert total["inwoners"] == pytest.approx(kern_rows["inwoners"].sum())
        assert total["binnen"] == pytest.approx(kern_rows["binnen"].sum())
        assert total["inwoners"] == pytest.approx(default_area.bevolking, abs=1)
        assert (g["gem_minuten"] <= g["p90_minuten"] + 1e-9).all() or soort
        assert (g["p90_minuten"] <= g["max_minuten"] + 1e-9).all()
    assert set(cov["norm_minuten"]) == {15.0, 20.0}


def test_demand_points_fall_back_to_kern_centroids(default_area):
    from gebied.area.model import Area

    empty = Area(**{**default_area.__dict__, "gebouwen": default_area.gebouwen.iloc[0:0]})
    pts = demand_points(empty)
    assert (pts["bron"] == "kerncentroide").all()
    assert pts["inwoners"].sum() == default_area.kernen["inwoners"].sum()
