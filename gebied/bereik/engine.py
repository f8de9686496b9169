"""Bereikbaarheid: bulk travel times over the OSM networks with scipy.sparse.csgraph.

One multi-source Dijkstra per destination on the reversed graph gives the travel
time from every network node to that destination; demand points and
destinations are snapped to their nearest node, and the snapping distance is
added as a straight line at the mode's access speed. Unreachable is ``inf`` in
the arrays and NaN (with ``bereikbaar = False``) in the frames, never 0.

scipy's C Dijkstra was chosen over igraph and pandana: it needs no extra
dependency, takes the CSR matrix directly and is well over the speed target
(see ``benchmarks/bench_reach.py``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from gebied.bereik.interface import Bereik, dense_nearest
from gebied.bereik.modes import Modus
from gebied.sources.network import Network

#: Snapping farther than this (m) is reported as large.
LARGE_SNAP_M = 250.0


@dataclass
class Graph:
    """A network as a CSR matrix of travel times for one mode.

    Attributes
    ----------
    node_ids
        OSM node id of each matrix row.
    xy
        Node coordinates in the analysis CRS (m), shape (n, 2).
    seconds, metres
        CSR matrices (n × n) of edge travel time (s) and length (m); parallel
        edges keep the fastest.
    modus
        The mode the times are for.
    """

    node_ids: np.ndarray
    xy: np.ndarray
    seconds: sparse.csr_matrix
    metres: sparse.csr_matrix
    modus: Modus
    constant_speed: bool = True  # time ∝ distance everywhere (no car speeds, no ferries)

    @property
    def n(self) -> int:
        return len(self.node_ids)

    @functools.cached_property
    def reverse(self) -> sparse.csr_matrix:
        """The reversed travel-time graph (searches *to* a destination), built once."""
        return self.seconds.T.tocsr()

    @functools.cached_property
    def straight_speed(self) -> float:
        """The fastest straight-line speed of any edge (m/s): no path between two nodes takes less time than
        their straight-line distance at this speed."""
        coo = self.seconds.tocoo()
        metres = np.hypot(*(self.xy[coo.row] - self.xy[coo.col]).T)
        return float((metres / coo.data).max(initial=0.0))

    @functools.cached_property
    def tree(self) -> cKDTree:
        """A k-d tree of the node coordinates, built once."""
        return cKDTree(self.xy)

    def snap(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Nearest node index and straight-line distance (m) for each (x, y) point."""
        dist, idx = self.tree.query(points)
        return idx.astype(np.int64), dist


def edge_nodes(network: Network) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row positions of each edge's ``u`` and ``v`` among the nodes, and which edges have both."""
    pos = pd.Series(np.arange(len(network.nodes)), index=network.nodes.index)
    u = pos.reindex(network.edges["u"].to_numpy()).to_numpy()
    v = pos.reindex(network.edges["v"].to_numpy()).to_numpy()
    ok = ~(np.isnan(u) | np.isnan(v))
    return np.nan_to_num(u).astype(np.int64), np.nan_to_num(v).astype(np.int64), ok


def edge_seconds(network: Network, modus: Modus) -> np.ndarray:
    """Travel time (s) of each edge of ``network`` for ``modus``.

    Walking and cycling use the mode's constant speed; the car uses each edge's
    ``speed_kph`` (OSM maxspeed, else the configured default per highway type); a
    ferry crossing (``route=ferry``) goes at the mode's ferry speed.
    """
    length = network.edges["length"].to_numpy(dtype=float)
    if modus.snelheid_kmh is None:
        speed = network.edges["speed_kph"].to_numpy(dtype=float)
        speed = np.where(np.isfinite(speed) & (speed > 0), speed, 30.0)
    else:
        speed = np.full(len(length), float(modus.snelheid_kmh))
    if "route" in network.edges:
        speed = np.where(network.edges["route"].fillna("").to_numpy(dtype=str) == "ferry", modus.veer_kmh, speed)
    return length / (speed / 3.6)


