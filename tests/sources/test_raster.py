"""GeoTIFF rasters: reprojection, cropping, errors."""


import numpy as np
import pytest
from helpers.stories import make_geotiff

from gebied.core.errors import GebiedError
from gebied.sources.raster import load_raster


def test_raster_in_another_crs_is_reprojected_and_cropped(tmp_path):
    # an elevation-like grid in UTM 32N around Vaduz: 20 x 20 km, 200 x 200 cells, nodata in one corner
    data = np.add.outer(np.arange(200), np.arange(200)).astype(float)
    data[:20, :20] = -9999
    tif = make_geotiff(tmp_path / "hoogte.tif", "EPSG:32632", (530000, 5215000, 550000, 5235000), data)
    full = load_raster(tif)
    w, s, e, n = full.bounds
    assert 9.3 < w < 9.4 < 9.6 < e < 9.7 and 47.0 < s < 47.1 < 47.2 < n < 47.3
    assert full.rgba[0, 0, 3] == 0  # nodata is transparent
    assert full.rgba[full.rgba.shape[0] // 2, full.rgba.shape[1] // 2, 3] == 255
    crop = load_raster(tif, (9.5, 47.1, 9.55, 47.15), max_px=256)
    assert crop.bounds == pytest.approx((9.5, 47.1, 9.55, 47.15))
    assert max(crop.rgba.shape[:2]) == 256 and crop.png.startswith(b"\x89PNG")
    with pytest.raises(GebiedError, match="buiten"):
        load_raster(tif, (5.0, 52.0, 5.1, 52.1))


def test_raster_errors(tmp_path):
    bad = tmp_path / "kapot.tif"
    bad.write_bytes(b"geen tiff")
    with pytest.raises(GebiedError, match="niet lezen"):
        load_raster(bad)
    import rasterio

    nocrs = tmp_path / "zonder.tif"
    with rasterio.open(nocrs, "w", driver="GTiff", width=2, height=2, count=1, dtype="uint8") as dst:
        dst.write(np.zeros((1, 2, 2), dtype="uint8"))
    with pytest.raises(GebiedError, match="CRS"):
        load_raster(nocrs)
