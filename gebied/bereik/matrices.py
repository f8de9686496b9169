"""Travel-time matrices of an area: where the inhabitants live and how long they travel to each accommodatie.

The matrices are the one expensive part of bereikbaarheid; they are computed once per
mode and area (:func:`area_matrix`) and reused by everything that follows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from gebied.area.model import Area
from gebied.bereik.engine import LARGE_SNAP_M, Graph, Matrix, graph_for, travel_matrix
from gebied.bereik.modes import modes


def demand_points(area: Area) -> pd.DataFrame:
    """Where the inhabitants live: ``punt_id``, ``kern_id``, ``inwoners``, ``x``, ``y``, ``bron``.

    Residential buildings with their estimated inhabitants (summing to each
    kern's population); where an area has none, kern centroids carry the
    kern's population as a coarse fallback.
    """
    g = area.gebouwen
    if len(g) and g["inwoners"].sum() > 0:
        xy = shapely.get_coordinates(g.geometry.values)
        return pd.DataFrame({"punt_id": g["osm_id"].to_numpy(), "kern_id": g["kern_id"].to_numpy(),
                             "inwoners": g["inwoners"].to_numpy(dtype=float), "x": xy[:, 0], "y": xy[:, 1],
                             "bron": "gebouw"})
    k = area.kernen
    xy = shapely.get_coordinates(k.geometry.representative_point().values)
    return pd.DataFrame({"punt_id": k["kern_id"].to_numpy(), "kern_id": k["kern_id"].to_numpy(),
                         "inwoners": k["inwoners"].to_numpy(dtype=float), "x": xy[:, 0], "y": xy[:, 1],
                         "bron": "kerncentroide"})


def area_graph(area: Area, modus: str) -> Graph:
    """The travel-time graph of ``modus`` on the area's network, with the area's speeds."""
    m = modes(area.config.snelheden)[modus]
    return graph_for(area.netwerken[m.netwerk], m)


def area_matrix(area: Area, modus: str, graph: Graph | None = None, points: pd.DataFrame | None = None) -> Matrix:
    """Travel times from every demand point to every accommodatie for ``modus``.

    ``points`` are :func:`demand_points` of the area, when the caller already has them.
    """
    graph = graph or area_graph(area, modus)
    pts = demand_points(area) if points is None else points
    acc = area.accommodaties
    return travel_matrix(graph, pts[["x", "y"]].to_numpy(), shapely.get_coordinates(acc.geometry.values),
                         pts["punt_id"].to_numpy(), acc["accommodatie_id"].to_numpy())


def snap_report(matrix: Matrix, threshold: float = LARGE_SNAP_M) -> dict[str, float]:
    """How far points and accommodaties lie from the network: counts beyond ``threshold`` (m)."""
    return {"punten_ver_van_netwerk": int((matrix.point_snap_m > threshold).sum()),
            "accommodaties_ver_van_netwerk": int((matrix.target_snap_m > threshold).sum()),
            "max_snap_m": float(np.max(matrix.point_snap_m, initial=0.0))}
