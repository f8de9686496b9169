"""Print-quality maps with matplotlib: A4/A3, portrait/landscape, PDF (vector) or 300 dpi PNG.

Title, subtitle, legend from the layer catalogue, scale bar, north arrow, source
line and a frame; the base (land use, water, streets) is drawn from the extract,
so it needs no internet. Kern names are placed largest first and a label that
would overlap one already placed is left out.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, Patch, Rectangle
from matplotlib.transforms import Bbox

from gebied.area.model import Area
from gebied.area.summary import attribution
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.fmt import getal
from gebied.maps.base import draw_base

PAPER_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
MM = 1 / 25.4
NICE = [1, 2, 2.5, 5]
#: Fixed metadata so that the same inputs give byte-identical files.
PDF_METADATA = {"Creator": "gebied", "Producer": "gebied (matplotlib)", "CreationDate": None}
PNG_METADATA = {"Software": None}
#: Diameter of an accommodatie's symbol at print size (mm), and its layer: above the names (8).
SYMBOOL_MM = 2.6
SYMBOOL_LAAG = 9


def symbol_area(diameter_mm: float) -> float:
    """matplotlib's marker size (points squared) of a round symbol ``diameter_mm`` across."""
    return (diameter_mm / 25.4 * 72.0) ** 2


@dataclass
class MapLayout:
    """What was drawn, for checks: map frame size, scale and the scale bar."""

    fig: Figure
    ax: Axes
    schaal: float  # scale denominator (1 : schaal)
    schaalstok_m: float  # length the scale bar stands for (m)
    schaalstok: Rectangle  # the drawn bar (total length)
    legend_labels: list[str]
    labels_geplaatst: list[str]


def nice_length(max_m: float) -> float:
    """The largest 1/2/2.5/5 × 10^k metres not above ``max_m``."""
    exp = 10 ** math.floor(math.log10(max_m))
    return max(n * exp for n in NICE if n * exp <= max_m) if max_m >= 1 else 1.0


def _paper(formaat: str, staand: bool) -> tuple[float, float]:
    w, h = PAPER_MM[formaat]
    return (w, h) if staand else (h, w)


def draw_map(area: Area, title: str, subtitle: str = "", formaat: str = "A4", staand: bool = False,
             colours: list[str] | None = None, status_legend: list[tuple[str, str]] | None = None,
             catalogue: Catalogue | None = None, date: dt.date | None = None) -> MapLayout:
    """Draw the print map of ``area`` (kernen, accommodaties, base from the extract).

    Parameters
    ----------
    colours, status_legend
        Optional per-accommodatie colours and their legend (for a scenario map);
        by default accommodaties are coloured per catalogue category.
    date
        Date shown in the subtitle (default today).
    """
    cat = catalogue or load_catalogue()
    if formaat not in PAPER_MM:
        from gebied.core.errors import GebiedError

        raise GebiedError(f"Onbekend formaat '{formaat}'; kies A4 of A3.", f"Unknown paper size '{formaat}'.")
    pw, ph = _paper(formaat, staand)
    # no Agg canvas yet: on one, geopandas would draw the whole figure after each layer (the labels get theirs)
    fig = Figure(figsize=(pw * MM, ph * MM))
    box = _Box(pw, ph, staand)
    ax, schaal = _map_axes(fig, area, box)
    draw_base(ax, area, cat)
    area.grens.boundary.plot(ax=ax, color="#444444", linewidth=0.9, linestyle=(0, (4, 2)))
    if area.is_cbs:
        g_st = cat.layer("gemeenten").stijl
        area.gemeenten.boundary.plot(ax=ax, color=g_st["lijnkleur"], linewidth=g_st["lijndikte"] * 0.5)
    k_st = cat.layer("kernen").stijl
    area.kernen.plot(ax=ax, color=k_st["vulkleur"], alpha=0.55, edgecolor=k_st["lijnkleur"], linewidth=0.5)
    acc = area.accommodaties
    if colours is None:
        colours = [cat.categorie(c).kleur for c in acc["categorie"]]
    # symbols legible with reading glasses (>= 2.5 mm), drawn above the kernen's names: a kept location is never
    # hidden under its own label
    ax.scatter(acc.geometry.x, acc.geometry.y, s=symbol_area(SYMBOOL_MM), c=colours, linewidths=0.6,
               edgecolors=cat.layer("accommodaties").stijl["lijnkleur"], zorder=SYMBOOL_LAAG)
    ax.set_xlabel("")  # geopandas labels projected axes; a map frame has none
    ax.set_ylabel("")
    placed = _label_kernen(fig, ax, area)
    leg = _legend(fig, box, cat, set(acc["categorie"]), status_legend, area.is_cbs)
    _titles(fig, box, title, subtitle, date or dt.date.today(),
            f"Bron: {attribution(area)}; eigen gegevens gemeente · Schaal 1:{getal(schaal)}"
            + f" · {area.crs}")
    bar, length = _scale_bar(ax, schaal)
    _north_arrow(ax)
    return MapLayout(fig, ax, schaal, length, bar, [t.get_text() for t in leg.get_texts()], placed)


