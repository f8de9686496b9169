"""The build cache's files: layers read back exactly as written."""

import geopandas as gpd
import pandas as pd
import pyproj
import shapely

from gebied.area.opslag import _read_layer


def test_layers_read_back_as_geopandas_reads_them_also_in_another_crs(tmp_path):
    rd = gpd.GeoDataFrame({"naam": ["Emmeloord", "Urk"], "inwoners": [26_000.0, 21_000.0],
                           "geometry": [shapely.Point(179_000, 522_000), shapely.Point(163_000, 519_000)]},
                          crs="EPSG:28992", index=pd.Index([3, 7], name="rij"))
    rd.to_parquet(tmp_path / "rd.parquet")
    rd.to_crs("EPSG:4326").to_parquet(tmp_path / "wgs.parquet")
    crs = pyproj.CRS.from_user_input("EPSG:28992")
    for name in ("rd", "wgs"):  # the second is in another CRS than the area's: read the ordinary way
        ours, theirs = _read_layer(tmp_path / f"{name}.parquet", crs), gpd.read_parquet(tmp_path / f"{name}.parquet")
        pd.testing.assert_frame_equal(pd.DataFrame(ours), pd.DataFrame(theirs))
        assert ours.crs == theirs.crs and list(ours.columns) == list(theirs.columns)
    assert _read_layer(tmp_path / "rd.parquet", crs).crs is crs  # given once, not parsed per file
