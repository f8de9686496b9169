"""The province fixture: the default extract tiled k times at the OSM level is a valid, joined extract."""

import sys
from pathlib import Path

import osmium
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from provincie_extract import ID_STEP, read, tile_extract


@pytest.fixture(scope="module")
def tiled(tmp_path_factory):
    ex = read()
    out = tmp_path_factory.mktemp("provincie") / "p.osm.pbf"
    return ex, tile_extract(3, out, ex), out


def test_every_object_is_there_k_times_with_its_own_ids(tiled):
    ex, info, out = tiled
    ids = {"n": set(), "w": set(), "r": set()}
    names = set()
    for o in osmium.FileProcessor(str(out)):
        assert o.id not in ids[o.type_str()]
        ids[o.type_str()].add(o.id)
        if o.is_node() and "place" in o.tags and o.tags.get("name", "").startswith("Vaduz"):
            names.add(o.tags["name"])
    assert len(ids["n"]) == 3 * len(ex.nodes) == info["knopen"]
    assert len(ids["w"]) == 3 * len(ex.ways) + info["verbindingen"]
    assert {"Vaduz", "Vaduz 2", "Vaduz 3"} <= names  # place names carry the tile number


def test_tiles_are_joined_by_roads_and_held_by_one_province_boundary(tiled):
    ex, info, out = tiled
    grens = sum(1 for _, members, tags in ex.relations if tags.get("name") == "Liechtenstein"
                and tags.get("admin_level") == "2" for m in members if m[0] == "w")
    joined = set()
    province = None
    for o in osmium.FileProcessor(str(out)):
        if o.is_way() and o.tags.get("name") == "Verbindingsweg":
            refs = [n.ref for n in o.nodes]
            assert o.tags.get("highway") == "tertiary"
            joined.add(tuple(sorted(r // ID_STEP for r in refs)))
        if o.is_relation() and o.tags.get("name") == info["provincie"]:
            province = (o.tags["admin_level"], len(o.members))
    assert {(0, 1)} <= joined and len(joined) >= 2  # 3 tiles in a 2 × 2 grid: 0–1 east, 0–2 north
    assert province == ("4", 3 * grens)
