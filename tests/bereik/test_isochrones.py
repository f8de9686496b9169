"""Isochrones: nested and in agreement with the matrix."""

import shapely

from gebied.bereik.isochrones import isochrones
from gebied.bereik.matrices import demand_points


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
