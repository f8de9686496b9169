"""The offline base map: land use, water, waterways, streets and the outline, drawn from the extract itself.

For the app the base is one picture (:func:`base_image`, Web Mercator, a few metres per pixel) that the
browser draws as a single textured square — a map of thousands of streets then costs nothing per frame,
which matters on a projector laptop without a graphics card (drawn as vector paths, the streets alone
took 0.8 s a frame in software rendering). The kernen's outlines are part of the picture for the same
reason (as vector lines they took 0.1 s of every frame); the map draws the kernen themselves as fills.
:func:`draw_base` draws the layers with matplotlib, for print maps and this picture alike.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pydeck as pdk
import shapely

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue, hex_to_rgba
from gebied.core.crs import from_web_mercator
from gebied.core.geheugen import per_object
from gebied.maps.deck import paths_frame
from gebied.sources.network import one_per_street
from gebied.sources.raster import WEB_MERCATOR

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def network_layer(area: Area, cat: Catalogue, name: str) -> pdk.Layer:
    """One routable network as thin lines (catalogue style)."""
    e = area.netwerken[name].edges
    e = e[one_per_street(e)]
    paths = paths_frame(gpd.GeoDataFrame(e[["highway"]], geometry=e.geometry, crs=area.crs), 3)
    st = cat.layer("netwerk").stijl
    return pdk.Layer("PathLayer", paths, id=f"netwerk-{name}", get_path="path", get_width=2,
                     width_min_pixels=1, get_color=hex_to_rgba("#2171b5", st["dekking"]))


#: Road classes drawn on the base map: the roads a car may use (osmnx's ``drive`` network keeps the same).
CAR_ROADS = ("motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
             "living_street", "service", "road", "motorway_link", "trunk_link", "primary_link", "secondary_link",
             "tertiary_link")


def roads(area: Area) -> gpd.GeoDataFrame:
    """The car roads of the base map (``highway``, lines in the area's CRS): from the extract's roads, known
    before the networks are built; an area without them (made in memory) takes its car network's edges."""
    if not area.wegen.empty:  # once per area: a detail tile asks its spatial index, built once with it
        return per_object(area.wegen, "autowegen", lambda: area.wegen[area.wegen["highway"].isin(CAR_ROADS)])
    return area.netwerken["auto"].edges


def draw_base(ax: Axes, area: Area, cat: Catalogue, landgebruik: bool = True, crs: str | None = None,
              px_pt: float = 1.0, window: tuple[float, float, float, float] | None = None) -> None:
    """The offline base from the extract with matplotlib: land use, water, waterways, car roads (major darker).

    ``crs`` draws in another CRS than the area's (Web Mercator for the app's picture); ``px_pt`` scales the
    line widths (points); ``window`` (in ``crs``) draws only what lies in it (a detail tile of a province: its
    roads, not the province's).
    """
    near = None if window is None else _near(area, window, crs)

    def layer(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        return _in_window(gdf, near, crs)

    ax.set_facecolor("#fbfaf7")
    lu = cat.layer("landgebruik").stijl["kleuren"]
    if landgebruik and not (land := layer(area.landgebruik)).empty:
        land.plot(ax=ax, color=[lu.get(s, "#efefef") for s in land["soort"]], linewidth=0)
    w_st = cat.layer("water").stijl
    if not (water := layer(area.water)).empty:
        water.plot(ax=ax, color=w_st["vulkleur"], linewidth=0)
    if not (stroom := layer(area.waterlopen)).empty:
        stroom.plot(ax=ax, color=w_st["lijnkleur"], linewidth=0.4 * px_pt)
    edges = layer(roads(area))  # the window's roads first, by the roads' own spatial index
    major = edges["highway"].fillna("").str.contains("primary|secondary|trunk|motorway")
    for sel, colour, width in ((~major, "#9a9a9a", 0.25), (major, "#6b6b6b", 0.7)):
        if sel.any():
            edges[sel].plot(ax=ax, color=colour, linewidth=width * px_pt)


#: What a window's features may lie outside it and still show (a line's width; m).
RAND_M = 100.0


def _in_window(gdf: gpd.GeoDataFrame, near: shapely.Geometry | None, crs: str | None) -> gpd.GeoDataFrame:
    """The features of ``gdf`` that meet ``near`` (None: all), in ``crs`` (None: as they are)."""
    if near is not None:
        gdf = gdf.iloc[np.sort(gdf.sindex.query(near, predicate="intersects"))]
    return gdf.to_crs(crs) if crs else gdf


def _near(area: Area, window: tuple[float, float, float, float], crs: str | None) -> shapely.Geometry:
    """``window`` (in ``crs``, default the area's) plus :data:`RAND_M`, as a rectangle in the area's CRS."""
    box = shapely.box(*window).buffer(RAND_M, join_style="mitre")
    if crs:
        box = gpd.GeoSeries([box], crs=crs).to_crs(area.crs).iloc[0]
    return shapely.box(*box.bounds)


def _merc_bounds(grens: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """The outline's Web Mercator bounds, once per outline: pages ask for the overview's frame several times a
    run, and reprojecting a province's outline took ~5 ms each time."""
    def compute() -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = grens.to_crs(WEB_MERCATOR).total_bounds
        return float(x0), float(y0), float(x1), float(y1)

    return per_object(grens, "web-mercator", compute)


def overview_frame(area: Area, m_per_px: float = 3.0, max_px: int = 4096) -> tuple[float, float, float, float,
                                                                                     float]:
    """The overview's window in Web Mercator: ``(x0, y0, x1, y1, scale)`` (the outline plus 4 %, metres; scale in
    metres a pixel)."""
    x0, y0, x1, y1 = _merc_bounds(area.grens)
    pad = 0.04 * max(x1 - x0, y1 - y0)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    return x0, y0, x1, y1, max(m_per_px, max(x1 - x0, y1 - y0) / max_px)


def base_image(area: Area, cat: Catalogue, m_per_px: float = 3.0, max_px: int = 4096,
               kernen: bool = True) -> tuple[bytes, list[float]]:
    """The base as a PNG in Web Mercator (``m_per_px`` metres a pixel, at most ``max_px`` on the long side),
    with the area's outline and (``kernen``) the kernen's outlines in their catalogue colour; returns the PNG
    and its bounds ``[west, south, east, north]`` in degrees."""
    x0, y0, x1, y1, scale = overview_frame(area, m_per_px, max_px)
    w, h = int(math.ceil((x1 - x0) / scale)), int(math.ceil((y1 - y0) / scale))
    # lines as wide on screen as on a 2048-pixel picture when the whole area is shown (the picture's pixels per
    # screen pixel grow with its size); sharper when zoomed in to a kern
    return render_base(area, cat, (x0, y0, x0 + w * scale, y0 + h * scale), scale, 3.0 * max(w, h) / 2048, kernen)


def render_base(area: Area, cat: Catalogue, window: tuple[float, float, float, float], scale: float,
                px_pt: float, kernen: bool = True, fmt: str = "png") -> tuple[bytes, list[float]]:
    """The base within ``window`` (Web Mercator metres) at ``scale`` metres a pixel as a picture (``fmt``: PNG, or
    JPEG as :func:`encode` writes it), lines ``px_pt`` pixels a point wide, with the outline and (``kernen``) the
    kernen's outlines; the picture and its bounds ``[west, south, east, north]`` in degrees. The overview and the
    detail pictures (:mod:`gebied.maps.ondergrond`) are all drawn here."""
    x0, y0, x1, y1 = window
    w, h = int(round((x1 - x0) / scale)), int(round((y1 - y0) / scale))
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # imported when drawn: ~0.4 s the app's pages
    from matplotlib.figure import Figure  # that only show the picture do not need
    from PIL import Image

    # the Agg canvas comes after the plotting: geopandas asks the figure's canvas to draw after each layer, which
    # the bare canvas a Figure starts with does not do (on an Agg canvas: the picture drawn six times over)
    fig = Figure(figsize=(w / 100, h / 100), dpi=100, facecolor="#fbfaf7")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_axis_off()
    draw_base(ax, area, cat, crs=WEB_MERCATOR, px_pt=px_pt, window=window)
    near = _near(area, window, WEB_MERCATOR)  # a detail tile draws the outlines near it, not a province's
    if not (grens := _in_window(area.grens, near, WEB_MERCATOR)).empty:
        grens.boundary.plot(ax=ax, color="#5a5a5a", linewidth=0.75 * px_pt)
    if kernen and not (own := _in_window(area.kernen, near, WEB_MERCATOR)).empty:
        st = cat.layer("kernen").stijl
        own.boundary.plot(ax=ax, color=st["lijnkleur"], linewidth=0.3 * st["lijndikte"] * px_pt)
    ax.set_xlim(x0, x1)  # the layers' plots may widen the limits
    ax.set_ylim(y0, y1)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    image = encode(Image.fromarray(np.asarray(canvas.buffer_rgba())[..., :3]), fmt)  # opaque, so RGB
    return image, window_degrees(window)


def window_degrees(window: tuple[float, float, float, float]) -> list[float]:
    """A Web Mercator window as ``[west, south, east, north]`` in degrees (a picture's bounds)."""
    x0, y0, x1, y1 = window
    (west, east), (south, north) = from_web_mercator([x0, x1], [y0, y1])
    return [float(west), float(south), float(east), float(north)]


#: The JPEG quality of a kern's detail picture: its lines and fills look as the PNG's at 100 %, at half the bytes,
#: encoded ~10× faster (3072 × 2048 pixels: 14 ms against 0.17 s).
JPEG_KWALITEIT = 90


def encode(image: Any, fmt: str = "png") -> bytes:
    """A PIL image as PNG (zlib level 3: half the encoding time of the default for ~8 % more bytes) or, ``fmt``
    ``"jpeg"``, as JPEG at :data:`JPEG_KWALITEIT`."""
    buf = io.BytesIO()
    if fmt == "jpeg":
        image.save(buf, format="jpeg", quality=JPEG_KWALITEIT)
    else:
        image.save(buf, format="png", compress_level=3)
    return buf.getvalue()


#: How the map samples a base picture: its nearest pixel, at the nearest of its smaller versions. A picture drawn
#: for the zoom it is shown at looks the same as with blending between pixels and versions (deck.gl's default),
#: and without a graphics card every screen pixel of it costs a quarter to an eighth of the texture reads: a kern's
#: view of a province (its overview under a detail picture) drew in 138 against 158 ms a frame.
BEELDPUNT = {"minFilter": "nearest", "magFilter": "nearest", "mipmapFilter": "nearest"}
#: ... and a picture a kern's view shows larger than it was drawn (a gemeente's overview): blended between its
#: pixels when enlarged, as its steps would show.
VERGROOT = {**BEELDPUNT, "magFilter": "linear"}


#: The part a base picture plays on the map (``rol``) -> the flag its layer carries (deck.gl's JSON reader would
#: take a string it does not know for an expression): the overview is not drawn while a loaded detail picture
#: (opaque, ``dekkend``) covers the whole view (the map's browser code, :mod:`gebied.app.page`). Without a graphics
#: card every screen of picture costs ~35 ms a frame, and a kern's view of a province drew both.
ROLLEN = {"overzicht": "overzicht", "detail": "dekkend"}


def base_image_layer(url: str, bounds: list[float], layer_id: str = "ondergrond", vergroot: bool = False,
                     rol: str = "overzicht") -> pdk.Layer:
    """The base picture of :func:`base_image` (or a detail tile of :mod:`gebied.maps.ondergrond`), served at
    ``url``; sampled at its nearest pixel (:data:`BEELDPUNT`), or blended when enlarged where the map shows it
    larger than drawn (``vergroot``, :data:`VERGROOT`); ``rol`` one of :data:`ROLLEN`."""
    if rol not in ROLLEN:
        raise ValueError(f"rol must be one of {tuple(ROLLEN)}, not {rol!r}")
    w, s, e, n = bounds
    # quoted: pydeck would otherwise take an address ending in .png for a local file to embed
    return pdk.Layer("BitmapLayer", data=None, id=layer_id, image=f"'{url}'", **{ROLLEN[rol]: True},
                     bounds=[[w, s], [w, n], [e, n], [e, s]], texture_parameters=VERGROOT if vergroot else BEELDPUNT)
