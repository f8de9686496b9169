"""Travel times of an area: where the inhabitants live and how long they travel to each accommodatie.

The travel-time store is the one expensive part of bereikbaarheid; it is computed once per
mode and area (:func:`area_matrix`) and reused by everything that follows: a dense matrix for
a gemeente, a memory-bounded sparse reach for a region (kept in the build cache, see
:mod:`gebied.bereik.cache`), chosen by the area's ``bereik`` settings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from gebied.area.model import Area
from gebied.bereik.cache import cached_bereik
from gebied.bereik.engine import LARGE_SNAP_M, Graph, graph_for, travel_matrix
from gebied.bereik.interface import Bereik
from gebied.bereik.modes import modes
from gebied.bereik.sparse import sparse_bereik


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
                             "bron": "gebouw", "gemeente": _gemeente(g, area)})
    k = area.kernen
    xy = shapely.get_coordinates(k.geometry.representative_point().values)
    return pd.DataFrame({"punt_id": k["kern_id"].to_numpy(), "kern_id": k["kern_id"].to_numpy(),
                         "inwoners": k["inwoners"].to_numpy(dtype=float), "x": xy[:, 0], "y": xy[:, 1],
                         "bron": "kerncentroide", "gemeente": _gemeente(k, area)})


def _gemeente(frame: pd.DataFrame, area: Area) -> np.ndarray:
    """Gemeente name per row (``""``: unknown), from the layer itself or from its kern."""
    if "gemeente" in frame:
        return frame["gemeente"].fillna("").to_numpy(dtype=str)
    by_kern = dict(zip(area.kernen["kern_id"], area.kernen.get("gemeente", pd.Series(dtype=object)).fillna("")))
    return np.array([by_kern.get(k, "") for k in frame["kern_id"]], dtype=str)


def cutoff_minutes(area: Area, modus: str = "fiets") -> float:
    """How far (minutes of network time by ``modus``) a sparse reach lists destinations.

    Configured (``bereik.afkap_minuten``), else the largest norm × 2 — in the norm's own mode. Other
    modes with a constant speed search the same distance (the largest norm is 30 minutes by bike: 60
    minutes by bike is 15 km, so walking lists 180 minutes); the car, without one speed, takes the minutes.
    """
    b = area.config.bereik
    if b.afkap_minuten is not None:
        return float(b.afkap_minuten)
    if not area.config.normen:
        return 60.0
    norm = max(area.config.normen.values(), key=lambda n: n.minuten)
    table = modes(area.config.snelheden)
    own, target = table[norm.modus], table[modus]
    if own.snelheid_kmh is None or target.snelheid_kmh is None:
        return 2.0 * norm.minuten
    return 2.0 * norm.minuten * own.snelheid_kmh / target.snelheid_kmh


def is_sparse(area: Area, n_points: int, n_targets: int, methode: str | None = None) -> bool:
    """Whether the area's travel times are kept sparse (``begrensd``), see :class:`BereikInstellingen`."""
    m = methode or area.config.bereik.methode
    return m == "begrensd" or (m == "auto" and n_points * n_targets > area.config.bereik.max_cellen)


def area_graph(area: Area, modus: str) -> Graph:
    """The travel-time graph of ``modus`` on the area's network, with the area's speeds."""
    m = modes(area.config.snelheden)[modus]
    return graph_for(area.netwerken[m.netwerk], m)


def area_matrix(area: Area, modus: str, graph: Graph | None = None, points: pd.DataFrame | None = None,
                methode: str | None = None) -> Bereik:
    """Travel times from every demand point to every accommodatie for ``modus``.

    ``points`` are :func:`demand_points` of the area, when the caller already has them;
    ``methode`` (``volledig``/``begrensd``/``auto``) overrides the area's setting. The sparse
    store is read from the build cache when it was computed before for the same inputs.
    """
    graph = graph or area_graph(area, modus)
    pts = demand_points(area) if points is None else points
    acc = area.accommodaties
    xy, txy = pts[["x", "y"]].to_numpy(), shapely.get_coordinates(acc.geometry.values)
    pid, tid = pts["punt_id"].to_numpy(), acc["accommodatie_id"].to_numpy()
    reach: Bereik
    if is_sparse(area, len(pts), len(acc), methode):
        cutoff = cutoff_minutes(area, modus) * 60.0
        reach = cached_bereik(area, graph, xy, txy, cutoff,
                             lambda: sparse_bereik(graph, xy, txy, pid, tid, cutoff_s=cutoff), pid, tid)
    else:
        reach = travel_matrix(graph, xy, txy, pid, tid)
    if not area.config.bereik.over_gemeentegrens:
        reach.punt_gemeente = pts["gemeente"].fillna("").to_numpy(dtype=str) if "gemeente" in pts \
            else _gemeente(pts, area)
        reach.doel_gemeente = _gemeente(acc, area)
    return reach


def snap_report(matrix: Bereik, threshold: float = LARGE_SNAP_M) -> dict[str, float]:
    """How far points and accommodaties lie from the network: counts beyond ``threshold`` (m)."""
    return {"punten_ver_van_netwerk": int((matrix.point_snap_m > threshold).sum()),
            "accommodaties_ver_van_netwerk": int((matrix.target_snap_m > threshold).sum()),
            "max_snap_m": float(np.max(matrix.point_snap_m, initial=0.0))}
