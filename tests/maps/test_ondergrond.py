"""The base picture's detail tiles: where they lie, what a view gets, and that they are drawn once."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pyproj
import pytest

from gebied.core.catalogue import load_catalogue
from gebied.core.crs import WGS84, from_web_mercator
from gebied.maps import ondergrond
from gebied.sources.raster import WEB_MERCATOR


def test_tiles_cover_the_overview_without_gaps_and_a_view_gets_those_it_shows(small, monkeypatch):
    x0, y0, x1, y1, scale = ondergrond.overview_frame(small)
    side = ondergrond.TEGEL_PX * ondergrond.DETAIL_M
    a, b, c, d = ondergrond.tile_window(small, 0, 0)
    assert (a, d) == (x0, y1) and c - a == side and d - b == side  # the grid starts at the overview's corner
    assert ondergrond.tile_window(small, 1, 0)[0] == c and ondergrond.tile_window(small, 0, 1)[3] == b
    to_lonlat = pyproj.Transformer.from_crs(WEB_MERCATOR, WGS84, always_xy=True)
    (w, e), (s, n) = to_lonlat.transform([x0, x1], [y0, y1])
    every = ondergrond.tiles_in(small, (w, s, e, n))
    cols, rows = int(np.ceil((x1 - x0) / side)), int(np.ceil((y1 - y0) / side))
    assert sorted(every) == sorted((i, j) for i in range(cols) for j in range(rows))
    assert ondergrond.tiles_in(small, (w - 2, s - 2, w - 1, s - 1)) == []  # outside the area: none
    # a view of the map: its bounds contain its centre, and are as wide as the screen at that zoom
    view = SimpleNamespace(longitude=(w + e) / 2, latitude=(s + n) / 2, zoom=14.0)
    vw, vs, ve, vn = ondergrond.view_bounds(view, 1000, 600)
    assert vw < view.longitude < ve and vs < view.latitude < vn
    to_merc = pyproj.Transformer.from_crs(WGS84, WEB_MERCATOR, always_xy=True)
    (mx0, mx1), _ = to_merc.transform([vw, ve], [vs, vn])
    assert abs((mx1 - mx0) - 1000 * 2 * np.pi * 6378137.0 / (512 * 2**14)) < 1.0


def _kern_view(area, zoom: float = 16.5) -> SimpleNamespace:
    centre = area.kernen.to_crs(WGS84).geometry.iloc[0].centroid
    return SimpleNamespace(longitude=float(centre.x), latitude=float(centre.y), zoom=zoom)


def test_a_view_of_a_kern_gets_one_picture_of_what_it_shows_drawn_once_and_a_gemeente_none(small, tmp_path,
                                                                                           monkeypatch):
    cat = load_catalogue()
    view = _kern_view(small)
    assert not ondergrond.has_detail(small)  # a small area's overview is sharp enough
    assert ondergrond.detail_layers(small, tmp_path, cat, view) == []
    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    layers = ondergrond.detail_layers(small, tmp_path, cat, view)
    assert len(layers) == 1 and layers[0].id.startswith("ondergrond-")
    files = sorted(tmp_path.glob("ondergrond-*.jpg"))
    assert len(files) == 1 and not list(tmp_path.glob("ondergrond-*.png"))  # drawn at once, not as tiles
    stamp = files[0].stat().st_mtime_ns
    assert ondergrond.detail_layers(small, tmp_path, cat, view)[0].id == layers[0].id
    assert files[0].stat().st_mtime_ns == stamp  # drawn once
    from io import BytesIO

    from PIL import Image

    # the picture: whole cells around what a large screen shows at this zoom, no more than a cell beyond it
    c0, r0, c1, r1 = ondergrond.view_window(small, view)
    img = Image.open(BytesIO(files[0].read_bytes()))
    assert img.size == ((c1 - c0 + 1) * ondergrond.RASTER_PX, (r1 - r0 + 1) * ondergrond.RASTER_PX)
    shown = 1600 * ondergrond.screen_m(view.zoom) / ondergrond.DETAIL_M
    assert img.size[0] <= shown + 2 * ondergrond.RASTER_PX
    west, south, east, north = ondergrond.view_bounds(view)
    w, s, e, n = layers[0].bounds[0][0], layers[0].bounds[0][1], layers[0].bounds[2][0], layers[0].bounds[2][1]
    x0, y0, x1, y1, _ = ondergrond.overview_frame(small)
    (ow, oe), (os_, on) = from_web_mercator([x0, x1], [y0, y1])
    assert w <= max(west, ow) + 1e-9 and e >= min(east, oe) - 1e-9  # it covers the view within the area
    assert s <= max(south, os_) + 1e-9 and n >= min(north, on) - 1e-9
    far = SimpleNamespace(longitude=view.longitude, latitude=view.latitude, zoom=6.0)
    assert ondergrond.detail_layers(small, tmp_path, cat, far) == []  # a wide view: the overview only


def test_a_view_cut_from_tiles_drawn_ahead_is_the_picture_drawn_at_once(small, tmp_path, monkeypatch):
    """The two ways to a view's picture (cut from its tiles, or drawn over its window) give the same picture
    and bounds: the tiles drawn ahead change when it comes, not what it shows."""
    from PIL import Image

    cat = load_catalogue()
    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)
    monkeypatch.setattr(ondergrond, "TEGEL_PX", 256)  # small tiles, so the view is cut across several
    monkeypatch.setattr(ondergrond, "RASTER_PX", 128)
    view = _kern_view(small)
    at_once, cut = tmp_path / "meteen", tmp_path / "tegels"
    cells = ondergrond.view_window(small, view)
    assert ondergrond.draw_tiles(small, cut, cat, ondergrond.tiles_of_view(small, view)) > 2
    _, bounds_cut = ondergrond.view_file(small, cut, cat, cells)
    _, bounds = ondergrond.view_file(small, at_once, cat, cells)
    assert bounds_cut == pytest.approx(bounds, abs=1e-9)
    a = np.asarray(Image.open(next(at_once.glob("*.jpg"))), dtype=float)
    b = np.asarray(Image.open(next(cut.glob("*.jpg"))), dtype=float)
    assert a.shape == b.shape and a.std() > 5  # a picture with something on it
    assert np.abs(a - b).mean() < 0.5 and (np.abs(a - b) > 40).mean() < 0.001  # JPEG noise at most


def test_every_kerns_view_finds_its_tiles_drawn_ahead_the_largest_kern_first(small, tmp_path, monkeypatch):
    """:func:`kern_tiles` lists each tile of every kern's map once, the largest kern's first; once they are drawn,
    no kern's view draws anything more."""
    from gebied.maps.deck import area_bounds, view_of

    cat = load_catalogue()
    assert ondergrond.kern_tiles(small) == []  # a gemeente: no detail tiles
    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    tiles = ondergrond.kern_tiles(small)
    bounds = area_bounds(small)
    views = {k: ondergrond.tiles_of_view(small, view_of(bounds[k])) for k in small.kernen["kern_id"]}
    assert len(tiles) == len(set(tiles)) == len(set().union(*map(set, views.values())))
    largest = small.kernen.sort_values("inwoners", ascending=False)["kern_id"].iloc[0]
    assert tiles[:len(views[largest])] == views[largest]
    assert tiles and ondergrond.draw_tiles(small, tmp_path, cat, tiles[:1]) == 1
    assert ondergrond.missing(tmp_path, tiles) == tiles[1:]
    assert ondergrond.draw_tiles(small, tmp_path, cat, tiles) == len(tiles) - 1  # the rest, not the first again
    assert ondergrond.missing(tmp_path, tiles) == []
    monkeypatch.setattr(ondergrond, "render_base", lambda *a, **k: pytest.fail("drawn again"))
    for kern in small.kernen["kern_id"]:
        ondergrond.detail_layers(small, tmp_path, cat, view_of(bounds[kern]))


