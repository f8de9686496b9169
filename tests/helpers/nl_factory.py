"""A small Dutch test extract, made in RD New (EPSG:28992) inside the real CBS boundaries of Noordoostpolder.

No Dutch OSM extract can be obtained on the test machines, so the tests build one: villages at the real
wijk centres of Noordoostpolder (GM0171) and Urk (GM0184), roads between them, schools and dorpshuizen,
the gemeente boundaries as OSM boundary ways (as a real extract carries them), a village just across the
border (inside the clip margin) and one far away (outside it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import shapely
from pyproj import Transformer

from gebied.sources import cbs
from helpers.osm_factory import OsmBuilder, village

_TO_WGS84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)

#: Villages: (name, wijk code, houses). Wijken without a village here get no residential buildings.
VILLAGES = [("Emmeloord", "WK017101", 100), ("Ens", "WK017106", 49), ("Marknesse", "WK017104", 49),
            ("Bant", "WK017102", 36), ("Kraggenburg", "WK017105", 30)]
URK = ("Urk", "WK018400", 64)
#: Farms (too few to make a kern) in these wijken: buitengebied with CBS inhabitants.
FARMS = {"WK017109": 6, "WK017110": 6}
#: Wijken that get no residential building at all (reported with their population).
EMPTY_WIJKEN = {"WK017103", "WK017107", "WK017108", "WK017111", "WK017112"}
SPACING = 30.0


@dataclass
class DutchFixture:
    """Where things were put, for the tests to check against."""

    path: Path
    gemeenten: list[str]
    margin_village: tuple[float, float]  # RD, just outside the boundary
    far_village: tuple[float, float]  # RD, 25 km away
    houses: dict[str, int]  # wijk code -> residential buildings placed


def rd_builder() -> OsmBuilder:
    """An OSM builder whose coordinates are RD New metres."""
    return OsmBuilder(to_lonlat=lambda x, y: _TO_WGS84.transform(x, y))


def _boundary(b: OsmBuilder, geom: shapely.Geometry, name: str, code: str) -> None:
    """The gemeente outline as closed boundary ways and a boundary relation (admin_level 8)."""
    members = []
    for part in getattr(geom, "geoms", [geom]):
        ring = list(part.exterior.coords)[:-1]
        refs = [b.node(x, y) for x, y in ring]
        members.append(("w", b.way([*refs, refs[0]]), "outer"))
    b.relation(members, type="boundary", boundary="administrative", admin_level="8", name=name,
               **{"ref__gemeentecode": code[2:]})


def _fields(b: OsmBuilder, geom: shapely.Geometry, size: float = 700.0) -> None:
    """Farmland on a 700 m grid clipped to the gemeente, as the polders are mapped (fields everywhere)."""
    x0, y0, x1, y1 = geom.bounds
    for x in range(int(x0), int(x1), int(size)):
        for y in range(int(y0), int(y1), int(size)):
            cell = shapely.box(x, y, x + size, y + size).intersection(geom)
            for part in getattr(cell, "geoms", [cell]):
                if isinstance(part, shapely.Polygon) and part.area > 1000:
                    refs = [b.node(px, py) for px, py in list(part.exterior.coords)[:-1]]
                    b.way([*refs, refs[0]], landuse="farmland")


def _village(b: OsmBuilder, name: str, x: float, y: float, n: int, apartments: int = 0) -> tuple[float, float]:
    """Houses (with an address each) around (x, y), a street, school and dorpshuis; returns the street start."""
    side = int(n ** 0.5 + 0.999)
    x0, y0 = x - side * SPACING / 2, y - side * SPACING / 2
    village(b, x0, y0, n, name, spacing=SPACING)
    for i in range(0, n, 3):  # a third of the houses carry an address
        hx, hy = x0 + (i % side) * SPACING, y0 + (i // side) * SPACING
        b.node(hx + 1, hy + 1, **{"addr__housenumber": str(i + 1), "addr__street": f"Dorpsstraat {name}"})
    for k in range(apartments):  # flats: their dwellings are in OSM
        b.building(x0 - 80, y0 + k * 40, size=24, building="apartments", **{"building__flats": "12"})
    b.road([(x0 - SPACING, y0 - SPACING / 2), (x0 - 80, y0 - SPACING / 2), (x0 - 80, y0 + 200)])
    b.building(x0 + side * SPACING + 40, y0, size=30, building="school", amenity="school", name=f"School {name}")
    b.building(x0 + side * SPACING + 40, y0 + 60, size=20, building="yes", amenity="community_centre",
               name=f"Dorpshuis {name}")
    b.road([(x0 + side * SPACING, y0 - SPACING / 2), (x0 + side * SPACING + 40, y0 - SPACING / 2),
            (x0 + side * SPACING + 40, y0 + 60)], highway="service")
    return x0 - SPACING, y0 - SPACING / 2


def dutch_area(path: Path, urk: bool = False) -> DutchFixture:
    """Write the test extract (OSM XML) for Noordoostpolder (and Urk); see the module docstring."""
    b = rd_builder()
    codes = ["GM0171", *(["GM0184"] if urk else [])]
    gem = cbs.read_boundaries("muni", codes)
    wijken = cbs.wijken(codes)
    centre = wijken.set_index("code").geometry.representative_point()
    for _, g in gem.iterrows():
        _boundary(b, g.geometry, g["name"], g["code"])
        _fields(b, g.geometry)
    houses: dict[str, int] = {}
    starts = {}
    for name, code, n in VILLAGES + ([URK] if urk else []):
        p = centre[code]
        starts[name] = _village(b, name, p.x, p.y, n, apartments=4 if name == "Emmeloord" else 0)
        houses[code] = n + (4 if name == "Emmeloord" else 0)
    for code, n in FARMS.items():
        p = centre[code]
        for i in range(n):
            b.building(p.x + i * 400, p.y, size=14, building="farm")
        b.road([(p.x - 50, p.y - 30), (p.x + n * 400, p.y - 30)], highway="unclassified")
        houses[code] = n
    hub = starts["Emmeloord"]
    for name, (x, y) in starts.items():
        if name != "Emmeloord":
            b.road([hub, (x, y)], highway="tertiary")
    for code in FARMS:
        p = centre[code]
        b.road([hub, (p.x - 50, p.y - 30)], highway="tertiary")
    union = gem.geometry.union_all()
    margin = _outside(union, (176000.0, 540800.0), 400.0, 2500.0)
    village(b, margin[0], margin[1], 9, "Grensdorp", spacing=SPACING)
    b.road([hub, (margin[0] - SPACING, margin[1] - SPACING / 2)], highway="tertiary")
    far = (160000.0, 500000.0)
    assert union.distance(shapely.Point(far)) > 10_000
    village(b, far[0], far[1], 9, "Verweg", spacing=SPACING)
    b.road([starts["Ens"], (far[0] - SPACING, far[1] - SPACING / 2)], highway="tertiary")
    return DutchFixture(b.write(path), codes, margin, far, houses)


def _outside(area: shapely.Geometry, near: tuple[float, float], lo: float, hi: float) -> tuple[float, float]:
    """A point near ``near`` that lies between ``lo`` and ``hi`` metres outside ``area``."""
    for dy in range(0, 4000, 100):
        p = shapely.Point(near[0], near[1] + dy)
        if lo <= area.distance(p) <= hi:
            return p.x, p.y
    raise AssertionError("no point found outside the area")
