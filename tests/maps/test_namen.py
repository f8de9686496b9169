"""Kern names at a province's zoom: the larger first, none crowding another; near a kern every name."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pyproj

from gebied.core.crs import WGS84
from gebied.maps import namen, ondergrond, overlays
from gebied.sources.raster import WEB_MERCATOR


def _frame(n: int = 60, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    lon, lat = 6.5 + rng.random(n) * 0.6, 53.1 + rng.random(n) * 0.4
    return pd.DataFrame({"naam": [f"Kern {i}" for i in range(n)], "p": np.column_stack([lon, lat]).tolist(),
                         "grootte": rng.uniform(11, 18, n).round(1)})


def test_the_names_kept_lie_apart_on_the_screen_and_the_largest_is_among_them():
    frame, m_per_px = _frame(), ondergrond.screen_m(9.0)
    few = namen.sparse_labels(frame, m_per_px)
    assert 1 < len(few) < len(frame)
    assert frame.loc[frame["grootte"].idxmax(), "naam"] in set(few["naam"])
    lonlat = np.array(few["p"].tolist())
    x, y = pyproj.Transformer.from_crs(WGS84, WEB_MERCATOR, always_xy=True).transform(lonlat[:, 0], lonlat[:, 1])
    px = np.column_stack([x, y]) / m_per_px
    gaps = np.hypot(*(px[:, None, :] - px[None, :, :]).transpose(2, 0, 1))
    assert gaps[np.triu_indices(len(few), 1)].min() >= namen.AFSTAND_PX
    # every name left out lies within the distance of a kept one at least as large: it would crowd it
    for _, row in frame[~frame["naam"].isin(few["naam"])].iterrows():
        xo, yo = pyproj.Transformer.from_crs(WGS84, WEB_MERCATOR, always_xy=True).transform(*row["p"])
        d = np.hypot(px[:, 0] - xo / m_per_px, px[:, 1] - yo / m_per_px)
        assert (d < namen.AFSTAND_PX).any()
    assert len(namen.sparse_labels(frame, ondergrond.screen_m(16.0))) == len(frame)  # close by: room for all


def _view(frame: pd.DataFrame, zoom: float) -> SimpleNamespace:
    lon, lat = frame["p"].iloc[0]
    return SimpleNamespace(longitude=lon, latitude=lat, zoom=zoom)


def test_a_gemeente_shows_every_name_and_a_province_fewer_at_its_zoom(small, monkeypatch):
    frame = overlays.labels_frame(small)
    assert namen.labels_at(small, frame, _view(frame, 9.0)) is None
    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    few = namen.labels_at(small, frame, _view(frame, 8.0))
    assert few is not None and 1 <= len(few) <= len(frame)


def test_near_a_kern_a_province_shows_the_names_in_view_only(small, monkeypatch):
    frame = overlays.labels_frame(small)
    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    wide = namen.labels_at(small, frame, _view(frame, 13.0))
    assert wide is not None and len(wide) == len(frame)  # the small area lies in a view at this zoom
    close = _view(frame, 18.0)
    near = namen.labels_at(small, frame, close)
    assert near is not None and frame["naam"].iloc[0] in set(near["naam"])  # the name the view is centred on
    west, south, east, north = ondergrond.view_bounds(close)
    inside = [west <= lon <= east and south <= lat <= north for lon, lat in frame["p"]]
    assert set(near["naam"]) == set(frame.loc[inside, "naam"]) and len(near) < len(frame)
