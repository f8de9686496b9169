"""The files of a build in the cache: its key, its lock, and each layer and network written and read.

``cache/<area>/`` (git-ignored; ``GEBIED_CACHE`` moves it) holds one GeoParquet file per layer and network,
``lagen.json`` (the layers' CRS, data notes and facts), ``netwerk_<name>.json`` per network and ``meta.json``,
written last: a folder with it holds a whole build. :mod:`gebied.area.bouw` writes a build stage by stage;
:mod:`gebied.area.store` is what the rest of gebied calls.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pyproj
import shapely

import gebied
from gebied.area.model import LAYERS, Area
from gebied.core.catalogue import LAYERS_DIR
from gebied.core.config import AreaConfig, cache_root
from gebied.core.errors import GebiedError
from gebied.sources.network import NETWORKS, Network

if TYPE_CHECKING:
    import pyarrow as pa

FORMAT_VERSION = 2
#: The modules whose code shapes a build; a change to them rebuilds the cache.
DERIVATION_MODULES = ("sources/osm.py", "sources/network.py", "area/kernen.py", "area/accommodaties.py",
                      "area/derive.py", "area/model.py", "area/bevolking.py", "core/config.py", "area/store.py",
                      "area/opslag.py", "area/bouw.py", "sources/cbs.py")


def build_key(config: AreaConfig) -> str:
    """A fingerprint of everything a build depends on (extract, config, catalogue, code)."""
    h = hashlib.sha256()
    h.update(f"{FORMAT_VERSION}:{gebied.__version__}".encode())
    for p in (config.extract, config.netwerk_graphml):
        if p is not None and Path(p).exists():
            st = Path(p).stat()
            h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(config.model_dump_json(exclude={"overrides", "config_path", "bronnen", "bereik", "kosten"}).encode())
    for p in sorted(LAYERS_DIR.glob("categorieen.yaml")):
        h.update(p.read_bytes())
    for name in DERIVATION_MODULES:
        h.update((Path(gebied.__file__).parent / name).read_bytes())
    return h.hexdigest()[:16]


def write_layers(area: Area, folder: Path) -> None:
    """Write every layer but the networks, and ``lagen.json`` (the area's CRS, data notes and build facts),
    into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in LAYERS:
        getattr(area, name).to_parquet(folder / f"{name}.parquet")
    area.voorzieningen.to_parquet(folder / "voorzieningen.parquet")
    facts = {**area.meta, "crs": area.crs, "rapport": area.rapport}
    (folder / "lagen.json").write_text(json.dumps(facts, indent=1, ensure_ascii=False), encoding="utf-8")


def write_network(net: Network, folder: Path) -> None:
    """Write one network (its nodes, edges, and ``netwerk_<name>.json`` with what was dropped, last)."""
    net.nodes.to_parquet(folder / f"netwerk_{net.name}_knopen.parquet")
    net.edges.to_parquet(folder / f"netwerk_{net.name}_kanten.parquet")
    (folder / f"netwerk_{net.name}.json").write_text(json.dumps(net.dropped), encoding="utf-8")


def write_meta(area: Area, folder: Path) -> None:
    """Write ``meta.json``: a folder with it holds a whole build."""
    meta = {**area.meta, "crs": area.crs, "rapport": area.rapport,
            "dropped": {n: net.dropped for n, net in area.netwerken.items()}}
    (folder / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")


def swap_in(tmp: Path, folder: Path) -> None:
    """Put the finished folder ``tmp`` in the place of ``folder`` (the old one, if any, goes)."""
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if folder.exists():
        folder.rename(old)
    tmp.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def save_area(area: Area, folder: Path) -> None:
    """Write an area to ``folder`` atomically (temporary folder, then swap)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        write_layers(area, tmp)
        for net in area.netwerken.values():
            write_network(net, tmp)
        write_meta(area, tmp)
        swap_in(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _read_layer(path: Path, crs: pyproj.CRS) -> gpd.GeoDataFrame:
    """``gpd.read_parquet``, with the area's CRS given once instead of parsed from each file's metadata
    (pyproj takes ~0.1 s a file, and again in every new thread: the app's first page waited seconds for it).
    A file in another CRS or encoding is read the ordinary way."""
    table = _parquet(path)
    geo = json.loads((table.schema.metadata or {}).get(b"geo", b"{}"))
    col = geo.get("primary_column")
    info = geo.get("columns", {}).get(col, {})
    code = (info.get("crs") or {}).get("id") or {}
    if (len(geo.get("columns", {})) != 1 or info.get("encoding", "").upper() != "WKB"
            or f"{code.get('authority')}:{code.get('code')}" != crs.to_string()):
        return gpd.read_parquet(path)
    df = table.drop_columns([col]).to_pandas()
    geometry = gpd.GeoSeries(shapely.from_wkb(table.column(col).to_numpy(zero_copy_only=False)), index=df.index,
                             crs=crs)
    df.insert(table.column_names.index(col), col, geometry)
    return gpd.GeoDataFrame(df, geometry=col, crs=crs)


def _parquet(path: Path) -> pa.Table:
    """One Parquet file as a table, read without pyarrow's dataset layer (``pq.read_table`` imports it first:
    ~0.1 s of the app's first page)."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).read()


def read_layers(folder: Path, config: AreaConfig, facts: str = "lagen.json") -> Area:
    """Load a saved area's layers (``netwerken`` empty; without overrides)."""
    meta = json.loads((folder / facts).read_text(encoding="utf-8"))
    crs = pyproj.CRS.from_user_input(meta["crs"])
    layers = {name: _read_layer(folder / f"{name}.parquet", crs) for name in LAYERS}
    return Area(config=config, crs=meta["crs"], voorzieningen=_parquet(folder / "voorzieningen.parquet").to_pandas(),
                netwerken={}, rapport=meta["rapport"],
                meta={k: v for k, v in meta.items() if k not in ("rapport", "dropped", "crs")}, **layers)


def read_network(folder: Path, name: str, crs: str) -> Network:
    """Load one saved network."""
    proj = pyproj.CRS.from_user_input(crs)
    dropped = json.loads((folder / f"netwerk_{name}.json").read_text(encoding="utf-8"))
    return Network(name, _read_layer(folder / f"netwerk_{name}_knopen.parquet", proj),
                   _read_layer(folder / f"netwerk_{name}_kanten.parquet", proj), dropped)


def read_area(folder: Path, config: AreaConfig) -> Area:
    """Load a saved area (without overrides)."""
    layers = read_layers(folder, config, "meta.json")
    return dataclasses.replace(layers, netwerken={n: read_network(folder, n, layers.crs) for n in NETWORKS})


@contextmanager
def lock(config: AreaConfig) -> Iterator[None]:
    """Hold the area's build lock (one build of an area at a time, across processes).

    Raises
    ------
    gebied.core.errors.GebiedError
        In a worker process that is still importing its parent's main script: a script that loads or builds an
        area outside ``if __name__ == "__main__":`` does so again in every network worker a build starts
        (:func:`gebied.sources.network.start_networks`), which would wait for ever on the lock its parent holds.
    """
    import multiprocessing.process

    if getattr(multiprocessing.process.current_process(), "_inheriting", False):
        raise GebiedError(
            "Dit script bouwt of laadt een gebied buiten 'if __name__ == \"__main__\":'; een werkproces van de bouw "
            "voert het dan opnieuw uit. Zet het werk van het script onder die regel.",
            "This script builds or loads an area outside 'if __name__ == \"__main__\":'; a build's worker process "
            "then runs it again. Put the script's work under that line.")
    path = cache_root() / f".{config.id}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def current(folder: Path, key: str) -> bool:
    """Whether ``folder`` holds a whole build with ``key``."""
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("key") == key
    except (OSError, ValueError):
        return False
