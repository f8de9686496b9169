"""The first open host in each node's list (sorted by time), for every node at once or from a search before it.

A :class:`gebied.bereik.sparse.SparseBereik` lists per network node every destination within its cutoff, fastest
first. Its nearest open host is the first listed one that is open (:func:`first_hit`). A planner's next scenario
differs from the one before in a few hosts, so :func:`first_hit_after` answers from that earlier answer: only the
nodes whose host closed, or that list a newly opened host at most as far as their host, are looked up again. The
answer is the same as :func:`first_hit`'s, ties included (a node whose list holds an opened host at the same time
is looked up again, not guessed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

#: Above this many hosts opened or closed, :func:`first_hit_after` looks every node up again: each opened host
#: costs a look at the nodes that list it, and a scenario that changes this many is not a planner's next step.
MAX_VERSCHIL = 256


@dataclass(frozen=True)
class Treffers:
    """A :func:`first_hit` over all nodes for the hosts ``mask``: seconds and column per node (inf, -1: none)."""

    mask: np.ndarray
    seconds: np.ndarray
    column: np.ndarray


@dataclass(frozen=True)
class PerDoel:
    """The lists turned around: per destination the nodes that list it (``rows``) and their time (``seconds``),
    destination ``d``'s entries at ``indptr[d]:indptr[d + 1]``."""

    indptr: np.ndarray
    rows: np.ndarray
    seconds: np.ndarray

    @classmethod
    def of(cls, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, n_targets: int) -> PerDoel:
        csc = sparse.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, n_targets)).tocsc()
        return cls(csc.indptr, csc.indices, csc.data)


def first_hit(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, mask: np.ndarray,
              rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``rows``: the first (fastest) listed destination in ``mask``: seconds and column (-1: none).

    Rows are sorted by time, so the first hit is the minimum. Vectorised in rounds: round *j*
    looks at the *j*-th entry of every row still without a hit, so the work is the entries
    actually scanned.
    """
    t = np.full(len(rows), np.inf)
    c = np.full(len(rows), -1, dtype=np.int64)
    act = np.arange(len(rows))
    pos = indptr[rows].astype(np.int64)
    end = indptr[rows + 1].astype(np.int64)
    while len(act):
        live = pos < end
        if not live.all():
            act, pos, end = act[live], pos[live], end[live]
            if not len(act):
                break
        cc = indices[pos]
        hit = mask[cc]
        h = act[hit]
        t[h] = data[pos[hit]]
        c[h] = cc[hit]
        miss = ~hit
        act, pos, end = act[miss], pos[miss] + 1, end[miss]
    return t, c


def first_hit_after(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, mask: np.ndarray, before: Treffers,
                    per_doel: PerDoel) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`first_hit` of every node for ``mask``, from ``before`` (the answer for other hosts); None when they
    differ in more than :data:`MAX_VERSCHIL` hosts.

    A node keeps its host (or its lack of one) when that host stays open and no opened host is listed at most as
    far: the first open entry of its list is then still the same one. Every other node is looked up again."""
    closed = before.mask & ~mask
    opened = np.flatnonzero(mask & ~before.mask)
    if int(np.count_nonzero(closed)) + len(opened) > MAX_VERSCHIL:
        return None
    c = before.column
    again = (c >= 0) & closed[np.maximum(c, 0)]
    for d in opened:
        nodes = per_doel.rows[per_doel.indptr[d]:per_doel.indptr[d + 1]]
        secs = per_doel.seconds[per_doel.indptr[d]:per_doel.indptr[d + 1]]
        again[nodes[secs <= before.seconds[nodes]]] = True
    t, c = before.seconds.copy(), c.copy()
    redo = np.flatnonzero(again)
    t[redo], c[redo] = first_hit(indptr, indices, data, mask, redo)
    return t, c
