"""Isochrones as bands for the map: each place covered once, in the colour the stacked isochrones gave it."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gebied.core.catalogue import Catalogue, hex_to_rgba
from gebied.maps.deck import polygons_frame


def isochrone_frame(iso: gpd.GeoDataFrame, cat: Catalogue, label: str = "", tolerance: float = 10.0,
                    min_m2: float = 1.0) -> pd.DataFrame:
    """Isochrones of one mode (``minuten``, ``geometry`` in a metric CRS) as bands, largest first: per threshold
    the area reached within it but not within a smaller one (each outline filled, as the map shows reach), one
    row per polygon with its rings (outline, then holes) in WGS84, simplified to ``tolerance`` (m); coloured as the
    catalogue's transparent isochrones looked stacked there, with a tooltip naming the threshold and the mode
    (``label``). Band parts smaller than ``min_m2`` (m²) are left out: slivers where a simplified outline ran just
    outside the next larger one.

    Drawn stacked, the isochrones covered a kern's centre four times over: a software renderer spent ~40 ms of a
    province's kern frame on the overlapping fills. The bands cover each place once, in the same colour."""
    st = cat.layer("isochronen").stijl
    extra = f" ({label.lower()})" if label else ""
    levels, within = [], shapely.Polygon()
    for minuten, group in iso.groupby("minuten", sort=True):
        geometry = group.geometry.simplify(tolerance, preserve_topology=True) if tolerance else group.geometry
        parts = shapely.get_parts(shapely.get_parts(geometry.to_numpy()))  # a clipped tile may nest collections
        filled = shapely.union_all([shapely.Polygon(g.exterior) for g in parts if g.geom_type == "Polygon"])
        levels.append((float(minuten), shapely.difference(filled, within)))
        within = shapely.union(within, filled)
    rgba = [hex_to_rgba(st["kleuren"].get(int(m), st["kleuren"].get(str(int(m)), "#74c476")), st["dekking"])
            for m, _ in levels]
    bands = []
    for k in reversed(range(len(levels))):
        minuten, band = levels[k]
        parts = [g for g in shapely.get_parts(band) if g.geom_type == "Polygon" and g.area >= min_m2]
        bands.append(gpd.GeoDataFrame({"kleur": [stacked_colour(rgba[k:])] * len(parts),
                                       "tooltip": f"Binnen {int(minuten)} minuten{extra}"},
                                      geometry=parts, crs=iso.crs))
    if not bands:
        return pd.DataFrame(columns=["polygon", "kleur", "tooltip"])
    return polygons_frame(pd.concat(bands, ignore_index=True), 0.0, holes=True)[["polygon", "kleur", "tooltip"]]


def stacked_colour(layers: list[list[int]]) -> list[int]:
    """The one RGBA colour (0–255) that looks as ``layers`` (RGBA, 0–255) drawn over each other with ordinary alpha
    blending, the last one first (at the bottom): over any background, up to rounding."""
    colour, through = np.zeros(3), 1.0  # premultiplied colour so far, and how much of the background shows
    for r, g, b, a in reversed(layers):
        alpha = a / 255.0
        colour = alpha * np.array([r, g, b], dtype=float) + (1.0 - alpha) * colour
        through *= 1.0 - alpha
    cover = 1.0 - through
    if cover <= 0.0:
        return [0, 0, 0, 0]
    return [*(int(round(c)) for c in colour / cover), int(round(255 * cover))]
