"""Multi-source nearest searches over a network: one full search, or the same answer repaired from an earlier one.

A search from every open host at once (:func:`search_field`) gives every network node the travel time to its
nearest host and which host that is. Scenario's a planner tries one after another differ in a kern or two: when
some hosts close and others open, a node keeps its answer unless its nearest host closed or an opened host may
be nearer than its answer (:func:`repaired_field`). Only those nodes are searched again, on their part of the
network, seeded from the nodes around them whose answer stands. The repaired answer is exact: every time equals
that of a new full search (where two hosts are equally near, either may be named).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import dijkstra

from gebied.bereik.engine import Graph

#: A repair that would search more than this share of the network's nodes is left for a full search.
REPAIR_SHARE = 0.5
#: More opened hosts than this are left for a full search (the bound on their reach is computed per host).
FEW_OPENED = 16


@dataclass(frozen=True)
class NearestField:
    """Per network node the travel time (s) to the nearest of a set of hosts, and which host that is.

    Attributes
    ----------
    mask
        Boolean over the destinations (columns): the hosts searched from.
    seconds
        Per graph node: time (s) to the nearest host, its snapping time included (``inf``: none reachable).
    column
        Per graph node: the column of that host (-1: none reachable).
    """

    mask: np.ndarray
    seconds: np.ndarray
    column: np.ndarray

    @property
    def nbytes(self) -> int:
        return int(self.mask.nbytes + self.seconds.nbytes + self.column.nbytes)

    def frozen(self) -> NearestField:
        """The same field with read-only arrays (it is shared between threads)."""
        for a in (self.mask, self.seconds, self.column):
            a.flags.writeable = False
        return self


def nearest_sources(graph: Graph, nodes: np.ndarray, offset_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One multi-source search: per graph node the time (s) to the nearest source and which source it is.

    Each source gets a virtual node joined to its network node with its own offset (snapping time),
    so sources on one node or with different offsets stay exact. Returns (distances over the graph's
    nodes, source position or -1).
    """
    offset = np.maximum(np.asarray(offset_s, dtype=float), 1e-9)
    return _seeded(graph.reverse, np.asarray(nodes, dtype=np.int64), offset)


def _seeded(rev: sparse.csr_matrix, nodes: np.ndarray, seed_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Search ``rev`` from virtual nodes, one per seed, each joined to its node ``nodes[i]`` at ``seed_s[i]`` (s)."""
    n, k = rev.shape[0], len(nodes)
    if k == 0:
        return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
    # virtual nodes n..n+k-1 are extra rows with one edge each: appended to the CSR
    indptr = np.concatenate([rev.indptr, rev.indptr[-1] + np.arange(1, k + 1)])
    indices = np.concatenate([rev.indices, nodes.astype(rev.indices.dtype)])
    aug = sparse.csr_matrix((np.concatenate([rev.data, seed_s]), indices, indptr), shape=(n + k, n + k))
    d, _, src = dijkstra(aug, directed=True, indices=n + np.arange(k), min_only=True, return_predecessors=True)
    return d[:n], np.where(src[:n] >= n, src[:n] - n, -1)


def search_field(graph: Graph, mask: np.ndarray, target_node: np.ndarray, offset_s: np.ndarray) -> NearestField:
    """One full multi-source search from the destinations in ``mask``.

    Parameters
    ----------
    graph
        The mode's network.
    mask
        Boolean over the destinations: which are hosts.
    target_node, offset_s
        Per destination its graph node and snapping time (s).
    """
    cols = np.flatnonzero(mask)
    d, src = nearest_sources(graph, target_node[cols], offset_s[cols])
    column = np.where(src >= 0, cols[np.maximum(src, 0)] if len(cols) else -1, -1).astype(np.int32)
    return NearestField(np.array(mask, dtype=bool), d, column).frozen()


def repaired_field(graph: Graph, old: NearestField, mask: np.ndarray, target_node: np.ndarray,
                   offset_s: np.ndarray, max_share: float = REPAIR_SHARE) -> NearestField | None:
    """:func:`search_field` for ``mask``, from the field ``old`` of other hosts: only the nodes whose nearest
    host closed, or that an opened host may reach sooner than their answer, are searched again.

    Returns None when those nodes are more than ``max_share`` of the network or more than :data:`FEW_OPENED` hosts
    opened (a full search is then as fast).
    """
    mask = np.asarray(mask, dtype=bool)
    closed, opened = old.mask & ~mask, mask & ~old.mask
    if np.count_nonzero(opened) > FEW_OPENED:
        return None
    seconds, column = old.seconds.copy(), old.column.copy()
    region = np.zeros(graph.n, dtype=bool)
    if closed.any():
        has = column >= 0
        region[has] = closed[column[has]]
        seconds[region], column[region] = np.inf, -1
    if opened.any():
        cols = np.flatnonzero(opened)
        region |= _reach_bound(graph, target_node[cols], offset_s[cols]) < seconds
    q = np.flatnonzero(region)
    if len(q) > max_share * graph.n:
        return None
    if len(q):
        seed_node, seed_s, seed_col = _seeds(graph, region, q, seconds, column, mask, target_node, offset_s)
        d, src = _seeded(graph.reverse[q][:, q].tocsr(), seed_node, seed_s)
        seconds[q] = d
        column[q] = np.where(src >= 0, seed_col[np.maximum(src, 0)] if len(seed_col) else -1, -1)
    return NearestField(mask.copy(), seconds, column).frozen()


def _reach_bound(graph: Graph, nodes: np.ndarray, offset_s: np.ndarray) -> np.ndarray:
    """Per graph node a lower bound of its time (s) to the nearest of the hosts on ``nodes``: the straight line
    at the network's fastest straight-line speed, plus the host's snapping time."""
    speed = graph.straight_speed
    if not np.isfinite(speed) or speed <= 0:
        return np.zeros(graph.n)
    bound = np.full(graph.n, np.inf)
    for (x, y), off in zip(graph.xy[nodes], np.maximum(offset_s, 1e-9)):
        np.minimum(bound, np.hypot(graph.xy[:, 0] - x, graph.xy[:, 1] - y) / speed + off, out=bound)
    return bound


def _seeds(graph: Graph, region: np.ndarray, q: np.ndarray, seconds: np.ndarray, column: np.ndarray,
           mask: np.ndarray, target_node: np.ndarray, offset_s: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the search of the region ``q`` starts: each region node next to a node whose answer stands (its
    answer plus the edge between them), and each host on a region node; the fastest seed per node. Returns the
    region positions, seconds and host columns of the seeds."""
    local = np.full(graph.n, -1, dtype=np.int64)
    local[q] = np.arange(len(q))
    out = graph.seconds[q]  # a region node's edges out in the network are its edges in from the reversed search
    row = np.repeat(np.arange(len(q)), np.diff(out.indptr))
    nb = out.indices
    keep = ~region[nb] & np.isfinite(seconds[nb])
    hosts = np.flatnonzero(mask)
    inside = hosts[region[target_node[hosts]]]
    node = np.concatenate([row[keep], local[target_node[inside]]])
    secs = np.concatenate([seconds[nb[keep]] + out.data[keep], np.maximum(offset_s[inside], 1e-9)])
    col = np.concatenate([column[nb[keep]], inside]).astype(np.int32)
    order = np.lexsort((secs, node))
    first = np.ones(len(order), dtype=bool)
    first[1:] = node[order][1:] != node[order][:-1]
    pick = order[first]
    return node[pick], secs[pick], col[pick]
