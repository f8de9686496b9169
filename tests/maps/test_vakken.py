"""The travel-time squares in two levels of detail: coarse for a province's view, fine tiles near a kern."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd

from gebied.bereik.dekking import hosts, nearest_minutes
from gebied.bereik.matrices import area_matrix, demand_points
from gebied.bereik.modes import modes
from gebied.core.crs import WGS84
from gebied.maps import ondergrond, overlays, statisch, vakken


def _minutes(area, soort):
    out = {}
    for modus, m in modes(area.config.snelheden).items():
        mat = area_matrix(area, modus)
        out[m.label] = nearest_minutes(mat, hosts(area.voorzieningen, mat.target_ids, soort))
    return out


def _kern_view(area, zoom):
    c = area.kernen.to_crs(WGS84).geometry.iloc[0].centroid
    return SimpleNamespace(longitude=float(c.x), latitude=float(c.y), zoom=zoom)


def test_the_tiles_hold_exactly_the_fine_squares_and_the_coarse_ones_every_inhabitant(small, monkeypatch):
    soort = sorted(set(small.voorzieningen["voorziening"]))[0]
    pts, minutes = demand_points(small), _minutes(small, soort)
    monkeypatch.setattr(vakken, "TEGEL_M", 1000.0)  # tiles of 1 km, so the small area spans several
    tiles = vakken.tiled_frames(pts, minutes, small.crs)
    assert len(tiles) > 1
    whole = overlays.vakken_frame(pts, minutes, small.crs)
    joined = pd.concat(tiles.values()).sort_values("polygon", key=lambda s: s.map(str)).reset_index(drop=True)
    pd.testing.assert_frame_equal(joined, whole.sort_values("polygon", key=lambda s: s.map(str))
                                  .reset_index(drop=True))  # no square cut by a tile's edge
    coarse = vakken.coarse_frame(pts, minutes, small.crs)
    assert len(coarse) < len(whole)
    assert abs(coarse["n"].sum() - pts["inwoners"].sum()) < 0.1 * len(coarse)
    first = coarse["polygon"].iloc[0]
    assert abs(first[1][0] - first[0][0]) > 4 * abs(whole["polygon"].iloc[0][1][0] - whole["polygon"].iloc[0][0][0])


def test_a_gemeente_keeps_one_file_and_a_province_shows_fine_tiles_only_near_a_kern(small, tmp_path, monkeypatch):
    soort = sorted(set(small.voorzieningen["voorziening"]))[0]
    pts, minutes = demand_points(small), _minutes(small, soort)
    gemeente = tmp_path / "gemeente"
    statisch.squares_file(small, gemeente, soort, lambda: pts, lambda: minutes)
    assert [p.name for p in gemeente.iterdir()] == [f"vakken-{soort}.json"]
    assert statisch.squares_tiles(small, gemeente, soort, _kern_view(small, 14.5)) == []

    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    monkeypatch.setattr(vakken, "TEGEL_M", 1000.0)
    provincie = tmp_path / "provincie"
    url = statisch.squares_file(small, provincie, soort, lambda: pts, lambda: minutes)
    coarse = json.loads((provincie / f"vakken-{soort}.json").read_text(encoding="utf-8"))
    assert url.endswith(f"vakken-{soort}.json") and len(coarse) < len(overlays.vakken_frame(pts, minutes, small.crs))
    assert len(list(provincie.glob(f"vakken-{soort}-t*.json"))) > 1
    assert statisch.squares_tiles(small, provincie, soort, _kern_view(small, 9.0)) == []  # a province's zoom
    near = statisch.squares_tiles(small, provincie, soort, _kern_view(small, 14.5))
    assert near and all((provincie / url.rsplit("/", 1)[1]).exists() for url, _ in near)
    # the tiles a view gets are those its bounds touch: here the kern's centre lies in one of them
    c = small.kernen.geometry.iloc[0].centroid
    own = vakken.tile_key(int(np.floor(c.x / 1000.0)), int(np.floor(c.y / 1000.0)))
    assert own in {key for _, key in near} or not (provincie / f"vakken-{soort}-{own}.json").exists()


def _rings_lonlat_to_crs(frame, crs):
    import pyproj
    import shapely

    to_crs = pyproj.Transformer.from_crs(WGS84, crs, always_xy=True)

    def ring(coords):
        return np.column_stack(to_crs.transform(*np.asarray(coords).T))

    return [shapely.Polygon(ring(rings[0]), [ring(h) for h in rings[1:]]) for rings in frame["polygon"]]


def test_the_isochrone_tiles_cover_the_isochrones_and_the_coarse_ones_are_lighter(small, monkeypatch):
    import shapely

    from gebied.core.catalogue import load_catalogue

    soort = sorted(set(small.voorzieningen["voorziening"]))[0]
    iso = statisch.isochrones_of(small, "lopen", soort)
    cat = load_catalogue()
    monkeypatch.setattr(vakken, "TEGEL_M", 1000.0)
    tiles = vakken.tiled_isochrones(iso, cat, "Lopen")
    assert len(tiles) > 1
    for key, frame in tiles.items():
        i, j = (int(v) for v in key[1:].split("_"))
        box = shapely.box(i * 1000.0, j * 1000.0, (i + 1) * 1000.0, (j + 1) * 1000.0).buffer(1.0)
        assert all(box.contains(p) for p in _rings_lonlat_to_crs(frame, small.crs))  # each in its own tile
    # every band: the tiles together cover the threshold's outline simplified to 10 m less the smaller ones', to
    # within the rounding of the coordinates (5 decimals of a degree, ~1 m) along its edges
    smaller = shapely.Polygon()
    for minuten in sorted(iso["minuten"]):
        reach = iso[iso["minuten"] == minuten].geometry.simplify(vakken.ISO_FIJN_M).union_all()
        outline = shapely.union_all([shapely.Polygon(g.exterior) for g in shapely.get_parts(reach)])
        band, smaller = outline.difference(smaller), smaller.union(outline)
        label = f"Binnen {int(minuten)} minuten (lopen)"
        parts = [p for f in tiles.values() for p in _rings_lonlat_to_crs(f[f["tooltip"] == label], small.crs)]
        assert shapely.union_all(parts).symmetric_difference(band).area < 1.0 * band.length
    coarse = vakken.coarse_isochrones(iso, cat, "Lopen")
    fine = sum(len(r) for f in tiles.values() for p in f["polygon"] for r in p)  # points of every ring
    assert 0 < sum(len(r) for p in coarse["polygon"] for r in p) <= fine / 2  # half the points or fewer
    assert min(p.area for p in _rings_lonlat_to_crs(coarse, small.crs)) > 0.5 * vakken.ISO_GROF_MIN_M2


def test_a_province_shows_the_isochrone_tiles_only_near_a_kern(small, tmp_path, monkeypatch):
    soort = sorted(set(small.voorzieningen["voorziening"]))[0]
    iso = statisch.isochrones_of(small, "lopen", soort)
    gemeente = tmp_path / "gemeente"
    statisch.isochrone_file(small, gemeente, f"isochronen-{soort}-0", lambda: iso, "Lopen")
    assert [p.name for p in gemeente.iterdir()] == [f"isochronen-{soort}-0.json"]
    assert statisch.isochrone_tiles(small, gemeente, soort, 0, _kern_view(small, 14.5)) == []

    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    monkeypatch.setattr(vakken, "TEGEL_M", 1000.0)
    provincie = tmp_path / "provincie"
    statisch.isochrone_file(small, provincie, f"isochronen-{soort}-0", lambda: iso, "Lopen")
    assert len(list(provincie.glob(f"isochronen-{soort}-0-t*.json"))) > 1
    assert statisch.isochrone_tiles(small, provincie, soort, 0, _kern_view(small, 9.0)) == []
    near = statisch.isochrone_tiles(small, provincie, soort, 0, _kern_view(small, 14.5))
    assert near and all((provincie / url.rsplit("/", 1)[1]).exists() for url, _ in near)
    assert statisch.isochrone_tiles(small, provincie, soort, 1, _kern_view(small, 14.5)) == []  # not written


def test_a_province_view_gets_every_kern_with_fewer_points(small):
    fine = overlays.kernen_frame(small)
    coarse = vakken.coarse_kernen(small)
    assert set(coarse["kern_id"]) == set(small.kernen["kern_id"])  # each kern keeps its largest part
    assert sum(map(len, coarse["polygon"])) < sum(map(len, fine["polygon"]))
    assert len(coarse) <= len(fine)  # parts of a few pixels left out
    assert set(coarse.columns) == set(fine.columns)  # the same tooltips


def test_kern_parts_smaller_than_the_limit_are_left_out_but_never_a_kerns_largest(small):
    sizes = small.kernen.explode(index_parts=False).geometry.area
    limit = float(sizes.max()) + 1.0  # larger than every part: each kern keeps exactly one
    rows = overlays.kernen_frame(small, 12.0, limit)
    assert sorted(rows["kern_id"]) == sorted(small.kernen["kern_id"])


def test_the_coarse_level_is_shown_from_the_fine_squares_threshold_on():
    at = SimpleNamespace(longitude=5.0, latitude=52.0, zoom=0.0)
    z = float(np.log2(ondergrond.WERELD_M / (512 * vakken.FIJN_VANAF_M)))  # the zoom of the threshold itself
    assert vakken.coarse_view(SimpleNamespace(**{**vars(at), "zoom": z - 0.5}))
    assert not vakken.coarse_view(SimpleNamespace(**{**vars(at), "zoom": z + 0.5}))


def test_near_a_kern_a_province_map_gets_the_kernen_in_view_only(small, monkeypatch):
    assert vakken.kernen_in_view(small, _kern_view(small, 16.0)) is None  # a gemeente: the file of all
    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    assert vakken.kernen_in_view(small, _kern_view(small, 9.0)) is None  # a province's zoom: the coarse file
    first = small.kernen["kern_id"].iloc[0]
    close = vakken.kernen_in_view(small, _kern_view(small, 17.0))
    assert close is not None and first in close and len(close) < len(small.kernen)
    wide = vakken.kernen_in_view(small, _kern_view(small, 12.5))
    assert wide is not None and close <= wide
