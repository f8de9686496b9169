"""pydeck map layers for an area, styled from the layer catalogue.

The map never depends on basemap tiles: the base (land use, water, streets) is
drawn from the extract itself, so it looks right offline.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import pydeck.bindings.deck as pydeck_deck
import shapely

from gebied.area.model import Area
from gebied.core.catalogue import OSM_ATTRIBUTION, Catalogue
from gebied.core.crs import WERELD_M, WGS84, to_web_mercator
from gebied.maps.zicht import zicht_layer


@dataclass(frozen=True)
class LegendItem:
    """One legend entry: label, colour (``#rrggbb``) and symbol kind."""

    label: str
    kleur: str
    vorm: str = "vlak"  # vlak | punt | lijn


def display(gdf: gpd.GeoDataFrame, tolerance_m: float = 0.0) -> gpd.GeoDataFrame:
    """A copy in EPSG:4326 for display, simplified by ``tolerance_m`` metres first."""
    out = gdf
    if tolerance_m:
        out = gdf.assign(geometry=gdf.geometry.simplify(tolerance_m, preserve_topology=True))
    return out.to_crs(WGS84)


def fit_zoom(bounds: tuple[float, float, float, float], width_px: int = 900, height_px: int = 640) -> float:
    """The web-mercator zoom at which lon/lat ``bounds`` fill a map of the given size.

    At zoom z the world is 512·2^z pixels wide (deck.gl tiles are 512 px).
    """
    w, s, e, n = bounds
    (x0, x1), (y0, y1) = to_web_mercator([w, e], [s, n])
    zx = np.log2(width_px * WERELD_M / (512.0 * max(float(x1 - x0), 0.1)))
    zy = np.log2(height_px * WERELD_M / (512.0 * max(float(y1 - y0), 0.1)))
    return float(np.clip(min(zx, zy) - 0.1, 1, 20))


def lonlat_bounds(gdf: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of ``gdf`` (any CRS) in degrees."""
    w, s, e, n = gdf.to_crs(WGS84).total_bounds
    return float(w), float(s), float(e), float(n)


def area_bounds(area: Area) -> dict[str | None, tuple[float, float, float, float]]:
    """Lon/lat bounds ``(west, south, east, north)`` of the area (key None) and of each kern (its id): what a map
    view of either fits (:func:`view_of`)."""
    out: dict[str | None, tuple[float, float, float, float]] = {None: lonlat_bounds(area.grens)}
    kernen = area.kernen.to_crs(WGS84)
    out.update({k: tuple(map(float, g.bounds)) for k, g in zip(kernen["kern_id"], kernen.geometry)})
    return out


def view_of(bounds: tuple[float, float, float, float], pitch: float = 0.0, bearing: float = 0.0,
            width_px: int = 1000, height_px: int = 660) -> pdk.ViewState:
    """A view fitting lon/lat ``bounds`` on a map of the given size (pure arithmetic: no projection library,
    which sets itself up anew in every thread and so in every rerun of a page)."""
    w, s, e, n = bounds
    return pdk.ViewState(longitude=(w + e) / 2, latitude=(s + n) / 2, zoom=fit_zoom(bounds, width_px, height_px),
                         pitch=pitch, bearing=bearing)


def view_state(gdf: gpd.GeoDataFrame, pitch: float = 0.0, bearing: float = 0.0,
               width_px: int = 1000, height_px: int = 660) -> pdk.ViewState:
    """A view fitting ``gdf``'s bounds (any CRS) on a map of the given size."""
    return view_of(lonlat_bounds(gdf), pitch, bearing, width_px, height_px)


def polygons_frame(gdf: gpd.GeoDataFrame, tolerance: float, holes: bool = False) -> pd.DataFrame:
    """Polygon rings as coordinate lists (one row per polygon part) for a PolygonLayer: the outline, or with
    ``holes`` a list of rings (the outline, then its holes)."""
    d = display(gdf, tolerance)
    parts = d.explode(index_parts=False)
    parts = parts[parts.geometry.geom_type == "Polygon"]
    rows = parts.drop(columns="geometry").copy()

    def ring(r: shapely.LinearRing) -> list:
        return np.round(shapely.get_coordinates(r), 5).tolist()

    rows["polygon"] = [[ring(g.exterior), *map(ring, g.interiors)] if holes else ring(g.exterior)
                       for g in parts.geometry]
    return rows.reset_index(drop=True)


def paths_frame(gdf: gpd.GeoDataFrame, tolerance: float) -> pd.DataFrame:
    d = display(gdf, tolerance)
    parts = d.explode(index_parts=False)
    parts = parts[parts.geometry.geom_type == "LineString"]
    rows = parts.drop(columns="geometry").copy()
    rows["path"] = [np.round(shapely.get_coordinates(g), 5).tolist() for g in parts.geometry]
    return rows.reset_index(drop=True)


def legend(
    cat: Catalogue, area: Area | None = None, layer_ids: tuple[str, ...] = ("kernen", "accommodaties")
) -> list[LegendItem]:
    """Legend entries from the catalogue; accommodatie categories present in ``area`` only."""
    items: list[LegendItem] = []
    for lid in layer_ids:
        layer = cat.layer(lid)
        if lid == "accommodaties":
            present = set(area.accommodaties["categorie"]) if area is not None else None
            items += [LegendItem(c.label, c.kleur, "punt") for c in cat.categorieen
                      if present is None or c.id in present]
        elif layer.stijl.get("kleuren"):
            template = layer.stijl.get("legenda_sjabloon", "{titel}: {waarde}")
            items += [LegendItem(template.format(titel=layer.titel, waarde=k), v)
                      for k, v in layer.stijl["kleuren"].items()]
        else:
            colour = layer.stijl.get("vulkleur") or layer.stijl.get("lijnkleur") or "#888888"
            items.append(LegendItem(layer.legenda, colour, "lijn" if layer.geometrie == "line" else "vlak"))
    return items


def legend_html(items: list[LegendItem], attribution: str = OSM_ATTRIBUTION) -> str:
    """The legend as a small HTML block, ending with the attribution."""
    sym = {"punt": "border-radius:50%;width:12px;height:12px", "vlak": "width:16px;height:12px",
           "lijn": "width:18px;height:4px"}
    lines = [f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
             f'<span style="display:inline-block;{sym[i.vorm]};background:{i.kleur};border:1px solid #555"></span>'
             f'<span>{i.label}</span></div>' for i in items]
    return ('<div class="gebied-legenda" style="font-size:0.85rem">' + "".join(lines)
            + f'<div style="margin-top:6px;color:#555;font-size:0.75rem">{attribution}</div></div>')


# pydeck asks four times per Deck whether its Jupyter widget can be used, by importing it; Python does not remember
# a failed import, so every Deck searched the path again under the import lock (~1 ms alone; with ten sessions'
# page runs at once they queued on that lock: a sixth of the server's time in a province's sessions). The answer
# does not change while the process runs.
if not hasattr(pydeck_deck.has_jupyter_extra, "cache_info"):
    pydeck_deck.has_jupyter_extra = functools.cache(pydeck_deck.has_jupyter_extra)


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: the same spec, written by the C encoder (pydeck's indented JSON
    takes Python's pure encoder, ~0.1 s a rerun for a map with inline layers)."""

    def to_json(self) -> str:
        from pydeck.bindings.json_tools import default_serialize

        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def deck(layers: list[pdk.Layer], view: pdk.ViewState) -> pdk.Deck:
    """A Deck without basemap tiles (the base comes from the extract), with Dutch tooltips: each object's
    ``tooltip`` field, shown as text (Streamlit escapes what it puts in an HTML tooltip, so markup would show
    as tags), one line per ``\n``. The last layer carries ``view`` to the browser (:mod:`gebied.maps.zicht`)."""
    # no map_style: pydeck then marks "no basemap", and Streamlit adds no tiles from the internet either
    return CompactDeck(layers=[*layers, zicht_layer(view)], initial_view_state=view, map_provider=None,
                       tooltip={"text": "{tooltip}", "style": {"fontSize": "13px", "whiteSpace": "pre-line"}})


