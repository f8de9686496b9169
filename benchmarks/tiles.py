"""Simulate a province from the default area: k shifted copies of it, joined by a few roads into one network.

No provincial extract ships with gebied, so the scale benchmark builds one honestly from the real
default area: tile *i* is the whole area moved by a whole number of area widths/heights (plus a
2 km gap), every id gets a tile suffix, every gemeente name too (so k = 16 holds 176 gemeenten), and
neighbouring tiles are joined by three two-way roads across the gap (so the network is one).
"""

from __future__ import annotations

import dataclasses
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gebied.area.model import Area
from gebied.sources.network import Network

GAP_M = 2000.0
ID_STEP = 10**11  # OSM ids stay below this


def _shift(frame: gpd.GeoDataFrame, dx: float, dy: float) -> gpd.GeoDataFrame:
    out = frame.copy()
    if len(out):
        out["geometry"] = shapely.transform(out.geometry.values, lambda c: c + np.array([dx, dy]))
    return out


def _suffix(values: pd.Series, tag: str) -> pd.Series:
    return values.map(lambda v: f"{v}{tag}" if isinstance(v, str) and v else v)


def tile_area(area: Area, k: int) -> Area:
    """The area repeated ``k`` times in a grid, as one area (see the module docstring)."""
    if k == 1:
        return dataclasses.replace(area, meta={})  # not the built area: nothing is read from its cache
    xmin, ymin, xmax, ymax = area.gebouwen.total_bounds
    w, h = xmax - xmin + GAP_M, ymax - ymin + GAP_M
    cols = math.ceil(math.sqrt(k))
    offsets = [((i % cols) * w, (i // cols) * h) for i in range(k)]
    parts: dict[str, list] = {n: [] for n in ("kernen", "accommodaties", "gebouwen", "voorzieningen")}
    nets: dict[str, tuple[list, list]] = {n: ([], []) for n in area.netwerken}
    for i, (dx, dy) in enumerate(offsets):
        tag = f"-t{i + 1:02d}"
        kern = _shift(area.kernen, dx, dy)
        kern["kern_id"], kern["gemeente"] = _suffix(kern["kern_id"], tag), _suffix(kern["gemeente"], tag)
        kern["naam"] = kern["naam"] + f" ({i + 1})"
        acc = _shift(area.accommodaties, dx, dy)
        for c in ("accommodatie_id", "kern_id", "gemeente"):
            acc[c] = _suffix(acc[c], tag)
        geb = _shift(area.gebouwen, dx, dy)
        geb["osm_id"] = geb["osm_id"].astype(str) + tag
        geb["kern_id"], geb["gemeente"] = _suffix(geb["kern_id"], tag), _suffix(geb["gemeente"], tag)
        vz = area.voorzieningen.copy()
        vz["accommodatie_id"] = _suffix(vz["accommodatie_id"], tag)
        for name, part in zip(parts, (kern, acc, geb, vz)):
            parts[name].append(part)
        for n, net in area.netwerken.items():
            nodes = _shift(net.nodes, dx, dy)
            nodes.index = nodes.index + i * ID_STEP
            nodes["x"], nodes["y"] = nodes["x"] + dx, nodes["y"] + dy
            edges = _shift(net.edges, dx, dy)
            edges["u"], edges["v"] = edges["u"] + i * ID_STEP, edges["v"] + i * ID_STEP
            nets[n][0].append(nodes)
            nets[n][1].append(edges)
    netwerken = {}
    for n, (nodes_l, edges_l) in nets.items():
        nodes = pd.concat(nodes_l)
        edges = pd.concat([*edges_l, _connectors(nodes, offsets, cols, w, h)], ignore_index=True)
        crs = area.netwerken[n].edges.crs
        edges = gpd.GeoDataFrame(pd.DataFrame(edges).assign(geometry=list(edges["geometry"])), geometry="geometry",
                                 crs=crs)
        netwerken[n] = Network(n, nodes, edges, {"delen": 0, "knopen": 0, "kanten": 0, "apart": 0, "apart_knopen": 0})
    cat = {n: pd.concat(p, ignore_index=True) for n, p in parts.items()}
    cfg = area.config.model_copy(update={"id": f"{area.config.id}-x{k}", "naam": f"{area.config.naam} × {k}"})
    return dataclasses.replace(area, config=cfg, netwerken=netwerken, meta={}, **cat)


def _connectors(nodes: pd.DataFrame, offsets: list, cols: int, w: float, h: float) -> pd.DataFrame:
    """Three two-way roads between each pair of neighbouring tiles (nearest nodes across the gap)."""
    tile = (nodes.index.to_numpy() // ID_STEP).astype(int)
    xy = nodes[["x", "y"]].to_numpy()
    ids = nodes.index.to_numpy()
    rows = []
    for i, (dx, dy) in enumerate(offsets):
        for j, (ex, ey) in enumerate(offsets):
            right = ex - dx == w and ey == dy
            up = ey - dy == h and ex == dx
            if not (right or up):
                continue
            a, b = xy[tile == i], xy[tile == j]
            ia, ib = ids[tile == i], ids[tile == j]
            for f in (0.25, 0.5, 0.75):
                if right:
                    target = np.array([dx + w - GAP_M, dy + f * (h - GAP_M)])
                else:
                    target = np.array([dx + f * (w - GAP_M), dy + h - GAP_M])
                pa = np.argmin(((a - target) ** 2).sum(axis=1))
                pb = np.argmin(((b - (target + (GAP_M if right else 0, GAP_M if up else 0))) ** 2).sum(axis=1))
                length = float(np.hypot(*(a[pa] - b[pb])))
                line = shapely.LineString([a[pa], b[pb]])
                for u, v, g in ((ia[pa], ib[pb], line), (ib[pb], ia[pa], line.reverse())):
                    rows.append({"u": u, "v": v, "key": 0, "length": length, "highway": "secondary", "route": None,
                                 "oneway": False, "maxspeed": "80", "speed_kph": 80.0, "name": "verbindingsweg",
                                 "geometry": g})
    return pd.DataFrame(rows)
