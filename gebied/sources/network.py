"""Routable networks (walk, bike, drive) from the same extract, with osmnx.

Which ways belong to which network is osmnx's own definition: its Overpass way
filters (``osmnx._overpass._get_network_filter``) are parsed and applied to the extract's ways, which
pyosmium hands, with their nodes' locations, to the graph builder osmnx's ``graph_from_xml`` uses, in batches
(a province's elements are never all in memory at once). The largest strongly connected part of each graph is
kept, and so is any other part large enough to be a village's own streets that the extract does not
connect to the rest (:data:`APART_MIN_KNOPEN`): routes within it count, between the parts there is none
("onbereikbaar"). Smaller parts (one-way stubs, islands) are dropped. Both are reported.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import osmium
import pandas as pd

from gebied.core.config import Snelheden
from gebied.core.errors import GebiedError
from gebied.sources.osm import check_readable, osm_file

if TYPE_CHECKING:  # imported where a graph is built: the app's first page needs this module's names only (~180 ms)
    import networkx as nx

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


#: Ways handed to osmnx per batch (an Overpass-like response each), so the elements of a province are never all
#: held as dicts at once.
BATCH_WAYS = 20_000


def _responses(path: Path, accept: Callable[[dict[str, str]], bool]) -> Iterator[dict[str, Any]]:
    """The extract's ways that ``accept`` takes, with their nodes, as Overpass-like responses of
    :data:`BATCH_WAYS` ways each (what osmnx parses from OSM XML).

    One pass over the file: libosmium keeps every node's location in a sorted array (16 bytes a node) and hands
    each way its nodes' locations, so no id set over the whole id range (libosmium's dense sets take up to 1.6 GB
    for the ids of a Dutch province) and no XML file is needed. Nodes carry no tags, as a back-reference writer
    leaves them; a node the extract lacks is left out of its way.
    """
    elements: list[dict[str, Any]] = []
    seen: set[int] = set()
    n_ways = 0
    processor = (osmium.FileProcessor(osm_file(path), osmium.osm.NODE | osmium.osm.WAY)
                 .with_locations("sparse_mem_array")
                 .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
                 .with_filter(osmium.filter.KeyFilter("highway", "route")))
    for w in processor:
        if not isinstance(w, osmium.osm.Way):
            continue
        tags = dict(w.tags)
        if not accept(tags):
            continue
        refs = []
        for nd in w.nodes:
            if not nd.location.valid():
                continue
            refs.append(nd.ref)
            if nd.ref not in seen:
                seen.add(nd.ref)
                elements.append({"type": "node", "id": nd.ref, "lat": nd.location.lat, "lon": nd.location.lon,
                                 "tags": {}})
        elements.append({"type": "way", "id": w.id, "nodes": refs, "tags": tags})
        n_ways += 1
        if n_ways % BATCH_WAYS == 0:
            yield {"elements": elements}
            elements = []
    if n_ways == 0:
        raise _NoWays
    if elements:
        yield {"elements": elements}


class _NoWays(Exception):
    """The extract holds no way of the network."""


def graph_from_extract(path: Path, network_type: str) -> nx.MultiDiGraph:
    """An osmnx graph of one network type from an ``.osm.pbf``/``.osm`` extract.

    The ways are chosen by osmnx's own filter (:func:`way_filter`) and handed to osmnx's graph builder as it
    builds from OSM XML (``osmnx.graph._create_graph``, what ``graph_from_xml`` calls after parsing), then
    simplified as ``graph_from_xml`` does.
    """
    check_readable(path)
    accept = way_filter(network_type)
    ox = _osmnx()
    from osmnx import graph as ox_graph
    from osmnx import simplification

    bidirectional = network_type in ox.settings.bidirectional_network_types
    try:
        g = ox_graph._create_graph(_responses(path, accept), bidirectional)
    except _NoWays:
        raise GebiedError(
            f"Het extract bevat geen wegen voor het netwerk '{network_type}'.",
            f"The extract holds no ways for the '{network_type}' network.", path) from None
    except RuntimeError as exc:
        raise GebiedError(
            "Het netwerk kan niet uit het bestand gelezen worden.",
            "Cannot read the network from the file.", path, [str(exc)]) from exc
    plain = g.__class__
    g.__class__ = _owned()  # simplified in place: the raw graph is ours and not used after
    g = simplification.simplify_graph(g)
    g.__class__ = plain
    return g


@functools.cache
def _owned() -> type:
    """A raw graph osmnx may simplify in place: ``simplify_graph`` starts with ``G.copy()``, which for a
    province's raw walking network (~850,000 nodes) holds a second ~2 GB graph while the first is never used
    again; here the copy is the graph itself (made on first use: importing this module imports no networkx)."""
    import networkx as nx

    return type("_Owned", (nx.MultiDiGraph,), {"copy": lambda self, as_view=False: self})


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
    g.remove_nodes_from([n for n, degree in g.degree() if degree == 0])  # networkx's isolates
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


def network_from_extract(extract: Path, graphml: Path | None, name: str, speeds: Snelheden) -> Network:
    """Network ``name`` of an extract (or its GraphML file), in lon/lat (EPSG:4326): :func:`read_graph` then
    :func:`build_network` without projecting, which needs the area's CRS (:func:`projected`)."""
    return build_network(read_graph(extract, graphml, NETWORKS[name]), name, None, speeds)


