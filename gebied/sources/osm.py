"""Reading OpenStreetMap extracts (``.osm.pbf``, ``.osm``/``.osm.xml``) with pyosmium.

pyosmium (libosmium) is the reader: it is maintained by the OSM core developers,
reads both PBF and XML, assembles multipolygon areas, and is fast (the default
extract, 168,000 objects, in under a second). osmnx then builds routable graphs
from the ways this module filters out (see :mod:`gebied.sources.network`).

All geometries here are in EPSG:4326; derivation modules project them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import osmium
import pandas as pd
import shapely

from gebied.core.catalogue import Catalogue
from gebied.core.crs import WGS84
from gebied.core.errors import GebiedError

#: OSM keys kept on buildings and points of interest.
KEEP_TAGS = (
    "name", "building", "building:levels", "building:flats", "amenity", "leisure", "healthcare", "club",
    "sport", "isced:level", "operator", "addr:street", "addr:housenumber",
)

#: Place types that make or split a kern, and those that may only name one.
PLACE_KERN = ("city", "town", "village", "hamlet", "isolated_dwelling")
PLACE_NAME_ONLY = ("suburb", "quarter", "neighbourhood", "locality")

_LANDUSE_SOORT = {
    "forest": "bos", "wood": "bos", "scrub": "bos",
    "farmland": "landbouw", "meadow": "landbouw", "orchard": "landbouw", "vineyard": "landbouw",
    "farmyard": "landbouw", "grass": "landbouw", "grassland": "landbouw", "allotments": "landbouw",
    "plant_nursery": "landbouw", "greenhouse_horticulture": "landbouw",
    "residential": "bebouwd", "industrial": "bebouwd", "commercial": "bebouwd", "retail": "bebouwd",
    "construction": "bebouwd", "railway": "bebouwd", "quarry": "overig", "landfill": "overig",
    "recreation_ground": "recreatie", "village_green": "recreatie", "park": "recreatie",
    "cemetery": "recreatie", "religious": "bebouwd", "heath": "overig", "wetland": "overig",
    "scree": "overig", "bare_rock": "overig", "beach": "overig",
}
_WATER = {("natural", "water"), ("waterway", "riverbank"), ("landuse", "reservoir"), ("landuse", "basin")}


@dataclass
class OsmData:
    """What an extract holds, as GeoDataFrames in EPSG:4326.

    Attributes
    ----------
    buildings
        Building polygons: ``osm_id``, ``building``, ``levels`` and kept tags.
    pois
        Points and areas of interest that the catalogue maps to an accommodatie
        category (``categorie``), with their kept tags.
    places
        Place nodes: ``name``, ``place``, ``population`` (may be missing).
    addresses
        Address nodes that are not themselves buildings.
    water, landuse
        Base-map polygons; ``landuse.soort`` is a catalogue class.
    waterways
        Waterway lines (rivers, streams, canals) for the base map.
    roads
        Every ``highway`` way as a line: ``highway``, ``name``. The base map draws the roads from it and an
        unnamed accommodatie is named after the nearest named one, without waiting for the routable networks
        (which osmnx builds from the same ways, and which take most of a build).
    boundaries
        Administrative boundaries that close into areas: ``name``, ``admin_level``.
    missing
        Human-readable notes on tags the extract lacks.
    """

    buildings: gpd.GeoDataFrame
    pois: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    addresses: gpd.GeoDataFrame
    water: gpd.GeoDataFrame
    landuse: gpd.GeoDataFrame
    waterways: gpd.GeoDataFrame
    boundaries: gpd.GeoDataFrame
    roads: gpd.GeoDataFrame
    missing: list[str] = field(default_factory=list)


def osm_file(path: Path) -> osmium.io.File:
    """An osmium file handle with the format taken from the name (``.osm.xml`` too)."""
    name = path.name.lower()
    if name.endswith(".pbf"):
        return osmium.io.File(str(path), "pbf")
    if name.endswith((".osm", ".xml", ".osm.xml")):
        return osmium.io.File(str(path), "osm")
    raise GebiedError(
        "Onbekend bestandstype; verwacht .osm.pbf, .osm, .osm.xml of .graphml.",
        "Unknown file type; expected .osm.pbf, .osm, .osm.xml or .graphml.",
        path,
    )


def check_readable(path: Path) -> None:
    """Raise a clear :class:`GebiedError` if ``path`` is missing or empty."""
    if not path.exists():
        raise GebiedError("Bestand niet gevonden.", "File not found.", path)
    if path.is_dir():
        raise GebiedError("Dit is een map, geen bestand.", "This is a folder, not a file.", path)
    if path.stat().st_size == 0:
        raise GebiedError("Het bestand is leeg.", "The file is empty.", path)


def _osmium_error(path: Path, exc: Exception) -> GebiedError:
    return GebiedError(
        "Het bestand is geen leesbaar OSM-bestand (beschadigd, afgekapt of een ander formaat).",
        "The file is not a readable OSM file (corrupt, truncated or another format).",
        path,
        [str(exc)],
    )


def _kept(tags: osmium.osm.TagList) -> dict[str, str]:
    return {k: tags[k] for k in KEEP_TAGS if k in tags}


def _levels(value: str | None) -> float | None:
    if not value:
        return None
    m = re.match(r"\s*(\d+(?:[.,]\d+)?)", value)
    return float(m.group(1).replace(",", ".")) if m else None


class _Collector:
    """Rows of every layer, filled object by object while the extract streams past."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.wkb = osmium.geom.WKBFactory()
        self.rows: dict[str, list[dict]] = {k: [] for k in (
            "buildings", "pois", "places", "addresses", "water", "landuse", "waterways", "boundaries", "roads")}
        self.n_objects = 0

    def node(self, o: osmium.osm.Node) -> None:
        if not o.location.valid():
            return
        tags = o.tags
        geom = shapely.Point(o.location.lon, o.location.lat)
        oid = f"n{o.id}"
        if "place" in tags:
            self.rows["places"].append({"osm_id": oid, "name": tags.get("name"), "place": tags["place"],
                                        "population": tags.get("population"), "geometry": geom})
        kept = _kept(tags)
        cat = self.catalogue.classify(kept)
        if cat:
            self.rows["pois"].append({"osm_id": oid, "categorie": cat, **kept, "geometry": geom})
        elif "addr:housenumber" in tags:
            self.rows["addresses"].append({"osm_id": oid, "geometry": geom})

    def way(self, o: osmium.osm.Way) -> None:
        tags = o.tags
        kind, road = tags.get("waterway"), tags.get("highway")
        if kind not in ("river", "stream", "canal", "drain", "ditch") and road is None:
            return
        try:
            line = shapely.from_wkb(self.wkb.create_linestring(o))
        except (RuntimeError, osmium.InvalidLocationError):
            return
        if road is not None:
            self.rows["roads"].append({"osm_id": f"w{o.id}", "highway": road, "name": tags.get("name"),
                                       "geometry": line})
        else:
            self.rows["waterways"].append({"osm_id": f"w{o.id}", "soort": kind, "geometry": line})

    def area(self, o: osmium.osm.Area) -> None:
        tags = o.tags
        oid = ("w" if o.from_way() else "r") + str(o.orig_id())
        try:
            geom = shapely.from_wkb(self.wkb.create_multipolygon(o))
        except (RuntimeError, osmium.InvalidLocationError):
            return
        kept = _kept(tags)
        if tags.get("boundary") == "administrative" and "admin_level" in tags:
            self.rows["boundaries"].append({"osm_id": oid, "name": tags.get("name"),
                                            "admin_level": tags["admin_level"], "geometry": geom})
            return
        if "building" in tags and tags["building"] != "no":
            self.rows["buildings"].append({"osm_id": oid, **kept, "levels": _levels(tags.get("building:levels")),
                                           "geometry": geom})
        cat = self.catalogue.classify(kept)
        if cat and "building" not in tags:
            self.rows["pois"].append({"osm_id": oid, "categorie": cat, **kept, "geometry": geom})
        if any((k, tags.get(k)) in _WATER for k in ("natural", "waterway", "landuse")):
            self.rows["water"].append({"osm_id": oid, "geometry": geom})
            return
        lu = tags.get("landuse") or tags.get("natural") or tags.get("leisure")
        if lu in _LANDUSE_SOORT:
            self.rows["landuse"].append({"osm_id": oid, "soort": _LANDUSE_SOORT[lu], "landuse_tag": lu,
                                         "geometry": geom})

    def read(self, path: Path) -> None:
        for o in osmium.FileProcessor(osm_file(path)).with_locations().with_areas():
            self.n_objects += 1
            if not len(o.tags):
                continue
            if isinstance(o, osmium.osm.Node):
                self.node(o)
            elif isinstance(o, osmium.osm.Way):
                self.way(o)
            elif isinstance(o, osmium.osm.Area):
                self.area(o)


