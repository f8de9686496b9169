"""The base picture in two levels of detail: one overview of the whole area, and a detail picture near a kern.

The overview (:func:`gebied.maps.base.base_image`) is one picture of at most 4096 pixels a side: for a gemeente
a few metres a pixel, for a province tens of metres, which is blurred at a kern's zoom. An area whose overview is
coarser than :data:`DETAIL_VANAF_M` therefore also has detail at :data:`DETAIL_M` metres a pixel: a map showing a
kern gets one picture of what its view shows (:func:`view_window`, :func:`view_file`), on top of the overview
(:func:`detail_layers`); at a province's zoom the browser gets the overview only. So the browser never receives
more picture than it can draw at the zoom a page shows. The detail is drawn in a grid of :data:`TEGEL_PX`-pixel
tiles, ahead for every kern's view (:func:`kern_tiles`: ``gebied build`` draws them on worker processes,
:func:`draw_kern_tiles`; the app's background draws what is missing in a process of its own), from which a view's
picture is cut; a view whose tiles are not drawn yet gets its picture drawn at once.
"""

from __future__ import annotations

import json
import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from gebied.area.model import Area
from gebied.core.catalogue import Catalogue
from gebied.core.crs import WERELD_M, from_web_mercator, to_web_mercator
from gebied.core.io import atomic_path
from gebied.core.voortgang import Voortgang, stil
from gebied.maps.adres import url_of
from gebied.maps.base import base_image_layer, encode, overview_frame, render_base, window_degrees
from gebied.maps.deck import area_bounds, view_of

#: Web Mercator metres a pixel of a detail tile (a kern's street pattern stays sharp on a full-HD screen).
DETAIL_M = 3.0
#: Pixels a side of a detail tile (~3 km of Web Mercator at :data:`DETAIL_M`).
TEGEL_PX = 1024
#: Detail tiles from this overview resolution on (Web Mercator metres a pixel); a gemeente's overview is finer.
DETAIL_VANAF_M = 12.0
#: Line width scale of a detail tile (points to pixels), as the lines of a gemeente's overview at a kern's zoom.
DETAIL_PX_PT = 12.0


def has_detail(area: Area) -> bool:
    """Whether the area's overview is coarse enough to need detail tiles."""
    return overview_frame(area)[4] > DETAIL_VANAF_M


def tile_window(area: Area, i: int, j: int) -> tuple[float, float, float, float]:
    """Tile ``(i, j)``'s window in Web Mercator (column ``i`` from the west, row ``j`` from the north)."""
    x0, _, _, y1, _ = overview_frame(area)
    side = TEGEL_PX * DETAIL_M
    return x0 + i * side, y1 - (j + 1) * side, x0 + (i + 1) * side, y1 - j * side


