"""The travel-time squares and isochrones in two levels of detail: coarse for a province's view, tiles of fine ones
near a kern.

A gemeente's squares (:data:`gebied.maps.overlays.VAK_M`, 100 m) are one file the browser fetches once. A
province has tens of thousands of them per voorziening kind (~6.6 MB a kind for 850,000 inhabitants), more
than a browser can draw at a province's zoom, where a 100 m square is smaller than a pixel. An area with the base
picture's detail tiles (:func:`gebied.maps.ondergrond.has_detail`) therefore gets, per kind, one file of
:data:`VAK_GROF_M` squares for the whole area, and the 100 m squares in tiles of :data:`TEGEL_M` (in the area's
CRS): a map showing a kern gets the tiles its view covers (:func:`fine_tiles`), a map of the whole area the
coarse file only. The isochrones likewise: per mode and kind one file simplified to :data:`ISO_GROF_M` without the
parts a province's view cannot show, and tiles of :data:`TEGEL_M` simplified to :data:`ISO_FIJN_M` (a gemeente's
tolerance). The functions here are pure; :mod:`gebied.maps.statisch` writes and finds the files.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue
from gebied.core.crs import WGS84
from gebied.core.geheugen import per_object
from gebied.maps.banden import isochrone_frame
from gebied.maps.ondergrond import has_detail, screen_m, view_bounds
from gebied.maps.overlays import VAK_M, kernen_frame, vakken_frame

#: Side of a square at a province's view (m): a twenty-fifth of the marks of 100 m squares in the countryside.
VAK_GROF_M = 500.0
#: Side of a tile of fine squares (m, in the area's CRS): a kern and its surroundings in one or a few tiles.
TEGEL_M = 10_000.0
#: Fine squares from this screen resolution on (Web Mercator metres a pixel): a 100 m square is then ~4 pixels.
FIJN_VANAF_M = 25.0
#: At most this many tiles a view.
MAX_TEGELS = 16
#: How far a province's isochrones are simplified for its view (m): about a pixel and a half there.
ISO_GROF_M = 100.0
#: Parts of a province's isochrones smaller than this are left out of its view (m²): a few pixels.
ISO_GROF_MIN_M2 = 40_000.0
#: How far the isochrones in the tiles near a kern are simplified (m): as a gemeente's.
ISO_FIJN_M = 10.0
#: How far a province's kernen are simplified for its view (m): two pixels where the fine squares begin, a
#: fraction of one at a province's zoom (a tenth of a gemeente's 12 m outlines' points there).
KERN_GROF_M = 30.0


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


def coarse_view(view: Any) -> bool:
    """Whether a map at ``view`` (a pydeck view) shows a province's coarse level: zoomed out beyond
    :data:`FIJN_VANAF_M` a pixel."""
    return screen_m(view.zoom) >= FIJN_VANAF_M


def coarse_kernen(area: Area) -> pd.DataFrame:
    """A province's kernen for its view, as a :func:`gebied.maps.overlays.kernen_frame`: simplified to
    :data:`KERN_GROF_M`, parts smaller than :data:`ISO_GROF_MIN_M2` left out (each kern keeps its largest). Without a
    graphics card the browser's time a frame grows with the points of the shapes it draws."""
    return kernen_frame(area, KERN_GROF_M, ISO_GROF_MIN_M2)


def kernen_in_view(area: Area, view: Any) -> set[str] | None:
    """The kernen a map of a province at a ``view`` near a kern shows (their outlines' boxes meet
    :func:`gebied.maps.ondergrond.view_bounds`), so the browser draws those only; None for an area in one level or
    at a province's zoom (:func:`coarse_kernen` then)."""
    if not in_levels(area) or coarse_view(view):
        return None
    ids, boxes = per_object(area.kernen, ("kernvakken", area.crs), lambda: (
        area.kernen["kern_id"].to_numpy(), area.kernen.to_crs(WGS84).bounds.to_numpy()))
    return set(ids[in_view(boxes, view)].tolist())


def in_view(boxes: np.ndarray, view: Any) -> np.ndarray:
    """Per ``west, south, east, north`` box (degrees; a point is a box of its ``lon, lat, lon, lat``) whether it
    meets what a map at ``view`` shows (:func:`gebied.maps.ondergrond.view_bounds`)."""
    west, south, east, north = view_bounds(view)
    return (boxes[:, 0] <= east) & (boxes[:, 2] >= west) & (boxes[:, 1] <= north) & (boxes[:, 3] >= south)


