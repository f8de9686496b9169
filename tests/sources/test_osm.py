"""The readers: OSM XML, PBF (the same data) and GraphML networks."""

import osmium
import osmnx as ox
import pytest

from gebied.core.catalogue import load_catalogue
from gebied.core.config import Snelheden
from gebied.sources.network import build_network, graph_from_extract, graph_from_graphml, way_filter
from gebied.sources.osm import read_osm


def to_pbf(src, dst):
    with osmium.SimpleWriter(str(dst)) as w:
        for o in osmium.FileProcessor(str(src)):
            w.add(o)
    return dst


def test_xml_reader_finds_buildings_places_and_pois(small_osm):
    d = read_osm(small_osm, load_catalogue())
    assert len(d.buildings) == 36 + 30 + 5 + 2
    assert set(d.places["name"]) == {"Oosterdorp", "Westerdorp"}
    assert set(d.pois["categorie"]) == {"dorpshuis"}  # the node; the school is a building
    assert d.buildings.loc[d.buildings["name"] == "De Kleine Wereld", "categorie"].item() == "school"


def test_pbf_and_xml_give_the_same_layers(small_osm, tmp_path):
    pbf = to_pbf(small_osm, tmp_path / "klein.osm.pbf")
    a = read_osm(small_osm, load_catalogue())
    b = read_osm(pbf, load_catalogue())
    assert len(a.buildings) == len(b.buildings)
    assert sorted(a.places["name"]) == sorted(b.places["name"])
    assert a.buildings.to_crs(32632).area.sum() == pytest.approx(b.buildings.to_crs(32632).area.sum(), rel=1e-6)


def test_osm_xml_suffix_is_read(small_osm, tmp_path):
    other = tmp_path / "klein.osm.xml"
    other.write_bytes(small_osm.read_bytes())
    assert len(read_osm(other, load_catalogue()).buildings) == 73


def test_way_filter_follows_osmnx_definitions():
    walk, bike, drive = way_filter("walk"), way_filter("bike"), way_filter("drive")
    assert walk({"highway": "footway"}) and not bike({"highway": "footway"})
    assert bike({"highway": "cycleway"}) and not walk({"highway": "cycleway"})
    assert drive({"highway": "residential"}) and not drive({"highway": "track"})
    assert not drive({"highway": "residential", "access": "private"})
    assert not walk({"highway": "path", "foot": "no"})
    assert not walk({"building": "yes"})  # no highway tag


def test_graphml_network_matches_the_extract(small_osm, tmp_path):
    g = graph_from_extract(small_osm, "walk")
    path = tmp_path / "klein.graphml"
    ox.save_graphml(g, path)
    g2 = graph_from_graphml(path, "walk")
    assert g2.number_of_nodes() == g.number_of_nodes()
    assert g2.number_of_edges() == g.number_of_edges()


def test_network_keeps_largest_strongly_connected_part_and_reports_the_rest(small_osm):
    import networkx as nx

    g = graph_from_extract(small_osm, "walk")
    extra = max(g.nodes) + 1
    g.add_node(extra, x=9.6, y=47.2)
    g.add_node(extra + 1, x=9.6001, y=47.2)
    g.add_edge(extra, extra + 1, length=10.0)  # a one-way island
    net = build_network(g, "lopen", "EPSG:32632", Snelheden())
    assert net.dropped["delen"] >= 2 and net.dropped["knopen"] >= 2 and net.dropped["apart"] == 0
    h = nx.MultiDiGraph()
    h.add_edges_from(zip(net.edges["u"], net.edges["v"]))
    assert nx.is_strongly_connected(h)


def _grid(g, first: int, x0: float, y0: float, side: int) -> list[int]:
    """Add a square grid of two-way streets (100 m apart) to ``g``; its node ids."""
    ids = [first + i * side + j for i in range(side) for j in range(side)]
    for i in range(side):
        for j in range(side):
            g.add_node(first + i * side + j, x=x0 + 0.0013 * i, y=y0 + 0.0009 * j)
    for i in range(side):
        for j in range(side):
            a = first + i * side + j
            for b in ([a + side] if i + 1 < side else []) + ([a + 1] if j + 1 < side else []):
                g.add_edge(a, b, length=100.0)
                g.add_edge(b, a, length=100.0)
    return ids


def test_a_village_the_extract_leaves_unconnected_keeps_its_own_routes():
    """A large part apart from the rest is kept: routes within it count, between the parts there is none;
    a small one is dropped."""
    import networkx as nx
    import numpy as np

    from gebied.bereik.engine import graph_for, travel_matrix
    from gebied.bereik.modes import modes
    from gebied.sources.network import APART_MIN_KNOPEN

    g = nx.MultiDiGraph(crs="epsg:4326")
    town = _grid(g, 1, 9.50, 47.10, 12)
    side = int(np.ceil(np.sqrt(APART_MIN_KNOPEN)))
    village = _grid(g, 1000, 9.60, 47.20, side)  # ~8 km away, no street between
    _grid(g, 5000, 9.70, 47.30, 3)  # a few streets alone: dropped
    net = build_network(g, "lopen", "EPSG:32632", Snelheden())
    assert net.dropped["apart"] == 1 and net.dropped["apart_knopen"] == side * side
    assert net.dropped["delen"] == 1 and net.dropped["knopen"] == 9
    graph = graph_for(net, modes()["lopen"])
    corners = net.nodes.loc[[village[0], village[-1], town[0]]]
    xy = np.column_stack([corners.geometry.x, corners.geometry.y])
    m = travel_matrix(graph, xy[:1], xy[1:])
    assert np.isfinite(m.seconds[0, 0])  # across the village, over its streets
    assert abs(m.metres[0, 0] - 2 * (side - 1) * 100.0) < 1.0
    assert not np.isfinite(m.seconds[0, 1])  # to the town: no route
