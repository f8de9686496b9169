"""A new area: look up the gemeenten in CBS, clip the extract, write the config; or fetch it online first.

``gebied nieuw NAAM --extract PATH`` (or several ``--gemeente``, or ``--provincie``) calls
:func:`new_area`. The CBS boundary replaces any OSM boundary; the extract is clipped to it plus a margin
(so that traffic across the border stays on the network) into the cache, and ``data/<id>.yaml`` is
written last. A failure at any step leaves nothing behind.

``gebied ophalen NAAM`` calls :func:`fetch_area`: for a Dutch gemeente the CBS boundary gives the tiles
to fetch from Overpass (no Nominatim), then :func:`new_area` clips and configures as above; elsewhere
the place is geocoded and its OSM boundary outlines the area.
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import yaml

from gebied.core.config import areas_dir, cache_root
from gebied.core.crs import RD_NEW, WGS84, in_netherlands
from gebied.core.errors import GebiedError
from gebied.core.fmt import getal, procent, slug
from gebied.core.io import write_atomic
from gebied.sources import cbs, overpass
from gebied.sources.cbs import normalise
from gebied.sources.clip import ClipResult, clip_extract, covered_share

#: Below this share of a gemeente inside the extract, the extract does not cover it.
MIN_COVERAGE = 0.97


@dataclass
class Keuze:
    """What the planner asked for, resolved in CBS: gemeente codes, a name, and the province if any."""

    gemeenten: list[str]
    naam: str
    provincie: str | None = None


def choose(namen: list[str], provincie: str | None = None, folder: Path | None = None) -> Keuze:
    """Resolve gemeente names/codes or a province in the CBS tables (case- and accent-insensitive)."""
    if provincie:
        code, naam, gemeenten = cbs.find_provincie(provincie, folder)
        return Keuze(gemeenten, naam, code)
    if not namen:
        raise GebiedError("Noem een gemeente (naam of CBS-code) of een provincie.",
                          "Name a gemeente (name or CBS code) or a province.")
    codes = cbs.find_gemeenten(namen, folder)
    table = cbs.read_table("muni", folder).set_index("code")
    return Keuze(codes, ", ".join(str(table.at[c, "name"]) for c in codes))


def check_extent(clip: ClipResult, gemeenten: gpd.GeoDataFrame, extract: Path,
                 min_dekking: float = MIN_COVERAGE) -> dict[str, float]:
    """Share of each gemeente the extract covers; a clear error where one is covered less than ``min_dekking``
    (0–1), saying how much and how to accept it, or where the extract is of another country."""
    shares = {str(g["name"]): covered_share(clip.sample, geom, RD_NEW) for (_, g), geom
              in zip(gemeenten.iterrows(), gemeenten.to_crs(WGS84).geometry)}
    short = {n: s for n, s in shares.items() if s < min(min_dekking, MIN_COVERAGE)}
    if not short:
        return shares
    lines = [f"{n}: {procent(s * 100)} gedekt / covered" for n, s in short.items()]
    if len(clip.sample) and not in_netherlands(*np.median(clip.sample, axis=0)):
        lon, lat = np.median(clip.sample, axis=0)
        raise GebiedError(
            f"Het extract ligt niet in Nederland (het midden ligt bij {getal(lon, 2)} O, {getal(lat, 2)} N); "
            "kies een extract van de provincie.",
            f"The extract is not in the Netherlands (its centre lies at {lon:.2f} E, {lat:.2f} N); "
            "choose an extract of the province.", extract, lines)
    least = math.floor(min(short.values()) * 100)
    raise GebiedError("Het extract dekt de gemeente(n) niet helemaal; kies een groter extract (bijv. de provincie), "
                      f"of aanvaard de gedeeltelijke dekking met --min-dekking {least}.",
                      "The extract does not cover the gemeente(n) wholly; choose a larger extract (e.g. the "
                      f"province), or accept the partial coverage with --min-dekking {least}.", extract, lines)


def dekking_regel(shares: dict[str, float]) -> str | None:
    """The config's source line on gemeenten the extract covers only in part (None: it covers them all)."""
    short = {n: s for n, s in shares.items() if s < MIN_COVERAGE}
    if not short:
        return None
    return ("Gedeeltelijke dekking, aanvaard (--min-dekking): het extract dekt "
            + ", ".join(f"{n} {procent(s * 100)}" for n, s in short.items())
            + "; kernen en inwoners daarbuiten ontbreken")


def _relative(path: Path, folder: Path) -> str:
    try:
        return os.path.relpath(path, folder)
    except ValueError:  # another drive
        return str(path)


