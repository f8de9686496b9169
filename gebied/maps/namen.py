"""Kern names at a province's zoom: the larger kernen first, none closer to another than a name is wide.

A gemeente shows every kern's name. A province has hundreds of kernen; at its zoom their names would lie on top
of each other. At a zoom where the travel-time squares are coarse (:data:`gebied.maps.vakken.FIJN_VANAF_M`), an
area in two levels of detail shows the names of :func:`sparse_labels` only: the larger kern wins a place, a name
within :data:`AFSTAND_PX` screen pixels of one already placed is left out. Near a kern every name within the view
shows again.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyproj

from gebied.core.crs import WGS84
from gebied.maps.ondergrond import screen_m
from gebied.maps.vakken import FIJN_VANAF_M, in_levels, in_view
from gebied.sources.raster import WEB_MERCATOR

#: Screen pixels between two names' centres at the least (about a name's width at 14 px).
AFSTAND_PX = 110.0


def sparse_labels(frame: pd.DataFrame, m_per_px: float, afstand_px: float = AFSTAND_PX) -> pd.DataFrame:
    """The names of a :func:`gebied.maps.overlays.labels_frame` that keep :data:`AFSTAND_PX` apart on a screen
    of ``m_per_px`` Web Mercator metres a pixel, the larger (``grootte``) placed first."""
    if frame.empty:
        return frame
    lonlat = np.array(frame["p"].tolist(), dtype=float)
    x, y = pyproj.Transformer.from_crs(WGS84, WEB_MERCATOR, always_xy=True).transform(lonlat[:, 0], lonlat[:, 1])
    xy = np.column_stack([x, y]) / m_per_px
    order = np.argsort(-frame["grootte"].to_numpy(dtype=float), kind="stable")
    kept: list[int] = []
    for i in order:
        if not kept or np.min(np.hypot(*(xy[kept] - xy[i]).T)) >= afstand_px:
            kept.append(int(i))
    return frame.iloc[sorted(kept)].reset_index(drop=True)


def labels_at(area: Any, frame: pd.DataFrame, view: Any) -> pd.DataFrame | None:
    """The names a map of ``area`` at ``view`` (a pydeck view) shows when not every one, else None (a gemeente): at
    a province's zoom those of :func:`sparse_labels`, near a kern those within the view's bounds
    (:func:`gebied.maps.ondergrond.view_bounds`, a screen larger than most). Without a graphics card the browser
    draws each letter as a mark of its own, on the screen or not: a province's hundreds of names cost a kern's
    view ~50 ms a frame."""
    if not in_levels(area):
        return None
    if screen_m(view.zoom) >= FIJN_VANAF_M:
        return sparse_labels(frame, screen_m(view.zoom))
    if frame.empty:
        return frame
    lonlat = np.array(frame["p"].tolist(), dtype=float).reshape(-1, 2)
    return frame[in_view(np.hstack([lonlat, lonlat]), view)]
