"""The map's files: what the app serves itself, written once per build (and per overrides upload).

The base picture, the kernen, accommodaties, kern names and pick grid, and per voorziening kind the
isochrones and the travel time per 100 m square of every mode are JSON or PNG files in
``static/gebied/<build>/``; their names never change within a build, so the browser fetches each once.
:func:`prepare` writes them all (``gebied build`` does, so the app starts warm); the app writes any that are
missing on first use.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import numpy as np
import pandas as pd

from gebied.area.model import Area
from gebied.bereik.interface import Bereik
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.fmt import slug
from gebied.core.io import atomic_path
from gebied.core.voortgang import Voortgang, stil
from gebied.maps.adres import STATIC, url_of

#: Version of the files' content, part of every folder's name: files written by an older gebied are not read.
VERSIE = 9
#: The files of :func:`frame_files`.
FRAMES = ("accommodaties", "kernen", "kernnamen", "prikbord")


def folder_of(area: Area, upload: bytes | None = None) -> Path:
    """The files' folder of an area's build (and overrides upload): its files never change.

    Travel times kept to one's own gemeente (``bereik.over_gemeentegrens: false``, a setting outside the
    build key) are other files than those across the border."""
    extra = f"-{hashlib.sha256(upload).hexdigest()[:10]}" if upload else ""
    eigen = "" if area.config.bereik.over_gemeentegrens else "-eigen-gemeente"
    return STATIC / f"{slug(area.config.id)}-{area.meta.get('key', 'los')}-v{VERSIE}{eigen}{extra}"


def remove_old(area: Area) -> list[Path]:
    """Remove the map files of the area's earlier builds and file versions (each rebuild or upgrade writes a
    new folder of ~8 MB; its uploads more); the current build's folders stay, as do other areas'. Returns the
    removed folders. Run by ``gebied build``, before the app starts."""
    name = slug(area.config.id)
    current = folder_of(area).name.removesuffix("-eigen-gemeente")
    ours = re.compile(rf"{re.escape(name)}-([0-9a-f]{{16}}|los)(-v\d+)?(-eigen-gemeente)?(-[0-9a-f]{{10}})?")
    removed = []
    for folder in sorted(STATIC.glob(f"{name}-*")):
        if folder.is_dir() and ours.fullmatch(folder.name) and not folder.name.startswith(current):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def static_json(folder: Path, name: str, build: Callable[[], pd.DataFrame]) -> str:
    """The address of ``folder/name.json``, the records of ``build()`` (called only when the file is missing;
    written atomically, so two writers at once leave one whole file)."""
    path = folder / f"{name}.json"
    if not path.exists():
        frame = build()
        with atomic_path(path) as tmp:
            tmp.write_text(json.dumps(frame.to_dict("records"), separators=(",", ":"), ensure_ascii=False),
                           encoding="utf-8")
    return url_of(path)


def base_file(area: Area, folder: Path, cat: Catalogue, kernen: bool = True) -> tuple[str, list[float]]:
    """The base picture's address and its bounds ``[west, south, east, north]`` (degrees); with the kernen's
    outlines (``kernen``, the picture every page shows) or without (a story chapter without kernen)."""
    from gebied.maps.base import base_image

    name = "ondergrond" if kernen else "ondergrond-zonder-kernen"
    png, meta = folder / f"{name}.png", folder / f"{name}.json"
    if not (png.exists() and meta.exists()):
        image, bounds = base_image(area, cat, kernen=kernen)
        with atomic_path(png) as tmp:
            tmp.write_bytes(image)
        with atomic_path(meta) as tmp:
            tmp.write_text(json.dumps(bounds), encoding="utf-8")
    return url_of(png), list(json.loads(meta.read_text(encoding="utf-8")))


def frame_files(area: Area, folder: Path, cat: Catalogue) -> dict[str, Any]:
    """The frames every page reuses (``accommodaties``, ``kernen``) and the addresses of their files and of
    the kern names and the pick grid (``*_url``); a province's kernen also for its view (``kernen_grof_url``,
    None for an area in one level: :func:`gebied.maps.vakken.coarse_kernen`)."""
    from gebied.maps import overlays, vakken

    acc = overlays.accommodaties_frame(area, cat)
    kernen = overlays.kernen_frame(area)
    grof = static_json(folder, "kernen-grof", lambda: vakken.coarse_kernen(area)) if vakken.in_levels(area) else None
    return {"accommodaties": acc, "kernen": kernen, "kernen_grof_url": grof,
            "accommodaties_url": static_json(folder, "accommodaties", lambda: acc),
            "kernen_url": static_json(folder, "kernen", lambda: kernen),
            "namen_url": static_json(folder, "kernnamen", lambda: overlays.labels_frame(area)),
            "prikbord_url": static_json(folder, "prikbord", lambda: overlays.pick_grid_frame(area))}


def isochrones_of(area: Area, modus: str, soort: str, graph: Any = None, lines: Any = None) -> gpd.GeoDataFrame:
    """Isochrones around every accommodatie hosting ``soort``, travelling by ``modus`` (``graph`` and the
    network's ``lines``, :func:`gebied.bereik.isochrones.street_lines`, when the caller has them)."""
    import shapely

    from gebied.bereik.dekking import hosts
    from gebied.bereik.isochrones import isochrones
    from gebied.bereik.matrices import area_graph
    from gebied.bereik.modes import modes

    mask = hosts(area.voorzieningen, area.accommodaties["accommodatie_id"].to_numpy(), soort)
    xy = shapely.get_coordinates(area.accommodaties.geometry.values)[mask]
    netwerk = modes(area.config.snelheden)[modus].netwerk
    return isochrones(graph if graph is not None else area_graph(area, modus), area.netwerken[netwerk], xy,
                      lines=lines)


def isochrone_file(area: Area, folder: Path, name: str, iso: Callable[[], gpd.GeoDataFrame], label: str) -> str:
    """The address of the isochrones file ``name`` (one mode and kind; ``label`` the mode's), written from
    ``iso()`` when missing: simplified to 10 m, or for an area in two levels of detail
    (:mod:`gebied.maps.vakken`) its tiles first, then the coarse isochrones of the whole area under that address
    (written last: it says the file is whole)."""
    from gebied.maps import banden, vakken

    if (path := folder / f"{name}.json").exists():
        return url_of(path)
    cat = load_catalogue()
    if not vakken.in_levels(area):
        return static_json(folder, name, lambda: banden.isochrone_frame(iso(), cat, label, vakken.ISO_FIJN_M))
    whole = iso()
    return _levels(folder, name, vakken.tiled_isochrones(whole, cat, label),
                   lambda: vakken.coarse_isochrones(whole, cat, label))


def bereik_files(area: Area, folder: Path, soort: str, matrix: Callable[[str], Bereik],
                points: Callable[[], pd.DataFrame],
                isochrones: Callable[[str, str], gpd.GeoDataFrame] | None = None) -> tuple[tuple[str, ...] | None, str]:
    """Addresses of the isochrones, one file per mode in the order of the area's mode table (None where no
    accommodatie hosts ``soort``), and of the travel time per 100 m square to ``soort``, one file for every mode
    (the page colours the squares by a mode in the browser, so a new mode or norm sends no data).
    ``matrix(modus)``, ``points()`` and ``isochrones(modus, soort)`` (default :func:`isochrones_of`) are called
    only for a file that is missing.

    The isochrones have a file per mode: drawn from one file of every mode, the graphics card had to process
    every mode's polygons to show one (without a graphics card ~14 ms of a ~90 ms frame)."""
    from gebied.bereik.dekking import hosts, nearest_minutes
    from gebied.bereik.modes import modes

    table = modes(area.config.snelheden)
    iso_names = _bereik_names(area, soort)[0]
    iso = None
    if iso_names is not None:
        make = isochrones or functools.partial(isochrones_of, area)
        iso = tuple(isochrone_file(area, folder, name, functools.partial(make, m, soort), table[m].label)
                    for name, m in zip(iso_names, table))

    def minutes() -> dict[str, np.ndarray]:
        out = {}
        for m in table:
            mat = matrix(m)
            out[table[m].label] = nearest_minutes(mat, hosts(area.voorzieningen, mat.target_ids, soort))
        return out

    return iso, squares_file(area, folder, soort, points, minutes)


def squares_file(area: Area, folder: Path, soort: str, points: Callable[[], pd.DataFrame],
                 minutes: Callable[[], dict[str, np.ndarray]]) -> str:
    """The address of ``soort``'s squares file (every mode's minutes per square), written when missing: the 100 m
    squares, or for an area in two levels of detail (:mod:`gebied.maps.vakken`) its tiles of fine squares first,
    then the coarse squares of the whole area under that address (written last: it says the kind is whole).
    ``points()`` and ``minutes()`` (mode label -> minutes per point) are called only when it is missing."""
    from gebied.maps import overlays, vakken

    name = _vakken_name(soort)
    path = folder / f"{name}.json"
    if path.exists():
        return url_of(path)
    pts, mins = points(), minutes()
    if not vakken.in_levels(area):
        return static_json(folder, name, lambda: overlays.vakken_frame(pts, mins, area.crs))
    return _levels(folder, name, vakken.tiled_frames(pts, mins, area.crs),
                   lambda: vakken.coarse_frame(pts, mins, area.crs))


def _levels(folder: Path, name: str, tiles: dict[str, pd.DataFrame], coarse: Callable[[], pd.DataFrame]) -> str:
    """Write file ``name`` in two levels of detail: its ``tiles`` (``name-<key>``) first, then ``coarse()`` under
    ``name`` itself, whose existence says the file is whole; the address of the coarse file."""
    for key, frame in tiles.items():
        static_json(folder, f"{name}-{key}", functools.partial(_same, frame))
    return static_json(folder, name, coarse)


def _same(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


def squares_tiles(area: Area, folder: Path, soort: str, view: Any) -> list[tuple[str, str]]:
    """The fine squares' tiles of ``soort`` a map at ``view`` shows, written (an address and a tile key each);
    none for an area in one level, at a province's zoom, or before the kind's files are whole."""
    return _tiles(area, folder, _vakken_name(soort), view)


def isochrone_tiles(area: Area, folder: Path, soort: str, nummer: int, view: Any) -> list[tuple[str, str]]:
    """The fine isochrones' tiles of ``soort`` in mode number ``nummer`` a map at ``view`` shows, as
    :func:`squares_tiles`."""
    return _tiles(area, folder, _iso_name(soort, nummer), view)


def _tiles(area: Area, folder: Path, name: str, view: Any) -> list[tuple[str, str]]:
    """The written tiles of file ``name`` a map at ``view`` shows (none before its whole file is written)."""
    from gebied.maps import vakken

    if not (folder / f"{name}.json").exists():
        return []
    return [(url_of(path), key) for key in vakken.fine_tiles(area, view)
            if (path := folder / f"{name}-{key}.json").exists()]


def bereik_files_ready(area: Area, folder: Path, soort: str) -> tuple[tuple[str, ...] | None, str] | None:
    """The addresses :func:`bereik_files` gives for ``soort`` if its files are written, else None (nothing is
    computed here)."""
    iso_names, vakken_name = _bereik_names(area, soort)
    paths = [folder / f"{name}.json" for name in [*(iso_names or ()), vakken_name]]
    if not all(p.exists() for p in paths):
        return None
    return (None if iso_names is None else tuple(url_of(p) for p in paths[:-1])), url_of(paths[-1])


def _bereik_names(area: Area, soort: str) -> tuple[list[str] | None, str]:
    """The names of a kind's files: its isochrones per mode (None where no accommodatie hosts it) and squares."""
    from gebied.bereik.dekking import hosts
    from gebied.bereik.modes import modes

    hosted = hosts(area.voorzieningen, area.accommodaties["accommodatie_id"].to_numpy(), soort).any()
    n = len(modes(area.config.snelheden))
    return ([_iso_name(soort, i) for i in range(n)] if hosted else None), _vakken_name(soort)


def _iso_name(soort: str, nummer: int) -> str:
    """The name of a kind's isochrones file in mode number ``nummer``."""
    return f"isochronen-{soort}-{nummer}"


def _vakken_name(soort: str) -> str:
    """The name of a kind's squares file, written last of its files."""
    return f"vakken-{soort}"


#: The stages of :func:`prepare`, as :data:`gebied.area.store.Voortgang` names them.
STAP_ONDERGROND = "kaart: ondergrond, kernen en accommodaties"
STAP_VAKKEN = "kaart: reistijd per vierkant, per voorziening"


def stap_modus(label: str) -> str:
    """The stage of :func:`prepare` that computes one mode's travel times and isochrones."""
    return f"kaart: reistijden en isochronen {label.lower()}"


def _minutes_path(folder: Path, modus: str) -> Path:
    """Where :func:`prepare` keeps a finished mode's minutes to the nearest host of every kind, per demand point
    (in the cache, not among the files the app serves): a stopped preparation continues from its finished modes."""
    from gebied.core.config import cache_root

    return cache_root() / f".kaart-{folder.name}" / f"minuten-{modus}.npz"


def prepare(area: Area, folder: Path | None = None, workers: int = 2, voortgang: Voortgang | None = None) -> Path:
    """Write every file of the map that is missing: base, frames, and per voorziening kind the isochrones and
    travel times of every mode (the modes' networks side by side on ``workers`` threads: most of the work is
    GEOS's and SciPy's, which run without the GIL). Returns the folder. A second call finds everything and
    builds nothing; a call after a stopped one continues from the modes that were done (their isochrone files
    and minutes are kept as each mode ends). ``voortgang(stap, gedaan, totaal)`` hears of each stage."""
    from gebied.bereik.dekking import hosts
    from gebied.bereik.isochrones import street_lines
    from gebied.bereik.matrices import area_graph, area_matrix, demand_points
    from gebied.bereik.modes import modes

    report = voortgang or stil
    folder = folder or folder_of(area)
    cat = load_catalogue()
    report(STAP_ONDERGROND, 0, 1)
    base_file(area, folder, cat)
    if not all((folder / f"{name}.json").exists() for name in FRAMES):
        frame_files(area, folder, cat)
    report(STAP_ONDERGROND, 1, 1)
    kinds = sorted(set(area.voorzieningen["voorziening"]))
    if all((folder / f"{_vakken_name(s)}.json").exists() for s in kinds):  # written last for each kind
        return folder
    points = demand_points(area)
    table = modes(area.config.snelheden)
    iso_names = {s: names for s in kinds if (names := _bereik_names(area, s)[0]) is not None}

    def one_mode(i: int, modus: str) -> dict[str, np.ndarray]:
        path = _minutes_path(folder, modus)
        if path.exists() and all((folder / f"{names[i]}.json").exists() for names in iso_names.values()):
            with np.load(path) as saved:
                return {s: saved[s] for s in kinds}
        report(stap_modus(table[modus].label), 0, 1)
        graph = area_graph(area, modus)
        mat = area_matrix(area, modus, graph, points)
        lines = street_lines(area.netwerken[table[modus].netwerk]) if iso_names else None  # once for every kind
        for soort, names in iso_names.items():
            isochrone_file(area, folder, names[i], functools.partial(isochrones_of, area, modus, soort, graph, lines),
                           table[modus].label)
        minutes = {s: mat.nearest_minutes(hosts(area.voorzieningen, mat.target_ids, s)) for s in kinds}
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp, open(tmp, "wb") as fh:
            np.savez(fh, **cast(dict[str, Any], minutes))
        report(stap_modus(table[modus].label), 1, 1)
        return minutes

    names = list(table)
    if workers <= 1:  # in the caller's thread (the app's daemon thread: a stopping server does not wait for it)
        done = [one_mode(i, m) for i, m in enumerate(names)]
    else:
        with ThreadPoolExecutor(workers) as pool:
            done = list(pool.map(one_mode, range(len(names)), names))
    _write_squares(area, folder, kinds, points, {table[m].label: minutes for m, minutes in zip(names, done)}, report)
    shutil.rmtree(_minutes_path(folder, names[0]).parent, ignore_errors=True)
    return folder


def _of_kind(minutes: dict[str, dict[str, np.ndarray]], soort: str) -> dict[str, np.ndarray]:
    """Mode label -> minutes per point of ``soort``, from the minutes per mode label and kind."""
    return {label: by[soort] for label, by in minutes.items()}


def _write_squares(area: Area, folder: Path, kinds: list[str], points: pd.DataFrame,
                   minutes: dict[str, dict[str, np.ndarray]], report: Voortgang) -> None:
    """Every kind's squares file from the minutes per mode label and kind (written last of a kind's files)."""
    for k, soort in enumerate(kinds):
        report(STAP_VAKKEN, k, len(kinds))
        squares_file(area, folder, soort, functools.partial(_same, points),
                     functools.partial(_of_kind, minutes, soort))
    report(STAP_VAKKEN, len(kinds), len(kinds))
