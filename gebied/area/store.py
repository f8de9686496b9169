"""The build cache: derived layers on disk (GeoParquet), rebuilt when their inputs change.

``cache/<area>/`` (git-ignored; ``GEBIED_CACHE`` moves it) holds one GeoParquet
file per layer and network plus ``meta.json``. A build is written to a temporary
folder and swapped in whole, so a failed build never leaves half a cache.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyproj
import shapely

import gebied
from gebied.area.derive import derive_area, with_overrides
from gebied.area.model import LAYERS, Area
from gebied.core.catalogue import LAYERS_DIR, load_catalogue
from gebied.core.config import AreaConfig, cache_root, load_config
from gebied.sources.network import NETWORKS, Network

FORMAT_VERSION = 1
#: The modules whose code shapes a build; a change to them rebuilds the cache.
DERIVATION_MODULES = ("sources/osm.py", "sources/network.py", "area/kernen.py", "area/accommodaties.py",
                      "area/derive.py", "area/model.py", "area/bevolking.py", "core/config.py", "area/store.py",
                      "sources/cbs.py")


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


def save_area(area: Area, folder: Path) -> None:
    """Write an area to ``folder`` atomically (temporary folder, then swap)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for name in LAYERS:
            getattr(area, name).to_parquet(tmp / f"{name}.parquet")
        area.voorzieningen.to_parquet(tmp / "voorzieningen.parquet")
        for name, net in area.netwerken.items():
            net.nodes.to_parquet(tmp / f"netwerk_{name}_knopen.parquet")
            net.edges.to_parquet(tmp / f"netwerk_{name}_kanten.parquet")
        meta = {**area.meta, "crs": area.crs, "rapport": area.rapport,
                "dropped": {n: net.dropped for n, net in area.netwerken.items()}}
        (tmp / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
        old = folder.parent / f".{folder.name}.old-{os.getpid()}"
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _read_layer(path: Path, crs: pyproj.CRS) -> gpd.GeoDataFrame:
    """``gpd.read_parquet``, with the area's CRS given once instead of parsed from each file's metadata
    (pyproj takes ~0.1 s a file, and again in every new thread: the app's first page waited seconds for it).
    A file in another CRS or encoding is read the ordinary way."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
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


def read_area(folder: Path, config: AreaConfig) -> Area:
    """Load a saved area (without overrides)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    crs = pyproj.CRS.from_user_input(meta["crs"])
    layers = {name: _read_layer(folder / f"{name}.parquet", crs) for name in LAYERS}
    nets = {}
    for name in NETWORKS:
        nets[name] = Network(name, _read_layer(folder / f"netwerk_{name}_knopen.parquet", crs),
                             _read_layer(folder / f"netwerk_{name}_kanten.parquet", crs),
                             meta["dropped"][name])
    return Area(config=config, crs=meta["crs"], voorzieningen=pd.read_parquet(folder / "voorzieningen.parquet"),
                netwerken=nets, rapport=meta["rapport"],
                meta={k: v for k, v in meta.items() if k not in ("rapport", "dropped", "crs")}, **layers)


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build(area: str | Path | None = None, force: bool = False) -> Path:
    """Build an area into the cache if its inputs changed (or ``force``); return the folder."""
    config = load_config(area)
    folder = cache_root() / config.id
    key = build_key(config)
    with _lock(cache_root() / f".{config.id}.lock"):
        meta_path = folder / "meta.json"
        if not force and meta_path.exists():
            try:
                if json.loads(meta_path.read_text(encoding="utf-8")).get("key") == key:
                    return folder
            except (OSError, ValueError):
                pass
        t0 = time.perf_counter()
        derived = derive_area(config, load_catalogue())
        derived.meta.update(key=key, gebouwd=time.strftime("%Y-%m-%d %H:%M"),
                            bouwtijd_s=round(time.perf_counter() - t0, 1),
                            extract=str(config.extract))
        save_area(derived, folder)
    return folder


def load_area(area: str | Path | None = None, overrides: bool = True) -> Area:
    """The area ready for use: built on first use, loaded from the cache after that.

    Parameters
    ----------
    area
        Area id, YAML path, extract path, or None for the default area.
    overrides
        Merge the area's planner overrides file (if configured).
    """
    config = load_config(area)
    folder = build(config.config_path or config.extract)
    result = read_area(folder, config)
    return with_overrides(result) if overrides else result
