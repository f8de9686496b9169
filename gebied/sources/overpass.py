"""Optional online path: download what gebied reads from an Overpass API, robustly, into the cache.

Never used by default: the app and the CLI work on local extracts. ``gebied ophalen`` asks Overpass only
for the objects gebied reads (ways with ``highway``, ferries, buildings, amenity/leisure/shop/office/
healthcare/club, places, addresses, land use, water, and — outside the Netherlands — the named boundary),
tile by tile:

- a large area is split into tiles; each tile is one query, saved in ``cache/online/<id>/`` when complete,
  so a broken download resumes where it stopped;
- 429 (too many requests), 502–504 and timeouts are retried with exponential backoff (``Retry-After``
  honoured);
- an answer that is not OSM XML, is cut off (no closing ``</osm>``) or carries an Overpass runtime error
  is refused (and retried; after the last attempt the download stops with a clear message);
- the tiles are merged (duplicates across tile edges removed by libosmium) into one extract.

The server is ``GEBIED_OVERPASS_URL`` (default the public overpass-api.de instance); the first backoff
``GEBIED_OVERPASS_BACKOFF`` seconds (default 3, doubling each attempt).
"""

from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import osmium
import requests
import shapely

from gebied.core.errors import GebiedError
from gebied.core.io import atomic_path

DEFAULT_URL = "https://overpass-api.de/api/interpreter"
RETRY_STATUS = {429, 502, 503, 504}
#: Selectors of everything gebied reads (see the module docstring); the boundary is added by name.
SELECTORS = ('way["highway"]', 'way["route"="ferry"]', 'nwr["building"]', 'nwr["amenity"]', 'nwr["leisure"]',
             'nwr["shop"]', 'nwr["office"]', 'nwr["healthcare"]', 'nwr["club"]', 'node["place"]',
             'node["addr:housenumber"]', 'nwr["landuse"]', 'nwr["natural"="water"]', 'way["waterway"]')
Bounds = tuple[float, float, float, float]  # w, s, e, n (degrees)
Progress = Callable[[int, int, str], None]


@dataclass
class Settings:
    """How to talk to Overpass: server, client timeout (s), attempts, first backoff (s), tile size (degrees)."""

    url: str = field(default_factory=lambda: os.environ.get("GEBIED_OVERPASS_URL", DEFAULT_URL))
    timeout_s: float = 200.0
    attempts: int = 5
    backoff_s: float = field(default_factory=lambda: float(os.environ.get("GEBIED_OVERPASS_BACKOFF", 3.0)))
    tile_deg: float = 0.1


def query(bounds: Bounds, timeout_s: int = 180, boundary: str | None = None) -> str:
    """Overpass QL for the objects gebied reads in ``bounds``, with the nodes and ways they use, as XML."""
    w, s, e, n = bounds
    parts = list(SELECTORS)
    if boundary:
        name = boundary.replace('"', '\\"')
        parts.append(f'relation["boundary"="administrative"]["name"="{name}"]')
    body = "".join(f"{p};" for p in parts)
    return f"[out:xml][timeout:{timeout_s}][bbox:{s:.6f},{w:.6f},{n:.6f},{e:.6f}];({body});(._;>;);out body;"


def tiles(shape: shapely.Geometry, size: float) -> list[Bounds]:
    """Tiles of ``size`` degrees over ``shape`` (lon/lat), those that meet it, west to east, south to north."""
    w, s, e, n = shape.bounds
    out = []
    for i in range(max(1, math.ceil((e - w) / size))):
        for j in range(max(1, math.ceil((n - s) / size))):
            box = (w + i * size, s + j * size, min(e, w + (i + 1) * size), min(n, s + (j + 1) * size))
            if shapely.box(*box).intersects(shape):
                out.append(box)
    return out


def refusal(data: bytes) -> str | None:
    """Why an answer is not a complete OSM XML document (None: it is)."""
    head = data[:1000].lstrip()
    if b"<osm" not in head:
        return "geen OSM-XML / not OSM XML"
    if not data.rstrip().endswith(b"</osm>"):
        return "afgekapt antwoord / truncated answer"
    if re.search(rb"<remark>\s*runtime (error|remark)", data[-5000:]):
        return "Overpass meldt een fout (bijv. time-out) / Overpass reports an error"
    return None