def fine_tiles(area: Area, view: Any) -> list[str]:
    """The keys of the fine tiles a map at ``view`` (a pydeck view: longitude, latitude, zoom) shows: none for an
    area in one level, at a province's zoom, or where the view would need more than :data:`MAX_TEGELS` tiles."""
    if not in_levels(area) or coarse_view(view):
        return []
    keys, boxes = _grid(area)
    seen = in_view(boxes, view)
    if seen.sum() > MAX_TEGELS:
        return []
    return [keys[i] for i in np.flatnonzero(seen)]


def _grid(area: Area) -> tuple[list[str], np.ndarray]:
    """The keys and ``west, south, east, north`` boxes (degrees) of the tiles over the area's outline, row by row;
    once per outline, so a page run needs no projection library (which sets itself up in every run's thread)."""
    def compute() -> tuple[list[str], np.ndarray]:
        x0, y0, x1, y1 = area.grens.total_bounds
        cells = [(i, j) for j in range(math.floor(y0 / TEGEL_M), math.floor(y1 / TEGEL_M) + 1)
                 for i in range(math.floor(x0 / TEGEL_M), math.floor(x1 / TEGEL_M) + 1)]
        ij = np.array(cells, dtype=float).reshape(-1, 2)
        xs = np.concatenate([ij[:, 0], ij[:, 0] + 1, ij[:, 0] + 1, ij[:, 0]]) * TEGEL_M
        ys = np.concatenate([ij[:, 1], ij[:, 1], ij[:, 1] + 1, ij[:, 1] + 1]) * TEGEL_M
        lon, lat = pyproj.Transformer.from_crs(area.crs, WGS84, always_xy=True).transform(xs, ys)
        lon, lat = np.asarray(lon).reshape(4, -1), np.asarray(lat).reshape(4, -1)
        return [tile_key(i, j) for i, j in cells], np.column_stack([lon.min(0), lat.min(0), lon.max(0), lat.max(0)])

    return per_object(area.grens, ("tegels", TEGEL_M, area.crs), compute)


def coarse_isochrones(iso: gpd.GeoDataFrame, cat: Catalogue, label: str = "") -> pd.DataFrame:
    """A province's isochrones (``minuten``, ``geometry`` in a metric CRS) for its view, as an
    :func:`gebied.maps.banden.isochrone_frame`: simplified to :data:`ISO_GROF_M`, parts smaller than
    :data:`ISO_GROF_MIN_M2` left out."""
    parts = iso[["minuten", "geometry"]].explode(index_parts=False)
    parts = parts[parts.geometry.area >= ISO_GROF_MIN_M2]
    return isochrone_frame(parts, cat, label, ISO_GROF_M, ISO_GROF_MIN_M2)


def tiled_isochrones(iso: gpd.GeoDataFrame, cat: Catalogue, label: str = "") -> dict[str, pd.DataFrame]:
    """The isochrones (``minuten``, ``geometry`` in the area's CRS) cut into the tiles of :data:`TEGEL_M` they
    cross, per tile key, each an :func:`gebied.maps.banden.isochrone_frame` simplified to :data:`ISO_FIJN_M`.
    They are simplified before they are cut, so neighbouring tiles meet on the same edge."""
    if iso.empty:
        return {}
    iso = iso[["minuten", "geometry"]].assign(geometry=iso.geometry.simplify(ISO_FIJN_M, preserve_topology=True))
    x0, y0, x1, y1 = iso.total_bounds
    out = {}
    for i in range(math.floor(x0 / TEGEL_M), math.floor(x1 / TEGEL_M) + 1):
        for j in range(math.floor(y0 / TEGEL_M), math.floor(y1 / TEGEL_M) + 1):
            box = (i * TEGEL_M, j * TEGEL_M, (i + 1) * TEGEL_M, (j + 1) * TEGEL_M)
            cut = iso.assign(geometry=shapely.clip_by_rect(iso.geometry.to_numpy(), *box))
            cut = cut[~cut.geometry.is_empty]
            frame = isochrone_frame(cut, cat, label, 0.0) if len(cut) else None
            if frame is not None and len(frame):
                out[tile_key(i, j)] = frame
    return out
