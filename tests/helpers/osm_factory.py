"""Small, hand-made OSM files for tests: real OSM XML (and PBF via pyosmium), not mocks.

Coordinates are given in metres on a local grid around (9.52 E, 47.15 N) and
converted to lon/lat, so distances in tests are easy to reason about.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

LON0, LAT0 = 9.52, 47.15
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(LAT0))


def lonlat(x: float, y: float) -> tuple[float, float]:
    """Local metres (east, north) to lon/lat."""
    return LON0 + x / M_PER_DEG_LON, LAT0 + y / M_PER_DEG_LAT


@dataclass
class OsmBuilder:
    """Collects nodes and ways and writes an OSM XML file."""

    nodes: list[tuple[int, float, float, dict]] = field(default_factory=list)
    ways: list[tuple[int, list[int], dict]] = field(default_factory=list)
    relations: list[tuple[int, list[tuple[str, int, str]], dict]] = field(default_factory=list)
    to_lonlat: Callable[[float, float], tuple[float, float]] = lonlat
    _next: int = 1
    _at: dict[tuple[float, float], int] = field(default_factory=dict)

    def node(self, x: float, y: float, **tags: str) -> int:
        """A node; untagged nodes at the same spot are shared (so roads join)."""
        spot = (round(x, 3), round(y, 3))
        if not tags and spot in self._at:
            return self._at[spot]
        nid = self._next
        self._next += 1
        lon, lat = self.to_lonlat(x, y)
        self.nodes.append((nid, lon, lat, tags))
        if not tags:
            self._at[spot] = nid
        return nid

    def way(self, refs: list[int], **tags: str) -> int:
        wid = self._next
        self._next += 1
        self.ways.append((wid, refs, tags))
        return wid

    def relation(self, members: list[tuple[str, int, str]], **tags: str) -> int:
        """A relation of (type ``n``/``w``/``r``, id, role) members."""
        rid = self._next
        self._next += 1
        self.relations.append((rid, members, tags))
        return rid

    def building(self, x: float, y: float, size: float = 10.0, **tags: str) -> int:
        """A square building of ``size`` m centred on (x, y)."""
        h = size / 2
        ring = [self.node(x - h, y - h), self.node(x + h, y - h), self.node(x + h, y + h), self.node(x - h, y + h)]
        return self.way([*ring, ring[0]], **{"building": "house", **tags})

    def road(self, points: list[tuple[float, float]], **tags: str) -> list[int]:
        refs = [self.node(x, y) for x, y in points]
        self.way(refs, **{"highway": "residential", **tags})
        return refs

    def xml(self) -> str:
        def tagxml(tags: dict) -> str:
            return "".join(f"<tag k={quoteattr(k.replace('__', ':'))} v={quoteattr(str(v))}/>" for k, v in tags.items())

        out = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="gebied-tests">']
        for nid, lon, lat, tags in self.nodes:
            out.append(f'<node id="{nid}" version="1" lat="{lat:.7f}" lon="{lon:.7f}">{tagxml(tags)}</node>')
        for wid, refs, tags in self.ways:
            nds = "".join(f'<nd ref="{r}"/>' for r in refs)
            out.append(f'<way id="{wid}" version="1">{nds}{tagxml(tags)}</way>')
        kinds = {"n": "node", "w": "way", "r": "relation"}
        for rid, members, tags in self.relations:
            ms = "".join(f'<member type="{kinds[k]}" ref="{ref}" role="{role}"/>' for k, ref, role in members)
            out.append(f'<relation id="{rid}" version="1">{ms}{tagxml(tags)}</relation>')
        out.append("</osm>")
        return "\n".join(out)

    def write(self, path: Path) -> Path:
        path = Path(path)
        path.write_text(self.xml(), encoding="utf-8")
        return path


def village(b: OsmBuilder, x0: float, y0: float, n: int, name: str | None, spacing: float = 30.0,
            population: int | None = None, place: str = "village") -> None:
    """``n`` houses on a grid at ``spacing`` m around (x0, y0), a street through it, a place node."""
    side = max(1, int(math.ceil(math.sqrt(n))))
    for i in range(n):
        b.building(x0 + (i % side) * spacing, y0 + (i // side) * spacing)
    b.road([(x0 + k * spacing, y0 - spacing / 2) for k in range(-1, side + 1)])
    if name:
        tags = {"place": place, "name": name}
        if population is not None:
            tags["population"] = str(population)
        b.node(x0 + spacing, y0 + spacing, **tags)


def _small(b: OsmBuilder) -> OsmBuilder:
    """Two villages 1.5 km apart joined by a road, a school, a dorpshuis node and 5 remote houses."""
    village(b, 0, 0, 36, "Oosterdorp", population=120)
    village(b, -1500, 0, 30, "Westerdorp")
    for i in range(5):
        b.building(60 + i * 40, 700)
    b.building(90, -80, size=30, building="school", amenity="school", name="De Kleine Wereld")
    b.building(-1440, -80, size=20, building="yes")
    b.node(-1440, -80, amenity="community_centre", name="Dorpshuis De Linde")
    # the connecting road and side streets, so every house and facility is reachable
    b.road([(-1530, -15), (-750, -15), (-30, -15)], highway="tertiary")  # joins both village streets
    b.road([(90, -15), (90, -80)], highway="service")
    b.road([(-1440, -15), (-1440, -80)], highway="service")
    b.road([(60, -15), (60, 700), (220, 700)], highway="track")
    return b


def small_area(path: Path) -> Path:
    """Two villages 1.5 km apart joined by a road, a school and a hamlet too small to be a kern.

    - ``Oosterdorp``: 36 houses, population tag 120, a school building (with name);
    - ``Westerdorp``: 30 houses, no population tag, a community centre node inside a building;
    - 5 houses 700 m north of Oosterdorp (buitengebied: fewer than 25 dwellings).
    """
    return _small(OsmBuilder()).write(path)


def scenario_area(path: Path) -> Path:
    """The small area plus, in Oosterdorp, a dorpshuis (20 x 20 m) and a gymzaal (20 x 25 m).

    Oosterdorp then has three accommodaties: school 900 m², dorpshuis 400 m², gymzaal 500 m².
    """
    b = _small(OsmBuilder())
    b.building(150, -80, size=20, building="yes", amenity="community_centre", name="Dorpshuis Oost")
    ring = [b.node(20, -92.5), b.node(40, -92.5), b.node(40, -67.5), b.node(20, -67.5)]
    b.way([*ring, ring[0]], building="sports_hall", leisure="sports_centre", name="Gymzaal Oost")
    b.road([(150, -15), (150, -80)], highway="service")
    b.road([(30, -15), (30, -80)], highway="service")
    return b.write(path)
