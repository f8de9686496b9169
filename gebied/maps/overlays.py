"""Thematic map layers over the base: kernen (with name labels), accommodaties, scenario status, isochrones,
travel times per building, search highlights, workshop pins and rasters — all styled from the catalogue.

Each layer comes as a *frame* (the data, built once) and a *layer* (the styling). A layer takes either the
frame or the address where the app serves it as JSON: then the browser fetches the data once and each
change on the page sends only a few lines. Every text that reaches a tooltip is HTML-escaped (names come
from OSM and from workshop participants).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue, hex_to_rgba
from gebied.core.crs import WGS84
from gebied.core.fmt import euro, getal, procent
from gebied.maps.deck import LegendItem, display, polygons_frame
from gebied.sources.raster import RasterImage

Data: TypeAlias = pd.DataFrame | str  # a frame, or the address of its JSON


def kernen_frame(area: Area, tolerance: float = 12.0, min_part_m2: float = 0.0) -> pd.DataFrame:
    """Kern outlines with their tooltip, for a PolygonLayer: simplified to ``tolerance`` (m), parts smaller than
    ``min_part_m2`` (m²) left out, but never a kern's largest."""
    k = area.kernen[["kern_id", "naam", "inwoners", "bevolking_bron", "woningen", "geometry"]]
    if min_part_m2 > 0:
        k = k.explode(index_parts=False)
        size = k.geometry.area
        k = k[(size >= min_part_m2) | (size == size.groupby(k["kern_id"]).transform("max"))]
    rows = polygons_frame(k, tolerance)
    rows["tooltip"] = [f"{r.naam}\nKern · {getal(r.inwoners)} inwoners ({r.bevolking_bron})"
                       for r in rows.itertuples()]
    return rows[["kern_id", "polygon", "tooltip"]]


def kernen_layer(data: Data, cat: Catalogue, strong: bool = False, layer_id: str = "kernen") -> pdk.Layer:
    """Kernen (catalogue style) as fills: their outlines are in the base picture (see
    :mod:`gebied.maps.base`); ``strong`` for highlighted kernen, drawn with their own, heavier outline."""
    st = cat.layer("kernen").stijl
    return pdk.Layer("PolygonLayer", data, id=layer_id, get_polygon="polygon",
                     get_fill_color=hex_to_rgba(st["vulkleur"], 0.75 if strong else st["dekking"]),
                     stroked=strong, get_line_color=hex_to_rgba(st["lijnkleur"]),
                     get_line_width=st["lijndikte"] * 3, line_width_min_pixels=2, pickable=True,
                     auto_highlight=True)


def highlighted_kernen(frame: pd.DataFrame, cat: Catalogue, kern_ids: list[str]) -> list[pdk.Layer]:
    """The highlighted kernen drawn over the others, with a heavy outline.

    Always one layer, built the same way (pickable, outlined): with no kern highlighted it draws a transparent
    speck of a centimetre without outline at a corner of the first kern. Without a graphics card the browser
    prepares each kind of drawing the first time it draws one (over a second for these outlines); drawn
    from the first map on, choosing a kern is as quick as any other choice.
    """
    rows = frame[frame["kern_id"].isin(kern_ids)]
    if len(rows) or not len(frame):
        return [kernen_layer(rows, cat, strong=True, layer_id="kernen-gemarkeerd")]
    x, y = frame["polygon"].iloc[0][0]
    speck = pd.DataFrame({"kern_id": [""], "polygon": [[[x, y], [x + 1e-7, y], [x, y + 1e-7]]], "tooltip": [""]})
    layer = kernen_layer(speck, cat, strong=True, layer_id="kernen-gemarkeerd")
    layer.get_fill_color = layer.get_line_color = [0, 0, 0, 0]
    layer.get_line_width = layer.line_width_min_pixels = 0
    return [layer]


def labels_frame(area: Area) -> pd.DataFrame:
    """Names of the kernen named after an OSM place, at a point inside each, larger for larger kernen (text
    size in pixels); generated names ("Kern noord van …") stay in the tooltips, where they do not crowd the map."""
    k = area.kernen[area.kernen["naam_bron"] == "osm"]
    pts = gpd.GeoSeries(k.geometry.representative_point(), crs=area.crs).to_crs(WGS84)
    size = np.clip(11 + 2.2 * np.log10(np.maximum(k["inwoners"].to_numpy(dtype=float), 1) / 100), 11, 18)
    return pd.DataFrame({"naam": k["naam"].to_numpy(), "p": np.round(np.column_stack([pts.x, pts.y]), 5).tolist(),
                         "grootte": size.round(1)})