def fetch_tile(session: requests.Session, bounds: Bounds, settings: Settings, boundary: str | None = None) -> bytes:
    """One tile's answer, retried on 429/5xx, timeouts and refused answers; a clear error after the last try."""
    q = query(bounds, int(settings.timeout_s * 0.9), boundary)
    last = ""
    for attempt in range(settings.attempts):
        wait = settings.backoff_s * 2 ** attempt
        try:
            r = session.post(settings.url, data={"data": q}, timeout=settings.timeout_s)
        except (requests.Timeout, requests.ConnectionError) as exc:
            last = f"geen antwoord / no answer ({type(exc).__name__})"
        else:
            if r.status_code == 200 and (reason := refusal(r.content)) is None:
                return r.content
            if r.status_code == 200:
                last = reason or ""
            elif r.status_code in RETRY_STATUS:
                last = f"HTTP {r.status_code}"
                wait = max(wait, float(r.headers.get("Retry-After", 0) or 0))
            else:
                raise GebiedError(f"Overpass weigert de vraag (HTTP {r.status_code}).",
                                  f"Overpass refuses the query (HTTP {r.status_code}).", problems=[r.text[:300]])
        if attempt + 1 < settings.attempts:
            time.sleep(wait)
    raise GebiedError(f"Overpass gaf na {settings.attempts} pogingen geen bruikbaar antwoord; probeer het later "
                      "opnieuw (wat al binnen is, blijft bewaard).",
                      f"Overpass gave no usable answer after {settings.attempts} attempts; try again later "
                      "(what has arrived is kept).", problems=[last])


def download(folder: Path, shape: shapely.Geometry, settings: Settings | None = None,
             progress: Progress | None = None, boundary: str | None = None) -> Path:
    """Fetch every tile over ``shape`` (lon/lat) into ``folder`` (resuming) and merge them into one extract.

    Returns the merged ``folder/extract.osm.pbf``.
    """
    settings = settings or Settings()
    folder.mkdir(parents=True, exist_ok=True)
    boxes = tiles(shape, settings.tile_deg)
    files = []
    with requests.Session() as session:
        session.headers["User-Agent"] = "gebied (voorzieningenplanner)"
        for k, box in enumerate(boxes, start=1):
            path = folder / f"tegel-{box[0]:.4f}-{box[1]:.4f}.osm"
            files.append(path)
            if path.exists() and refusal(path.read_bytes()) is None:
                if progress:
                    progress(k, len(boxes), "al binnen / already here")
                continue
            data = fetch_tile(session, box, settings, boundary)
            with atomic_path(path) as tmp:
                tmp.write_bytes(data)
            if progress:
                progress(k, len(boxes), f"{len(data) / 1e6:.1f} MB")
    return merge(files, folder / "extract.osm.pbf")


def merge(files: list[Path], dst: Path) -> Path:
    """Merge OSM files into one, each object once (libosmium's merge reader), atomically."""
    reader = osmium.MergeInputReader()
    for f in files:
        reader.add_file(str(f))
    with atomic_path(dst) as tmp:
        writer = osmium.WriteHandler(str(tmp))
        reader.apply(writer, idx="flex_mem")
        writer.close()
    return dst


def geocode(naam: str, land: str) -> shapely.Geometry:
    """The outline of a place outside the Netherlands (lon/lat), looked up with osmnx (Nominatim)."""
    import osmnx as ox

    try:
        return ox.geocode_to_gdf(f"{naam}, {land}").geometry.union_all()
    except Exception as exc:  # osmnx raises several kinds for "not found" and "offline"
        raise GebiedError(f"Kan '{naam}' niet opzoeken (geen internet of onbekende naam).",
                          f"Cannot look up '{naam}' (no internet or unknown name).", problems=[str(exc)]) from exc