def test_the_build_draws_every_kerns_tiles_on_workers_as_they_are_drawn_here(default_area, tmp_path, monkeypatch):
    """``gebied build``'s stage: every kern's tiles drawn on two processes (each loads the area itself), then
    every kern's view picture cut from them, with progress up to all of them; a tile the same as drawn in this
    process; a kern's view finds its picture made; a second build makes nothing."""
    from PIL import Image

    from gebied.maps.deck import area_bounds, view_of

    cat = load_catalogue()
    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    tiles, views = ondergrond.kern_tiles(default_area), ondergrond.kern_views(default_area)
    heard: list[tuple[str, int, int]] = []
    total = len(tiles) + len(views)
    assert ondergrond.draw_kern_tiles(default_area, tmp_path, cat, 2, lambda *a: heard.append(a)) == total
    assert len(tiles) > 8 and len(views) > 8 and ondergrond.missing(tmp_path, tiles) == []
    done = [d for stap, d, n in heard if stap == ondergrond.STAP_DETAIL and n == total]
    assert done[0] == 0 and done[-1] == total and done == sorted(done) and len(done) > 2
    monkeypatch.setattr(ondergrond, "render_base", lambda *a, **k: pytest.fail("drawn at the view"))
    monkeypatch.setattr(ondergrond, "_cut", lambda *a, **k: pytest.fail("cut at the view"))
    bounds = area_bounds(default_area)
    for kern in default_area.kernen["kern_id"]:  # as the app's map asks (widgets.show_map)
        ondergrond.detail_layers(default_area, tmp_path, cat, ondergrond.afgerond(view_of(bounds[kern])))
    monkeypatch.undo()
    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)
    i, j = tiles[-1]
    ondergrond._draw_tile(default_area, tmp_path / "hier", cat, i, j)
    here, there = (np.asarray(Image.open(f / f"ondergrond-{i}-{j}.png")) for f in (tmp_path / "hier", tmp_path))
    assert np.array_equal(here, there) and here.std() > 5
    heard.clear()
    assert ondergrond.draw_kern_tiles(default_area, tmp_path, cat, 2, lambda *a: heard.append(a)) == 0 and not heard


def test_tiles_a_worker_cannot_draw_are_drawn_here(default_area, tmp_path, monkeypatch):
    """An area that exists in memory only (no configuration a worker could load it from: the workers fail as
    they start) still gets every tile, drawn here."""
    import dataclasses

    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)
    nowhere = dataclasses.replace(default_area, config=default_area.config.model_copy(
        update={"id": "nergens", "config_path": None}))
    tiles = ondergrond.kern_tiles(nowhere)[:3]
    monkeypatch.setattr(ondergrond, "kern_tiles", lambda area: tiles)
    monkeypatch.setattr(ondergrond, "PER_TAAK", 1)  # one task a tile, so workers are started
    monkeypatch.setattr(ondergrond, "kern_views", lambda area: [])  # the tiles only
    assert ondergrond.draw_kern_tiles(nowhere, tmp_path, load_catalogue(), 2) == len(tiles) == 3
    assert ondergrond.missing(tmp_path, tiles) == []
