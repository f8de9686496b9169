from gebied.core.crs import RD_NEW, analysis_crs


def test_netherlands_gets_rd_new():
    assert analysis_crs(5.8, 52.7) == RD_NEW  # Noordoostpolder
    assert analysis_crs(6.5, 53.4) == RD_NEW  # Het Hogeland


def test_elsewhere_gets_matching_utm_zone():
    assert analysis_crs(9.52, 47.15) == "EPSG:32632"  # Liechtenstein: zone 32N
    assert analysis_crs(-3.7, 40.4) == "EPSG:32630"  # Madrid: zone 30N
    assert analysis_crs(151.2, -33.9) == "EPSG:32756"  # Sydney: zone 56S
