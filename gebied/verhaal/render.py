"""Rendering stories: safe HTML from Markdown, chapter views, static chapter maps and a self-contained export.

Markdown is rendered without raw HTML (markdown-it with ``html`` off) and then cleaned by
nh3 (Ammonia): no scripts, no event handlers, only http(s)/mailto links, images only as
embedded data from the story's own ``img/`` folder.
"""

from __future__ import annotations

import base64
import html as htmllib
import io
import math
import mimetypes
import re
from pathlib import Path

import nh3
import numpy as np
import pydeck as pdk
from markdown_it import MarkdownIt
from matplotlib.figure import Figure

from gebied.area.model import Area
from gebied.core.catalogue import OSM_ATTRIBUTION, load_catalogue
from gebied.core.crs import WGS84
from gebied.core.errors import GebiedError
from gebied.core.io import write_atomic
from gebied.maps.printmap import draw_base
from gebied.verhaal.model import Hoofdstuk, Verhaal

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False})
_TAGS = {"p", "h1", "h2", "h3", "h4", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "img",
         "br", "hr", "table", "thead", "tbody", "tr", "th", "td"}


def _attr_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href" and not re.match(r"^(https?:|mailto:|#)", value):
        return None
    if tag == "img" and attr == "src" and not value.startswith("data:image/"):
        return None
    return value


def markdown_html(text: str, folder: Path | None = None) -> str:
    """Safe HTML for a chapter's Markdown; local ``img/`` images are embedded as data URLs."""
    raw = _MD.render(text)
    if folder is not None:
        def embed(m: re.Match) -> str:
            src = htmllib.unescape(m.group(1))
            p = (folder / src).resolve()
            if Path(src).parts[:1] == ("img",) and p.is_file() and folder.resolve() in p.parents:
                mime = mimetypes.guess_type(p.name)[0] or "image/png"
                return f'src="data:{mime};base64,{base64.b64encode(p.read_bytes()).decode()}"'
            return 'src=""'

        raw = re.sub(r'src="([^"]*)"', embed, raw)
    return nh3.clean(raw, tags=_TAGS, attributes={"a": {"href", "title"}, "img": {"src", "alt", "title"}},
                     url_schemes={"http", "https", "mailto", "data"}, attribute_filter=_attr_filter,
                     link_rel="noopener noreferrer")


def chapter_bounds(
    area: Area, h: Hoofdstuk, width_px: int = 1200, height_px: int = 700
) -> tuple[float, float, float, float]:
    """The lon/lat bounds a chapter shows: its kern (with a margin), its centre and zoom, or the whole area."""
    k = h.kaart
    if k.kern:
        g = area.kernen[area.kernen["naam"] == k.kern]
        if not g.empty:
            w, s, e, n = g.to_crs(WGS84).total_bounds
            dx, dy = (e - w) * 0.25 + 0.004, (n - s) * 0.25 + 0.003
            return (w - dx, s - dy, e + dx, n + dy)
    if k.centrum and k.zoom:
        lon, lat = k.centrum
        span_lon = width_px * 360.0 / (512.0 * 2 ** k.zoom)
        span_lat = span_lon * height_px / width_px * math.cos(math.radians(lat))
        return (lon - span_lon / 2, lat - span_lat / 2, lon + span_lon / 2, lat + span_lat / 2)
    return tuple(area.grens.to_crs(WGS84).total_bounds)


def chapter_view(area: Area, h: Hoofdstuk, width_px: int = 1100, height_px: int = 620) -> pdk.ViewState:
    """A pydeck view state for a chapter (fit to its kern on a map of the given size, or its centre and zoom)."""
    from gebied.maps.deck import fit_zoom

    k = h.kaart
    if k.centrum and k.zoom and not k.kern:
        return pdk.ViewState(longitude=k.centrum[0], latitude=k.centrum[1], zoom=k.zoom, pitch=k.pitch,
                             bearing=k.bearing, transition_duration=900)
    b = chapter_bounds(area, h)
    return pdk.ViewState(longitude=(b[0] + b[2]) / 2, latitude=(b[1] + b[3]) / 2, zoom=fit_zoom(b, width_px, height_px),
                         pitch=k.pitch, bearing=k.bearing, transition_duration=900)


def chapter_png(area: Area, h: Hoofdstuk, folder: Path | None = None, dpi: int = 100) -> bytes:
    """A static map of a chapter's view (for the HTML export): base, layers, highlights, raster."""
    cat = load_catalogue()
    w, s, e, n = chapter_bounds(area, h)
    import geopandas as gpd
    import shapely

    view = gpd.GeoSeries([shapely.box(w, s, e, n)], crs=WGS84).to_crs(area.crs).total_bounds
    aspect = (view[3] - view[1]) / max(view[2] - view[0], 1e-9)
    fig = Figure(figsize=(9, float(np.clip(9 * aspect, 3.5, 12))))
    ax = fig.subplots()
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal")
    ax.set_axis_off()
    draw_base(ax, area, cat, landgebruik="landgebruik" in h.kaart.lagen)
    if h.kaart.raster and folder is not None:
        from gebied.sources.raster import load_raster

        img = load_raster(folder / h.kaart.raster, (w, s, e, n))
        rb = gpd.GeoSeries([shapely.box(*img.bounds)], crs=WGS84).to_crs(area.crs).total_bounds
        ax.imshow(img.rgba, extent=(rb[0], rb[2], rb[1], rb[3]), alpha=h.kaart.raster_dekking, zorder=2)
    kst = cat.layer("kernen").stijl
    if "kernen" in h.kaart.lagen:
        hl = area.kernen["naam"].isin(h.kaart.markeer_kernen + ([h.kaart.kern] if h.kaart.kern else []))
        area.kernen[~hl].plot(
            ax=ax, color=kst["vulkleur"], alpha=0.45, edgecolor=kst["lijnkleur"], linewidth=0.4, zorder=3
        )
        if hl.any():
            area.kernen[hl].plot(
                ax=ax, color=kst["vulkleur"], alpha=0.85, edgecolor=kst["lijnkleur"], linewidth=1.5, zorder=3
            )
    if "accommodaties" in h.kaart.lagen:
        acc = area.accommodaties
        ax.scatter(acc.geometry.x, acc.geometry.y, c=[cat.categorie(c).kleur for c in acc["categorie"]], s=18,
                   edgecolors="white", linewidths=0.4, zorder=4)
        hl = acc[acc["accommodatie_id"].isin(h.kaart.markeer_accommodaties)]
        ax.scatter(hl.geometry.x, hl.geometry.y, s=120, facecolors="none", edgecolors="black", linewidths=1.5, zorder=5)
    ax.text(0.995, 0.01, OSM_ATTRIBUTION, transform=ax.transAxes, ha="right", va="bottom", fontsize=6,
            bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none"})
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


_CSS = """
body{font-family:Georgia,'DejaVu Serif',serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#222;
  line-height:1.55}
h1{font-size:2.2rem;margin-bottom:.2rem} .meta{color:#555;font-size:.9rem}
section{margin:3rem 0;border-top:1px solid #ddd;padding-top:1.5rem}
section img.kaart{display:block;margin:0 auto;max-width:100%;max-height:80vh;border:1px solid #ccc}
.jaar{color:#a33;font-weight:bold}
nav a{margin-right:.8rem} .bron{font-size:.8rem;color:#555}
"""


def verhaal_html(story: Verhaal, area: Area, chapters: list[Hoofdstuk] | None = None) -> str:
    """The whole story as one self-contained HTML page (maps and images embedded)."""
    chapters = chapters if chapters is not None else story.hoofdstukken
    esc = htmllib.escape
    parts = [f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>{esc(story.titel)}</title>"
             f"<style>{_CSS}</style></head><body>",
             f"<h1>{esc(story.titel)}</h1><p class='meta'>{esc(story.auteur)} · {esc(story.licentie)}</p>"]
    if story.samenvatting:
        parts.append(f"<p>{esc(story.samenvatting)}</p>")
    parts.append("<nav>" + "".join(f"<a href='#h{i}'>{i}. {esc(h.titel)}</a>"
                                   for i, h in enumerate(chapters, start=1)) + "</nav>")
    for i, h in enumerate(chapters, start=1):
        png = base64.b64encode(chapter_png(area, h, story.folder)).decode()
        year = f"<p class='jaar'>{h.kaart.jaar}</p>" if h.kaart.jaar is not None else ""
        parts.append(f"<section id='h{i}'><h2>{i}. {esc(h.titel)}</h2>{year}"
                     f"<img class='kaart' alt='Kaart bij {esc(h.titel)}' src='data:image/png;base64,{png}'>"
                     f"{markdown_html(h.tekst, story.folder)}</section>")
    parts.append("<section><h2>Bronnen</h2><ul>" + "".join(f"<li>{esc(b)}</li>" for b in story.bronnen)
                 + f"</ul><p class='bron'>Kaarten: {esc(OSM_ATTRIBUTION)}</p></section></body></html>")
    return "".join(parts)


def export_verhaal(story: Verhaal, area: Area, path: Path, chapters: list[Hoofdstuk] | None = None) -> Path:
    """Write the self-contained HTML of a story (atomic)."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise GebiedError("Kies een .html-bestand.", "Choose an .html file.", path)
    text = verhaal_html(story, area, chapters)
    write_atomic(path, lambda p: Path(p).write_text(text, encoding="utf-8"))
    return path


__all__ = ["markdown_html", "chapter_view", "chapter_png", "verhaal_html", "export_verhaal"]
