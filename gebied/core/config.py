"""Area configuration: ``data/<area>.yaml`` describes one study area.

Adding an area needs no code: write a YAML file naming the OSM extract and,
optionally, CRS, speeds, norms and a planner overrides file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from gebied.core import yamlload
from gebied.core.errors import GebiedError, validation_problems

REPO_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_DIR / "data"


class KernRegels(BaseModel):
    """Rules for deriving kernen (after CBS *Bevolkingskernen*)."""

    model_config = {"extra": "forbid"}

    afstand_m: float = Field(200.0, description="max distance between dwellings of one kern (m)")
    min_adressen: int = Field(25, description="a kern has at least this many addresses ...")
    min_inwoners: int = Field(50, description="... or at least this many inhabitants")
    max_afstand_accommodatie_m: float = Field(
        300.0, description="an accommodatie farther than this from every kern is buitengebied (m)"
    )
    plaats_zoekafstand_m: float = Field(
        500.0, description="a place node names the nearest kern within this distance (m)"
    )


class Grens(BaseModel):
    """An administrative boundary in the extract that outlines the area."""

    model_config = {"extra": "forbid"}

    naam: str
    admin_level: str = "2"


class CbsGebied(BaseModel):
    """A Dutch area made of CBS gemeenten: their boundaries replace any OSM boundary, their wijk figures
    (CBS Kerncijfers wijken en buurten 2022) give the population."""

    model_config = {"extra": "forbid"}

    gemeenten: list[str] = Field(min_length=1, description="CBS gemeente codes (GM….)")
    provincie: str | None = Field(None, description="the province, when the area is a whole province")
    map: Path | None = Field(None, description="folder with the CBS files (default: GEBIED_CBS or ../shared/data/cbs)")
    marge_m: float = Field(3000.0, ge=0, description="margin around the boundary kept in the extract (m)")


class Snelheden(BaseModel):
    """Travel speeds (km/h) per mode; car speeds per OSM highway type."""

    model_config = {"extra": "forbid"}

    lopen: float = 5.0
    fiets: float = 15.0
    ebike: float = 20.0
    auto_standaard: float = 50.0
    veer: float = Field(12.0, description="ferry crossing speed (km/h), for every mode")
    auto: dict[str, float] = Field(
        default_factory=lambda: {
            "motorway": 100.0, "motorway_link": 60.0, "trunk": 80.0, "trunk_link": 50.0,
            "primary": 80.0, "primary_link": 50.0, "secondary": 60.0, "secondary_link": 50.0,
            "tertiary": 50.0, "tertiary_link": 40.0, "unclassified": 50.0, "residential": 30.0,
            "living_street": 15.0, "service": 20.0, "road": 30.0, "track": 20.0,
        }
    )


class Norm(BaseModel):
    """A reachability norm: a voorziening kind within ``minuten`` by ``modus``."""

    model_config = {"extra": "forbid"}

    modus: Literal["lopen", "fiets", "ebike", "auto"]
    minuten: float


def _default_normen() -> dict[str, Norm]:
    return {
        "basisonderwijs": Norm(modus="fiets", minuten=15),
        "kinderopvang": Norm(modus="fiets", minuten=15),
        "ontmoeting": Norm(modus="fiets", minuten=10),
        "sport": Norm(modus="fiets", minuten=20),
        "bibliotheek": Norm(modus="fiets", minuten=20),
        "zorg": Norm(modus="fiets", minuten=20),
        "voortgezet_onderwijs": Norm(modus="fiets", minuten=30),
    }


class Projectie(BaseModel):
    """A built-in population projection: yearly change per age group, ageing of cohorts, births, deaths.

    Every year: a share 1/width of each CBS group moves up to the next group (uniform ages within a
    group); births (``geboorte`` × inhabitants 25–44) join 0–14; ``sterfte`` of 65+ die; then every
    group changes by its ``wijziging`` (net migration and everything else, fraction per year).
    """

    model_config = {"extra": "forbid"}

    naam: str = "eigen"
    cohorten: bool = True
    geboorte: float = Field(0.0, ge=0, le=0.2, description="births per inhabitant aged 25–44 per year")
    sterfte: float = Field(0.0, ge=0, le=0.3, description="deaths per inhabitant aged 65+ per year")
    wijziging: dict[str, float] = Field(default_factory=dict, description="age group -> fraction per year")


#: Named projections. Births and deaths: the Netherlands in 2022 (CBS StatLine: ~168.000 births on ~4,4 mln
#: inhabitants aged 25–44; ~145.000 deaths aged 65+ on ~3,5 mln), rounded.
PROJECTIES: dict[str, Projectie] = {
    "stabiel": Projectie(naam="stabiel", cohorten=False),
    "vergrijzing": Projectie(naam="vergrijzing", geboorte=0.038, sterfte=0.041),
    "krimp": Projectie(naam="krimp", geboorte=0.038, sterfte=0.041, wijziging={"15-24": -0.02, "25-44": -0.005}),
}


class Toekomst(BaseModel):
    """The area's assumptions about the future: base year, projection, participation, school norm."""

    model_config = {"extra": "forbid"}

    basisjaar: int | None = Field(None, description="year of today's figures (CBS areas: 2022)")
    projectie: str | Projectie = "vergrijzing"
    deelname: dict[str, float] = Field(default_factory=dict, description="voorziening -> share of its doelgroep")
    opheffingsnorm: int = Field(23, ge=0, description="pupils below which a primary school may be closed")
    min_ontmoeting: int = Field(25, ge=0, description="users below which a meeting place has lost its users")

    def projectie_model(self) -> Projectie:
        """The projection as a model (a preset name resolved)."""
        if isinstance(self.projectie, Projectie):
            return self.projectie
        if self.projectie not in PROJECTIES:
            raise GebiedError(f"Onbekende projectie '{self.projectie}'; kies uit {', '.join(PROJECTIES)}.",
                              f"Unknown projection '{self.projectie}'.")
        return PROJECTIES[self.projectie]


