"""pydeck map layers for an area, styled from the layer catalogue.

The map never depends on basemap tiles: the base (land use, water, streets) is
drawn from the extract itself, so it looks right offline.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from gebied.area.model import Area
from gebied.core.catalogue import OSM_ATTRIBUTION, Catalogue, hex_to_rgba
from gebied.core.crs import WGS84
from gebied.sources.network import one_per_street
from gebied.sources.raster import RasterImage


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
    y0, y1 = (np.log(np.tan(np.pi / 4 + np.radians(v) / 2)) for v in (s, n))
    zx = np.log2(width_px * 360.0 / (512.0 * max(e - w, 1e-6)))
    zy = np.log2(height_px * 2 * np.pi / (512.0 * max(y1 - y0, 1e-8)))
    return float(np.clip(min(zx, zy) - 0.1, 1, 20))


def view_state(gdf: gpd.GeoDataFrame, pitch: float = 0.0, bearing: float = 0.0,
               width_px: int = 900, height_px: int = 640) -> pdk.ViewState:
    """A view fitting ``gdf``'s bounds (any CRS) on a map of the given size."""
    b = tuple(gdf.to_crs(WGS84).total_bounds)
    return pdk.ViewState(longitude=(b[0] + b[2]) / 2, latitude=(b[1] + b[3]) / 2,
                         zoom=fit_zoom(b, width_px, height_px), pitch=pitch, bearing=bearing)


def polygons_frame(gdf: gpd.GeoDataFrame, tolerance: float) -> pd.DataFrame:
    """Polygon rings as coordinate lists (one row per polygon part) for a PolygonLayer."""
    d = display(gdf, tolerance)
    parts = d.explode(index_parts=False)
    parts = parts[parts.geometry.geom_type == "Polygon"]
    rows = parts.drop(columns="geometry").copy()
    rows["polygon"] = [np.round(shapely.get_coordinates(g.exterior), 5).tolist() for g in parts.geometry]
    return rows.reset_index(drop=True)


def paths_frame(gdf: gpd.GeoDataFrame, tolerance: float) -> pd.DataFrame:
    d = display(gdf, tolerance)
    parts = d.explode(index_parts=False)
    parts = parts[parts.geometry.geom_type == "LineString"]
    rows = parts.drop(columns="geometry").copy()
    rows["path"] = [np.round(shapely.get_coordinates(g), 5).tolist() for g in parts.geometry]
    return rows.reset_index(drop=True)


def base_layers(area: Area, cat: Catalogue) -> list[pdk.Layer]:
    """Land use, water, waterways, streets and the area outline, from the extract."""
    lu_style = cat.layer("landgebruik").stijl
    lu = polygons_frame(area.landgebruik[["soort", "geometry"]], 12)
    lu["kleur"] = [hex_to_rgba(lu_style["kleuren"].get(s, "#efefef")) for s in lu["soort"]]
    w_style = cat.layer("water").stijl
    water = polygons_frame(area.water[["geometry"]], 5)
    wl = paths_frame(area.waterlopen[["soort", "geometry"]], 5)
    wl["breedte"] = np.where(wl["soort"].isin(["river", "canal"]), 12, 3)
    roads = street_frame(area)
    n_style = cat.layer("netwerk").stijl
    grens = paths_frame(area.grens.boundary.to_frame("geometry"), 10)
    return [
        pdk.Layer("SolidPolygonLayer", lu, id="landgebruik", get_polygon="polygon", get_fill_color="kleur"),
        pdk.Layer("SolidPolygonLayer", water, id="water", get_polygon="polygon",
                  get_fill_color=hex_to_rgba(w_style["vulkleur"])),
        pdk.Layer("PathLayer", wl, id="waterlopen", get_path="path", get_width="breedte",
                  width_min_pixels=1, get_color=hex_to_rgba(w_style["lijnkleur"])),
        pdk.Layer("PathLayer", roads, id="wegen", get_path="path", get_width="breedte",
                  width_min_pixels=1, get_color=hex_to_rgba(n_style["lijnkleur"], 0.55)),
        pdk.Layer("PathLayer", grens, id="grens", get_path="path", get_width=4, width_min_pixels=2,
                  get_color=[90, 90, 90, 200]),
    ]


_ROAD_WIDTH = {"primary": 9, "secondary": 8, "tertiary": 6, "trunk": 10, "motorway": 12}


def street_frame(area: Area) -> pd.DataFrame:
    """Streets of the car and bike networks as paths, each street once, with a width (m)."""
    edges = pd.concat([area.netwerken["auto"].edges, area.netwerken["fiets"].edges])
    edges = edges[one_per_street(edges)]
    paths = paths_frame(gpd.GeoDataFrame(edges[["highway"]], geometry=edges.geometry, crs=area.crs), 5)
    first = paths["highway"].fillna("").str.split(";").str[0]
    paths["breedte"] = first.map(_ROAD_WIDTH).fillna(3)
    return paths


