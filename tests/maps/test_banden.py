"""Isochrone bands: each place covered once, in the colour the stacked transparent isochrones gave it."""

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from gebied.core.catalogue import hex_to_rgba, load_catalogue
from gebied.core.crs import WGS84
from gebied.maps.banden import isochrone_frame, stacked_colour

RD = "EPSG:28992"


def blend(layers, background):
    """``layers`` (RGBA 0-255) drawn one over the other, the last at the bottom, over ``background`` (RGB)."""
    out = np.asarray(background, dtype=float)
    for r, g, b, a in reversed(layers):
        out = a / 255 * np.array([r, g, b]) + (1 - a / 255) * out
    return out


def test_one_colour_looks_as_the_stack_over_any_background():
    layers = [hex_to_rgba("#006d2c", 0.35), hex_to_rgba("#31a354", 0.35), hex_to_rgba("#bae4b3", 0.35)]
    one = stacked_colour(layers)
    for background in ([255, 255, 255], [0, 0, 0], [200, 120, 40]):
        assert np.abs(blend([one], background) - blend(layers, background)).max() <= 1.5
    assert stacked_colour([layers[0]]) == layers[0]


def test_bands_cover_each_place_once_with_the_stacked_colour():
    centre = shapely.Point(155_000, 463_000)
    iso = gpd.GeoDataFrame({"minuten": [20.0, 10.0, 5.0]},
                           geometry=[centre.buffer(r) for r in (900, 600, 300)], crs=RD)
    cat = load_catalogue()
    frame = isochrone_frame(iso, cat, "Fiets", tolerance=0.0)
    to_rd = pyproj.Transformer.from_crs(WGS84, RD, always_xy=True)

    def polygon(rings):
        ring = [np.column_stack(to_rd.transform(*np.asarray(r).T)) for r in rings]
        return shapely.Polygon(ring[0], ring[1:])

    bands = {t: shapely.union_all([polygon(p) for p in frame.loc[frame["tooltip"] == t, "polygon"]])
             for t in frame["tooltip"]}
    assert list(bands) == [f"Binnen {m} minuten (fiets)" for m in (20, 10, 5)]  # largest first
    parts = list(bands.values())
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            assert parts[i].intersection(parts[j]).area < 1.0  # no place under two bands
    outline = centre.buffer(900)  # together: the largest outline, to within the rounding (~1 m) along its edge
    assert shapely.union_all(parts).symmetric_difference(outline).area < 1.0 * outline.length
    assert len(frame.iloc[0]["polygon"]) == 2 and len(frame.iloc[-1]["polygon"]) == 1  # a ring's hole; the centre
    kleuren = cat.layer("isochronen").stijl["kleuren"]
    rgba = {m: hex_to_rgba(kleuren[m], cat.layer("isochronen").stijl["dekking"]) for m in (5, 10, 20)}
    assert frame.iloc[-1]["kleur"] == stacked_colour([rgba[5], rgba[10], rgba[20]])
    assert frame.iloc[0]["kleur"] == rgba[20]