def _frame(rows: list[dict], cols: list[str]) -> gpd.GeoDataFrame:
    df = pd.DataFrame(rows, columns=[*cols, "geometry"]) if not rows else pd.DataFrame(rows)
    for c in cols:
        if c not in df:
            df[c] = None
    return gpd.GeoDataFrame(df, geometry="geometry", crs=WGS84)


def read_osm(path: Path, catalogue: Catalogue) -> OsmData:
    """Read buildings, points of interest, places and base layers from an extract.

    Parameters
    ----------
    path
        An ``.osm.pbf``, ``.osm`` or ``.osm.xml`` file.
    catalogue
        Maps OSM tags to accommodatie categories.

    Raises
    ------
    GebiedError
        For a missing, empty, truncated or non-OSM file.
    """
    check_readable(path)
    c = _Collector(catalogue)
    try:
        c.read(path)
    except RuntimeError as exc:  # libosmium: parse errors, truncated files
        raise _osmium_error(path, exc) from exc
    if c.n_objects == 0:
        raise GebiedError("Het bestand bevat geen OSM-objecten.", "The file contains no OSM objects.", path)
    r = c.rows
    b = _frame(r["buildings"], ["osm_id", "building", "levels", "name", "amenity", "addr:housenumber"])
    # buildings that are also a classified POI keep their category
    b["categorie"] = [catalogue.classify({k: v for k, v in row.items() if isinstance(v, str)})
                      for row in b.drop(columns="geometry").to_dict("records")]
    data = OsmData(
        buildings=b,
        pois=_frame(r["pois"], ["osm_id", "categorie", "name"]),
        places=_frame(r["places"], ["osm_id", "name", "place", "population"]),
        addresses=_frame(r["addresses"], ["osm_id"]),
        water=_frame(r["water"], ["osm_id"]),
        landuse=_frame(r["landuse"], ["osm_id", "soort", "landuse_tag"]),
        waterways=_frame(r["waterways"], ["osm_id", "soort"]),
        boundaries=_frame(r["boundaries"], ["osm_id", "name", "admin_level"]),
        roads=_frame(r["roads"], ["osm_id", "highway", "name"]),
    )
    data.missing = _missing_report(data)
    return data