def kernen_frame(area: Area) -> pd.DataFrame:
    """Kern outlines with the tooltip fields, for a PolygonLayer."""
    k = area.kernen[["kern_id", "naam", "inwoners", "bevolking_bron", "woningen", "geometry"]]
    rows = polygons_frame(k, 5)
    rows["tooltip"] = [f"<b>{r.naam}</b><br/>Kern · {r.inwoners:,} inwoners ({r.bevolking_bron})".replace(",", ".")
                       for r in rows.itertuples()]
    return rows


def kernen_layer(area: Area, cat: Catalogue, highlight: list[str] | None = None) -> pdk.Layer:
    """Kern outlines (catalogue style); ``highlight`` kern ids drawn stronger."""
    st = cat.layer("kernen").stijl
    rows = kernen_frame(area)
    strong = rows["kern_id"].isin(highlight or [])
    rows["vul"] = [hex_to_rgba(st["vulkleur"], 0.7 if s else st["dekking"]) for s in strong]
    return pdk.Layer("PolygonLayer", rows, id="kernen", get_polygon="polygon", get_fill_color="vul",
                     get_line_color=hex_to_rgba(st["lijnkleur"]), get_line_width=st["lijndikte"],
                     line_width_min_pixels=1, pickable=True, auto_highlight=True)


def accommodaties_frame(area: Area, cat: Catalogue) -> pd.DataFrame:
    """Accommodatie points with colour per category and Dutch tooltip text."""
    from gebied.core.fmt import euro, getal, procent

    acc = display(area.accommodaties)
    vz = area.voorzieningen.groupby("accommodatie_id")["voorziening"].agg(
        lambda s: ", ".join(cat.voorziening(v).label for v in s))
    kern_naam = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    rows = pd.DataFrame({
        "accommodatie_id": acc["accommodatie_id"], "naam": acc["naam"], "categorie": acc["categorie"],
        "lon": acc.geometry.x, "lat": acc.geometry.y,
    })
    rows["kleur"] = [hex_to_rgba(cat.categorie(c).kleur) for c in rows["categorie"]]
    rows["tooltip"] = [
        f"<b>{a.naam}</b><br/>{cat.categorie(a.categorie).label} · "
        f"{kern_naam.get(a.kern_id, 'buitengebied')}<br/>"
        f"{getal(a.m2)} m² · {euro(a.exploitatielasten)}/jaar · bezetting {procent(a.bezettingsgraad)}<br/>"
        f"Voorzieningen: {vz.get(a.accommodatie_id, '–')}"
        for a in acc.itertuples()]
    return rows


def accommodaties_layer(area: Area, cat: Catalogue, rows: pd.DataFrame | None = None) -> pdk.Layer:
    """Accommodaties as circles coloured per category (catalogue style)."""
    st = cat.layer("accommodaties").stijl
    rows = accommodaties_frame(area, cat) if rows is None else rows
    return pdk.Layer("ScatterplotLayer", rows, id="accommodaties", get_position=["lon", "lat"],
                     get_fill_color="kleur", get_radius=st["straal_m"], radius_min_pixels=5,
                     radius_max_pixels=18, stroked=True, get_line_color=hex_to_rgba(st["lijnkleur"]),
                     line_width_min_pixels=st["lijndikte"], pickable=True, auto_highlight=True)


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


def deck(layers: list[pdk.Layer], view: pdk.ViewState) -> pdk.Deck:
    """A Deck without basemap tiles (the base comes from the extract), with Dutch tooltips."""
    return pdk.Deck(layers=layers, initial_view_state=view, map_style=None, map_provider=None,
                    tooltip={"html": "{tooltip}", "style": {"fontSize": "13px"}})


def network_layer(area: Area, cat: Catalogue, name: str) -> pdk.Layer:
    """One routable network as thin lines (catalogue style)."""
    e = area.netwerken[name].edges
    e = e[one_per_street(e)]
    paths = paths_frame(gpd.GeoDataFrame(e[["highway"]], geometry=e.geometry, crs=area.crs), 3)
    st = cat.layer("netwerk").stijl
    return pdk.Layer("PathLayer", paths, id=f"netwerk-{name}", get_path="path", get_width=2,
                     width_min_pixels=1, get_color=hex_to_rgba("#2171b5", st["dekking"]))


def isochrone_layer(iso: gpd.GeoDataFrame, cat: Catalogue) -> pdk.Layer:
    """Isochrone polygons (largest first) coloured per minute band from the catalogue."""
    st = cat.layer("isochronen").stijl
    rows = polygons_frame(iso[["minuten", "geometry"]], 10)
    rows["kleur"] = [hex_to_rgba(st["kleuren"].get(int(m), st["kleuren"].get(str(int(m)), "#74c476")), st["dekking"])
                     for m in rows["minuten"]]
    rows["tooltip"] = [f"Binnen {int(m)} minuten" for m in rows["minuten"]]
    return pdk.Layer("SolidPolygonLayer", rows, id="isochronen", get_polygon="polygon", get_fill_color="kleur")