def labels_layer(data: Data) -> pdk.Layer:
    """Kern names (deck.gl TextLayer, drawn with the browser's own fonts: nothing is fetched)."""
    return pdk.Layer("TextLayer", data, id="kernnamen", get_position="p", get_text="naam",
                     get_size="grootte", size_units="'pixels'", get_color=[30, 30, 30, 255],
                     font_family='"Source Sans Pro, Helvetica Neue, Arial, sans-serif"', font_weight=600,
                     background=True, get_background_color=[255, 255, 255, 200], background_padding=[3, 1],
                     character_set="'auto'", get_text_anchor="'middle'", get_alignment_baseline="'center'")


def accommodaties_frame(area: Area, cat: Catalogue) -> pd.DataFrame:
    """Accommodatie points with colour per category and a Dutch tooltip."""
    acc = display(area.accommodaties)
    vz = area.voorzieningen.groupby("accommodatie_id")["voorziening"].agg(
        lambda s: ", ".join(cat.voorziening(v).label for v in s))
    kern_naam = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    rows = pd.DataFrame({
        "accommodatie_id": acc["accommodatie_id"], "naam": acc["naam"], "categorie": acc["categorie"],
        "lon": acc.geometry.x.round(6), "lat": acc.geometry.y.round(6),
    })
    rows["kleur"] = [hex_to_rgba(cat.categorie(c).kleur) for c in rows["categorie"]]
    rows["tooltip"] = [
        f"{a.naam}\n{cat.categorie(a.categorie).label} · {kern_naam.get(a.kern_id, 'buitengebied')}\n"
        f"{getal(a.m2)} m² · {euro(a.exploitatielasten)}/jaar · bezetting {procent(a.bezettingsgraad)}\n"
        f"Voorzieningen: {vz.get(a.accommodatie_id, '–')}"
        for a in acc.itertuples()]
    return rows


def accommodaties_layer(data: Data, cat: Catalogue, layer_id: str = "accommodaties") -> pdk.Layer:
    """Accommodaties as circles coloured per category (catalogue style)."""
    st = cat.layer("accommodaties").stijl
    return pdk.Layer("ScatterplotLayer", data, id=layer_id, get_position=["lon", "lat"],
                     get_fill_color="kleur", get_radius=st["straal_m"], radius_min_pixels=5,
                     radius_max_pixels=18, stroked=True, get_line_color=hex_to_rgba(st["lijnkleur"]),
                     line_width_min_pixels=st["lijndikte"], pickable=True, auto_highlight=True)


#: Layer id of :func:`scenario_layer` (a click on it chooses a kern's location; its own id, so a click on the
#: accommodaties of another page is never taken for that choice)
SCENARIO_LAAG = "scenario"


def scenario_frame(rows: pd.DataFrame, cat: Catalogue, statuses: list[str]) -> pd.DataFrame:
    """Accommodaties (an :func:`accommodaties_frame`) by scenario status (``open``, ``dicht``, ``ongemoeid``, one
    per row): kept large and green, closing red, untouched small grey; the tooltip says the status."""
    st = cat.layer("scenario").stijl
    rows = rows[["accommodatie_id", "lon", "lat", "tooltip"]].copy()
    rows["kleur"] = [hex_to_rgba(st["kleuren"][s]) for s in statuses]
    rows["straal"] = [{"open": 9, "dicht": 8}.get(s, 5) for s in statuses]
    rows["tooltip"] = [f"{t}\n{st['labels'][s]}" for t, s in zip(rows["tooltip"], statuses)]
    return rows


def scenario_layer(data: Data, cat: Catalogue, layer_id: str = SCENARIO_LAAG) -> pdk.Layer:
    """The accommodaties of a :func:`scenario_frame`, each with the catalogue's dark ring. Pickable, so a click can
    choose a kern's location."""
    return pdk.Layer("ScatterplotLayer", data, id=layer_id, get_position=["lon", "lat"],
                     get_fill_color="kleur", get_radius="straal", radius_units="'pixels'", stroked=True,
                     get_line_color=hex_to_rgba(cat.layer("scenario").stijl["rand"]), line_width_min_pixels=2,
                     pickable=True, auto_highlight=True)


