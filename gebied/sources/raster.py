"""Raster layers (historical maps, elevation) with rasterio: reprojected and cropped to a view.

Any GeoTIFF with a CRS is warped to Web Mercator (EPSG:3857), the projection deck.gl
and the print maps draw in, cropped to the requested lon/lat bounds, and returned as
a PNG with its bounds, ready for a pydeck ``BitmapLayer`` or a matplotlib ``imshow``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gebied.core.errors import GebiedError

WEB_MERCATOR = "EPSG:3857"


@dataclass
class RasterImage:
    """A raster ready to draw: RGBA pixels, PNG bytes and lon/lat bounds (w, s, e, n)."""

    rgba: np.ndarray
    png: bytes
    bounds: tuple[float, float, float, float]
    mercator_bounds: tuple[float, float, float, float]


def load_raster(path: Path, bounds: tuple[float, float, float, float] | None = None, max_px: int = 1024) -> RasterImage:
    """Read a GeoTIFF, warp it to Web Mercator and crop it to ``bounds`` (lon/lat) if given.

    One band is drawn in grey (elevation-like, stretched 2–98 %), three or four bands as RGB(A).
    Nodata becomes transparent.

    Raises
    ------
    GebiedError
        Missing or unreadable file, no CRS, or no overlap with ``bounds``.
    """
    import rasterio  # on first use: the app's first page needs this module's names, not rasterio (~90 ms)
    from rasterio.errors import RasterioIOError
    from rasterio.transform import from_bounds
    from rasterio.warp import Resampling, reproject, transform_bounds

    path = Path(path)
    try:
        src = rasterio.open(path)
    except RasterioIOError as exc:
        raise GebiedError(
            "Kan het rasterbestand niet lezen.", "Cannot read the raster file.", path, [str(exc)]
        ) from exc
    with src:
        if src.crs is None:
            raise GebiedError("Het raster heeft geen coördinatenstelsel (CRS).", "The raster has no CRS.", path)
        full = transform_bounds(src.crs, "EPSG:4326", *src.bounds)
        if bounds is not None:
            w, s = max(bounds[0], full[0]), max(bounds[1], full[1])
            e, n = min(bounds[2], full[2]), min(bounds[3], full[3])
            if w >= e or s >= n:
                raise GebiedError("Het raster valt buiten het kaartbeeld.", "The raster lies outside the view.", path)
        else:
            w, s, e, n = full
        mb = transform_bounds("EPSG:4326", WEB_MERCATOR, w, s, e, n)
        aspect = (mb[2] - mb[0]) / (mb[3] - mb[1])
        width = int(max_px if aspect >= 1 else max(1, round(max_px * aspect)))
        height = int(max(1, round(width / aspect)))
        dst_transform = from_bounds(*mb, width, height)
        bands = min(src.count, 4)
        out = np.zeros((bands, height, width), dtype=np.float32)
        for b in range(bands):
            reproject(rasterio.band(src, b + 1), out[b], src_transform=src.transform, src_crs=src.crs,
                      src_nodata=src.nodata, dst_transform=dst_transform, dst_crs=WEB_MERCATOR,
                      dst_nodata=np.nan, resampling=Resampling.bilinear)
    rgba = _rgba(out)
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buf, format="PNG")
    return RasterImage(rgba, buf.getvalue(), (w, s, e, n), tuple(mb))


def _rgba(out: np.ndarray) -> np.ndarray:
    """Warped bands (NaN = no data) as RGBA bytes: one band in stretched grey, three or four as RGB(A)."""
    bands = out.shape[0]
    valid = np.isfinite(out).all(axis=0)
    if bands == 1:
        band = out[0]
        lo, hi = (np.nanpercentile(band[valid], [2, 98]) if valid.any() else (0.0, 1.0))
        grey = np.clip((band - lo) / max(hi - lo, 1e-9), 0, 1)
        rgb = np.stack([grey, grey, grey]) * 255
    else:
        rgb = np.nan_to_num(out[:3])
        top = float(rgb.max()) if rgb.size else 0.0
        if top > 255 or 0 < top <= 1.0:  # 16-bit or 0..1 data: stretch to 0..255
            rgb = rgb / top * 255
    alpha = np.where(valid, 255, 0)
    if bands == 4:
        alpha = np.where(valid, np.clip(np.nan_to_num(out[3]), 0, 255), 0)
    return np.dstack([np.nan_to_num(rgb).transpose(1, 2, 0), alpha]).astype(np.uint8)
