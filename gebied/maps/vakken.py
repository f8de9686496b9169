"""The travel-time squares in two levels of detail: coarse squares for a province's view, tiles of fine ones near a
kern.

A gemeente's squares (:data:`gebied.maps.overlays.VAK_M`, 100 m) are one file the browser fetches once. A
province has tens of thousands of them per voorziening kind (~6.6 MB a kind for 850,000 inhabitants), more
than a browser can draw at a province's zoom, where a 100 m square is smaller than a pixel. An area with the base
picture's detail tiles (:func:`gebied.maps.ondergrond.has_detail`) therefore gets, per kind, one file of
:data:`VAK_GROF_M` squares for the whole area, and the 100 m squares in tiles of :data:`TEGEL_M` (in the area's
CRS): a map showing a kern gets the tiles its view covers (:func:`view_tiles`), a map of the whole area the
coarse file only. The functions here are pure; :mod:`gebied.maps.statisch` writes and finds the files.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyproj

from gebied.area.model import Area
from gebied.core.crs import WGS84
from gebied.maps.ondergrond import has_detail, screen_m, view_bounds
from gebied.maps.overlays import VAK_M, vakken_frame

#: Side of a square at a province's view (m): a twenty-fifth of the marks of 100 m squares in the countryside.
VAK_GROF_M = 500.0
#: Side of a tile of fine squares (m, in the area's CRS): a kern and its surroundings in one or a few tiles.
TEGEL_M = 10_000.0
#: Fine squares from this screen resolution on (Web Mercator metres a pixel): a 100 m square is then ~4 pixels.
FIJN_VANAF_M = 25.0
#: At most this many tiles a view.
MAX_TEGELS = 16


def in_levels(area: Area) -> bool:
    """Whether the area's squares come in two levels of detail (a province), or as one file (a gemeente)."""
    return has_detail(area)


def tile_key(i: int, j: int) -> str:
    """The name part of tile ``(i, j)`` (column and row of :data:`TEGEL_M` from the CRS's origin)."""
    return f"t{i}_{j}"


def tiled_frames(points: pd.DataFrame, minutes: Mapping[str, np.ndarray], crs: str
                 ) -> dict[str, pd.DataFrame]:
    """The fine squares (:func:`gebied.maps.overlays.vakken_frame`) per tile key, of the tiles that hold points.

    A square lies wholly in one tile: :data:`TEGEL_M` is a multiple of the squares' side."""
    xy = points[["x", "y"]].to_numpy(dtype=float)
    cells = np.floor(xy / TEGEL_M).astype(np.int64)
    keys, idx = np.unique(cells, axis=0, return_inverse=True)
    idx = idx.ravel()
    out = {}
    for n, (i, j) in enumerate(keys):
        sel = idx == n
        out[tile_key(int(i), int(j))] = vakken_frame(points[sel], {m: np.asarray(t)[sel] for m, t in minutes.items()},
                                                     crs, VAK_M)
    return out


def coarse_frame(points: pd.DataFrame, minutes: Mapping[str, np.ndarray], crs: str) -> pd.DataFrame:
    """The squares of a province's view: :data:`VAK_GROF_M` a side."""
    return vakken_frame(points, minutes, crs, VAK_GROF_M)


def view_tiles(area: Area, view: Any) -> list[str]:
    """The keys of the fine tiles a map at ``view`` (a pydeck view: longitude, latitude, zoom) shows: none for an
    area in one level, at a province's zoom, or where the view would need more than :data:`MAX_TEGELS` tiles."""
    if not in_levels(area) or screen_m(view.zoom) >= FIJN_VANAF_M:
        return []
    west, south, east, north = view_bounds(view)
    to_crs = pyproj.Transformer.from_crs(WGS84, area.crs, always_xy=True)
    xs, ys = to_crs.transform([west, east, east, west], [south, south, north, north])
    cols = range(math.floor(min(xs) / TEGEL_M), math.floor(max(xs) / TEGEL_M) + 1)
    rows = range(math.floor(min(ys) / TEGEL_M), math.floor(max(ys) / TEGEL_M) + 1)
    if len(cols) * len(rows) > MAX_TEGELS:
        return []
    return [tile_key(i, j) for j in rows for i in cols]