class BereikInstellingen(BaseModel):
    """How travel times are stored and who may use which accommodatie.

    ``methode``: ``volledig`` keeps every point × accommodatie (a gemeente); ``begrensd`` keeps per
    network node what lies within ``afkap_minuten`` and searches beyond it (a region or province,
    memory grows with the area); ``auto`` picks ``begrensd`` above ``max_cellen`` point × accommodatie pairs.
    """

    model_config = {"extra": "forbid"}

    methode: Literal["auto", "volledig", "begrensd"] = "auto"
    afkap_minuten: float | None = Field(None, gt=0, description="default: the largest norm × 2")
    max_cellen: int = Field(20_000_000, gt=0, description="auto: above this many pairs, begrensd")
    over_gemeentegrens: bool = Field(True, description="inhabitants may use accommodaties in another gemeente")


class Kosten(BaseModel):
    """The area's cost assumptions, written on every page that shows a saving."""

    model_config = {"extra": "forbid"}

    verhuizing_per_m2: float | None = Field(None, ge=0, description="one-off € per m² of use moved; None: unknown")
    horizon_jaren: int = Field(10, ge=1, le=50, description="years over which savings and one-off costs are summed")


class AreaConfig(BaseModel):
    """One study area, as read from ``data/<area>.yaml``."""

    model_config = {"extra": "forbid"}

    id: str
    naam: str
    extract: Path
    crs: str = "auto"
    land: str = ""
    bronnen: list[str] = Field(default_factory=list)
    grens: Grens | None = None
    cbs: CbsGebied | None = None
    netwerk_graphml: Path | None = None
    overrides: Path | None = None
    huishoudgrootte: float = Field(2.2, description="inhabitants per dwelling")
    kern: KernRegels = Field(default_factory=KernRegels)
    snelheden: Snelheden = Field(default_factory=Snelheden)
    normen: dict[str, Norm] = Field(default_factory=_default_normen)
    toekomst: Toekomst = Field(default_factory=Toekomst)
    bereik: BereikInstellingen = Field(default_factory=BereikInstellingen)
    kosten: Kosten = Field(default_factory=Kosten)
    config_path: Path | None = None


def werkmap() -> Path | None:
    """The gemeente's own folder (``GEBIED_WERKMAP``): areas, overrides, prognoses, stories, scenarios, the
    database and the cache, apart from the code; None: the repository's layout (``data/``, ``stories/``,
    ``user/``, ``cache/``)."""
    value = os.environ.get("GEBIED_WERKMAP")
    return Path(value).expanduser().resolve() if value else None


def areas_dir() -> Path:
    """Where new area configurations (and their overrides and prognoses) are written."""
    w = werkmap()
    return w / "gebieden" if w else DATA_DIR


def area_dirs() -> list[Path]:
    """Where area configurations are looked up, first match wins: the werkmap's, then the embedded ones (an empty
    werkmap starts with the embedded default area)."""
    w = werkmap()
    return [w / "gebieden", DATA_DIR] if w else [DATA_DIR]


def user_root() -> Path:
    """Scenarios, drafts and the SQLite database: ``GEBIED_USER_DIR``, else the werkmap, else ``<repo>/user``."""
    if os.environ.get("GEBIED_USER_DIR"):
        return Path(os.environ["GEBIED_USER_DIR"])
    return werkmap() or REPO_DIR / "user"