def isochrone_layer(data: Data, layer_id: str = "isochronen") -> pdk.Layer:
    """The isochrones of a :func:`gebied.maps.banden.isochrone_frame` (one mode)."""
    return pdk.Layer("SolidPolygonLayer", data, id=layer_id, get_polygon="polygon", get_fill_color="kleur")


def minutes_class(minutes: np.ndarray, norm: float, cat: Catalogue) -> np.ndarray:
    """Class of each travel time against the norm (index into the catalogue's ``reistijd`` classes; the last
    index + 1 is unreachable)."""
    bounds = np.array([float(k["tot"]) for k in cat.layer("reistijd").stijl["klassen"]]) * norm
    cls = np.searchsorted(bounds, minutes, side="left")
    return np.where(np.isfinite(minutes), cls, len(bounds)).astype(np.int8)


def class_colours(van: np.ndarray, norm: float, cat: Catalogue) -> list[str]:
    """The catalogue colour of travel-time classes that start just above ``van`` minutes (``inf``: no route),
    as the map colours its squares."""
    st = cat.layer("reistijd").stijl
    kleuren = [k["kleur"] for k in st["klassen"]] + [st["onbereikbaar"]["kleur"]]
    return [kleuren[c] for c in minutes_class(np.asarray(van, dtype=float) + 1e-6, norm, cat)]


#: Side of the squares the travel-time map shows (m): the CBS *vierkantstatistieken* size, aligned to the CRS
#: grid (in RD New exactly the CBS squares). Coarser than a building, so a projected map does not show
#: single houses, and a fifth of the marks to draw.
VAK_M = 100.0


def vakken_frame(points: pd.DataFrame, minutes: Mapping[str, np.ndarray], crs: str,
                 size: float = VAK_M) -> pd.DataFrame:
    """Travel time per square of ``size`` m, by every mode: the square's corners ``polygon`` (lon, lat),
    inhabitants ``n``, and per mode, in the order of ``minutes``, the inhabitant-weighted mean travel time
    ``m0``, ``m1``, … of those who can get there (minutes, one decimal; -1 where nobody can); a tooltip names
    every mode's time.

    Parameters
    ----------
    points
        Demand points (``x``, ``y`` in ``crs``, ``inwoners``).
    minutes
        Mode label -> travel time of each point (minutes; ``inf`` = unreachable).
    """
    xy = points[["x", "y"]].to_numpy(dtype=float)
    w = points["inwoners"].to_numpy(dtype=float)
    cells, idx = np.unique(np.floor(xy / size).astype(np.int64), axis=0, return_inverse=True)
    idx = idx.ravel()
    n = np.bincount(idx, weights=w, minlength=len(cells))
    means = [_square_means(idx, w, np.asarray(t, dtype=float), len(cells)) for t in minutes.values()]
    out = pd.DataFrame({"polygon": squares_lonlat(cells[:, 0] * size, cells[:, 1] * size, size, crs),
                        "n": np.round(n, 1)})
    for i, m in enumerate(means):
        out[f"m{i}"] = m
    lines = [[f"{label}: {'onbereikbaar' if t < 0 else getal(t, 1) + ' min'}" for t in m]
             for label, m in zip(minutes, means)]
    out["tooltip"] = ["\n".join([f"{getal(k)} inwoners", *parts]) for k, *parts in zip(n, *lines)]
    return out


def squares_lonlat(x0: np.ndarray, y0: np.ndarray, size: float, crs: str) -> list[list[list[float]]]:
    """Squares of ``size`` (CRS units, m) with south-west corners ``x0``, ``y0`` in ``crs``, as rings of four
    lon/lat corners (5 decimals, ~1 m) for a polygon layer."""
    corners = [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size)]
    lonlat = [gpd.GeoSeries(gpd.points_from_xy(x, y), crs=crs).to_crs(WGS84) for x, y in corners]
    return np.round(np.stack([np.column_stack([g.x, g.y]) for g in lonlat], axis=1), 5).tolist()


