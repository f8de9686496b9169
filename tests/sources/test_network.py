"""Reading the networks of an extract in worker processes (large extracts) or here (small ones)."""

import multiprocessing

import networkx as nx
import pytest

from gebied.core.errors import GebiedError
from gebied.sources import network
from gebied.sources.network import NETWORKS, graph_from_extract, start_graphs


def _edges(g: nx.MultiDiGraph) -> set[tuple[int, int, float]]:
    return {(u, v, round(d["length"], 3)) for u, v, d in g.edges(data=True)}


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
def test_graphs_read_in_worker_processes_equal_the_graphs_read_here(small_osm, monkeypatch):
    monkeypatch.setattr(network, "PARALLEL_FROM_BYTES", 0)
    before = set(multiprocessing.active_children())
    graphs = start_graphs(small_osm)
    assert set(multiprocessing.active_children()) - before  # worker processes started
    assert list(graphs) == list(NETWORKS)
    for name, nt in NETWORKS.items():
        g, here = graphs[name](), graph_from_extract(small_osm, nt)
        assert set(g.nodes) == set(here.nodes) and g.number_of_edges() > 0
        assert _edges(g) == _edges(here)


def test_an_error_in_a_worker_reaches_the_caller_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.setattr(network, "PARALLEL_FROM_BYTES", 0)
    bad = tmp_path / "kapot.osm.pbf"
    bad.write_bytes(b"dit is geen OSM-bestand" * 100)
    graphs = start_graphs(bad)
    with pytest.raises(GebiedError) as info:
        graphs["lopen"]()
    assert info.value.path == bad
    assert "geen leesbaar OSM-bestand" in info.value.nl or "kan niet uit het bestand" in info.value.nl
    assert info.value.en
