"""Gebiedsbiografie stories: Markdown files with YAML front matter, one chapter per ``## `` heading.

A chapter may start with a fenced ``kaart`` block (YAML) that sets its map view::

    ## De Rijn
    ```kaart
    kern: Vaduz            # fit the view to a kern, or give centrum + zoom
    centrum: [9.52, 47.14] # lon, lat
    zoom: 11
    pitch: 30
    bearing: 0
    lagen: [kernen, water, accommodaties]
    markeer_kernen: [Vaduz]
    markeer_accommodaties: [w298497731]
    jaar: 1927
    raster: img/kaart1850.tif
    raster_dekking: 0.7
    ```
    Text in Markdown; images from ``img/`` next to the story.

Validation (pydantic) names the file, the chapter and the field of every problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from gebied.core import yamlload
from gebied.core.errors import GebiedError

if TYPE_CHECKING:
    from gebied.area.model import Area


KNOWN_LAYERS = ("kernen", "accommodaties", "water", "landgebruik", "wegen", "netwerk", "gebouwen", "isochronen")
_FENCE = re.compile(r"^```kaart[ \t]*\n(.*?)^```[ \t]*$\n?", re.S | re.M)
_IMG = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")


class Kaart(BaseModel):
    """The map view of a chapter."""

    model_config = {"extra": "forbid"}

    kern: str | None = None
    centrum: tuple[float, float] | None = None
    zoom: float | None = Field(None, ge=1, le=20)
    pitch: float = Field(0.0, ge=0, le=85)
    bearing: float = Field(0.0, ge=-360, le=360)
    lagen: list[str] = Field(default_factory=lambda: ["kernen", "accommodaties"])
    markeer_kernen: list[str] = Field(default_factory=list)
    markeer_accommodaties: list[str] = Field(default_factory=list)
    jaar: int | None = Field(None, ge=-10000, le=2200)
    raster: str | None = None
    raster_dekking: float = Field(0.7, ge=0, le=1)

    @field_validator("lagen")
    @classmethod
    def _known_layers(cls, v: list[str]) -> list[str]:
        unknown = [x for x in v if x not in KNOWN_LAYERS]
        if unknown:
            raise ValueError(f"onbekende lagen {unknown}; bekend: {', '.join(KNOWN_LAYERS)}")
        return v

    @field_validator("centrum")
    @classmethod
    def _lonlat(cls, v: tuple[float, float] | None) -> tuple[float, float] | None:
        if v is not None and not (-180 <= v[0] <= 180 and -90 <= v[1] <= 90):
            raise ValueError("centrum is [lengtegraad, breedtegraad] in graden")
        return v


class Hoofdstuk(BaseModel):
    """One chapter: title, Markdown text and map view."""

    titel: str
    tekst: str
    kaart: Kaart = Field(default_factory=Kaart)


class Verhaal(BaseModel):
    """A story: front matter and chapters."""

    titel: str
    gebied: str
    auteur: str
    bronnen: list[str] = Field(min_length=1)
    licentie: str
    samenvatting: str = ""
    hoofdstukken: list[Hoofdstuk] = Field(default_factory=list)
    pad: Path | None = None

    @property
    def folder(self) -> Path | None:
        return self.pad.parent if self.pad else None


def _front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        raise ValueError("het bestand begint niet met front matter (--- ... ---)")
    parts = text.split("\n---", 1)
    if len(parts) < 2:
        raise ValueError("front matter niet afgesloten met ---")
    head = yamlload.safe_load(parts[0][3:]) or {}
    if not isinstance(head, dict):
        raise ValueError("front matter is geen YAML-mapping")
    body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return head, body


def parse_verhaal(path: Path, area: Area | None = None) -> Verhaal:
    """Read and validate a story file; with ``area``, kern names, ids and rasters are checked too.

    Raises
    ------
    GebiedError
        Listing every problem as ``hoofdstuk N 'titel', veld: ...``.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GebiedError("Kan het verhaal niet lezen.", "Cannot read the story.", path, [str(exc)]) from exc
    problems: list[str] = []
    try:
        head, body = _front_matter(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise GebiedError("De front matter van het verhaal is ongeldig.", "The story's front matter is invalid.",
                          path, [str(exc)]) from exc
    chapters = []
    sections = re.split(r"^## +(.+)$", body, flags=re.M)
    for n, i in enumerate(range(1, len(sections), 2), start=1):
        title, content = sections[i].strip(), sections[i + 1]
        where = f"hoofdstuk {n} '{title}'"
        kaart: dict = {}
        m = _FENCE.search(content)
        if m:
            try:
                kaart = yamlload.safe_load(m.group(1)) or {}
                if not isinstance(kaart, dict):
                    raise ValueError("kaart-blok is geen YAML-mapping")
            except (yaml.YAMLError, ValueError) as exc:
                problems.append(f"{where}, kaart: {exc}")
                kaart = {}
            content = content[:m.start()] + content[m.end():]
        try:
            chapters.append(Hoofdstuk(titel=title, tekst=content.strip(), kaart=Kaart(**kaart)))
        except ValidationError as exc:
            problems += [f"{where}, kaart.{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        for src in _IMG.findall(content):
            if not _local_image_ok(path.parent, src):
                problems.append(f"{where}, afbeelding '{src}': alleen bestanden uit img/ naast het verhaal")
        if m is None and n == 1 and not content.strip():
            problems.append(f"{where}: leeg hoofdstuk")
    if len(sections) < 2:
        problems.append("geen hoofdstukken (## Titel) gevonden")
    try:
        story = Verhaal(**head, hoofdstukken=chapters, pad=path.resolve())
    except ValidationError as exc:
        problems += [f"front matter, {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        story = None
    if story is not None and area is not None:
        problems += check_against_area(story, area)
    if problems:
        raise GebiedError("Het verhaal bevat fouten.", "The story has errors.", path, problems)
    assert story is not None  # no problems means the front matter validated
    return story


def _local_image_ok(folder: Path, src: str) -> bool:
    if re.match(r"^[a-z]+:", src) or src.startswith(("/", "\\")) or ".." in Path(src).parts:
        return False
    return Path(src).parts[:1] == ("img",) and (folder / src).exists()


def check_against_area(story: Verhaal, area: Area) -> list[str]:
    """Problems of a story against an area: unknown kernen or accommodaties, missing rasters."""
    problems = []
    kern_names = set(area.kernen["naam"])
    acc_ids = set(area.accommodaties["accommodatie_id"])
    for n, h in enumerate(story.hoofdstukken, start=1):
        where = f"hoofdstuk {n} '{h.titel}'"
        for k in ([h.kaart.kern] if h.kaart.kern else []) + h.kaart.markeer_kernen:
            if k not in kern_names:
                problems.append(f"{where}, kaart.kern: '{k}' is geen kern van dit gebied")
        for a in h.kaart.markeer_accommodaties:
            if a not in acc_ids:
                problems.append(f"{where}, kaart.markeer_accommodaties: '{a}' bestaat niet")
        if h.kaart.raster and (story.folder is None or not (story.folder / h.kaart.raster).exists()):
            problems.append(f"{where}, kaart.raster: bestand '{h.kaart.raster}' niet gevonden")
    return problems


def check_path(path: Path, area: Area | None = None) -> tuple[list[Path], list[str]]:
    """Validate a story file or every ``*.md`` in a folder; returns (good files, problem lines)."""
    path = Path(path)
    if not path.exists():
        return [], [f"{path}: bestaat niet / does not exist"]
    # stories are *.md in the folder or in its area subfolders; kernen/ holds planners' additions, not stories
    files = sorted(f for f in path.rglob("*.md") if f.parent.name != "kernen") if path.is_dir() else [path]
    good, problems = [], []
    for f in files:
        try:
            parse_verhaal(f, area)
            good.append(f)
        except GebiedError as exc:
            problems += [f"{f}: {p}" for p in exc.problems] or [f"{f}: {exc.nl}"]
    if not files:
        problems.append(f"{path}: geen verhalen (*.md) gevonden")
    return good, problems


def verhalen_dir(area_id: str) -> Path:
    """The story folder of an area: ``verhalen/<area>`` in the werkmap when it has one, else ``stories/<area>``."""
    from gebied.core.config import verhalen_roots

    roots = verhalen_roots()
    return next((r / area_id for r in roots if (r / area_id).is_dir()), roots[0] / area_id)
