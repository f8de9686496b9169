"""Small hand-made networks in a metric CRS, for travel times that can be checked by hand."""

from __future__ import annotations

import geopandas as gpd
import shapely

from gebied.bereik.modes import modes
from gebied.sources.network import Network

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
    for u, v, speed in edges:
        line = shapely.LineString([nodes[u], nodes[v]])
        rows.append({"u": u, "v": v, "key": 0, "length": line.length, "speed_kph": speed, "geometry": line})
    return Network("test", nd, gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS),
                   {"delen": 0, "knopen": 0, "kanten": 0, "apart": 0, "apart_knopen": 0})


def both(u: int, v: int, speed: float | None = None) -> list[tuple]:
    """A two-way street: both directed edges."""
    return [(u, v, speed), (v, u, speed)]


#: 1 —1000 m— 2 —500 m— 3, two-way.
LINE = net({1: (0, 0), 2: (1000, 0), 3: (1500, 0)}, both(1, 2) + both(2, 3))