def _square_means(idx: np.ndarray, w: np.ndarray, minutes: np.ndarray, cells: int) -> np.ndarray:
    """Per square: the inhabitant-weighted mean of the finite ``minutes`` (one decimal), -1 without any."""
    ok = np.isfinite(minutes)
    wok = np.bincount(idx[ok], weights=w[ok], minlength=cells)
    wt = np.bincount(idx[ok], weights=(w * minutes)[ok] if ok.any() else w[ok], minlength=cells)
    cnt_ok = np.bincount(idx[ok], minlength=cells)
    # weighted by inhabitants; a square whose buildings have no inhabitants recorded takes the plain mean
    mean_plain = np.bincount(idx[ok], weights=minutes[ok], minlength=cells) / np.maximum(cnt_ok, 1)
    m = np.where(wok > 0, wt / np.where(wok > 0, wok, 1.0), mean_plain)
    return np.where(cnt_ok > 0, np.round(m, 1), -1.0)


def points_layer(data: Data, norm: float, cat: Catalogue, modus: int = 0, layer_id: str = "inwoners") -> pdk.Layer:
    """Squares of a :func:`vakken_frame` coloured by mode number ``modus``'s travel time against ``norm``: the
    colour is computed in the browser, so a new norm or mode sends a few bytes, not the squares again. Drawn
    as one mesh of squares, not as a mark per square (without a graphics card every mark costs a separate
    draw: a fifth of the time a frame)."""
    st = cat.layer("reistijd").stijl
    colours = [hex_to_rgba(k["kleur"], 0.86) for k in st["klassen"]]
    bounds = [float(k["tot"]) * norm for k in st["klassen"]]
    m = f"m{int(modus)}"
    expr = (f"n <= 0 ? {hex_to_rgba(st['geen_inwoners']['kleur'], 0.6)} : "
            f"{m} < 0 ? {hex_to_rgba(st['onbereikbaar']['kleur'], 0.8)} : ") + "".join(
        f"{m} <= {b:g} ? {c} : " for b, c in zip(bounds[:-1], colours[:-1])) + str(colours[-1])
    return pdk.Layer("SolidPolygonLayer", data, id=layer_id, get_polygon="polygon", get_fill_color=expr,
                     update_triggers={"getFillColor": [norm, int(modus)]}, pickable=True)


def minutes_legend(norm: float, cat: Catalogue) -> list[LegendItem]:
    """Legend of :func:`points_layer` for a norm (minutes)."""
    st = cat.layer("reistijd").stijl
    items, previous = [], 0.0
    for k in st["klassen"]:
        grens = float(k["tot"]) * norm
        items.append(LegendItem(k["label"].format(grens=getal(grens, 1).removesuffix(",0"),
                                                  vorige=getal(previous, 1).removesuffix(",0")), k["kleur"], "punt"))
        previous = grens
    items.append(LegendItem(st["onbereikbaar"]["label"], st["onbereikbaar"]["kleur"], "punt"))
    items.append(LegendItem(st["geen_inwoners"]["label"], st["geen_inwoners"]["kleur"], "punt"))
    return items


def highlight_layer(geom: shapely.Geometry, crs: str) -> pdk.Layer:
    """A ring around a found kern or accommodatie (search), drawn over everything."""
    g = gpd.GeoSeries([geom.buffer(60) if geom.geom_type == "Point" else geom.buffer(30)], crs=crs).to_crs(WGS84)
    rows = polygons_frame(gpd.GeoDataFrame(geometry=g), 2)
    return pdk.Layer("PolygonLayer", rows, id="gevonden", filled=False, stroked=True, get_polygon="polygon",
                     get_line_color=[20, 20, 220, 255], line_width_min_pixels=4)