def minutes_colour(minutes: np.ndarray, norm: float) -> list[list[int]]:
    """Green within half the norm, yellow to the norm, orange to twice the norm, red beyond, grey unreachable."""
    out = []
    for m in minutes:
        if not np.isfinite(m):
            out.append([150, 150, 150, 200])
        elif m <= norm / 2:
            out.append([26, 152, 80, 220])
        elif m <= norm:
            out.append([166, 217, 106, 220])
        elif m <= 2 * norm:
            out.append([253, 174, 97, 230])
        else:
            out.append([215, 48, 39, 240])
    return out


def points_layer(points: pd.DataFrame, minutes: np.ndarray, norm: float, crs: str) -> pdk.Layer:
    """Demand points (x, y in ``crs``) coloured by travel time against the norm."""
    g = gpd.GeoSeries(gpd.points_from_xy(points["x"], points["y"]), crs=crs).to_crs(WGS84)
    rows = pd.DataFrame({"lon": g.x.round(5), "lat": g.y.round(5), "inwoners": points["inwoners"].round(1).to_numpy(),
                         "kleur": minutes_colour(minutes, norm)})
    rows["tooltip"] = [f"{m:.1f} min · {w:.1f} inwoners" if np.isfinite(m) else f"onbereikbaar · {w:.1f} inwoners"
                       for m, w in zip(minutes, rows["inwoners"])]
    return pdk.Layer("ScatterplotLayer", rows, id="inwoners", get_position=["lon", "lat"], get_fill_color="kleur",
                     get_radius=12, radius_min_pixels=2, radius_max_pixels=6, pickable=True)


#: Legend of :func:`minutes_colour`.
def minutes_legend(norm: float) -> list[LegendItem]:
    return [
        LegendItem(f"≤ {norm / 2:g} min", "#1a9850", "punt"),
        LegendItem(f"≤ {norm:g} min (norm)", "#a6d96a", "punt"),
        LegendItem(f"≤ {2 * norm:g} min", "#fdae61", "punt"),
        LegendItem(f"> {2 * norm:g} min", "#d73027", "punt"),
        LegendItem("onbereikbaar", "#969696", "punt"),
    ]


def scenario_layer(area: Area, cat: Catalogue, colours: list[str], rows: pd.DataFrame | None = None) -> pdk.Layer:
    """Accommodaties coloured by scenario status (kept / closed / untouched), pickable for selection."""
    rows = (accommodaties_frame(area, cat) if rows is None else rows).copy()
    rows["kleur"] = [hex_to_rgba(c) for c in colours]
    st = cat.layer("accommodaties").stijl
    return pdk.Layer("ScatterplotLayer", rows, id="accommodaties", get_position=["lon", "lat"],
                     get_fill_color="kleur", get_radius=st["straal_m"] * 1.3, radius_min_pixels=6,
                     radius_max_pixels=20, stroked=True, get_line_color=[255, 255, 255, 255],
                     line_width_min_pixels=1, pickable=True, auto_highlight=True)


def pick_grid_layer(area: Area, spacing_m: float = 250.0) -> pdk.Layer:
    """Invisible pickable points over the area, so a click anywhere on the map gives a location."""
    xmin, ymin, xmax, ymax = area.grens.total_bounds
    xs, ys = np.meshgrid(np.arange(xmin, xmax, spacing_m), np.arange(ymin, ymax, spacing_m))
    pts = gpd.GeoSeries(gpd.points_from_xy(xs.ravel(), ys.ravel()), crs=area.crs)
    pts = pts[pts.within(area.grens.geometry.iloc[0])].to_crs(WGS84)
    rows = pd.DataFrame({"lon": pts.x.round(5), "lat": pts.y.round(5)})
    rows["tooltip"] = "Klik om hier een opmerking te plaatsen"
    return pdk.Layer("ScatterplotLayer", rows, id="prikbord", get_position=["lon", "lat"], get_radius=spacing_m / 2,
                     get_fill_color=[0, 0, 0, 1], pickable=True)


def opmerkingen_layer(opmerkingen: pd.DataFrame) -> pdk.Layer:
    """Workshop notes (``lon``, ``lat``, ``thema``, ``tekst``) as yellow pins with their text as tooltip."""
    import html

    rows = opmerkingen.copy()
    rows["tooltip"] = [f"<b>{html.escape(str(t))}</b><br/>{html.escape(str(x))}"
                       for t, x in zip(rows["thema"], rows["tekst"])]
    return pdk.Layer("ScatterplotLayer", rows, id="opmerkingen", get_position=["lon", "lat"], get_radius=60,
                     radius_min_pixels=7, get_fill_color=[255, 215, 0, 240], stroked=True,
                     get_line_color=[0, 0, 0, 255], line_width_min_pixels=1.5, pickable=True)


def bitmap_layer(img: RasterImage, opacity: float = 0.7) -> pdk.Layer:
    """A BitmapLayer for a raster image (embedded as a data URL, bounds in lon/lat)."""
    import base64

    url = "data:image/png;base64," + base64.b64encode(img.png).decode()
    w, s, e, n = img.bounds
    return pdk.Layer("BitmapLayer", data=None, id="raster", image=url, bounds=[[w, s], [w, n], [e, n], [e, s]],
                     opacity=opacity)
