"""CBS layers on the map: gemeente and wijk boundaries with their figures in the tooltip (CBS, CC BY 4.0)."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue, hex_to_rgba
from gebied.core.fmt import getal
from gebied.maps.deck import polygons_frame


def tooltip(row: pd.Series, cat: Catalogue) -> str:
    """A CBS area's name, inhabitants and age shares, as tooltip text."""
    shares = " · ".join(f"{g.id}: {getal(row.get(g.cbs))}%" for g in cat.leeftijdsgroepen)
    return (f"{row['name']}\n{getal(row.get('population'))} inwoners (CBS 2022)\n{shares}\n"
            f"{getal(row.get('dwelling_total'))} woningen")


def cbs_layer(area: Area, cat: Catalogue, niveau: str) -> pdk.Layer:
    """The ``gemeenten`` or ``wijken`` of a Dutch area, styled from the catalogue, with a CBS tooltip."""
    gdf = area.gemeenten if niveau == "gemeenten" else area.wijken
    st = cat.layer(niveau).stijl
    cols = ["code", "name", "population", "dwelling_total", *[g.cbs for g in cat.leeftijdsgroepen], "geometry"]
    rows = polygons_frame(gdf[[c for c in cols if c in gdf]], 10)
    rows["tooltip"] = [tooltip(r, cat) for _, r in rows.iterrows()]
    return pdk.Layer("PolygonLayer", rows, id=f"cbs-{niveau}", get_polygon="polygon",
                     get_fill_color=hex_to_rgba(st["vulkleur"], st["dekking"]),
                     get_line_color=hex_to_rgba(st["lijnkleur"]),
                     get_line_width=st["lijndikte"] * 10, line_width_min_pixels=st["lijndikte"],
                     pickable=niveau == "wijken")
