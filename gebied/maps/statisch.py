"""The map's files: what the app serves itself, written once per build (and per overrides upload).

The base picture, the kernen, accommodaties, kern names and pick grid, and per mode and voorziening kind
the isochrones and the travel time per 100 m square are JSON or PNG files in ``static/gebied/<build>/``;
their names never change within a build, so the browser fetches each once. :func:`prepare` writes them
all (``gebied build`` does, so the app starts warm); the app writes any that are missing on first use.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from gebied.area.model import Area
from gebied.bereik.interface import Bereik
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.config import REPO_DIR
from gebied.core.fmt import slug
from gebied.core.io import atomic_path

#: Folder the app serves at :data:`URL` (Streamlit's static serving of ``static/`` beside ``app.py``).
STATIC = REPO_DIR / "static" / "gebied"
URL = "/app/static/gebied/"
#: The files of :func:`frame_files`.
FRAMES = ("accommodaties", "kernen", "kernnamen", "prikbord")


def folder_of(area: Area, upload: bytes | None = None) -> Path:
    """The files' folder of an area's build (and overrides upload): its files never change.

    Travel times kept to one's own gemeente (``bereik.over_gemeentegrens: false``, a setting outside the
    build key) are other files than those across the border."""
    extra = f"-{hashlib.sha256(upload).hexdigest()[:10]}" if upload else ""
    eigen = "" if area.config.bereik.over_gemeentegrens else "-eigen-gemeente"
    return STATIC / f"{slug(area.config.id)}-{area.meta.get('key', 'los')}{eigen}{extra}"


def url_of(path: Path) -> str:
    """The address at which the app serves ``path`` (a file in a :func:`folder_of` folder)."""
    return f"{URL}{path.parent.name}/{path.name}"


def path_of(url: str) -> Path:
    """The file behind an address of :func:`url_of`."""
    return STATIC / url.removeprefix(URL)


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


def base_file(area: Area, folder: Path, cat: Catalogue) -> tuple[str, list[float]]:
    """The base picture's address and its bounds ``[west, south, east, north]`` (degrees)."""
    from gebied.maps.base import base_image

    png, meta = folder / "ondergrond.png", folder / "ondergrond.json"
    if not (png.exists() and meta.exists()):
        image, bounds = base_image(area, cat)
        with atomic_path(png) as tmp:
            tmp.write_bytes(image)
        with atomic_path(meta) as tmp:
            tmp.write_text(json.dumps(bounds), encoding="utf-8")
    return url_of(png), list(json.loads(meta.read_text(encoding="utf-8")))


def frame_files(area: Area, folder: Path, cat: Catalogue) -> dict[str, Any]:
    """The frames every page reuses (``accommodaties``, ``kernen``) and the addresses of their files and of
    the kern names and the pick grid (``*_url``)."""
    from gebied.maps import overlays

    acc = overlays.accommodaties_frame(area, cat)
    kernen = overlays.kernen_frame(area)
    return {"accommodaties": acc, "kernen": kernen,
            "accommodaties_url": static_json(folder, "accommodaties", lambda: acc),
            "kernen_url": static_json(folder, "kernen", lambda: kernen),
            "namen_url": static_json(folder, "kernnamen", lambda: overlays.labels_frame(area)),
            "prikbord_url": static_json(folder, "prikbord", lambda: overlays.pick_grid_frame(area))}


def isochrones_of(area: Area, modus: str, soort: str, graph: Any = None) -> gpd.GeoDataFrame:
    """Isochrones around every accommodatie hosting ``soort``, travelling by ``modus``."""
    import shapely

    from gebied.bereik.dekking import hosts
    from gebied.bereik.isochrones import isochrones
    from gebied.bereik.matrices import area_graph
    from gebied.bereik.modes import modes

    mask = hosts(area.voorzieningen, area.accommodaties["accommodatie_id"].to_numpy(), soort)
    xy = shapely.get_coordinates(area.accommodaties.geometry.values)[mask]
    netwerk = modes(area.config.snelheden)[modus].netwerk
    return isochrones(graph if graph is not None else area_graph(area, modus), area.netwerken[netwerk], xy)


def bereik_files(area: Area, folder: Path, modus: str, soort: str, matrix: Callable[[], Bereik],
                points: Callable[[], pd.DataFrame], graph: Callable[[], Any] | None = None
                ) -> tuple[str | None, str]:
    """Addresses of the isochrones (None where no accommodatie hosts ``soort``) and of the travel time per
    100 m square for ``modus`` and ``soort``; ``matrix``, ``points`` and ``graph`` are called only for a
    file that is missing."""
    from gebied.bereik.dekking import hosts, nearest_minutes
    from gebied.maps import overlays

    iso = None
    if hosts(area.voorzieningen, area.accommodaties["accommodatie_id"].to_numpy(), soort).any():
        def iso_frame() -> pd.DataFrame:
            return overlays.isochrone_frame(isochrones_of(area, modus, soort, graph() if graph else None),
                                            load_catalogue())

        iso = static_json(folder, f"isochronen-{modus}-{soort}", iso_frame)

    def frame() -> pd.DataFrame:
        mat = matrix()
        minutes = nearest_minutes(mat, hosts(area.voorzieningen, mat.target_ids, soort))
        return overlays.vakken_frame(points(), minutes, area.crs)

    return iso, static_json(folder, f"vakken-{modus}-{soort}", frame)


def prepare(area: Area, folder: Path | None = None, workers: int = 2) -> Path:
    """Write every file of the map that is missing: base, frames, and per mode and voorziening kind the
    isochrones and travel times (modes side by side on ``workers`` threads: most of the work is GEOS's,
    which runs without the GIL). Returns the folder. A second call finds everything and builds nothing."""
    from gebied.bereik.matrices import area_graph, area_matrix, demand_points
    from gebied.bereik.modes import modes

    folder = folder or folder_of(area)
    cat = load_catalogue()
    base_file(area, folder, cat)
    if not all((folder / f"{name}.json").exists() for name in FRAMES):
        frame_files(area, folder, cat)
    kinds = sorted(set(area.voorzieningen["voorziening"]))
    points = functools.cache(lambda: demand_points(area))

    def one_mode(modus: str) -> None:
        graph = functools.cache(lambda: area_graph(area, modus))
        matrix = functools.cache(lambda: area_matrix(area, modus, graph(), points()))
        for soort in kinds:
            bereik_files(area, folder, modus, soort, matrix, points, graph)

    names = list(modes(area.config.snelheden))
    if all(p.exists() for p in _bereik_paths(folder, names, kinds)):  # written last for each mode and kind
        return folder
    points()  # once, before the threads share it
    if workers <= 1:  # in the caller's thread (the app's daemon thread: a stopping server does not wait for it)
        for modus in names:
            one_mode(modus)
    else:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(one_mode, names))
    return folder


def _bereik_paths(folder: Path, names: list[str], kinds: list[str]) -> list[Path]:
    return [folder / f"vakken-{m}-{s}.json" for m in names for s in kinds]