@dataclass(frozen=True)
class _Box:
    """The page layout in mm: paper size, margin, legend column (landscape) or band (portrait), head and foot."""

    pw: float
    ph: float
    staand: bool
    margin: float = 12.0
    head: float = 24.0

    @property
    def legend_w(self) -> float:
        return 0.0 if self.staand else 62.0

    @property
    def foot(self) -> float:
        return 62.0 if self.staand else 14.0

    @property
    def frame_mm(self) -> tuple[float, float]:
        return self.pw - 2 * self.margin - self.legend_w, self.ph - self.head - self.foot


def _map_axes(fig: Figure, area: Area, box: _Box) -> tuple[Axes, float]:
    """The map frame, its extent the area outline (with a margin) at a round scale; returns (axes, scale)."""
    fw, fh = box.frame_mm
    ax = fig.add_axes((box.margin / box.pw, box.foot / box.ph, fw / box.pw, fh / box.ph))
    xmin, ymin, xmax, ymax = area.grens.total_bounds
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    need = max((xmax - xmin) * 1.04 / fw, (ymax - ymin) * 1.04 / fh)  # metres per mm
    schaal = _round_scale(need * 1000.0)
    half_w, half_h = fw * schaal / 1000 / 2, fh * schaal / 1000 / 2
    ax.set_xlim(cx - half_w, cx + half_w)
    ax.set_ylim(cy - half_h, cy + half_h)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax, schaal


def _legend(fig: Figure, box: _Box, cat: Catalogue, present: set[str],
            status_legend: list[tuple[str, str]] | None, cbs: bool = False) -> Legend:
    """The legend from the catalogue: kernen, accommodaties (per category or per scenario status), roads, water."""
    k_st = cat.layer("kernen").stijl
    handles: list[Artist] = [Patch(facecolor=k_st["vulkleur"], edgecolor=k_st["lijnkleur"],
                                   label=cat.layer("kernen").legenda)]
    items = status_legend or [(c.label, c.kleur) for c in cat.categorieen if c.id in present]
    handles += [Line2D([], [], marker="o", linestyle="", markerfacecolor=c,
                       markeredgecolor=cat.layer("accommodaties").stijl["lijnkleur"],
                       markersize=SYMBOOL_MM / 25.4 * 72,
                       label=lab) for lab, c in items]
    if cbs:
        g_st = cat.layer("gemeenten").stijl
        handles.append(Line2D([], [], color=g_st["lijnkleur"], linewidth=1.5, label=cat.layer("gemeenten").legenda))
    handles += [Line2D([], [], color="#6b6b6b", linewidth=1.2, label=cat.layer("netwerk").legenda),
                Patch(facecolor=cat.layer("water").stijl["vulkleur"], label=cat.layer("water").legenda)]
    style = {"fontsize": 7, "frameon": False, "title": "Legenda", "title_fontsize": 8, "alignment": "left"}
    if box.staand:
        return fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(box.margin / box.pw, 26 / box.ph),
                          ncol=3, **style)
    anchor = ((box.pw - box.margin - box.legend_w + 4) / box.pw, (box.ph - box.head) / box.ph)
    return fig.legend(handles=handles, loc="upper left", bbox_to_anchor=anchor, **style)


