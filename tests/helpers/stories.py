"""Story files and GeoTIFFs written by the tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

HEAD = """---
titel: Proef
gebied: liechtenstein
auteur: Test
bronnen: [eigen]
licentie: CC BY 4.0
---
"""


def write(tmp_path: Path, body: str, head: str = HEAD, name: str = "v.md") -> Path:
    """A story file with front matter ``head`` and ``body``."""
    p = tmp_path / name
    p.write_text(head + body, encoding="utf-8")
    return p


def make_geotiff(path: Path, crs: str, bounds: tuple[float, float, float, float], data: np.ndarray) -> Path:
    """A one-band float GeoTIFF covering ``bounds`` in ``crs``."""
    import rasterio
    from rasterio.transform import from_bounds

    h, w = data.shape
    with rasterio.open(path, "w", driver="GTiff", width=w, height=h, count=1, dtype="float32", crs=crs,
                       transform=from_bounds(*bounds, w, h), nodata=-9999) as dst:
        dst.write(data.astype("float32"), 1)
    return path
