"""Optional online path: fetch any gemeente from OpenStreetMap (Nominatim + Overpass via osmnx settings).

Never used by default or in tests that need the network: the app and the CLI work on
local extracts. ``gebied ophalen "Noordoostpolder"`` geocodes the gemeente with osmnx,
downloads its OSM data (with a margin) as an ``.osm`` file into the cache and writes an
area config ``data/<id>.yaml`` that names the gemeente boundary; from then on the area
works offline like any other.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from gebied.core.config import DATA_DIR, cache_root
from gebied.core.errors import GebiedError
from gebied.core.fmt import slug
from gebied.core.io import write_atomic


def overpass_query(bounds: tuple[float, float, float, float], timeout: int = 180) -> str:
    """Overpass QL for every node, way and relation in ``bounds`` (w, s, e, n) with their members, as XML."""
    w, s, e, n = bounds
    return f"[out:xml][timeout:{timeout}];(nwr({s:.6f},{w:.6f},{n:.6f},{e:.6f}););(._;>;);out meta;"


def area_config(naam: str, extract: Path, config_dir: Path, admin_level: str = "8") -> dict:
    """The area config for a fetched gemeente (extract path relative to the config folder)."""
    import os

    rel = os.path.relpath(extract, config_dir)
    return {
        "naam": naam,
        "extract": rel,
        "crs": "auto",
        "grens": {"naam": naam, "admin_level": admin_level},
        "bronnen": [
            f"OpenStreetMap-gegevens van {naam}, opgehaald via Overpass, © OpenStreetMap contributors, ODbL 1.0"
        ],
    }


def fetch_gemeente(naam: str, land: str = "Nederland", area_id: str | None = None, margin_deg: float = 0.02,
                   config_dir: Path = DATA_DIR) -> Path:
    """Download a gemeente and write its area config; returns the config path.

    Raises
    ------
    GebiedError
        Without internet, when the name is not found, or when Overpass refuses.
    """
    import osmnx as ox
    import requests


    try:
        place = ox.geocode_to_gdf(f"{naam}, {land}")
    except Exception as exc:
        raise GebiedError(f"Kan '{naam}' niet opzoeken (geen internet of onbekende naam).",
                          f"Cannot look up '{naam}' (no internet or unknown name).", problems=[str(exc)]) from exc
    w, s, e, n = place.total_bounds
    query = overpass_query((w - margin_deg, s - margin_deg, e + margin_deg, n + margin_deg))
    area_id = area_id or slug(naam)
    extract = cache_root() / "online" / f"{area_id}.osm"
    try:
        r = requests.post(f"{ox.settings.overpass_url}/interpreter", data={"data": query},
                          timeout=ox.settings.requests_timeout)
        r.raise_for_status()
    except requests.RequestException as exc:
        raise GebiedError("Overpass is niet bereikbaar of weigert de vraag.", "Overpass is unreachable or refused.",
                          problems=[str(exc)]) from exc
    write_atomic(extract, lambda p: Path(p).write_bytes(r.content))
    cfg = config_dir / f"{area_id}.yaml"
    text = yaml.safe_dump(area_config(naam, extract, config_dir), allow_unicode=True, sort_keys=False)
    write_atomic(cfg, lambda p: Path(p).write_text(text, encoding="utf-8"))
    return cfg