def start_networks(extract: Path, speeds: Snelheden, graphml: Path | None = None, namen: Iterable[str] | None = None
                   ) -> dict[str, Callable[[], Network]]:
    """Start reading every network (or those ``namen``); per gebied network name, a call that returns it, in
    lon/lat (:func:`network_from_extract`).

    For a large extract the networks are read in worker processes (osmnx's graph building and simplification
    take ~80 % of deriving an area, on one core each), so the caller can derive the other layers meanwhile; a
    worker hands back the network's two frames, not its osmnx graph (a few times smaller to send and to hold).
    Otherwise each call reads its network when made. A worker that dies is replaced by reading in this process.
    Workers are started with ``spawn``, which imports the main script again: a script that derives an area
    keeps its work under ``if __name__ == "__main__":`` (``app.py``, the CLI and the benchmarks do).
    """
    wanted = [name for name in NETWORKS if namen is None or name in set(namen)]
    workers = min(_parallel(graphml or extract), len(wanted))
    if not workers:
        return {name: functools.partial(network_from_extract, extract, graphml, name, speeds) for name in wanted}
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    futures = {name: pool.submit(network_from_extract, extract, graphml, name, speeds) for name in wanted}
    pool.shutdown(wait=False)  # the workers end when the last network is read

    def result(fut: Future[Network], name: str) -> Network:
        try:
            return fut.result()
        except BrokenProcessPool:
            return network_from_extract(extract, graphml, name, speeds)

    return {name: functools.partial(result, futures[name], name) for name in wanted}


def projected(net: Network, crs: str) -> Network:
    """``net`` in ``crs`` (a new Network)."""
    return Network(net.name, net.nodes.to_crs(crs), net.edges.to_crs(crs), dict(net.dropped))


#: A strongly connected part besides the largest is kept when it has at least this many nodes and this share
#: of the largest one's: a village whose streets the extract leaves unconnected (Balzers' car roads in the
#: Liechtenstein extract: 251 nodes) then has routes within it, instead of every trip starting with kilometres
#: in a straight line to the nearest node of the largest part.
APART_MIN_KNOPEN = 50
APART_MIN_AANDEEL = 0.05


def build_network(g: nx.MultiDiGraph, name: str, crs: str | None, speeds: Snelheden) -> Network:
    """Keep the largest strongly connected part and those large enough to be a village's own streets
    (:data:`APART_MIN_KNOPEN`), add car speeds, project to ``crs`` (``None``: keep lon/lat)."""
    import networkx as nx

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
        for _, _, d in big.edges(data=True):  # osmnx merges tags in set order and takes a list's first highway
            if isinstance(d.get("highway"), list):  # for its speed: sorted, every process gets the same speed
                d["highway"] = sorted(map(str, d["highway"]))
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
    net = Network(name, nodes, edges, dropped)
    return net if crs is None else projected(net, crs)