def pick_grid_frame(area: Area, spacing_m: float = 250.0) -> pd.DataFrame:
    """Squares of ``spacing_m`` over the area (those whose centre lies in it), so a click anywhere on the map,
    at any zoom, gives a location: the square's centre ``lon``, ``lat`` and its corners ``polygon``."""
    xmin, ymin, xmax, ymax = area.grens.total_bounds
    xs, ys = np.meshgrid(np.arange(xmin, xmax, spacing_m), np.arange(ymin, ymax, spacing_m))
    x, y = xs.ravel(), ys.ravel()
    inside = shapely.contains_xy(area.grens.geometry.iloc[0], x + spacing_m / 2, y + spacing_m / 2)
    x, y = x[inside], y[inside]
    centre = gpd.GeoSeries(gpd.points_from_xy(x + spacing_m / 2, y + spacing_m / 2), crs=area.crs).to_crs(WGS84)
    return pd.DataFrame({"lon": centre.x.round(5).to_numpy(), "lat": centre.y.round(5).to_numpy(),
                         "polygon": squares_lonlat(x, y, spacing_m, area.crs),
                         "tooltip": "Klik om hier een opmerking te plaatsen"})


def pick_grid_layer(data: Data, layer_id: str = "prikbord") -> pdk.Layer:
    """The invisible, pickable squares of a :func:`pick_grid_frame`: one mesh, without gaps at any zoom (a
    mark per square costs a separate draw each without a graphics card: ~5,000 over a gemeente)."""
    return pdk.Layer("SolidPolygonLayer", data, id=layer_id, get_polygon="polygon", get_fill_color=[0, 0, 0, 1],
                     pickable=True)


def opmerkingen_layer(opmerkingen: pd.DataFrame, cat: Catalogue, layer_id: str = "opmerkingen") -> pdk.Layer:
    """Workshop notes (``lon``, ``lat``, ``thema``, ``tekst``) as pins (catalogue colours) with their text as
    tooltip."""
    st = cat.layer("opmerkingen").stijl
    rows = opmerkingen.copy()
    rows["tooltip"] = [f"{t}\n{x}" for t, x in zip(rows["thema"], rows["tekst"])]
    return pdk.Layer("ScatterplotLayer", rows, id=layer_id, get_position=["lon", "lat"], get_radius=60,
                     radius_min_pixels=7, get_fill_color=hex_to_rgba(st["vulkleur"], 0.94), stroked=True,
                     get_line_color=hex_to_rgba(st["lijnkleur"]), line_width_min_pixels=1.5, pickable=True)


def plek_layer(lon: float, lat: float, cat: Catalogue) -> pdk.Layer:
    """The place chosen for a new workshop note: a ring in the catalogue's colour for it."""
    colour = hex_to_rgba(cat.layer("opmerkingen").stijl["gekozen"])
    return pdk.Layer("ScatterplotLayer", [{"lon": lon, "lat": lat, "tooltip": "Gekozen plek"}], id="plek",
                     get_position=["lon", "lat"], get_radius=8, radius_units="'pixels'", filled=False, stroked=True,
                     get_line_color=colour, line_width_min_pixels=4)


def bitmap_layer(img: RasterImage, opacity: float = 0.7) -> pdk.Layer:
    """A BitmapLayer for a raster image (embedded as a data URL, bounds in lon/lat)."""
    import base64

    url = "data:image/png;base64," + base64.b64encode(img.png).decode()
    w, s, e, n = img.bounds
    return pdk.Layer("BitmapLayer", data=None, id="raster", image=url, bounds=[[w, s], [w, n], [e, n], [e, s]],
                     opacity=opacity)


def knelpunten_layer(rows: pd.DataFrame, eerste: pd.DataFrame, cat: Catalogue) -> pdk.Layer:
    """Rings around the locations with a signal in the chosen year (``eerste``: ``accommodatie_id``, ``tekst``).

    ``rows`` is an :func:`accommodaties_frame`; the ring's tooltip says what goes wrong.
    """
    st = cat.layer("knelpunten").stijl
    text = dict(zip(eerste["accommodatie_id"], eerste["tekst"]))
    sel = rows[rows["accommodatie_id"].isin(set(text))][["accommodatie_id", "lon", "lat", "tooltip"]].copy()
    sel["tooltip"] = [f"{t}\n⚠ {text[a]}" for t, a in zip(sel["tooltip"], sel["accommodatie_id"])]
    return pdk.Layer("ScatterplotLayer", sel, id="knelpunten", get_position=["lon", "lat"], filled=False,
                     stroked=True, get_radius=st["straal"], radius_units="'pixels'",
                     get_line_color=hex_to_rgba(st["lijnkleur"]), line_width_min_pixels=st["lijndikte"],
                     pickable=True)
