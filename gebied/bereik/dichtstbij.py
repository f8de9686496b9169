"""Nearest accommodatie of every address, and coverage within a norm, by one multi-source search.

The question a province asks most needs no points × accommodaties matrix: one Dijkstra on the reversed
network from all destinations at once gives every node its nearest destination. Each destination is a
virtual node joined to its network node by its own access time (the straight walk from the building to the
network), so the answer is exactly the matrix's minimum; ``limit`` stops the search at a cutoff (a norm), so
coverage costs only the part of the network within it.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import dijkstra

from gebied.bereik.engine import Graph

#: A zero weight is "no edge" in csgraph: the smallest access time a virtual edge gets (s).
EPS = 1e-9


def nearest_search(graph: Graph, points: np.ndarray, targets: np.ndarray, limit_s: float | None = None
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Travel time (s) from every point to its nearest target, and that target's position (-1: none).

    Parameters
    ----------
    graph
        The mode's travel-time graph.
    points, targets
        (x, y) in the analysis CRS (m), shapes (n, 2) and (m, 2).
    limit_s
        Stop at this travel time (s): points farther away get ``inf`` and -1.

    Returns
    -------
    seconds, target
        Arrays of length n: the time (point access + network + target access) and the nearest target.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(points) == 0:
        return np.full(0, np.inf), np.full(0, -1, dtype=np.int64)
    pn, pd_ = graph.snap(points)
    limit = np.inf if limit_s is None else float(limit_s)
    node_s, node_target = node_seconds(graph, targets, limit)
    secs = node_s[pn] + pd_ / (graph.modus.toegang_kmh / 3.6)
    secs = np.where(np.isfinite(secs) & (secs <= limit + 1e-9), secs, np.inf)
    best = np.where(np.isfinite(secs), node_target[pn], -1).astype(np.int64)
    return secs, best


def node_seconds(graph: Graph, targets: np.ndarray, limit_s: float = np.inf) -> tuple[np.ndarray, np.ndarray]:
    """Travel time (s) from every network node to its nearest target, the target's own access included, and that
    target's position (-1: none within ``limit_s``); one search on the reversed network from all targets at once.

    Parameters
    ----------
    graph
        The mode's travel-time graph.
    targets
        (x, y) in the analysis CRS (m), shape (m, 2).
    limit_s
        Stop at this travel time (s): nodes farther away get ``inf`` and -1.
    """
    targets = np.asarray(targets, dtype=float).reshape(-1, 2)
    n, m = graph.n, len(targets)
    if m == 0:
        return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
    tn, td = graph.snap(targets)
    # the reversed graph with one virtual node per target, joined to its network node by its access time
    rev = graph.reverse.tocoo()
    rows = np.concatenate([rev.row, n + np.arange(m)])
    cols = np.concatenate([rev.col, tn])
    vals = np.concatenate([rev.data, np.maximum(td / (graph.modus.toegang_kmh / 3.6), EPS)])
    aug = sparse.csr_matrix((vals, (rows, cols)), shape=(n + m, n + m))
    dist, _, source = dijkstra(aug, directed=True, indices=n + np.arange(m), min_only=True, limit=limit_s,
                               return_predecessors=True)
    reached = np.isfinite(dist[:n])
    return np.where(reached, dist[:n], np.inf), np.where(reached, source[:n] - n, -1).astype(np.int64)


def covered_search(graph: Graph, points: np.ndarray, targets: np.ndarray, norm_s: float) -> np.ndarray:
    """Which points reach a target within ``norm_s`` seconds (one search that stops at the norm)."""
    secs, _ = nearest_search(graph, points, targets, norm_s)
    return np.isfinite(secs)
