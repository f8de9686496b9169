"""Isochrones: the area from which an accommodatie is reached within N minutes.

Built from the reached network itself: every edge (or the reached part of it)
from which the destination is within N minutes is buffered, and the buffers are
merged. Because a longer time reaches a superset of edge parts, the polygons are
nested (10 min ⊂ 15 min), and they follow the streets instead of bulging over
fields and water as a convex or concave hull of points would.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely import ops

from gebied.bereik.dichtstbij import node_seconds
from gebied.bereik.engine import Graph, edge_nodes, edge_seconds
from gebied.sources.network import Network, street_keys

DEFAULT_MINUTES = (5, 10, 15, 20)


def buffer_for(graph: Graph) -> float:
    """Buffer around reached streets (m): 50 m walking, 75 m cycling, 100 m by car."""
    v = graph.modus.snelheid_kmh
    return 100.0 if v is None else 50.0 if v <= 6 else 75.0


def street_lines(network: Network) -> np.ndarray:
    """The network's edge geometries simplified to 5 m, as isochrones buffer them (computed once for the kinds
    of one network: ~1.5 s a call for a province)."""
    return shapely.simplify(network.edges.geometry.to_numpy(), 5.0)


def isochrones(graph: Graph, network: Network, targets_xy: np.ndarray,
               minutes: tuple[float, ...] = DEFAULT_MINUTES, buffer_m: float | None = None,
               lines: np.ndarray | None = None) -> gpd.GeoDataFrame:
    """Polygons of the area within each travel time of the nearest target.

    Parameters
    ----------
    graph, network
        The mode's graph and the network it was built from (for edge geometry).
    targets_xy
        (x, y) of the destination(s) in the analysis CRS (m).
    minutes
        Travel-time thresholds (minutes).
    buffer_m
        Buffer around reached streets (m); default by mode (:func:`buffer_for`).
    lines
        :func:`street_lines` of ``network``, when the caller has them.

    Returns
    -------
    GeoDataFrame
        ``minuten`` and a (multi)polygon per threshold, largest first, in the analysis CRS.
    """
    buffer_m = buffer_for(graph) if buffer_m is None else buffer_m
    targets_xy = np.asarray(targets_xy, dtype=float).reshape(-1, 2)
    _, td = graph.snap(targets_xy)
    access = graph.modus.toegang_kmh / 3.6
    # seconds from each node to the nearest target: one search from all targets, up to the longest time
    node_t = node_seconds(graph, targets_xy, max(minutes) * 60.0)[0]
    u, v, ok = edge_nodes(network)
    w = edge_seconds(network, graph.modus)
    t_v = np.where(ok, node_t[v], np.inf)  # from a point on edge u->v one travels on to v
    # a two-way street is two directed edges with one geometry: buffer it once
    pair = street_keys(network.edges)
    simple = street_lines(network) if lines is None else lines
    rows = []
    previous = shapely.Polygon()
    was_full = np.zeros(len(simple), dtype=bool)
    for m in sorted(minutes):
        budget = m * 60.0
        # wholly reached only when u is, via v: a long road between two villages is reached from each end only
        full = ok & (w + t_v <= budget)
        part = ok & ~full & (t_v < budget)
        frac = np.clip((budget - t_v[part]) / np.maximum(w[part], 1e-9), 0.0, 1.0)
        pieces = [ops.substring(g, 1.0 - f, 1.0, normalized=True) for g, f in zip(simple[part], frac)]
        # a longer time reaches a superset: only streets not yet wholly reached are added to the polygon so far
        new = full & ~was_full
        was_full = full
        _, once = np.unique(pair[new], axis=0, return_index=True)
        lines = np.concatenate([simple[new][once], np.array(pieces, dtype=object)])
        reach_t = budget - td / access
        seeds = [shapely.Point(xy).buffer(max(min(r * access, td_i), 0.0) + buffer_m)
                 for xy, r, td_i in zip(targets_xy, reach_t, td) if r > 0]
        shapes = list(shapely.buffer(lines, buffer_m, quad_segs=2)) if len(lines) else []
        # the union with the polygon so far also keeps them nested where a buffer's polygon approximation
        # of a longer piece cuts a corner of a shorter one
        previous = shapely.union_all([previous, *shapes, *seeds])
        rows.append({"minuten": m, "geometry": previous})
    rows.reverse()
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=network.edges.crs)