def verhalen_roots() -> list[Path]:
    """Where stories are looked up, first match wins: the werkmap's ``verhalen/``, then the embedded ``stories/``."""
    w = werkmap()
    return [w / "verhalen", REPO_DIR / "stories"] if w else [REPO_DIR / "stories"]


def cache_root() -> Path:
    """Where derived data (builds, downloads) live: ``GEBIED_CACHE``, else the werkmap's ``cache/``, else
    ``<repo>/cache`` (git-ignored)."""
    if os.environ.get("GEBIED_CACHE"):
        return Path(os.environ["GEBIED_CACHE"])
    w = werkmap()
    return w / "cache" if w else REPO_DIR / "cache"


def default_area_id() -> str:
    """The default area: ``GEBIED_AREA`` or ``default:`` in the first ``areas.yaml`` of :func:`area_dirs`."""
    env = os.environ.get("GEBIED_AREA")
    if env:
        return env
    path = next((d / "areas.yaml" for d in area_dirs() if (d / "areas.yaml").exists()), DATA_DIR / "areas.yaml")
    try:
        return str(yamlload.safe_load(path.read_text(encoding="utf-8"))["default"])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise GebiedError(
            "Geen standaardgebied ingesteld (data/areas.yaml, sleutel 'default').",
            "No default area configured (data/areas.yaml, key 'default').",
            path,
        ) from exc


#: What an area id may look like (an id from an address is checked against it before anything else).
AREA_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def known_area_ids() -> list[str]:
    """The ids of the configured areas (``data/<id>.yaml``), sorted."""
    return sorted({q.stem for d in area_dirs() for q in d.glob("*.yaml") if q.stem != "areas"
                   and AREA_ID.fullmatch(q.stem)})


def resolve_area_path(area: str | Path | None) -> Path:
    """The config file for an area id, a YAML path, or the default area."""
    if area is None:
        area = default_area_id()
    p = Path(area)
    if p.suffix in {".yaml", ".yml"}:
        return p
    found = [d / f"{area}.yaml" for d in area_dirs() if (d / f"{area}.yaml").exists()]
    return found[0] if found else area_dirs()[0] / f"{area}.yaml"


def load_config(area: str | Path | None = None) -> AreaConfig:
    """Read and validate an area configuration.

    Parameters
    ----------
    area
        An area id (``data/<id>.yaml``), a path to a YAML file, or None for the
        default area. A path to an OSM extract (``.pbf``, ``.osm``, ``.graphml``)
        gives an ad-hoc area with default settings.

    Raises
    ------
    GebiedError
        When the file is missing or invalid; paths in it are resolved relative
        to the YAML file.
    """
    if area is not None and Path(area).suffix in {".pbf", ".osm", ".xml", ".graphml"}:
        p = Path(area).resolve()
        return AreaConfig(id=p.name.split(".")[0], naam=p.name.split(".")[0].title(), extract=p)
    path = resolve_area_path(area)
    if not path.exists():
        known = known_area_ids()
        raise GebiedError(
            f"Gebied '{area}' bestaat niet. Bekende gebieden: {', '.join(known)}.",
            f"Area '{area}' does not exist. Known areas: {', '.join(known)}.",
            path,
        )
    try:
        raw = yamlload.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GebiedError(
            "Kan het gebiedsbestand niet lezen.", "Cannot read the area file.", path, [str(exc)]
        ) from exc
    if not isinstance(raw, dict):
        raise GebiedError("Het gebiedsbestand is geen YAML-mapping.", "The area file is not a YAML mapping.", path)
    raw.setdefault("id", path.stem)
    base = path.resolve().parent
    for key in ("extract", "overrides", "netwerk_graphml"):
        if raw.get(key):
            raw[key] = (base / os.path.expandvars(str(raw[key]))).resolve()
    if isinstance(raw.get("cbs"), dict) and raw["cbs"].get("map"):
        raw["cbs"]["map"] = (base / os.path.expandvars(str(raw["cbs"]["map"]))).resolve()
    try:
        cfg = AreaConfig(**raw, config_path=path.resolve())
    except ValidationError as exc:
        fields: dict[tuple[str | int, ...], list[str]] = {
            (): list(AreaConfig.model_fields), ("kern",): list(KernRegels.model_fields),
            ("cbs",): list(CbsGebied.model_fields), ("snelheden",): list(Snelheden.model_fields)}
        raise GebiedError(
            "Het gebiedsbestand is ongeldig.", "The area file is invalid.", path, validation_problems(exc, fields)
        ) from exc
    return cfg
