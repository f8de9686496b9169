"""Clipping an extract to a boundary with a margin, and telling how much of an area an extract covers."""

import geopandas as gpd
import osmium
import shapely

from gebied.core.catalogue import load_catalogue
from gebied.core.crs import RD_NEW, WGS84
from gebied.sources import cbs
from gebied.sources.clip import clip_extract, covered_share
from gebied.sources.osm import read_osm


def _rd(gdf):
    return gdf.to_crs(RD_NEW)


def test_clip_keeps_the_area_and_its_margin_and_drops_the_rest(dutch_fixture, tmp_path):
    gem = cbs.read_boundaries("muni", dutch_fixture.gemeenten)
    union = gem.geometry.union_all()
    shape = gpd.GeoSeries([union.buffer(3000)], crs=RD_NEW).to_crs(WGS84).iloc[0]
    res = clip_extract(dutch_fixture.path, shape, tmp_path / "clip.osm.pbf")
    full = read_osm(dutch_fixture.path, load_catalogue())
    part = read_osm(res.path, load_catalogue())
    inside = _rd(full.buildings).representative_point().within(union)
    assert set(full.buildings.loc[inside, "osm_id"]) <= set(part.buildings["osm_id"])  # everything inside
    names = set(part.places["name"])
    assert "Grensdorp" in names and "Verweg" not in names  # the margin stays, far away goes
    assert len(part.buildings) < len(full.buildings)
    assert res.ways > 0 and res.relations >= 2  # the boundary relations
    # the road to the far village crosses the clip edge: it is kept whole, with all its nodes
    far_ends = []
    for w in osmium.FileProcessor(str(res.path)).with_locations():
        if isinstance(w, osmium.osm.Way) and "highway" in w.tags:
            xy = gpd.GeoSeries(shapely.points([(n.lon, n.lat) for n in w.nodes]), crs=WGS84).to_crs(RD_NEW)
            far_ends.append(xy.distance(shapely.Point(dutch_fixture.far_village)).min())
    assert min(far_ends) < 100


def test_coverage_of_the_area_and_of_elsewhere(dutch_fixture, tmp_path):
    gem = cbs.read_boundaries("muni", ["GM0171"]).to_crs(WGS84).geometry.iloc[0]
    res = clip_extract(dutch_fixture.path, gem.buffer(0.05), tmp_path / "c.osm")
    assert covered_share(res.sample, gem, RD_NEW) > 0.97
    groningen = cbs.read_boundaries("muni", ["GM0014"]).to_crs(WGS84).geometry.iloc[0]
    assert covered_share(res.sample, groningen, RD_NEW) == 0.0
    west = shapely.box(gem.bounds[0] - 0.1, gem.bounds[1] - 0.1, gem.centroid.x, gem.bounds[3] + 0.1)
    half = clip_extract(dutch_fixture.path, west, tmp_path / "half.osm")  # an extract of the west half
    again = clip_extract(half.path, gem.buffer(0.05), tmp_path / "again.osm")
    assert 0.3 < covered_share(again.sample, gem, RD_NEW) < 0.8
