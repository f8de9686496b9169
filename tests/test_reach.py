"""Travel times on small hand-made graphs, checked against hand-computed answers."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from gebied.bereik import coverage, nearest, weighted_quantile
from gebied.modes import modes
from gebied.network import Network
from gebied.reach import graph_for, travel_matrix

CRS = "EPSG:32632"
WALK = modes()["lopen"]  # 5 km/h
BIKE = modes()["fiets"]  # 15 km/h
CAR = modes()["auto"]


def net(nodes: dict[int, tuple[float, float]], edges: list[tuple]) -> Network:
    """Nodes {id: (x, y)}; edges (u, v, speed_kph or None), straight lines, length from geometry."""
    nd = gpd.GeoDataFrame({"x": [p[0] for p in nodes.values()], "y": [p[1] for p in nodes.values()]},
                          geometry=[shapely.Point(p) for p in nodes.values()], index=list(nodes), crs=CRS)
    nd.index.name = "osmid"
    rows = []
    for k, (u, v, speed) in enumerate(edges):
        line = shapely.LineString([nodes[u], nodes[v]])
        rows.append({"u": u, "v": v, "key": 0, "length": line.length, "speed_kph": speed, "geometry": line})
    return Network("test", nd, gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS),
                   {"delen": 0, "knopen": 0, "kanten": 0})


def both(u, v, speed=None):
    return [(u, v, speed), (v, u, speed)]


LINE = net({1: (0, 0), 2: (1000, 0), 3: (1500, 0)}, both(1, 2) + both(2, 3))


def test_walking_time_along_a_line():
    g = graph_for(LINE, WALK)
    m = travel_matrix(g, [(1500, 0)], [(0, 0)])
    assert m.seconds[0, 0] == pytest.approx(1500 / (5 / 3.6))  # 1080 s = 18 min
    assert m.minutes[0, 0] == pytest.approx(18.0)
    assert m.metres[0, 0] == pytest.approx(1500.0)


def test_snapping_distance_is_added_as_straight_line():
    g = graph_for(LINE, WALK)
    m = travel_matrix(g, [(1500, 30)], [(0, -40)])
    assert m.point_snap_m[0] == pytest.approx(30) and m.target_snap_m[0] == pytest.approx(40)
    assert m.seconds[0, 0] == pytest.approx((1500 + 30 + 40) / (5 / 3.6))
    assert m.metres[0, 0] == pytest.approx(1570)


def test_one_way_street_makes_the_way_back_unreachable():
    oneway = net({1: (0, 0), 2: (1000, 0)}, [(1, 2, None)])
    g = graph_for(oneway, BIKE)
    m = travel_matrix(g, [(0, 0), (1000, 0)], [(1000, 0), (0, 0)])
    assert m.seconds[0, 0] == pytest.approx(1000 / (15 / 3.6))  # 240 s with the one-way
    assert np.isinf(m.seconds[1, 1])  # against it: unreachable, not 0
    tidy = m.tidy()
    row = tidy[(tidy["punt_id"] == 1) & (tidy["accommodatie_id"] == 1)].iloc[0]
    assert not row["bereikbaar"] and np.isnan(row["minuten"]) and np.isnan(row["meters"])


def test_island_is_unreachable_and_counted_in_coverage():
    island = net({1: (0, 0), 2: (1000, 0), 8: (5000, 0), 9: (5100, 0)}, both(1, 2) + both(8, 9))
    g = graph_for(island, WALK)
    m = travel_matrix(g, [(0, 0), (5050, 0)], [(1000, 0)], point_ids=np.array(["a", "b"]),
                      target_ids=np.array(["school"]))
    vz = pd.DataFrame({"accommodatie_id": ["school"], "voorziening": ["basisonderwijs"]})
    near = nearest(m, vz)
    assert near.set_index("punt_id").loc["b", "bereikbaar"] == False  # noqa: E712
    pts = pd.DataFrame({"punt_id": ["a", "b"], "kern_id": ["K1", "K1"], "inwoners": [10.0, 5.0]})
    cov = coverage(near, pts, pd.DataFrame({"kern_id": ["K1"], "naam": ["Dorp"]}), 15)
    row = cov[cov["kern_id"] == "K1"].iloc[0]
    assert row["binnen"] == 10 and row["onbereikbaar"] == 5 and row["buiten"] == 0
    assert row["aandeel_binnen"] == pytest.approx(10 / 15)


def test_parallel_edges_keep_the_fastest_and_car_uses_edge_speeds():
    g2 = net({1: (0, 0), 2: (1000, 0)}, [(1, 2, 50.0), (1, 2, 100.0), (2, 1, 50.0)])
    g = graph_for(g2, CAR)
    m = travel_matrix(g, [(0, 0), (1000, 0)], [(1000, 0), (0, 0)])
    assert m.seconds[0, 0] == pytest.approx(36.0)  # 1000 m at 100 km/h
    assert m.seconds[1, 1] == pytest.approx(72.0)  # 1000 m at 50 km/h
    assert m.metres[0, 0] == pytest.approx(1000.0)


def test_ebike_is_faster_than_bike_on_the_same_network():
    fast = travel_matrix(graph_for(LINE, modes()["ebike"]), [(1500, 0)], [(0, 0)])
    slow = travel_matrix(graph_for(LINE, BIKE), [(1500, 0)], [(0, 0)])
    assert fast.seconds[0, 0] == pytest.approx(1500 / (20 / 3.6))
    assert slow.seconds[0, 0] / fast.seconds[0, 0] == pytest.approx(20 / 15)


def test_nearest_picks_the_closest_open_host():
    g = graph_for(LINE, WALK)
    m = travel_matrix(g, [(0, 0)], [(1000, 0), (1500, 0), (0, 0)], target_ids=np.array(["b", "c", "gym"]))
    vz = pd.DataFrame({"accommodatie_id": ["b", "c", "gym"],
                       "voorziening": ["basisonderwijs", "basisonderwijs", "sport"]})
    near = nearest(m, vz, ["basisonderwijs"]).iloc[0]
    assert near["accommodatie_id"] == "b" and near["minuten"] == pytest.approx(12.0)
    closed_b = nearest(m, vz, ["basisonderwijs"], open_mask=np.array([False, True, True])).iloc[0]
    assert closed_b["accommodatie_id"] == "c" and closed_b["minuten"] == pytest.approx(18.0)


def test_weighted_quantile():
    assert weighted_quantile(np.array([1.0, 2.0, 10.0]), np.array([1.0, 8.0, 1.0]), 0.9) == 2.0
    assert weighted_quantile(np.array([1.0, 2.0, 10.0]), np.array([1.0, 8.0, 1.1]), 0.9) == 10.0
    assert np.isnan(weighted_quantile(np.array([]), np.array([]), 0.9))


def test_ferry_joins_the_network_at_ferry_speed(tmp_path):
    """Two banks joined only by a ferry (route=ferry, no highway tag): reachable, at 12 km/h on the water."""
    from gebied.config import Snelheden
    from gebied.network import build_network, graph_from_extract

    from osm_factory import OsmBuilder

    b = OsmBuilder()
    b.road([(0, 0), (500, 0)])
    b.road([(900, 0), (1400, 0)])
    refs = [b.node(500, 0), b.node(900, 0)]
    b.way(refs, route="ferry", name="Veer")
    path = b.write(tmp_path / "veer.osm")
    net = build_network(graph_from_extract(path, "walk"), "lopen", CRS, Snelheden())
    assert (net.edges["route"] == "ferry").any()
    g = graph_for(net, WALK)
    start = net.nodes.geometry.x.idxmin()
    end = net.nodes.geometry.x.idxmax()
    xy = lambda i: (net.nodes.geometry[i].x, net.nodes.geometry[i].y)  # noqa: E731
    m = travel_matrix(g, [xy(start)], [xy(end)])
    ferry_m = float(net.edges.loc[net.edges["route"] == "ferry", "length"].iloc[0])
    road_m = float(net.edges.loc[net.edges["route"] != "ferry", "length"].sum()) / 2  # both directions listed
    assert m.seconds[0, 0] == pytest.approx(road_m / (5 / 3.6) + ferry_m / (12 / 3.6), rel=1e-6)
    assert m.metres[0, 0] == pytest.approx(road_m + ferry_m, rel=1e-6)
    # a ferry that forbids pedestrians is not in the walking network
    b.ways[-1] = (b.ways[-1][0], b.ways[-1][1], {"route": "ferry", "foot": "no"})
    net2 = build_network(graph_from_extract(b.write(tmp_path / "veer2.osm"), "walk"), "lopen", CRS, Snelheden())
    assert not (net2.edges["route"] == "ferry").any() and net2.dropped["delen"] >= 1
