"""The app's base picture: the kernen's outlines are drawn into it (the map draws the kernen as fills)."""

from io import BytesIO

import numpy as np
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
