"""The layer catalogue: one source of truth for layers, categories, labels and colours.

Everything the app, the exports and the CLI show about a layer (its Dutch title,
legend label, colour, attribution) and every accommodatie category and
voorziening kind is read from ``layers/*.yaml`` through this module.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from gebied.core import yamlload
from gebied.core.errors import GebiedError

OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
LAYERS_DIR = Path(__file__).resolve().parents[2] / "layers"


class Layer(BaseModel):
    """One map layer as declared in ``layers/<id>.yaml``."""

    id: str
    titel: str
    beschrijving: str = ""
    bron: str
    geometrie: str
    stijl: dict[str, Any] = Field(default_factory=dict)
    legenda: str
    attributie: str


class NaamRegel(BaseModel):
    """Voorzieningen for accommodaties whose name fully matches ``naam`` (a regex)."""

    naam: str
    voorzieningen: list[str]


class Categorie(BaseModel):
    """An accommodatie category: OSM tag rules, default voorzieningen, colour."""

    id: str
    label: str
    kleur: str
    voorzieningen: list[str]
    regels: list[dict[str, str]]
    naam_voorzieningen: list[NaamRegel] = Field(default_factory=list)
    in_scenario: bool = True


class VoorzieningSoort(BaseModel):
    """A kind of voorziening (a function hosted in an accommodatie)."""

    id: str
    label: str
    kleur: str
    doelgroep: list[str] = Field(default_factory=list, description="age groups (CBS or derived) who use it")
    deelname: float = Field(1.0, ge=0, le=1, description="share of the doelgroep who use it")


class AfgeleideGroep(BaseModel):
    """A finer age group derived from the CBS groups: ``uniform`` within them, or a fixed ``aandeel`` of one."""

    id: str
    label: str
    van: int
    tot: int
    regel: Literal["uniform", "aandeel"] = "uniform"
    uit: str | None = None
    aandeel: float | None = Field(None, ge=0, le=1)


class Leeftijdsopbouw(BaseModel):
    """A national default age structure: % per CBS age group, with its source."""

    bron: str
    land: str
    aandelen: dict[str, float]


class LeeftijdsGroep(BaseModel):
    """An age group (ages ``van`` to ``tot`` inclusive), with its CBS column and colour."""

    id: str
    label: str
    van: int
    tot: int
    cbs: str
    kleur: str

    @property
    def kolom(self) -> str:
        """The column of this group's inhabitants in gebied's tables: ``leeftijd_0_14`` … ``leeftijd_65plus``."""
        return "leeftijd_" + self.id.replace("-", "_").replace("+", "plus")


class Kolom(BaseModel):
    """How a table column is shown: Dutch label, kind of number, decimals, and its unit in exports."""

    label: str
    soort: Literal["tekst", "getal", "euro", "procent", "minuten", "ja_nee"] = "tekst"
    decimalen: int = 0
    eenheid: str | None = None


class Catalogue(BaseModel):
    """All layers, accommodatie categories, voorziening kinds, age groups and table columns."""

    layers: dict[str, Layer]
    categorieen: list[Categorie]
    voorzieningen: list[VoorzieningSoort]
    leeftijdsgroepen: list[LeeftijdsGroep] = Field(default_factory=list)
    afgeleide_groepen: list[AfgeleideGroep] = Field(default_factory=list)
    leeftijdsopbouw: Leeftijdsopbouw | None = None
    kolommen: dict[str, Kolom] = Field(default_factory=dict)

    def leeftijd_kolommen(self) -> list[str]:
        """The age-group columns, youngest first."""
        return [g.kolom for g in self.leeftijdsgroepen]

    def layer(self, layer_id: str) -> Layer:
        """The layer with id ``layer_id``."""
        return self.layers[layer_id]

    def categorie(self, categorie_id: str) -> Categorie:
        """The accommodatie category with id ``categorie_id``."""
        for c in self.categorieen:
            if c.id == categorie_id:
                return c
        raise KeyError(categorie_id)

    def voorziening(self, soort_id: str) -> VoorzieningSoort:
        """The voorziening kind with id ``soort_id``."""
        for v in self.voorzieningen:
            if v.id == soort_id:
                return v
        raise KeyError(soort_id)

    def scenario_categorieen(self) -> set[str]:
        """Categories a scenario may close (the municipality's own accommodaties)."""
        return {c.id for c in self.categorieen if c.in_scenario}

    def voorziening_ids(self) -> list[str]:
        """Ids of all voorziening kinds, in catalogue order."""
        return [v.id for v in self.voorzieningen]

    def classify(self, tags: dict[str, str]) -> str | None:
        """The category id for an OSM object with ``tags``, or None.

        The first category with a matching rule wins; a rule matches when every
        key it names is present and its value fully matches the rule's regex.
        """
        keys, rules = self._rules
        if keys.isdisjoint(tags):
            return None
        for cat_id, rule in rules:
            for k, pattern in rule:
                value = tags.get(k)
                if value is None or pattern.fullmatch(value) is None:
                    break
            else:
                return cat_id
        return None

    @functools.cached_property
    def _rules(self) -> tuple[frozenset[str], list[tuple[str, list[tuple[str, re.Pattern[str]]]]]]:
        """The classification rules compiled once (deriving an area classifies every OSM object: ~24,000 in the
        default extract), with every key any rule names."""
        rules = [(cat.id, [(k, re.compile(rx)) for k, rx in rule.items()])
                 for cat in self.categorieen for rule in cat.regels]
        return frozenset(k for _, rule in rules for k, _ in rule), rules

    def voorzieningen_for(self, categorie_id: str, name: str | None = None) -> list[str]:
        """Default voorzieningen of an accommodatie of this category and name."""
        cat = self.categorie(categorie_id)
        for regel in cat.naam_voorzieningen:
            if name and re.fullmatch(regel.naam, name):
                return list(regel.voorzieningen)
        return list(cat.voorzieningen)


def hex_to_rgba(colour: str, alpha: float = 1.0) -> list[int]:
    """``"#rrggbb"`` to ``[r, g, b, a]`` with a in 0–255 (pydeck's colour form)."""
    c = colour.lstrip("#")
    return [int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16), round(255 * alpha)]


def _read_yaml(path: Path) -> Any:
    try:
        return yamlload.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GebiedError(
            "Kan de lagencatalogus niet lezen.", "Cannot read the layer catalogue.", path, [str(exc)]
        ) from exc


@functools.cache
def load_catalogue(directory: str | None = None) -> Catalogue:
    """Read the catalogue from ``directory`` (default: the repository's ``layers/``).

    The environment variable ``GEBIED_LAYERS`` overrides the default folder.
    """
    folder = Path(directory or os.environ.get("GEBIED_LAYERS") or LAYERS_DIR)
    cats = _read_yaml(folder / "categorieen.yaml")
    kolommen = _read_yaml(folder / "kolommen.yaml") if (folder / "kolommen.yaml").exists() else {}
    layers: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name in ("categorieen.yaml", "kolommen.yaml", "leeftijdsopbouw.yaml"):
            continue
        layers[path.stem] = _read_yaml(path)
    opbouw = folder / "leeftijdsopbouw.yaml"
    extra = {"leeftijdsopbouw": _read_yaml(opbouw)} if opbouw.exists() else {}
    try:
        return Catalogue(layers=layers, **cats, **(kolommen or {}), **extra)
    except (ValidationError, TypeError) as exc:
        raise GebiedError(
            "De lagencatalogus is ongeldig.", "The layer catalogue is invalid.", folder, [str(exc)]
        ) from exc
