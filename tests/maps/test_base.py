"""The app's base picture: the kernen's outlines are drawn into it (the map draws the kernen as fills)."""

from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from gebied.core.catalogue import load_catalogue
from gebied.maps.base import base_image


def _share_of(png: bytes, hex_colour: str) -> float:
    """Share of pixels closer to ``hex_colour`` than to anything grey (thin lines are blended with the ground)."""
    img = np.asarray(Image.open(BytesIO(png)).convert("RGB")).astype(float)
    target = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    grey = img.mean(axis=2, keepdims=True)
    return float((np.linalg.norm(img - target, axis=2) < np.linalg.norm(img - grey, axis=2)).mean())


def test_the_picture_holds_the_kernen_outlines_in_their_catalogue_colour(small):
    cat = load_catalogue()
    colour = cat.layer("kernen").stijl["lijnkleur"]
    with_kernen, bounds = base_image(small, cat, max_px=1024)
    without, same = base_image(small, cat, max_px=1024, kernen=False)
    assert bounds == same
    w, s, e, n = bounds
    assert w < e and s < n
    assert _share_of(with_kernen, colour) > 0.001  # the outlines are there ...
    assert _share_of(without, colour) < _share_of(with_kernen, colour) / 20  # ... and only with kernen


def test_a_detail_tile_draws_only_what_lies_near_it_and_no_pixel_changes(default_area, monkeypatch):
    """A detail tile of a province plots the features near its window, not the province's (a plot of every road
    per tile took ~5 s at k = 16); the picture is the same as with every feature plotted."""
    import shapely

    from gebied.maps import base, ondergrond

    cat = load_catalogue()
    window = ondergrond.tile_window(default_area, 2, 3)
    asked: list[int] = []
    real = base._near

    def counted(area, win, crs):
        box = real(area, win, crs)
        asked.append(int(len(area.wegen.sindex.query(box, predicate="intersects"))))
        return box

    monkeypatch.setattr(base, "_near", counted)
    near, _ = base.render_base(default_area, cat, window, ondergrond.DETAIL_M, ondergrond.DETAIL_PX_PT)
    assert 0 < asked[0] < len(default_area.wegen)  # only the roads near the tile
    monkeypatch.setattr(base, "_near", lambda area, win, crs: shapely.box(-1e9, -1e9, 1e9, 1e9))
    every, _ = base.render_base(default_area, cat, window, ondergrond.DETAIL_M, ondergrond.DETAIL_PX_PT)
    a, b = (np.asarray(Image.open(BytesIO(png))) for png in (near, every))
    assert a.shape == b.shape == (ondergrond.TEGEL_PX, ondergrond.TEGEL_PX, 3)  # opaque: RGB, no alpha
    assert (a == b).all()


def test_the_map_samples_a_base_picture_at_its_nearest_pixel():
    """The map's layer of a base picture asks deck.gl for its nearest pixel at its nearest smaller version (a
    quarter to an eighth of the texture reads a screen pixel: without a graphics card, most of a frame); one a
    kern's view enlarges is blended when enlarged."""
    import json

    import pydeck as pdk

    from gebied.maps.base import base_image_layer

    def spec(**kwargs):
        layer = base_image_layer("/app/static/ondergrond.png", [9.4, 47.0, 9.6, 47.2], **kwargs)
        return json.loads(pdk.Deck(layers=[layer]).to_json())["layers"][0]

    plain, enlarged = spec(), spec(vergroot=True)
    assert plain["@@type"] == "BitmapLayer" and plain["image"] == "/app/static/ondergrond.png"
    assert plain["textureParameters"] == {"minFilter": "nearest", "magFilter": "nearest", "mipmapFilter": "nearest"}
    assert enlarged["textureParameters"] == {**plain["textureParameters"], "magFilter": "linear"}
    # the map's browser code leaves the overview out while a loaded detail picture covers the view
    detail = spec(rol="detail")
    assert plain["overzicht"] is True and "dekkend" not in plain
    assert detail["dekkend"] is True and "overzicht" not in detail
    with pytest.raises(ValueError, match="rol"):
        spec(rol="achtergrond")
