"""Travel times on small hand-made graphs, checked against hand-computed answers."""

import numpy as np
import pytest
from helpers.networks import BIKE, CAR, CRS, LINE, WALK, net

from gebied.bereik.engine import graph_for, travel_matrix
from gebied.bereik.modes import modes


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


def test_ferry_joins_the_network_at_ferry_speed(tmp_path):
    """Two banks joined only by a ferry (route=ferry, no highway tag): reachable, at 12 km/h on the water."""
    from helpers.osm_factory import OsmBuilder

    from gebied.core.config import Snelheden
    from gebied.sources.network import build_network, graph_from_extract

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
