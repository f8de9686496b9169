"""Memory-bounded bereikbaarheid for a region or province: sparse reach within a cutoff, exact beyond it.

A dense matrix of every building to every accommodatie grows with points × destinations
(300,000 × 3,000 would not fit in memory). :func:`sparse_bereik` instead

1. merges demand points on the same network node (each keeps its own snapping distance),
2. searches from each destination on the reversed graph only up to a cutoff (default: the
   largest norm × 2), destinations in spatial blocks, each on only the part of the network a
   search within the cutoff can reach, in chunks so a chunk's distance block stays bounded,
3. keeps per node every destination within the cutoff, sorted by time, as float32 seconds.

Memory grows with nodes × destinations *within the cutoff*, i.e. linearly with the area.
Answers stay exact: a nearest host found within the cutoff is the nearest (every host not listed
lies beyond it); where a node's listed candidates hold no open host, one multi-source search from
the open hosts (every host a source, offset by its own snapping time) gives the exact nearest. The store keeps
its recent searches and repairs one when a few hosts close or open (:mod:`gebied.bereik.zoeken`), and its recent
first hits over all nodes, to answer the next scenario from (:mod:`gebied.bereik.treffers`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import dijkstra

from gebied.bereik.engine import Graph
from gebied.bereik.interface import Bereik
from gebied.bereik.modes import Modus
from gebied.bereik.treffers import PerDoel, Treffers, first_hit, first_hit_after
from gebied.bereik.zoeken import NearestField, repaired_field, search_field

#: Distance values one search chunk may hold (float64): 2**25 ≈ 256 MB.
CHUNK_CELLS = 2**25
#: Side of a block of destinations searched together, as a share of the search radius: smaller blocks search
#: fewer nodes each (the block plus the radius around it), at a small cost per block.
BLOCK = 0.5
#: Below this many expected open hosts per node's list, one multi-source search beats scanning the lists.
RARE_HITS = 4.0
#: The searches a store remembers (bytes of their arrays), newest kept: see :meth:`SparseBereik._field`.
FIELD_BYTES = 128 * 2**20
#: The answers over all nodes a store remembers to answer the next from (:meth:`SparseBereik._first_hits`).
HITS = 16
_FIELDS_LOCK = threading.Lock()


@dataclass
class SparseBereik(Bereik):
    """Travel times within a cutoff per network node, exact nearest answers beyond it.

    Attributes
    ----------
    point_ids, target_ids, point_snap_m, target_snap_m, modus
        As in :class:`gebied.bereik.engine.Matrix`.
    point_row
        Per point its row (its network node among the nodes holding points).
    row_node
        Graph node of each row.
    indptr, indices, data
        CSR over rows: destination column and seconds (float32) from the row's node to the
        destination (its snapping time included), sorted by time within each row.
    target_node
        Graph node of each destination.
    cutoff_s
        Network time up to which every destination is listed (s).
    graph
        The mode's graph, for the exact search beyond the cutoff.
    fallback_rows
        How many node rows needed the exact search so far (a measure, not a result).
    """

    point_ids: np.ndarray
    target_ids: np.ndarray
    point_snap_m: np.ndarray
    target_snap_m: np.ndarray
    modus: Modus
    point_row: np.ndarray
    row_node: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    target_node: np.ndarray
    cutoff_s: float
    graph: Graph | None = None
    punt_gemeente: np.ndarray | None = None
    doel_gemeente: np.ndarray | None = None
    fallback_rows: int = 0
    _lookup: sparse.csr_matrix | None = field(default=None, repr=False)
    _fields: dict[bytes, NearestField] = field(default_factory=dict, repr=False, compare=False)
    _hits: dict[bytes, Treffers] = field(default_factory=dict, repr=False, compare=False)
    _per_doel: PerDoel | None = field(default=None, repr=False, compare=False)

    @property
    def access_mps(self) -> float:
        return self.modus.toegang_kmh / 3.6

    @property
    def nbytes(self) -> int:
        """Memory held by the reach arrays (bytes)."""
        return int(sum(a.nbytes for a in (self.point_row, self.row_node, self.indptr, self.indices, self.data)))

    def _nearest(self, mask: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        every = len(rows) == self.n_points and (len(rows) == 0 or rows[-1] == len(rows) - 1)  # all points, in order
        if every:
            urows, inv = np.arange(len(self.row_node)), self.point_row
        else:
            urows, inv = np.unique(self.point_row[rows], return_inverse=True)
        if not mask.any():
            t, c = np.full(len(urows), np.inf), np.full(len(urows), -1, dtype=np.int64)
        elif len(self.data) / max(len(self.row_node), 1) * mask.mean() < RARE_HITS:
            # few open hosts: rows would scan their whole list and then search anyway; one search answers all
            t, c = self._search(mask, self.row_node[urows])
        else:
            t, c = self._first_hits(mask) if every else first_hit(self.indptr, self.indices, self.data, mask, urows)
            # exact where the found time lies within the cutoff; else an unlisted host could be nearer
            need = ~(t <= self.cutoff_s)
            if need.any():
                self.fallback_rows += int(need.sum())
                t[need], c[need] = self._search(mask, self.row_node[urows[need]])
        secs = t[inv] + self.point_snap_m[rows] / self.access_mps
        col = c[inv]
        return np.where(col >= 0, secs, np.inf), col

    def _first_hits(self, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:func:`first_hit` of every node (copies), from the remembered answer (:data:`HITS`) with the fewest other
        hosts where there is one (:func:`first_hit_after`: a scenario after the one before it). Safe for several
        threads."""
        with _FIELDS_LOCK:
            found = self._hits.get(mask.tobytes())
            base = min(self._hits.values(), key=lambda h: int(np.count_nonzero(h.mask != mask)), default=None)
        if found is None:
            out = None
            if base is not None:
                if self._per_doel is None:
                    self._per_doel = PerDoel.of(self.indptr, self.indices, self.data, len(self.target_ids))
                out = first_hit_after(self.indptr, self.indices, self.data, mask, base, self._per_doel)
            if out is None:
                out = first_hit(self.indptr, self.indices, self.data, mask, np.arange(len(self.row_node)))
            found = Treffers(mask.copy(), *out)
            with _FIELDS_LOCK:
                self._hits[mask.tobytes()] = found
                while len(self._hits) > HITS:
                    self._hits.pop(next(iter(self._hits)))
        return found.seconds.copy(), found.column.copy()

    def _search(self, mask: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Exact time (s) from ``nodes`` to the nearest destination in ``mask``, and its column."""
        found = self._field(mask)
        t, c = found.seconds[nodes], found.column[nodes].astype(np.int64)
        ok = np.isfinite(t) & (c >= 0)
        return np.where(ok, t, np.inf), np.where(ok, c, -1)

    def _field(self, mask: np.ndarray) -> NearestField:
        """The search from the hosts in ``mask`` over the whole network: remembered (the newest of
        :data:`FIELD_BYTES`), else repaired from the remembered one that differs in the fewest hosts (a scenario
        after the one before it), else a full search. Safe for several threads (at worst one is made twice)."""
        if self.graph is None:
            raise RuntimeError("SparseBereik needs its graph for searches beyond the cutoff")
        key = mask.tobytes()
        with _FIELDS_LOCK:
            found = self._fields.pop(key, None)
            if found is not None:
                self._fields[key] = found  # the newest again
                return found
            base = min(self._fields.values(), key=lambda f: int(np.count_nonzero(f.mask != mask)), default=None)
        offset = self.target_snap_m / self.access_mps
        found = repaired_field(self.graph, base, mask, self.target_node, offset) if base is not None else None
        if found is None:
            found = search_field(self.graph, mask, self.target_node, offset)
        with _FIELDS_LOCK:
            self._fields[key] = found
            total = sum(f.nbytes for f in self._fields.values())
            while total > FIELD_BYTES and len(self._fields) > 1:
                total -= self._fields.pop(next(iter(self._fields))).nbytes
        return found

    def columns(self, cols: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Exact times (s) from points to the destinations ``cols``: listed ones from the store, others searched."""
        cols = np.asarray(cols, dtype=np.int64)
        rows = np.arange(self.n_points) if rows is None else np.asarray(rows, dtype=np.int64)
        urows, inv = np.unique(self.point_row[rows], return_inverse=True)
        block = self._stored()[urows][:, cols].toarray()
        block -= 1.0  # in place: a province's block is ~35,000 × 1,250 (this and the below each ~0.3 GB)
        missing = block < 0
        miss_cols = np.flatnonzero(missing.any(axis=0))
        if len(miss_cols) == len(cols):  # a province: every destination lies beyond the cutoff of some node
            np.copyto(block, self._exact(cols, self.row_node[urows]), where=missing)
        elif len(miss_cols):
            sub = block[:, miss_cols]
            np.copyto(sub, self._exact(cols[miss_cols], self.row_node[urows]), where=missing[:, miss_cols])
            block[:, miss_cols] = sub
        out = block[inv.ravel()]
        out += (self.point_snap_m[rows] / self.access_mps)[:, None]
        return out

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Exact times (s) of the pairs (``rows[i]``, ``cols[i]``): stored ones looked up one by one, the others
        searched from their destinations (each destination once)."""
        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        if not len(rows):
            return np.empty(0)
        out = np.asarray(self._stored()[self.point_row[rows], cols], dtype=np.float64).ravel() - 1.0
        missing = np.flatnonzero(out < 0)
        if len(missing):
            ucols, at_col = np.unique(cols[missing], return_inverse=True)
            nodes, at_node = np.unique(self.row_node[self.point_row[rows[missing]]], return_inverse=True)
            out[missing] = self._exact(ucols, nodes)[at_node.ravel(), at_col.ravel()]
        return out + self.point_snap_m[rows] / self.access_mps

    def _stored(self) -> sparse.csr_matrix:
        """The stored times as a matrix of row nodes × destinations, each plus one (a stored zero stays a value;
        an absent entry, 0, means beyond the cutoff)."""
        if self._lookup is None:
            self._lookup = sparse.csr_matrix((self.data.astype(np.float64) + 1.0, self.indices, self.indptr),
                                             shape=(len(self.row_node), len(self.target_ids)))
        return self._lookup

    def _exact(self, cols: np.ndarray, nodes: np.ndarray) -> np.ndarray:
        """Full searches (no cutoff) from the destinations ``cols`` to ``nodes``: seconds (nodes, cols)."""
        assert self.graph is not None
        out = np.empty((len(nodes), len(cols)))
        step = max(1, CHUNK_CELLS // max(self.graph.n, 1))
        for s in range(0, len(cols), step):
            part = cols[s:s + step]
            d = dijkstra(self.graph.reverse, directed=True, indices=self.target_node[part])
            out[:, s:s + step] = d[:, nodes].T + self.target_snap_m[part] / self.access_mps
        return out

    def metres_of(self, rows: np.ndarray, cols: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """Network distance (m) of each (point, destination) pair whose travel time is ``seconds``."""
        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        snaps = self.point_snap_m[rows] + self.target_snap_m[cols]
        if self.graph is not None and self.graph.constant_speed and self.modus.snelheid_kmh is not None:
            network_s = seconds - snaps / self.access_mps
            return network_s * (self.modus.snelheid_kmh / 3.6) + snaps
        assert self.graph is not None
        out = np.full(len(rows), np.nan)
        nodes = self.row_node[self.point_row[rows]]
        reverse_m = self.graph.metres.T.tocsr()
        for c in np.unique(cols):
            sel = cols == c
            d = dijkstra(reverse_m, directed=True, indices=int(self.target_node[c]))
            out[sel] = d[nodes[sel]] + snaps[sel]
        return out


def _search_blocks(graph: Graph, nodes: np.ndarray, cutoff_s: float,
                   chunk: int | None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Destination nodes in spatial blocks, each with the graph nodes a search within the cutoff can reach.

    No path of network time ``cutoff_s`` leaves the circle of radius ``cutoff_s × top speed`` around its
    destination (the top speed of any edge, in m/s: the straight line is never longer than the route),
    so a block's searches need only the nodes within that radius of the block's bounding box: the
    exact result at a cost that grows with the area, not with its square.
    """
    metres = graph.metres.data
    secs = graph.seconds.data
    vmax = float(np.max(metres / secs)) if len(secs) else 1.0
    radius = cutoff_s * vmax * 1.0001 + 1.0
    xy = graph.xy[nodes]
    cell = np.floor((xy - graph.xy.min(axis=0)) / max(radius * BLOCK, 1.0)).astype(np.int64)
    order = np.lexsort((cell[:, 1], cell[:, 0]))
    keys = cell[order]
    breaks = np.flatnonzero((keys[1:] != keys[:-1]).any(axis=1)) + 1
    blocks = []
    for group in np.split(order, breaks):
        lo, hi = xy[group].min(axis=0) - radius, xy[group].max(axis=0) + radius
        sub = np.flatnonzero(((graph.xy >= lo) & (graph.xy <= hi)).all(axis=1))
        step = chunk or max(1, CHUNK_CELLS // max(len(sub), 1))
        blocks += [(group[s:s + step], sub) for s in range(0, len(group), step)]
    return blocks


def sparse_bereik(graph: Graph, points: np.ndarray, targets: np.ndarray, point_ids: np.ndarray | None = None,
                 target_ids: np.ndarray | None = None, cutoff_s: float = 7200.0,
                 chunk: int | None = None) -> SparseBereik:
    """Everything within ``cutoff_s`` of network time from every demand point's node, per destination.

    Parameters
    ----------
    graph
        The mode's travel-time graph.
    points, targets
        (x, y) in the analysis CRS (m).
    point_ids, target_ids
        Labels (default: positions).
    cutoff_s
        Network time (s) up to which destinations are listed; beyond it answers come from a search.
    chunk
        Destinations per search chunk (default: as many as keep a chunk under :data:`CHUNK_CELLS`).
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    targets = np.asarray(targets, dtype=float).reshape(-1, 2)
    pn, psnap = graph.snap(points) if len(points) else (np.zeros(0, np.int64), np.zeros(0))
    tn, tsnap = graph.snap(targets) if len(targets) else (np.zeros(0, np.int64), np.zeros(0))
    row_node, point_row = np.unique(pn, return_inverse=True)
    access = graph.modus.toegang_kmh / 3.6
    uniq, t_inv = np.unique(tn, return_inverse=True)
    by_node = np.argsort(t_inv, kind="stable")  # destinations grouped by their node
    counts = np.bincount(t_inv, minlength=len(uniq))
    first = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    node_row = np.full(graph.n, -1, dtype=np.int64)
    node_row[row_node] = np.arange(len(row_node))
    parts_r, parts_c, parts_t = [], [], []
    for part, sub in _search_blocks(graph, uniq, cutoff_s, chunk):
        # a search only reaches nodes within the cutoff: it runs on the block's surroundings only
        local = np.full(graph.n, -1, dtype=np.int64)
        local[sub] = np.arange(len(sub))
        rev = graph.reverse[sub][:, sub]
        d = dijkstra(rev, directed=True, indices=local[uniq[part]], limit=cutoff_s)
        has_row = node_row[sub] >= 0
        block = d[:, has_row]
        ui, li = np.nonzero(np.isfinite(block))
        ri = node_row[sub[has_row]][li]
        val = block[ui, li]
        u = part[ui]
        rep = counts[u]  # every destination on that node
        off = np.arange(rep.sum()) - np.repeat(np.cumsum(rep) - rep, rep)
        tj = by_node[np.repeat(first[u], rep) + off]
        parts_r.append(np.repeat(ri, rep).astype(np.int32))
        parts_c.append(tj.astype(np.int32))
        parts_t.append((np.repeat(val, rep) + tsnap[tj] / access).astype(np.float32))
    r = np.concatenate(parts_r) if parts_r else np.zeros(0, np.int32)
    c = np.concatenate(parts_c) if parts_c else np.zeros(0, np.int32)
    t = np.concatenate(parts_t) if parts_t else np.zeros(0, np.float32)
    order = np.lexsort((c, t, r))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=len(row_node)))]).astype(np.int64)
    return SparseBereik(
        np.asarray(point_ids if point_ids is not None else np.arange(len(points))),
        np.asarray(target_ids if target_ids is not None else np.arange(len(targets))),
        psnap, tsnap, graph.modus, point_row.astype(np.int32), row_node.astype(np.int64), indptr,
        c[order], t[order], tn.astype(np.int64), float(cutoff_s), graph)
