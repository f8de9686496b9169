"""Routable networks (walk, bike, drive) from the same extract, with osmnx.

Which ways belong to which network is osmnx's own definition: its Overpass way
filters (``osmnx._overpass._get_network_filter``) are parsed and applied to the
extract's ways, which pyosmium writes, with the nodes they use, to an OSM XML
file that :func:`osmnx.graph_from_xml` turns into a graph. The largest strongly connected part of each
graph is kept, and so is any other part large enough to be a village's own streets that the extract does not
connect to the rest (:data:`APART_MIN_KNOPEN`): routes within it count, between the parts there is none
("onbereikbaar"). Smaller parts (one-way stubs, islands) are dropped. Both are reported.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import networkx as nx
import numpy as np
import osmium
import pandas as pd

from gebied.core.config import Snelheden
from gebied.core.errors import GebiedError
from gebied.sources.osm import check_readable, osm_file

#: gebied's network names -> osmnx network types.
NETWORKS = {"lopen": "walk", "fiets": "bike", "auto": "drive"}

_CLAUSE = re.compile(r'\["([^"]+)"(?:(!?~)"([^"]*)")?\]')
EDGE_COLUMNS = ["u", "v", "key", "length", "highway", "route", "oneway", "maxspeed", "speed_kph", "name", "geometry"]
#: From this size (bytes) on, the networks of an extract are read in worker processes, one per core: below
#: it, starting a process (importing osmnx, ~1.5 s) costs more than it saves.
PARALLEL_FROM_BYTES = 512 * 1024
#: Ferries (``route=ferry``) carry no highway tag, so osmnx's filters miss them; they join every
#: network unless the mode is excluded on them.
_FERRY_EXCLUDE = {"walk": "foot", "bike": "bicycle", "drive": "motor_vehicle"}


def _osmnx() -> Any:
    """osmnx, imported on first use (it pulls in matplotlib: ~1 s that loading a built area does not need),
    told to keep the ``route`` tag of ways (ferries)."""
    import osmnx as ox

    if "route" not in ox.settings.useful_tags_way:
        ox.settings.useful_tags_way = [*ox.settings.useful_tags_way, "route"]
    return ox


def way_filter(network_type: str) -> Callable[[dict[str, str]], bool]:
    """A predicate on a way's tags equal to osmnx's Overpass filter for ``network_type``.

    Ferries (``route=ferry`` without a highway tag) are accepted unless the mode is
    excluded on them (``foot``/``bicycle``/``motor_vehicle=no``).
    ``["k"]`` needs key k; ``["k"~"re"]`` needs k's value to match; ``["k"!~"re"]``
    rejects a way whose k matches (Overpass regexes are unanchored searches).
    """
    _osmnx()
    from osmnx import _overpass

    clauses = [(k, op, re.compile(rx) if rx is not None else None)
               for k, op, rx in _CLAUSE.findall(_overpass._get_network_filter(network_type))]
    clauses = [(k, op or None, rx if op else None) for k, op, rx in clauses]

    def accept(tags: dict[str, str]) -> bool:
        if tags.get("route") == "ferry" and "highway" not in tags:
            return tags.get(_FERRY_EXCLUDE.get(network_type, ""), "yes") != "no"
        for key, op, rx in clauses:
            val = tags.get(key)
            if op is None:
                if val is None:
                    return False
            elif op == "~":
                if val is None or rx is None or not rx.search(val):
                    return False
            elif val is not None and rx is not None and rx.search(val):
                return False
        return True

    return accept


@dataclass
class Network:
    """A routable graph as two frames (kept small for fast loading).

    Attributes
    ----------
    name
        ``lopen``, ``fiets`` or ``auto``.
    nodes
        Index ``osmid``; ``x``, ``y`` (EPSG:4326) and point geometry in the analysis CRS.
    edges
        Directed edges ``u``, ``v``, ``key``, ``length`` (m), ``speed_kph`` (car only),
        line geometry in the analysis CRS.
    dropped
        What was cut off, and what was kept apart from the largest strongly connected part:
        ``{"delen": n_parts, "knopen": n_nodes, "kanten": n_edges, "apart": n_parts, "apart_knopen":
        n_nodes}``.
    """

    name: str
    nodes: gpd.GeoDataFrame
    edges: gpd.GeoDataFrame
    dropped: dict[str, int]


def street_keys(edges: pd.DataFrame) -> np.ndarray:
    """A key per directed edge that both directions of one street share: end nodes and length (dm).

    Parallel streets between the same two nodes differ in length and keep their own key.
    """
    u = edges["u"].to_numpy(dtype=np.int64)
    v = edges["v"].to_numpy(dtype=np.int64)
    return np.stack([np.minimum(u, v), np.maximum(u, v), np.round(edges["length"].to_numpy(dtype=float) * 10)],
                    axis=1)


def one_per_street(edges: pd.DataFrame) -> np.ndarray:
    """Boolean mask keeping each street once (the first of its directed edges)."""
    mask = np.zeros(len(edges), dtype=bool)
    if len(edges):
        mask[np.unique(street_keys(edges), axis=0, return_index=True)[1]] = True
    return mask


def _flatten(value: object) -> object:
    if isinstance(value, list):
        return ";".join(sorted(map(str, value)))  # osmnx merges in set order; sorted is reproducible
    return value


def graph_from_extract(path: Path, network_type: str) -> nx.MultiDiGraph:
    """An osmnx graph of one network type from an ``.osm.pbf``/``.osm`` extract."""
    check_readable(path)
    accept = way_filter(network_type)
    with tempfile.TemporaryDirectory(prefix="gebied-net-") as tmp:
        out = Path(tmp) / f"{network_type}.osm"
        n = 0
        try:
            with osmium.BackReferenceWriter(str(out), ref_src=osm_file(path), overwrite=True) as writer:
                for w in osmium.FileProcessor(osm_file(path), osmium.osm.WAY).with_filter(
                        osmium.filter.KeyFilter("highway", "route")):
                    if isinstance(w, osmium.osm.Way) and accept(dict(w.tags)):
                        writer.add_way(w)
                        n += 1
        except RuntimeError as exc:
            raise GebiedError(
                "Het netwerk kan niet uit het bestand gelezen worden.",
                "Cannot read the network from the file.", path, [str(exc)]) from exc
        if n == 0:
            raise GebiedError(
                f"Het extract bevat geen wegen voor het netwerk '{network_type}'.",
                f"The extract holds no ways for the '{network_type}' network.", path)
        ox = _osmnx()
        bidirectional = network_type in ox.settings.bidirectional_network_types
        return ox.graph_from_xml(out, bidirectional=bidirectional, simplify=True, retain_all=True)


def graph_from_graphml(path: Path, network_type: str) -> nx.MultiDiGraph:
    """An osmnx graph from a ``.graphml`` file, keeping the edges of ``network_type``."""
    check_readable(path)
    try:
        g = _osmnx().load_graphml(path)
    except Exception as exc:
        raise GebiedError("Kan het GraphML-bestand niet lezen.", "Cannot read the GraphML file.",
                          path, [str(exc)]) from exc
    accept = way_filter(network_type)
    drop = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
            if "highway" in d and not accept({a: str(_flatten(b)) for a, b in d.items()})]
    g.remove_edges_from(drop)
    g.remove_nodes_from(list(nx.isolates(g)))
    return g


def read_graph(extract: Path, graphml: Path | None, network_type: str) -> nx.MultiDiGraph:
    """The graph of ``network_type`` from the area's GraphML file if it has one, else from its extract."""
    return graph_from_graphml(graphml, network_type) if graphml else graph_from_extract(extract, network_type)


