from gebied.core.crs import RD_NEW, analysis_crs


def test_netherlands_gets_rd_new():
    assert analysis_crs(5.8, 52.7) == RD_NEW  # Noordoostpolder
    assert analysis_crs(6.5, 53.4) == RD_NEW  # Het Hogeland


def test_elsewhere_gets_matching_utm_zone():
    assert analysis_crs(9.52, 47.15) == "EPSG:32632"  # Liechtenstein: zone 32N
    assert analysis_crs(-3.7, 40.4) == "EPSG:32630"  # Madrid: zone 30N
    assert analysis_crs(151.2, -33.9) == "EPSG:32756"  # Sydney: zone 56S


def test_web_mercator_by_its_formula_is_what_proj_computes():
    import numpy as np
    import pyproj

    from gebied.core.crs import from_web_mercator, to_web_mercator

    lon, lat = np.array([4.9, 9.52, -70.0, 151.2]), np.array([52.37, 47.14, -33.4, -33.87])
    x, y = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True).transform(lon, lat)
    ours = to_web_mercator(lon, lat)
    assert np.allclose(ours[0], x, atol=1e-6) and np.allclose(ours[1], y, atol=1e-6)  # within a micrometre
    back = from_web_mercator(*ours)
    assert np.allclose(back[0], lon, atol=1e-12) and np.allclose(back[1], lat, atol=1e-12)