def _titles(fig: Figure, box: _Box, title: str, subtitle: str, date: dt.date, bronnen: str) -> None:
    """Title, subtitle with date, the frame around the page and the source line."""
    pw, ph, m = box.pw, box.ph, box.margin
    day = date.strftime("%d-%m-%Y")
    fig.text(m / pw, (ph - 11) / ph, title, fontsize=15, weight="bold", va="baseline")
    fig.text(m / pw, (ph - 18) / ph, f"{subtitle} · {day}" if subtitle else day, fontsize=9, color="#444444",
             va="baseline")
    fig.add_artist(Rectangle((5 / pw, 5 / ph), 1 - 10 / pw, 1 - 10 / ph, transform=fig.transFigure, fill=False,
                             linewidth=0.8, edgecolor="#333333"))
    fig.text(m / pw, 8 / ph, bronnen, fontsize=6.5, color="#333333")


def _round_scale(denominator: float) -> float:
    """Round a scale up to a tidy value (e.g. 1:87.300 -> 1:90.000)."""
    exp = 10 ** math.floor(math.log10(denominator))
    for step in (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10):
        if step * exp >= denominator:
            return step * exp
    return 10 * exp


def _scale_bar(ax: Axes, schaal: float) -> tuple[Rectangle, float]:
    """A two-tone scale bar in the lower left of the map; returns the bar and its length (m)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    length = nice_length((x1 - x0) * 0.25)
    bx, by = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.04
    h = (y1 - y0) * 0.008
    ax.add_patch(Rectangle((bx - (x1 - x0) * 0.01, by - h * 1.5), length + (x1 - x0) * 0.02, h * 5.5,
                           facecolor="white", alpha=0.8, edgecolor="none", zorder=9))
    half = Rectangle((bx, by), length / 2, h, facecolor="black", edgecolor="black", linewidth=0.5, zorder=10)
    bar = Rectangle((bx, by), length, h, facecolor="white", edgecolor="black", linewidth=0.5, zorder=10)
    ax.add_patch(bar)
    ax.add_patch(half)
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    for x, text in ((bx, "0"), (bx + length, label)):
        ax.text(x, by + h * 1.6, text, ha="center", va="bottom", fontsize=6.5, zorder=11)
    return bar, length


def _north_arrow(ax: Axes) -> None:
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    x, y = x1 - (x1 - x0) * 0.05, y1 - (y1 - y0) * 0.10
    L = (y1 - y0) * 0.05
    ax.add_patch(FancyArrow(x, y, 0, L, width=L * 0.12, head_width=L * 0.45, head_length=L * 0.45,
                            length_includes_head=True, color="black", zorder=10))
    ax.text(x, y + L * 1.15, "N", ha="center", va="bottom", fontsize=9, weight="bold", zorder=10)


def _label_kernen(fig: Figure, ax: Axes, area: Area) -> list[str]:
    """Label kernen, largest first; skip a label that would overlap one already placed."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes: list[Bbox] = []
    placed = []
    named = area.kernen[area.kernen["naam_bron"] == "osm"].sort_values("inwoners", ascending=False)
    for _, k in named.iterrows():
        p = k.geometry.representative_point()
        size = 8 if k["inwoners"] >= 2000 else 6.5
        t = ax.text(p.x, p.y, k["naam"], fontsize=size, ha="center", va="center", zorder=8,
                    weight="bold" if size == 8 else "normal", color="#222222",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "edgecolor": "none"})
        bb = t.get_window_extent(renderer).expanded(1.05, 1.1)
        if any(bb.overlaps(o) for o in boxes) or not ax.get_window_extent(renderer).contains(bb.x0, bb.y0):
            t.remove()
            continue
        boxes.append(bb)
        placed.append(k["naam"])
    return placed


def save_figure(fig: Figure, path: Path, dpi: int = 300) -> None:
    """Save a figure as PDF (vector) or PNG (``dpi``), atomically and reproducibly."""
    from gebied.core.errors import GebiedError
    from gebied.core.io import write_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        title = fig.texts[0].get_text() if fig.texts else "Kaart"
        write_atomic(path, lambda p: fig.savefig(p, format="pdf", metadata={**PDF_METADATA, "Title": title}))
    elif suffix == ".png":
        write_atomic(path, lambda p: fig.savefig(p, format="png", dpi=dpi, metadata=PNG_METADATA))
    else:
        raise GebiedError("Kies .pdf of .png als uitvoer.", "Choose .pdf or .png as output.", path)