def _parallel(source: Path) -> int:
    """How many worker processes to read networks with: one per core for a large file, none (0) for a small
    one, on a single core, or inside a daemon process (a Dask worker may not start processes)."""
    try:
        size = source.stat().st_size
    except OSError:
        return 0  # the reader names the problem
    cores = os.cpu_count() or 1
    if size < PARALLEL_FROM_BYTES or cores < 2 or multiprocessing.current_process().daemon:
        return 0
    return min(cores, len(NETWORKS))


def start_graphs(extract: Path, graphml: Path | None = None, namen: Iterable[str] | None = None
                 ) -> dict[str, Callable[[], nx.MultiDiGraph]]:
    """Start reading the graph of every network (or of those ``namen``); per gebied network name, a call that
    returns its graph.

    For a large extract the graphs are read in worker processes (osmnx's XML parsing and simplification take
    ~80 % of deriving an area, on one core each), so the caller can derive the other layers meanwhile;
    otherwise each call reads its graph when made. A worker that dies is replaced by reading in this process.
    Workers are started with ``spawn``, which imports the main script again: a script that derives an area
    keeps its work under ``if __name__ == "__main__":`` (``app.py``, the CLI and the benchmarks do).
    """
    wanted = {name: nt for name, nt in NETWORKS.items() if namen is None or name in set(namen)}
    workers = min(_parallel(graphml or extract), len(wanted))
    if not workers:
        return {name: functools.partial(read_graph, extract, graphml, nt) for name, nt in wanted.items()}
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    futures = {name: pool.submit(read_graph, extract, graphml, nt) for name, nt in wanted.items()}
    pool.shutdown(wait=False)  # the workers end when the last graph is read

    def result(fut: Future[nx.MultiDiGraph], nt: str) -> nx.MultiDiGraph:
        try:
            return fut.result()
        except BrokenProcessPool:
            return read_graph(extract, graphml, nt)

    return {name: functools.partial(result, futures[name], nt) for name, nt in wanted.items()}


