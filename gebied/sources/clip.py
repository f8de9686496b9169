"""Clip an OSM extract to a polygon, streaming (a provincial extract of hundreds of MB is never loaded whole).

Three passes over the file with pyosmium (a dependency already, and on every platform a planner uses);
the heavy lifting stays in libosmium (C++), Python sees only tagged nodes, ways and relations:

1. tagged nodes (libosmium's tag filter drops the rest): kept when they lie inside the polygon;
2. ways, with node locations filled in by libosmium: kept when their line meets the polygon;
   multipolygon and boundary relations: kept when one of their members is kept;
3. every node and way the kept objects reference is added (``IdTracker.complete_backward_references``),
   so ways crossing the edge stay whole and areas stay closed; libosmium then copies them in one pass.

Tests are vectorised in chunks with shapely; object ids live in C++ ``IdTracker`` sets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import osmium
import pyproj
import shapely
import shapely.ops

from gebied.core.crs import WGS84
from gebied.core.errors import GebiedError
from gebied.core.io import atomic_path
from gebied.sources.osm import check_readable, osm_file

CHUNK = 100_000
MAX_SAMPLE = 200_000


@dataclass
class ClipResult:
    """What a clip wrote and saw: counts of kept objects and a sample of way vertices (lon, lat)."""

    path: Path
    nodes: int = 0
    ways: int = 0
    relations: int = 0
    ways_read: int = 0
    sample: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))


class _Chunks:
    """Objects tested against the polygon a chunk at a time (vectorised), and a thinned sample of positions.

    Nodes come as points, ways as WKB lines built by libosmium; both are tested with one shapely call per chunk.
    """

    def __init__(self, polygon: shapely.Geometry) -> None:
        self.polygon = polygon
        shapely.prepare(polygon)
        self.seen = 0
        self.ids: list[int] = []
        self.points: list[tuple[float, float]] = []
        self.wkb: list[str] = []  # hex WKB, as libosmium makes it
        self.sample: list[np.ndarray] = []
        self.n_sample = 0
        self.stride = 1

    def _take_sample(self, xy: np.ndarray) -> None:
        """Keep every ``stride``-th position; halve the sample (and double the stride) when it grows too big."""
        part = xy[:: self.stride]
        self.sample.append(part)
        self.n_sample += len(part)
        if self.n_sample >= MAX_SAMPLE:
            whole = np.concatenate(self.sample)[::2]
            self.sample, self.n_sample, self.stride = [whole], len(whole), self.stride * 2

    def add_point(self, oid: int, lon: float, lat: float) -> None:
        self.ids.append(oid)
        self.points.append((lon, lat))

    def add_line(self, oid: int, wkb: str) -> None:
        self.seen += 1
        self.ids.append(oid)
        self.wkb.append(wkb)

    def hits(self) -> list[int]:
        """Ids of the buffered objects that meet the polygon (and their sample); empties the buffer."""
        if not self.ids:
            return []
        if self.points:
            xy = np.asarray(self.points)
            hit = shapely.contains_xy(self.polygon, xy[:, 0], xy[:, 1])
        else:
            lines = shapely.from_wkb(self.wkb)
            hit = shapely.intersects(self.polygon, lines)
            self._take_sample(shapely.get_coordinates(lines))
        out = [i for i, h in zip(self.ids, hit) if h]
        self.ids, self.points, self.wkb = [], [], []
        return out


def _select(src: Path, polygon: shapely.Geometry) -> tuple[osmium.IdTracker, ClipResult]:
    """Passes 1 and 2: the ids to write (tagged nodes inside, ways meeting the polygon, their relations)."""
    out = osmium.IdTracker()
    res = ClipResult(Path())
    nodes = _Chunks(polygon)

    def keep_nodes() -> None:
        for nid in nodes.hits():
            out.add_node(nid)
            res.nodes += 1

    for n in osmium.FileProcessor(osm_file(src), osmium.osm.NODE).with_filter(osmium.filter.EmptyTagFilter()):
        if isinstance(n, osmium.osm.Node) and n.location.valid():
            nodes.add_point(n.id, n.location.lon, n.location.lat)
            if len(nodes.ids) >= CHUNK:
                keep_nodes()
    keep_nodes()
    ways = _Chunks(polygon)
    wkb = osmium.geom.WKBFactory()

    def keep_ways() -> None:
        for wid in ways.hits():
            out.add_way(wid)
            res.ways += 1

    everything = osmium.osm.NODE | osmium.osm.WAY | osmium.osm.RELATION
    no_nodes = osmium.filter.EntityFilter(osmium.osm.WAY | osmium.osm.RELATION)  # nodes only fill the locations
    for o in osmium.FileProcessor(osm_file(src), everything).with_locations().with_filter(no_nodes):
        if isinstance(o, osmium.osm.Way):
            try:
                ways.add_line(o.id, wkb.create_linestring(o))
            except (RuntimeError, osmium.InvalidLocationError):  # a node missing from the extract, or one node
                continue
            if len(ways.ids) >= CHUNK:
                keep_ways()
        elif isinstance(o, osmium.osm.Relation):
            keep_ways()  # relations come after all ways: every kept way is known now
            if o.tags.get("type") in ("multipolygon", "boundary") and out.contains_any_references(o):
                out.add_relation(o.id)
                res.relations += 1
    keep_ways()
    res.ways_read = ways.seen
    res.sample = np.concatenate(ways.sample) if ways.sample else np.zeros((0, 2))
    return out, res


def clip_extract(src: Path, polygon: shapely.Geometry, dst: Path) -> ClipResult:
    """Write the part of ``src`` inside ``polygon`` (lon/lat, EPSG:4326) to ``dst`` (``.osm.pbf`` or ``.osm``).

    The output is written to a temporary file and moved into place only when complete.

    Raises
    ------
    GebiedError
        For a missing, empty, truncated or non-OSM input.
    """
    src, dst = Path(src), Path(dst)
    check_readable(src)
    try:
        out, res = _select(src, polygon)
        out.complete_backward_references(osm_file(src), relation_depth=0)
        with atomic_path(dst) as tmp:
            writer = osmium.WriteHandler(str(tmp))
            osmium.apply(osm_file(src), out.id_filter(), writer)  # one pass in libosmium, no Python per object
            writer.close()
    except RuntimeError as exc:
        raise GebiedError("Het extract kan niet gelezen of geknipt worden (beschadigd of afgekapt?).",
                          "The extract cannot be read or clipped (corrupt or truncated?).", src, [str(exc)]) from exc
    res.path = dst
    return res


def covered_share(sample: np.ndarray, area: shapely.Geometry, crs: str, cell_m: float = 1000.0) -> float:
    """Share (0–1) of ``area`` the extract covers: of the ``cell_m`` grid cells whose centre lies in the area,
    those that hold at least one way vertex of the extract's sample.

    A real extract maps every field, ditch and road, so every square kilometre of a covered area holds
    ways; a boundary or a road that merely crosses an uncovered part leaves its cells empty.

    Parameters
    ----------
    sample
        Way vertices (lon, lat) of the extract, from :func:`clip_extract`.
    area
        The area (lon/lat).
    crs
        A metric CRS for the grid (RD New in the Netherlands).
    """
    to = pyproj.Transformer.from_crs(WGS84, crs, always_xy=True)
    a = shapely.transform(area, lambda xy: np.column_stack(to.transform(xy[:, 0], xy[:, 1])))
    x0, y0, x1, y1 = a.bounds
    nx, ny = max(1, math.ceil((x1 - x0) / cell_m)), max(1, math.ceil((y1 - y0) / cell_m))
    cx, cy = np.meshgrid(x0 + (np.arange(nx) + 0.5) * cell_m, y0 + (np.arange(ny) + 0.5) * cell_m)
    cells = shapely.contains_xy(a, cx, cy)
    if not cells.any():  # smaller than a cell: covered when a vertex lies in it
        cells[:] = True
    if len(sample) == 0:
        return 0.0
    x, y = to.transform(sample[:, 0], sample[:, 1])
    i, j = np.floor((np.asarray(x) - x0) / cell_m).astype(int), np.floor((np.asarray(y) - y0) / cell_m).astype(int)
    ok = (i >= 0) & (i < nx) & (j >= 0) & (j < ny)
    hit = np.zeros_like(cells)
    hit[j[ok], i[ok]] = True
    return float((hit & cells).sum() / cells.sum())
