"""The sparse reach of a region in the build cache: computed once per build and inputs, then read.

``cache/<area>/bereik/<modus>-<fingerprint>.npz`` holds the arrays of a
:class:`gebied.bereik.sparse.SparseBereik`; the fingerprint covers the build, the mode's speeds,
the cutoff and the exact coordinates of points and accommodaties (an overrides upload that adds
an accommodatie gets its own file). Written atomically; an unreadable file is recomputed.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from gebied.area.model import Area
from gebied.bereik.engine import Graph
from gebied.bereik.sparse import SparseBereik
from gebied.core.config import cache_root
from gebied.core.io import atomic_path

ARRAYS = ("point_row", "row_node", "indptr", "indices", "data", "target_node", "point_snap_m", "target_snap_m")


def bereik_path(area: Area, graph: Graph, points: np.ndarray, targets: np.ndarray, cutoff_s: float) -> Path:
    """Where the sparse reach of these inputs lives in the build cache."""
    h = hashlib.sha256()
    h.update(f"{area.meta.get('key', 'los')}:{graph.modus}:{cutoff_s}:{graph.n}".encode())
    h.update(np.ascontiguousarray(points, dtype=np.float64).tobytes())
    h.update(np.ascontiguousarray(targets, dtype=np.float64).tobytes())
    return cache_root() / area.config.id / "bereik" / f"{graph.modus.id}-{h.hexdigest()[:16]}.npz"


def cached_bereik(area: Area, graph: Graph, points: np.ndarray, targets: np.ndarray, cutoff_s: float,
                 compute: Callable[[], SparseBereik], point_ids: np.ndarray, target_ids: np.ndarray) -> SparseBereik:
    """The sparse reach from the build cache, else ``compute()`` and store it (only for a cached build)."""
    path = bereik_path(area, graph, points, targets, cutoff_s)
    if path.exists():
        try:
            with np.load(path) as z:
                arrays = {k: z[k] for k in ARRAYS}
            return SparseBereik(point_ids, target_ids, arrays["point_snap_m"], arrays["target_snap_m"], graph.modus,
                               arrays["point_row"], arrays["row_node"], arrays["indptr"], arrays["indices"],
                               arrays["data"], arrays["target_node"], cutoff_s, graph)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            pass  # damaged or partial: compute again below
    reach = compute()
    if "key" in area.meta:
        with atomic_path(path) as tmp, open(tmp, "wb") as fh:
            np.savez(fh, **{k: getattr(reach, k) for k in ARRAYS})
    return reach