#: A strongly connected part besides the largest is kept when it has at least this many nodes and this share
#: of the largest one's: a village whose streets the extract leaves unconnected (Balzers' car roads in the
#: Liechtenstein extract: 251 nodes) then has routes within it, instead of every trip starting with kilometres
#: in a straight line to the nearest node of the largest part.
APART_MIN_KNOPEN = 50
APART_MIN_AANDEEL = 0.05


def build_network(g: nx.MultiDiGraph, name: str, crs: str, speeds: Snelheden) -> Network:
    """Keep the largest strongly connected part and those large enough to be a village's own streets
    (:data:`APART_MIN_KNOPEN`), add car speeds, project to ``crs``."""
    if g.number_of_nodes() == 0:
        raise GebiedError(f"Het netwerk '{name}' is leeg.", f"The '{name}' network is empty.")
    ox = _osmnx()
    parts = sorted(nx.strongly_connected_components(g), key=len, reverse=True)
    floor = max(APART_MIN_KNOPEN, APART_MIN_AANDEEL * len(parts[0]))
    kept = [parts[0], *(p for p in parts[1:] if len(p) >= floor)]
    big = g.subgraph(set().union(*kept)).copy()
    dropped = {"delen": len(parts) - len(kept), "knopen": g.number_of_nodes() - big.number_of_nodes(),
               "kanten": g.number_of_edges() - big.number_of_edges(), "apart": len(kept) - 1,
               "apart_knopen": sum(len(p) for p in kept[1:])}
    if name == "auto":
        big = ox.routing.add_edge_speeds(big, hwy_speeds=dict(speeds.auto),
                                         fallback=speeds.auto_standaard)
    nodes, edges = ox.graph_to_gdfs(big)
    edges = edges.reset_index()
    for c in EDGE_COLUMNS:
        if c not in edges:
            edges[c] = None
    edges = edges[EDGE_COLUMNS].copy()
    for c in ("highway", "route", "oneway", "maxspeed", "name"):
        edges[c] = edges[c].map(_flatten).astype("string")
    edges["speed_kph"] = pd.to_numeric(edges["speed_kph"], errors="coerce")
    nodes = nodes[["x", "y", "geometry"]]
    return Network(name, nodes.to_crs(crs), edges.to_crs(crs), dropped)