def _missing_report(d: OsmData) -> list[str]:
    notes = []
    if d.buildings.empty:
        notes.append("geen gebouwen in het extract / no buildings in the extract")
    kern_places = d.places[d.places["place"].isin(PLACE_KERN)]
    if kern_places.empty:
        notes.append("geen plaatsnamen (place=village/town/hamlet) / no place nodes")
    else:
        unnamed = kern_places["name"].isna().sum()
        if unnamed:
            notes.append(f"{unnamed} plaatsen zonder naam / places without a name")
    if not d.buildings.empty:
        share = d.buildings["levels"].notna().mean()
        if share < 0.5:
            notes.append(
                f"bouwlagen (building:levels) bekend voor {share:.0%} van de gebouwen; elders 1 "
                f"aangenomen / building:levels known for {share:.0%} of buildings; 1 assumed elsewhere"
            )
    if d.pois.empty and d.buildings["categorie"].isna().all():
        notes.append("geen accommodaties herkend / no accommodaties recognised")
    return notes


def place_tag_report(places: gpd.GeoDataFrame) -> list[str]:
    """A data note on place nodes without a ``population`` tag (only where OSM gives the population)."""
    kern_places = places[places["place"].isin(PLACE_KERN)]
    nopop = int(kern_places["population"].isna().sum())
    if not nopop:
        return []
    return [f"{nopop} van {len(kern_places)} plaatsen zonder population-tag; inwoners geschat "
            f"/ {nopop} of {len(kern_places)} places lack a population tag; estimated"]