def tiles_in(area: Area, bounds: tuple[float, float, float, float]) -> list[tuple[int, int]]:
    """The tiles that cover ``bounds`` (``west, south, east, north`` in degrees) within the overview."""
    (wx, ex), (sy, ny) = to_web_mercator([bounds[0], bounds[2]], [bounds[1], bounds[3]])
    x0, y0, x1, y1, _ = overview_frame(area)
    side = TEGEL_PX * DETAIL_M
    wx, ex, sy, ny = max(wx, x0), min(ex, x1), max(sy, y0), min(ny, y1)
    if wx >= ex or sy >= ny:
        return []
    cols = range(int((wx - x0) // side), int(math.ceil((ex - x0) / side)))
    rows = range(int((y1 - ny) // side), int(math.ceil((y1 - sy) / side)))
    return [(i, j) for j in rows for i in cols]


def _files(folder: Path, i: int, j: int) -> tuple[Path, Path]:
    """Tile ``(i, j)``'s picture and its bounds file (written after the picture)."""
    return folder / f"ondergrond-{i}-{j}.png", folder / f"ondergrond-{i}-{j}.json"


def _draw_tile(area: Area, folder: Path, cat: Catalogue, i: int, j: int) -> None:
    """Draw detail tile ``(i, j)`` into its files (atomically, the bounds file last)."""
    png, meta = _files(folder, i, j)
    image, bounds = render_base(area, cat, tile_window(area, i, j), DETAIL_M, DETAIL_PX_PT)
    with atomic_path(png) as tmp:
        tmp.write_bytes(image)
    with atomic_path(meta) as tmp:
        tmp.write_text(json.dumps(bounds), encoding="utf-8")


def screen_m(zoom: float) -> float:
    """Web Mercator metres a screen pixel at deck.gl's ``zoom`` (its world is 512 pixels wide at zoom 0)."""
    return WERELD_M / (512 * 2**zoom)


def view_bounds(view: Any, width_px: int = 1600, height_px: int = 1000) -> tuple[float, float, float, float]:
    """What a map of ``width_px`` × ``height_px`` shows at ``view`` (a pydeck view: longitude, latitude, zoom):
    ``west, south, east, north`` in degrees (a screen larger than most, so a wide one gets its tiles too)."""
    x, y = to_web_mercator(view.longitude, view.latitude)
    m_per_px = screen_m(view.zoom)
    dx, dy = width_px / 2 * m_per_px, height_px / 2 * m_per_px
    (w, e), (s, n) = from_web_mercator([x - dx, x + dx], [y - dy, y + dy])
    return float(w), float(s), float(e), float(n)


#: At most this many tiles a view.
MAX_TEGELS = 16


def tiles_of_view(area: Area, view: Any) -> list[tuple[int, int]]:
    """The detail tiles a map at ``view`` shows (see :func:`detail_layers`)."""
    if not has_detail(area) or screen_m(view.zoom) >= overview_frame(area)[4] / 2:
        return []
    tiles = tiles_in(area, view_bounds(view))
    return tiles if len(tiles) <= MAX_TEGELS else []


def kern_tiles(area: Area) -> list[tuple[int, int]]:
    """The detail tiles of every kern's map (its view as the app fits it), the largest kern's first, each once."""
    tiles: dict[tuple[int, int], None] = {}
    for view in _kern_views(area):
        tiles.update(dict.fromkeys(tiles_of_view(area, view)))
    return list(tiles)


def kern_views(area: Area) -> list[tuple[int, int, int, int]]:
    """The detail pictures of every kern's map (:func:`view_window` of its view as the app shows it), the largest
    kern's first, each once."""
    views: dict[tuple[int, int, int, int], None] = {}
    for view in _kern_views(area):
        if (cells := view_window(area, afgerond(view))) is not None:
            views[cells] = None
    return list(views)


def _kern_views(area: Area) -> list[Any]:
    """Every kern's view as the app fits it, the largest kern's first (none for an area without detail)."""
    if not has_detail(area):
        return []
    bounds = area_bounds(area)
    return [view_of(bounds[k]) for k in area.kernen.sort_values("inwoners", ascending=False, kind="stable")["kern_id"]]


def afgerond(view: Any) -> SimpleNamespace:
    """``view`` as the app's map asks for its pictures: longitude and latitude to 6 decimals, zoom to 3."""
    return SimpleNamespace(longitude=round(view.longitude, 6), latitude=round(view.latitude, 6),
                           zoom=round(view.zoom, 3))


def missing(folder: Path, tiles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Those of ``tiles`` without their files in ``folder`` (the bounds file is written last)."""
    return [(i, j) for i, j in tiles if not _files(folder, i, j)[1].exists()]


def draw_tiles(area: Area, folder: Path, cat: Catalogue, tiles: list[tuple[int, int]]) -> int:
    """Draw those of ``tiles`` whose files are missing; how many were drawn."""
    todo = missing(folder, tiles)
    for i, j in todo:
        _draw_tile(area, folder, cat, i, j)
    return len(todo)


#: The build's stage that draws every kern's detail tiles (:func:`draw_kern_tiles`).
STAP_DETAIL = "kaart: ondergrond in detail bij de kernen"
#: Tiles a worker draws per task of :func:`draw_kern_tiles` (its progress moves per task).
PER_TAAK = 8

_worker: tuple[Area, Catalogue] | None = None  # a drawing process's area and catalogue (:func:`_start_worker`)


def draw_kern_tiles(area: Area, folder: Path, cat: Catalogue, workers: int = 2, voortgang: Voortgang = stil) -> int:
    """Draw every kern's detail tiles that are missing (:func:`kern_tiles`, the largest kern's first) into
    ``folder``, then cut every kern's view picture from them (:func:`kern_views`: a kern's first view then finds
    its picture, where cutting it took ~0.1 s of the page's run), on ``workers`` processes of their own
    (matplotlib holds the GIL: k = 16 has ~900 tiles of ~0.1 s); how many tiles and pictures were made.
    ``voortgang`` hears of :data:`STAP_DETAIL` as tasks of :data:`PER_TAAK` end.

    Each worker loads the area from its configuration without overrides (the base does not show them); where no
    process can be had, or a worker fails (an area that exists in memory only), the rest is made here."""
    tiles = missing(folder, kern_tiles(area))
    views = [cells for cells in kern_views(area) if not _view_made(folder, cells)]
    total = len(tiles) + len(views)
    if not total:
        return 0
    voortgang(STAP_DETAIL, 0, total)
    phases: list[list[tuple[str, list[Any]]]] = [  # the pictures are cut from the tiles: after them
        [("tegels", tiles[k:k + PER_TAAK]) for k in range(0, len(tiles), PER_TAAK)],
        [("beelden", views[k:k + PER_TAAK]) for k in range(0, len(views), PER_TAAK)]]
    done = 0
    if workers > 1 and sum(map(len, phases)) > 1:
        source = area.config.config_path or area.config.id
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                     initializer=_start_worker, initargs=(source,)) as pool:
                for tasks in phases:
                    for task, _ in zip(tasks, pool.map(_make_in_worker, [folder] * len(tasks), tasks)):
                        done += len(task[1])
                        voortgang(STAP_DETAIL, done, total)
        except (BrokenProcessPool, OSError, RuntimeError):
            pass  # made here below: what the workers finished is on disk and not made again
    for tasks in phases:
        for task in tasks:
            if made := _make(area, folder, cat, task):
                done = min(total, done + made)
                voortgang(STAP_DETAIL, done, total)
    if done < total:  # what a broken pool's later tasks made, found on disk above
        voortgang(STAP_DETAIL, total, total)
    return total


def _make(area: Area, folder: Path, cat: Catalogue, task: tuple[str, list[Any]]) -> int:
    """A task of :func:`draw_kern_tiles`: its tiles or view pictures that are still missing, made; how many."""
    kind, items = task
    if kind == "tegels":
        return draw_tiles(area, folder, cat, items)
    todo = [cells for cells in items if not _view_made(folder, cells)]
    for cells in todo:
        view_file(area, folder, cat, cells)
    return len(todo)


def _start_worker(source: str | Path) -> None:
    """A drawing process's start: the area (from its configuration, without overrides) and the catalogue."""
    global _worker
    from gebied.area.store import load_area
    from gebied.core.catalogue import load_catalogue

    _worker = load_area(source, overrides=False), load_catalogue()


def _make_in_worker(folder: Path, task: tuple[str, list[Any]]) -> int:
    """A drawing process's task (:func:`_make`)."""
    if _worker is None:
        raise RuntimeError("worker not started")
    return _make(_worker[0], folder, _worker[1], task)


#: A view's detail picture reaches to the next multiple of this many pixels (a quarter tile) around what the view
#: shows, so views that differ by a little share a picture.
RASTER_PX = 256


def view_window(area: Area, view: Any) -> tuple[int, int, int, int] | None:
    """The detail picture of a map at ``view``: its window as cells of :data:`RASTER_PX` (first column, first row,
    last column, last row, from the overview's north-west corner, as the tiles count), around what a large screen
    shows at ``view`` (:func:`view_bounds`); None where the map shows no detail (:func:`tiles_of_view`)."""
    if not tiles_of_view(area, view):
        return None
    west, south, east, north = view_bounds(view)
    (wx, ex), (sy, ny) = to_web_mercator([west, east], [south, north])
    x0, y0, x1, y1, _ = overview_frame(area)
    cell = RASTER_PX * DETAIL_M
    last_col, last_row = int(math.ceil((x1 - x0) / cell)) - 1, int(math.ceil((y1 - y0) / cell)) - 1
    return (max(0, int((max(wx, x0) - x0) // cell)), max(0, int((y1 - min(ny, y1)) // cell)),
            min(last_col, int(math.ceil((min(ex, x1) - x0) / cell)) - 1),
            min(last_row, int(math.ceil((y1 - max(sy, y0)) / cell)) - 1))


def _cells_window(area: Area, cells: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    """The Web Mercator window of ``cells`` (:func:`view_window`)."""
    x0, _, _, y1, _ = overview_frame(area)
    cell = RASTER_PX * DETAIL_M
    c0, r0, c1, r1 = cells
    return x0 + c0 * cell, y1 - (r1 + 1) * cell, x0 + (c1 + 1) * cell, y1 - r0 * cell


def view_file(area: Area, folder: Path, cat: Catalogue, cells: tuple[int, int, int, int]) -> tuple[str, list[float]]:
    """The detail picture of ``cells`` (:func:`view_window`), kept as a file of its own: its address and bounds
    (degrees).

    A kern's view makes the browser fetch, decode and upload this one picture, of what the view shows, instead of
    the tiles it touches (at k = 16 a kern's first view drew four frames of 0.1–0.4 s as its six tiles came in,
    and uploaded three times the pixels shown). Cut from the tiles when they are drawn (ahead,
    :func:`kern_tiles`), else drawn at once; a JPEG (:func:`gebied.maps.base.encode`), as it is made on a view's
    first showing."""
    pic, meta = folder / f"{_view_name(cells)}.jpg", folder / f"{_view_name(cells)}.json"
    if not (pic.exists() and meta.exists()):
        window = _cells_window(area, cells)
        if missing(folder, _tiles_of_cells(cells)):
            image, bounds = render_base(area, cat, window, DETAIL_M, DETAIL_PX_PT, fmt="jpeg")
        else:
            image, bounds = _cut(folder, cells), window_degrees(window)
        with atomic_path(pic) as tmp:
            tmp.write_bytes(image)
        with atomic_path(meta) as tmp:
            tmp.write_text(json.dumps(bounds), encoding="utf-8")
    return url_of(pic), list(json.loads(meta.read_text(encoding="utf-8")))


def _view_made(folder: Path, cells: tuple[int, int, int, int]) -> bool:
    """Whether the detail picture of ``cells`` is in ``folder`` (its bounds file is written last)."""
    return (folder / f"{_view_name(cells)}.json").exists()


def _view_name(cells: tuple[int, int, int, int]) -> str:
    """The file name (without suffix) and layer id of the detail picture of ``cells``."""
    return "ondergrond-{}-{}-{}-{}".format(*cells)


def _tiles_of_cells(cells: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    """The tiles ``cells`` lie in, row by row (a cell lies in one tile: :data:`RASTER_PX` divides
    :data:`TEGEL_PX`)."""
    per = TEGEL_PX // RASTER_PX
    c0, r0, c1, r1 = cells
    return [(i, j) for j in range(r0 // per, r1 // per + 1) for i in range(c0 // per, c1 // per + 1)]


def _cut(folder: Path, cells: tuple[int, int, int, int]) -> bytes:
    """The picture of ``cells`` cut from the drawn tiles they lie in, as a JPEG."""
    from PIL import Image

    tiles = _tiles_of_cells(cells)
    (i0, j0), (i1, j1) = tiles[0], tiles[-1]
    mosaic = Image.new("RGB", ((i1 - i0 + 1) * TEGEL_PX, (j1 - j0 + 1) * TEGEL_PX))
    for i, j in tiles:
        with Image.open(_files(folder, i, j)[0]) as tile:
            mosaic.paste(tile.convert("RGB"), ((i - i0) * TEGEL_PX, (j - j0) * TEGEL_PX))
    c0, r0, c1, r1 = cells
    left, top = i0 * TEGEL_PX, j0 * TEGEL_PX
    box = (c0 * RASTER_PX - left, r0 * RASTER_PX - top, (c1 + 1) * RASTER_PX - left, (r1 + 1) * RASTER_PX - top)
    return encode(mosaic.crop(box), "jpeg")


def detail_layers(area: Area, folder: Path, cat: Catalogue, view: Any) -> list[Any]:
    """The detail picture a map at ``view`` shows, as one layer (:func:`view_file`): none for an area without
    detail tiles, nor where the overview is at least half as sharp as the screen (a province's or gemeente's
    zoom)."""
    cells = view_window(area, view)
    if cells is None:
        return []
    url, bounds = view_file(area, folder, cat, cells)
    return [base_image_layer(url, bounds, layer_id=_view_name(cells), rol="detail")]
