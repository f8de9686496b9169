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
    assert net.dropped["delen"] >= 2 and net.dropped["knopen"] >= 2
    h = nx.MultiDiGraph()
    h.add_edges_from(zip(net.edges["u"], net.edges["v"]))
    assert nx.is_strongly_connected(h)
