"""Reading the networks of an extract in worker processes (large extracts) or here (small ones)."""

import multiprocessing

import pandas as pd
import pytest

from gebied.core.config import Snelheden
from gebied.core.errors import GebiedError
from gebied.sources import network
from gebied.sources.network import NETWORKS, build_network, graph_from_extract, projected, start_networks


def test_a_small_extract_is_read_here_and_a_large_one_on_every_core(small_osm, monkeypatch):
    assert network._parallel(small_osm) == 0  # a process would cost more than the file takes to read
    monkeypatch.setattr(network, "PARALLEL_FROM_BYTES", 0)
    cores = multiprocessing.cpu_count()
    assert network._parallel(small_osm) == (0 if cores < 2 else min(cores, len(NETWORKS)))


def test_a_daemon_process_reads_here(small_osm, monkeypatch):
    """A Dask worker is a daemon process, which may not start processes of its own."""
    monkeypatch.setattr(network, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True)
    assert network._parallel(small_osm) == 0


@pytest.mark.skipif(multiprocessing.cpu_count() < 2, reason="one core: graphs are read in this process")
def test_networks_read_in_worker_processes_equal_the_networks_read_here(small_osm, monkeypatch):
    monkeypatch.setattr(network, "PARALLEL_FROM_BYTES", 0)
    before = set(multiprocessing.active_children())
    pending = start_networks(small_osm, Snelheden())
    assert set(multiprocessing.active_children()) - before  # worker processes started
    assert list(pending) == list(NETWORKS)
    for name, nt in NETWORKS.items():
        net, here = pending[name](), build_network(graph_from_extract(small_osm, nt), name, "EPSG:32632", Snelheden())
        assert net.nodes.crs.to_epsg() == 4326 and len(net.edges) > 0  # lon/lat: the area's CRS comes later
        net = projected(net, "EPSG:32632")
        pd.testing.assert_frame_equal(net.nodes, here.nodes)
        pd.testing.assert_frame_equal(net.edges, here.edges)
        assert net.dropped == here.dropped


def test_an_error_in_a_worker_reaches_the_caller_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.setattr(network, "PARALLEL_FROM_BYTES", 0)
    bad = tmp_path / "kapot.osm.pbf"
    bad.write_bytes(b"dit is geen OSM-bestand" * 100)
    pending = start_networks(bad, Snelheden())
    with pytest.raises(GebiedError) as info:
        pending["lopen"]()
    assert info.value.path == bad
    assert "geen leesbaar OSM-bestand" in info.value.nl or "kan niet uit het bestand" in info.value.nl
    assert info.value.en


@pytest.mark.parametrize("network_type", ["walk", "drive"])
def test_the_graph_equals_osmnx_graph_from_xml_of_the_same_ways(small_osm, tmp_path, network_type):
    """Read without an XML file, the graph is the one osmnx builds from OSM XML holding the network's ways and
    their nodes (as pyosmium's back-reference writer writes them), edge for edge."""
    import osmium
    import osmnx as ox

    from gebied.sources.osm import osm_file

    accept = network.way_filter(network_type)
    xml = tmp_path / f"{network_type}.osm"
    with osmium.BackReferenceWriter(str(xml), ref_src=osm_file(small_osm), overwrite=True) as writer:
        for w in osmium.FileProcessor(osm_file(small_osm), osmium.osm.WAY):
            if accept(dict(w.tags)):
                writer.add_way(w)
    reference = ox.graph_from_xml(xml, bidirectional=network_type in ox.settings.bidirectional_network_types,
                                  simplify=True, retain_all=True)
    g = graph_from_extract(small_osm, network_type)
    assert type(g) is type(reference) and set(g.nodes) == set(reference.nodes)
    assert all(g.nodes[n] == reference.nodes[n] for n in g.nodes)
    ours = {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)}
    theirs = {(u, v, k): d for u, v, k, d in reference.edges(keys=True, data=True)}
    assert ours.keys() == theirs.keys()
    for key, d in ours.items():
        ref = theirs[key]
        assert {a: network._flatten(b) for a, b in d.items() if a != "geometry"} == \
            {a: network._flatten(b) for a, b in ref.items() if a != "geometry"}  # merged lists: set order
        assert ("geometry" in d) == ("geometry" in ref)
        assert "geometry" not in d or d["geometry"].equals_exact(ref["geometry"], 0)


def test_a_car_road_merged_from_two_highway_kinds_gets_one_speed_whatever_the_merge_order(small_osm):
    """osmnx merges a simplified road's tags in set order, which differs between processes, and takes the first
    highway kind for its speed: the same extract gave one road 30 km/h in one build and 50 in another."""
    g = graph_from_extract(small_osm, "drive")
    merged = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if isinstance(d.get("highway"), list)]
    assert merged  # the fixture has a road of a residential and a tertiary way
    flipped = g.copy()
    for u, v, k in merged:
        flipped.edges[u, v, k]["highway"] = list(reversed(flipped.edges[u, v, k]["highway"]))
    a = build_network(g, "auto", "EPSG:32632", Snelheden())
    b = build_network(flipped, "auto", "EPSG:32632", Snelheden())
    pd.testing.assert_series_equal(a.edges["speed_kph"], b.edges["speed_kph"])
