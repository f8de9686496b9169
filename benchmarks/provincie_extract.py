"""A province-size OpenStreetMap extract to test with: the default extract tiled k times at the OSM level.

No Dutch or provincial extract can be fetched on the project's machines, so the province benchmark makes one
from the real default extract, cropped to the box around Liechtenstein: tile *i* is that extract moved by whole
widths/heights (plus a gap), every node, way and relation id is offset per tile, place and boundary names get
the tile number, and neighbouring tiles are joined by three two-way roads across the gap, so the network is
one. A boundary relation ``Provincie <k>`` (admin_level 4) holds the Liechtenstein boundary of every tile:
``gebied nieuw`` / ``gebied build`` read the file exactly as a real provincial extract. Written to a cache
folder, never committed.

    .venv/bin/python benchmarks/provincie_extract.py 4 --uit /tmp/provincie-4.osm.pbf
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass, field
from pathlib import Path

import osmium
from osmium.osm.mutable import Node, Relation, Way

EXTRACT = Path(__file__).resolve().parents[2] / "shared" / "data" / "liechtenstein.osm.pbf"
ID_STEP = 10**10  # the extract's ids stay below this
GAP_DEG = 0.03  # ~2 km between tiles
GRENS = "Liechtenstein"  # the boundary each tile contributes to the province
ROADS = {"primary", "secondary", "tertiary", "unclassified", "residential"}
MARGE_DEG = 0.02  # the box kept around the boundary (~2 km)


@dataclass
class Extract:
    """The extract in memory: nodes (id, lon, lat, tags), ways (id, refs, tags), relations (id, members, tags)."""

    nodes: list[tuple[int, float, float, dict]] = field(default_factory=list)
    ways: list[tuple[int, list[int], dict]] = field(default_factory=list)
    relations: list[tuple[int, list[tuple[str, int, str]], dict]] = field(default_factory=list)


def read(path: Path = EXTRACT, marge: float = MARGE_DEG) -> Extract:
    """The extract, cropped to the box around its :data:`GRENS` boundary plus ``marge`` degrees: the default
    extract reaches far into Switzerland and Austria, which would leave wide empty bands between the tiles. A way
    is kept when all its nodes are; a relation keeps the members that are."""
    ex = Extract()
    for o in osmium.FileProcessor(str(path)):
        tags = dict(o.tags)
        if o.is_node():
            if o.location.valid():
                ex.nodes.append((o.id, o.location.lon, o.location.lat, tags))
        elif o.is_way():
            ex.ways.append((o.id, [n.ref for n in o.nodes], tags))
        else:
            ex.relations.append((o.id, [(m.type, m.ref, m.role) for m in o.members], tags))
    loc = {n[0]: (n[1], n[2]) for n in ex.nodes}
    refs = {w[0]: w[1] for w in ex.ways}
    border = [r for i, members, tags in ex.relations if tags.get("name") == GRENS and tags.get("admin_level") == "2"
              for t, ref, _ in members if t == "w" for r in refs.get(ref, []) if r in loc]
    lons, lats = [loc[r][0] for r in border], [loc[r][1] for r in border]
    west, east, south, north = min(lons) - marge, max(lons) + marge, min(lats) - marge, max(lats) + marge
    ex.nodes = [n for n in ex.nodes if west <= n[1] <= east and south <= n[2] <= north]
    kept = {n[0] for n in ex.nodes}
    ex.ways = [w for w in ex.ways if all(r in kept for r in w[1])]
    ways = {w[0] for w in ex.ways}
    present = {"n": kept, "w": ways}
    ex.relations = [(i, [m for m in members if m[1] in present.get(m[0], set())], tags)
                    for i, members, tags in ex.relations]
    rels = {r[0] for r in ex.relations}
    ex.relations = [(i, [m for m in members if m[0] != "r" or m[1] in rels], tags) for i, members, tags in ex.relations]
    ex.relations = [r for r in ex.relations if r[1]]
    return ex


def _named(tags: dict, tile: int) -> dict:
    """Names of places and boundaries carry the tile number (tile 0 keeps its own)."""
    if tile and "name" in tags and ("place" in tags or "boundary" in tags):
        return {**tags, "name": f"{tags['name']} {tile + 1}"}
    return tags


def _joins(ex: Extract, k: int, cols: int) -> list[tuple[int, int]]:
    """Node pairs (tile-offset ids) joining neighbouring tiles: three roads across each gap."""
    loc = {n[0]: (n[1], n[2]) for n in ex.nodes}
    road = {r for _, refs, tags in ex.ways if tags.get("highway") in ROADS for r in refs if r in loc}
    lats = sorted(loc[r][1] for r in road)
    lons = sorted(loc[r][0] for r in road)
    bands = [lats[len(lats) * q // 4] for q in (1, 2, 3)]
    cols_band = [lons[len(lons) * q // 4] for q in (1, 2, 3)]

    def extreme(key, pick, near, axis):
        cand = sorted(road, key=lambda r: abs(loc[r][axis] - near))[:200]
        return pick(cand, key=key)

    pairs = []
    for tile in range(k):
        r, c = divmod(tile, cols)
        if c + 1 < cols and tile + 1 < k:  # east neighbour
            for lat in bands:
                a = extreme(lambda n: loc[n][0], max, lat, 1)
                b = extreme(lambda n: loc[n][0], min, lat, 1)
                pairs.append((a + tile * ID_STEP, b + (tile + 1) * ID_STEP))
        if tile + cols < k:  # north neighbour
            for lon in cols_band:
                a = extreme(lambda n: loc[n][1], max, lon, 0)
                b = extreme(lambda n: loc[n][1], min, lon, 0)
                pairs.append((a + tile * ID_STEP, b + (tile + cols) * ID_STEP))
    return pairs


def tile_extract(k: int, out: Path, ex: Extract | None = None) -> dict:
    """Write the extract tiled ``k`` times to ``out`` (.osm.pbf); returns counts and the province's name."""
    ex = ex or read()
    lons = [n[1] for n in ex.nodes]
    lats = [n[2] for n in ex.nodes]
    cols = math.ceil(math.sqrt(k))
    step = (max(lons) - min(lons) + GAP_DEG, max(lats) - min(lats) + GAP_DEG)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp.osm.pbf")
    tmp.unlink(missing_ok=True)
    grens = [i for i, _, tags in ex.relations if tags.get("name") == GRENS and tags.get("admin_level") == "2"]
    grens_ways = [m for i, members, _ in ex.relations if i in grens for m in members if m[0] == "w"]
    naam = f"Provincie {k}"
    joins = _joins(ex, k, cols)
    with osmium.SimpleWriter(str(tmp)) as w:
        for tile in range(k):
            r, c = divmod(tile, cols)
            dx, dy, off = c * step[0], r * step[1], tile * ID_STEP
            for nid, lon, lat, tags in ex.nodes:
                w.add_node(Node(id=nid + off, location=(lon + dx, lat + dy), tags=_named(tags, tile)))
        for tile in range(k):
            off = tile * ID_STEP
            for wid, refs, tags in ex.ways:
                w.add_way(Way(id=wid + off, nodes=[x + off for x in refs], tags=tags))
        join_base = k * ID_STEP
        for j, (a, b) in enumerate(joins):
            w.add_way(Way(id=join_base + j, nodes=[a, b], tags={"highway": "tertiary", "name": "Verbindingsweg"}))
        for tile in range(k):
            off = tile * ID_STEP
            for rid, members, tags in ex.relations:
                w.add_relation(Relation(id=rid + off, members=[(t, ref + off, role) for t, ref, role in members],
                                        tags=_named(tags, tile)))
        members = [("w", ref + tile * ID_STEP, "outer") for tile in range(k) for _, ref, _ in grens_ways]
        w.add_relation(Relation(id=k * ID_STEP + 1, members=members,
                                tags={"type": "boundary", "boundary": "administrative", "admin_level": "4",
                                      "name": naam}))
    tmp.replace(out)
    return {"tegels": k, "knopen": k * len(ex.nodes), "wegen": k * len(ex.ways) + len(joins),
            "relaties": k * len(ex.relations) + 1, "verbindingen": len(joins), "provincie": naam}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("k", type=int)
    ap.add_argument("--uit", type=Path, required=True)
    args = ap.parse_args()
    print(tile_extract(args.k, args.uit))


if __name__ == "__main__":
    main()
