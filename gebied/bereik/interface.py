"""What every travel-time store answers: the nearest open host per demand point, and exact blocks of times.

Two stores implement it: the dense :class:`gebied.bereik.engine.Matrix` (every point × every
accommodatie, for a gemeente) and the memory-bounded :class:`gebied.bereik.sparse.SparseBereik`
(per network node everything within a cutoff, exact beyond it by a multi-source search, for a
region or province). Callers use only these methods, so both give the same answers.

Where inhabitants may only use their own gemeente's accommodaties (``over_gemeentegrens: false``),
the store carries the gemeente of every point and accommodatie and :meth:`Bereik.nearest` keeps to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pandas as pd

from gebied.bereik.modes import Modus


class Bereik:
    """Base of the travel-time stores (see the module docstring)."""

    point_ids: np.ndarray
    target_ids: np.ndarray
    point_snap_m: np.ndarray
    target_snap_m: np.ndarray
    modus: Modus
    punt_gemeente: np.ndarray | None
    doel_gemeente: np.ndarray | None
    #: Whether :meth:`nearest_minutes` costs less than :meth:`nearest` (a dense matrix takes the minimum without
    #: finding where it lies); else the minutes are best taken from :meth:`nearest`'s answer.
    minimum_only_cheaper: ClassVar[bool] = False

    @property
    def n_points(self) -> int:
        return len(self.point_ids)

    def nearest(self, mask: np.ndarray, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Travel time (s) to the nearest accommodatie in ``mask`` and its column, per point.

        Parameters
        ----------
        mask
            Boolean over the accommodaties (columns): which may serve.
        rows
            Point positions to answer for (default: all).

        Returns
        -------
        seconds, column
            Arrays over ``rows``: seconds (``inf`` where none can be reached) and the column of the
            nearest (-1 where none). With a gemeente restriction, only the point's own gemeente serves
            (points with gemeente ``""``, outside every gemeente, may use any).
        """
        rows = np.arange(self.n_points) if rows is None else np.asarray(rows, dtype=np.int64)
        mask = np.asarray(mask, dtype=bool)
        if self.punt_gemeente is None or self.doel_gemeente is None:
            return self._nearest(mask, rows)
        secs = np.full(len(rows), np.inf)
        col = np.full(len(rows), -1, dtype=np.int64)
        groups = self.punt_gemeente[rows]
        for g in np.unique(groups):
            sel = np.flatnonzero(groups == g)
            own = mask & (self.doel_gemeente == g) if g else mask
            secs[sel], col[sel] = self._nearest(own, rows[sel])
        return secs, col

    def nearest_minutes(self, mask: np.ndarray) -> np.ndarray:
        """Minutes from every point to the nearest accommodatie in ``mask`` (``inf``: none reachable)."""
        return self.nearest(mask)[0] / 60.0

    def columns(self, cols: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Exact travel times (s) from points ``rows`` (default all) to accommodaties ``cols``: (rows, cols)."""
        raise NotImplementedError

    def columns_of(self, accommodatie_ids: Sequence[str] | np.ndarray | pd.Series) -> np.ndarray:
        """The columns (int64) of ``accommodatie_ids``, in their order; an id the store does not hold raises
        ``KeyError`` (every accommodatie of an area is a column of its stores)."""
        cols = pd.Index(self.target_ids).get_indexer(pd.Index(accommodatie_ids))
        if (cols < 0).any():
            raise KeyError(f"not in the travel-time store: {list(np.asarray(accommodatie_ids)[cols < 0][:5])}")
        return cols.astype(np.int64)

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Exact travel times (s) of the pairs (point ``rows[i]``, accommodatie ``cols[i]``): one value a pair,
        where :meth:`columns` gives a block of every row with every column (a kern's own points to its own
        accommodaties, over all kernen at once: pairs, not blocks)."""
        raise NotImplementedError

    def metres_of(self, rows: np.ndarray, cols: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """Network distance (m) of each (point, accommodatie) pair whose travel time is ``seconds``."""
        raise NotImplementedError

    def _nearest(self, mask: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError


def dense_nearest(seconds: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Minimum and its column over the columns in ``mask`` of a dense (points × accommodaties) block."""
    cols = np.flatnonzero(mask)
    if len(cols) == 0:
        return np.full(len(seconds), np.inf), np.full(len(seconds), -1, dtype=np.int64)
    sub = seconds[:, cols]
    best = sub.argmin(axis=1)
    t = sub[np.arange(len(best)), best]
    ok = np.isfinite(t)
    return np.where(ok, t, np.inf), np.where(ok, cols[best], -1)