def graph_for(network: Network, modus: Modus) -> Graph:
    """Build the travel-time graph of ``network`` for ``modus`` (see :func:`edge_seconds`)."""
    nodes = network.nodes
    node_ids = nodes.index.to_numpy()
    u, v, ok = edge_nodes(network)
    u, v = u[ok], v[ok]
    length = network.edges["length"].to_numpy(dtype=float)[ok]
    secs = edge_seconds(network, modus)[ok]
    # parallel edges: keep the fastest (coo -> csr would add them up)
    order = np.lexsort((secs, v, u))
    u, v, secs, length = u[order], v[order], secs[order], length[order]
    first = np.ones(len(u), dtype=bool)
    first[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
    u, v, secs, length = u[first], v[first], secs[first], length[first]
    # a zero weight is "no edge" in csgraph: give zero-length edges a tiny positive time
    secs = np.maximum(secs, 1e-6)
    length = np.maximum(length, 1e-6)
    n = len(node_ids)
    xy = shapely.get_coordinates(nodes.geometry.values)
    constant = modus.snelheid_kmh is not None and not (
        "route" in network.edges and (network.edges["route"].fillna("") == "ferry").any())
    return Graph(node_ids, xy, sparse.csr_matrix((secs, (u, v)), shape=(n, n)),
                 sparse.csr_matrix((length, (u, v)), shape=(n, n)), modus, constant)


def times_to(graph: Graph, target_nodes: np.ndarray) -> np.ndarray:
    """Travel time (s) from every node to each target node: array (n_targets, n_nodes).

    One Dijkstra per distinct target on the reversed graph (scipy, in C).
    """
    uniq, inverse = np.unique(target_nodes, return_inverse=True)
    if len(uniq) == 0:
        return np.empty((0, graph.n))
    d = dijkstra(graph.reverse, directed=True, indices=uniq)
    return d[inverse]


def times_from(graph: Graph, source_nodes: np.ndarray) -> np.ndarray:
    """Travel time (s) from the nearest of ``source_nodes`` to every node (one multi-source run)."""
    if len(source_nodes) == 0:
        return np.full(graph.n, np.inf)
    return dijkstra(graph.seconds, directed=True, indices=np.unique(source_nodes), min_only=True)


@dataclass
class Matrix(Bereik):
    """Travel times from demand points to destinations for one mode, dense (every point × every destination).

    Attributes
    ----------
    seconds
        Array (n_points, n_targets), ``inf`` where unreachable.
    metres
        Network distance (m) along the same route where speed is constant (walk,
        bike, e-bike without ferries: time × speed); otherwise the shortest network distance.
    point_snap_m, target_snap_m
        Straight-line snapping distance of each point and destination (m).
    point_ids, target_ids
        Row and column labels.
    punt_gemeente, doel_gemeente
        Gemeente of each point and destination when inhabitants keep to their own gemeente, else None.
    """

    seconds: np.ndarray
    metres: np.ndarray
    point_snap_m: np.ndarray
    target_snap_m: np.ndarray
    minimum_only_cheaper: ClassVar[bool] = True
    point_ids: np.ndarray
    target_ids: np.ndarray
    modus: Modus
    punt_gemeente: np.ndarray | None = None
    doel_gemeente: np.ndarray | None = None

    def _nearest(self, mask: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return dense_nearest(self.seconds[rows] if len(rows) != len(self.seconds) else self.seconds, mask)

    def nearest_minutes(self, mask: np.ndarray) -> np.ndarray:
        if self.punt_gemeente is not None:
            return super().nearest_minutes(mask)
        cols = np.flatnonzero(mask)  # only the minimum: no argmin and gather (the evaluation's hot path)
        return self.seconds[:, cols].min(axis=1) / 60.0 if len(cols) else np.full(self.n_points, np.inf)

    def columns(self, cols: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        block = self.seconds[:, np.asarray(cols, dtype=np.int64)]
        return block if rows is None else block[np.asarray(rows, dtype=np.int64)]

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return self.seconds[np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)]

    def metres_of(self, rows: np.ndarray, cols: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """Network distance (m) of each (point, destination) pair (``seconds``: their travel times)."""
        return self.metres[rows, cols]

    @property
    def minutes(self) -> np.ndarray:
        return self.seconds / 60.0

    def tidy(self) -> pd.DataFrame:
        """Long form: ``punt_id``, ``accommodatie_id``, ``minuten``, ``meters``, ``bereikbaar``."""
        reach = np.isfinite(self.seconds)
        return pd.DataFrame({
            "punt_id": np.repeat(self.point_ids, len(self.target_ids)),
            "accommodatie_id": np.tile(self.target_ids, len(self.point_ids)),
            "minuten": np.where(reach, self.minutes, np.nan).ravel(),
            "meters": np.where(reach, self.metres, np.nan).ravel(),
            "bereikbaar": reach.ravel(),
        })


def travel_matrix(graph: Graph, points: np.ndarray, targets: np.ndarray,
                  point_ids: np.ndarray | None = None, target_ids: np.ndarray | None = None) -> Matrix:
    """Travel time and distance from every point to every target.

    Parameters
    ----------
    graph
        The mode's travel-time graph.
    points, targets
        (x, y) coordinates in the analysis CRS (m), shapes (n, 2) and (m, 2).
    point_ids, target_ids
        Labels (default: positions).
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    targets = np.asarray(targets, dtype=float).reshape(-1, 2)
    pn, pd_ = graph.snap(points) if len(points) else (np.zeros(0, int), np.zeros(0))
    tn, td = graph.snap(targets) if len(targets) else (np.zeros(0, int), np.zeros(0))
    access = graph.modus.toegang_kmh / 3.6
    node_t = times_to(graph, tn)  # (m, n_nodes)
    sub = np.ascontiguousarray(node_t[:, pn].T)  # (n_points, m): one gather
    secs = sub + (pd_ / access)[:, None] + (td / access)[None, :]
    if graph.constant_speed and graph.modus.snelheid_kmh is not None:
        metres = sub * (graph.modus.snelheid_kmh / 3.6) + pd_[:, None] + td[None, :]
    else:
        uniq, inv = np.unique(tn, return_inverse=True)
        node_m = dijkstra(graph.metres.T.tocsr(), directed=True, indices=uniq)[inv] if len(uniq) else \
            np.empty((0, graph.n))
        metres = node_m[:, pn].T + pd_[:, None] + td[None, :]
    metres = np.where(np.isfinite(secs), metres, np.inf)
    return Matrix(secs, metres, pd_, td,
                  np.asarray(point_ids if point_ids is not None else np.arange(len(points))),
                  np.asarray(target_ids if target_ids is not None else np.arange(len(targets))),
                  graph.modus)
