"""Isochrones: nested and in agreement with the matrix."""

import shapely
from helpers.networks import BIKE, both, net

from gebied.bereik.engine import graph_for
from gebied.bereik.isochrones import isochrones
from gebied.bereik.matrices import demand_points


def test_a_long_road_between_two_villages_is_reached_from_each_end_not_in_its_middle():
    # a 12 km polder road between two schools at its ends (one edge: no crossing on the way), by bike at 15 km/h:
    # 48 min end to end; each school reaches 2.5 km of it in 10 minutes, so the middle 7 km lie outside the
    # 10-minute isochrone, though both ends of the edge are within it
    network = net({0: (0.0, 0.0), 2: (12000.0, 0.0)}, both(0, 2))
    iso = isochrones(graph_for(network, BIKE), network, [(0.0, 0.0), (12000.0, 0.0)], minutes=(10,),
                     buffer_m=50.0).geometry[0]
    assert shapely.contains_xy(iso, [2000.0, 10000.0], [0.0, 0.0]).all()
    assert not shapely.contains_xy(iso, [3000.0, 6000.0, 9000.0], [0.0, 0.0, 0.0]).any()
    ends = sorted(part.bounds[2] - part.bounds[0] for part in iso.geoms)
    assert len(ends) == 2 and all(abs(e - (2500 + 2 * 50)) < 60 for e in ends)  # 2.5 km each, plus the buffer


def test_isochrones_are_nested(default_area, fiets):
    g, _ = fiets
    acc = default_area.accommodaties
    xy = shapely.get_coordinates(acc[acc["categorie"] == "school"].geometry.values)
    iso = isochrones(g, default_area.netwerken["fiets"], xy).set_index("minuten")
    areas = iso.area
    assert areas[5] < areas[10] < areas[15] < areas[20]
    for small, big in ((5, 10), (10, 15), (15, 20)):
        assert iso.geometry[small].difference(iso.geometry[big]).area < 5.0  # m², float noise only
    # every school lies inside its own 5-minute isochrone
    assert shapely.contains_xy(iso.geometry[5], xy[:, 0], xy[:, 1]).all()


def test_isochrone_matches_matrix_times(default_area, fiets):
    """Points within 10 min of the nearest school (matrix) lie in the 10-min isochrone, and vice versa mostly."""
    g, m = fiets
    acc = default_area.accommodaties
    schools = (acc["categorie"] == "school").to_numpy()
    iso = isochrones(g, default_area.netwerken["fiets"],
                     shapely.get_coordinates(acc[schools].geometry.values), minutes=(10,)).geometry[0]
    t = m.minutes[:, schools].min(axis=1)
    pts = demand_points(default_area)
    inside = shapely.contains_xy(iso, pts["x"], pts["y"])
    assert inside[t <= 9.5].mean() > 0.99
    assert (~inside[t > 12]).mean() > 0.95