def area_config(keuze: Keuze, extract: Path, source: Path, config_dir: Path, marge_m: float,
                cbs_folder: Path | None) -> dict:
    """The area configuration of a Dutch area (paths relative to the config folder)."""
    cbs_cfg: dict = {"gemeenten": keuze.gemeenten, "marge_m": marge_m}
    if keuze.provincie:
        cbs_cfg["provincie"] = keuze.provincie
    if cbs_folder is not None:
        cbs_cfg["map"] = _relative(cbs_folder.resolve(), config_dir.resolve())
    return {
        "naam": keuze.naam, "land": "NL", "extract": _relative(extract.resolve(), config_dir.resolve()),
        "crs": "auto", "huishoudgrootte": 2.1, "cbs": cbs_cfg,
        "bronnen": [f"OpenStreetMap-extract {source.name}, geknipt op de CBS-grens + {getal(marge_m)} m, "
                    "© OpenStreetMap contributors, ODbL 1.0",
                    f"Grenzen, inwoners en leeftijdsopbouw: {cbs.CBS_ATTRIBUTION}"],
    }


def new_area(namen: list[str], extract: Path, provincie: str | None = None, area_id: str | None = None,
             config_dir: Path | None = None, marge_m: float = 3000.0, cbs_folder: Path | None = None,
             min_dekking: float = MIN_COVERAGE) -> Path:
    """Make a Dutch area from an extract: clip it to the CBS boundary + margin and write its config.

    An extract that covers a gemeente less than ``min_dekking`` (0–1, default 0.97: wholly) is refused, saying
    how much it covers; a lower ``min_dekking`` accepts it, and the config's sources say what is missing.

    Returns the path of the written ``<id>.yaml`` (in ``config_dir``, default the werkmap's or ``data/``).

    Raises
    ------
    GebiedError
        An unknown gemeente or province (with the closest names), a bad CBS file, a missing or broken
        extract, or an extract that does not cover the area (with the share it covers). Nothing is
        written then.
    """
    config_dir = Path(config_dir) if config_dir is not None else areas_dir()
    extract = Path(extract)
    keuze = choose(namen, provincie, cbs_folder)
    area_id = area_id or slug(keuze.naam)
    gemeenten = cbs.read_boundaries("muni", keuze.gemeenten, cbs_folder)
    clip_shape = gpd.GeoSeries([gemeenten.geometry.union_all().buffer(marge_m)], crs=gemeenten.crs).to_crs(WGS84)
    target = cache_root() / "extracts" / f"{area_id}.osm.pbf"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".nieuw-") as tmp:
        clip = clip_extract(extract, clip_shape.iloc[0], Path(tmp) / target.name)
        shares = check_extent(clip, gemeenten, extract, min_dekking)
        cfg_path = Path(config_dir) / f"{area_id}.yaml"
        cfg = area_config(keuze, target, extract, Path(config_dir), marge_m, cbs_folder)
        if (note := dekking_regel(shares)) is not None:
            cfg["bronnen"].append(note)
        text = yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False)
        os.replace(clip.path, target)
    write_atomic(cfg_path, lambda p: Path(p).write_text(text, encoding="utf-8"))
    return cfg_path


def fetch_area(naam: str, land: str = "Nederland", area_id: str | None = None, config_dir: Path | None = None,
               marge_m: float = 3000.0, settings: overpass.Settings | None = None,
               progress: overpass.Progress | None = None) -> Path:
    """Download an area from Overpass into the cache (resuming) and write its config; see the module docstring."""
    config_dir = Path(config_dir) if config_dir is not None else areas_dir()
    if normalise(land) in ("nederland", "netherlands", "nl"):
        keuze = choose([naam])
        area_id = area_id or slug(keuze.naam)
        gemeenten = cbs.read_boundaries("muni", keuze.gemeenten)
        shape = gpd.GeoSeries([gemeenten.geometry.union_all().buffer(marge_m)], crs=gemeenten.crs).to_crs(WGS84)
        merged = overpass.download(cache_root() / "online" / area_id, shape.iloc[0], settings, progress)
        return new_area(keuze.gemeenten, merged, area_id=area_id, config_dir=config_dir, marge_m=marge_m)
    area_id = area_id or slug(naam)
    outline = overpass.geocode(naam, land)
    merged = overpass.download(cache_root() / "online" / area_id, outline.buffer(0.02), settings, progress,
                               boundary=naam)
    cfg = {"naam": naam, "extract": _relative(merged.resolve(), Path(config_dir).resolve()), "crs": "auto",
           "grens": {"naam": naam, "admin_level": "8"},
           "bronnen": [f"OpenStreetMap-gegevens van {naam}, opgehaald via Overpass, © OpenStreetMap contributors, "
                       "ODbL 1.0"]}
    path = Path(config_dir) / f"{area_id}.yaml"
    text = yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False)
    write_atomic(path, lambda p: Path(p).write_text(text, encoding="utf-8"))
    return path
