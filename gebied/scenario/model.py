"""Scenario's "één locatie per kern": the model, its files and its validation.

A scenario says, per kern, which accommodatie is the kept location (or none), and
where each voorziening of a closing accommodatie goes: to the kept location of its
own kern by default, to a named accommodatie elsewhere, or nowhere (it stops).
Regional accommodaties (a sporthal serving several kernen) may be kept outside the
one-per-kern rule. Kernen a scenario does not name keep what they have.

Scenario files are YAML or JSON with a schema version; they are written atomically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd
import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from gebied.core import yamlload
from gebied.core.errors import GebiedError, validation_problems

if TYPE_CHECKING:
    from gebied.area.model import Area
    from gebied.core.catalogue import Catalogue


SCHEMA_VERSION = 1
#: The longest scenario name (characters).
MAX_NAAM = 120


class Verplaatsing(BaseModel):
    """Where a voorziening of a closing accommodatie goes (``naar`` None: it stops)."""

    model_config = {"extra": "forbid"}

    van: str = Field(description="the closing accommodatie")
    voorziening: str
    naar: str | None = Field(None, description="accommodatie that takes it over; None = it stops")


class Scenario(BaseModel):
    """A scenario: kept location per kern, regional locations, moves of voorzieningen.

    Unknown keys are refused (a misspelt ``verplaatsingn:`` must not silently drop its content).
    """

    model_config = {"extra": "forbid"}

    schema_versie: int = SCHEMA_VERSION
    naam: str = Field(min_length=1, max_length=MAX_NAAM)
    beschrijving: str = ""
    gebied: str = ""
    gemeente: str | None = Field(None, description="the gemeente whose choices this is; None = the whole area")
    kernen: dict[str, str | None] = Field(default_factory=dict,
                                          description="kern_id -> kept accommodatie_id (None: no location)")
    regionaal: list[str] = Field(default_factory=list, description="accommodaties kept outside the rule")
    verplaatsingen: list[Verplaatsing] = Field(default_factory=list)
    bron: Literal["handmatig", "regel", "optimaal"] = "handmatig"
    toelichting: str = ""

    @field_validator("kernen")
    @classmethod
    def _in_kern_order(cls, kernen: dict[str, str | None]) -> dict[str, str | None]:
        return in_kern_order(kernen)

    @field_validator("naam")
    @classmethod
    def _plain_name(cls, naam: str) -> str:
        """A name is one line of visible text: no control characters (a NUL byte, a line break ...)."""
        if any(ord(c) < 32 or ord(c) == 127 for c in naam) or not naam.strip():
            raise ValueError("naam mag geen stuurtekens bevatten en niet leeg zijn")
        return naam.strip()


def in_kern_order(kernen: dict[str, str | None]) -> dict[str, str | None]:
    """A scenario's choices per kern in the order of the kern ids: the same choices are the same scenario (and the
    same file and JSON) whatever order a planner made them in, so the app answers a choice made again from the
    evaluation it kept."""
    return dict(sorted(kernen.items()))


def validate_scenario(scenario: Scenario, area: Area, catalogue: Catalogue | None = None) -> list[str]:
    """Every problem of a scenario against an area, one line each (empty: valid)."""
    from gebied.core.catalogue import load_catalogue

    catalogue = catalogue or load_catalogue()
    problems: list[str] = []
    acc = area.accommodaties.set_index("accommodatie_id")
    kern_names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    kern_gem = dict(zip(area.kernen["kern_id"], area.kernen.get("gemeente", pd.Series(dtype=object))))
    if scenario.gemeente is not None and scenario.gemeente not in set(kern_gem.values()):
        problems.append(f"gemeente '{scenario.gemeente}' ligt niet in dit gebied / unknown gemeente")
    for kern_id, loc in scenario.kernen.items():
        if kern_id not in kern_names:
            problems.append(f"kern '{kern_id}' bestaat niet in dit gebied / unknown kern")
            continue
        if scenario.gemeente is not None and kern_gem.get(kern_id) != scenario.gemeente:
            problems.append(f"kern {kern_names[kern_id]} ligt niet in gemeente {scenario.gemeente} "
                            "/ is not in this scenario's gemeente")
        if loc is None:
            continue
        if loc not in acc.index:
            problems.append(f"kern {kern_names[kern_id]}: accommodatie '{loc}' bestaat niet / unknown accommodatie")
        elif acc.at[loc, "kern_id"] != kern_id:
            problems.append(f"kern {kern_names[kern_id]}: '{loc}' ({acc.at[loc, 'naam']}) ligt niet in deze kern "
                            "/ is not in this kern")
    for a in scenario.regionaal:
        if a not in acc.index:
            problems.append(f"regionaal: accommodatie '{a}' bestaat niet / unknown accommodatie")
    kept = set(open_accommodaties(scenario, area, catalogue))
    soorten = set(catalogue.voorziening_ids())
    for v in scenario.verplaatsingen:
        if v.van not in acc.index:
            problems.append(f"verplaatsing: accommodatie '{v.van}' bestaat niet / unknown accommodatie")
        if v.voorziening not in soorten:
            problems.append(f"verplaatsing: voorziening '{v.voorziening}' onbekend / unknown voorziening")
        if v.naar is not None:
            if v.naar not in acc.index:
                problems.append(
                    f"verplaatsing {v.voorziening} van {v.van}: doel '{v.naar}' bestaat niet / unknown target"
                )
            elif v.naar not in kept:
                problems.append(f"verplaatsing {v.voorziening} van {v.van}: doel {acc.at[v.naar, 'naam']} ({v.naar}) "
                                "gaat dicht in dit scenario / target closes in this scenario")
        if v.van in acc.index and v.van in kept:
            problems.append(f"verplaatsing: {acc.at[v.van, 'naam']} ({v.van}) blijft open; alleen voorzieningen van "
                            "sluitende accommodaties verhuizen / only closing accommodaties move voorzieningen")
    return problems


def open_accommodaties(scenario: Scenario, area: Area, catalogue: Catalogue | None = None) -> list[str]:
    """Ids of the accommodaties that stay open under ``scenario``."""
    from gebied.core.catalogue import load_catalogue

    catalogue = catalogue or load_catalogue()
    scope = catalogue.scenario_categorieen()
    acc = area.accommodaties
    keep = []
    for aid, kern, cat in zip(acc["accommodatie_id"].tolist(), acc["kern_id"].tolist(), acc["categorie"].tolist()):
        if cat not in scope or kern is None or kern not in scenario.kernen:
            keep.append(aid)  # out of scope, buitengebied, or a kern the scenario leaves as is
        elif scenario.kernen[kern] == aid or aid in scenario.regionaal:
            keep.append(aid)
    return keep


def baseline(area: Area, naam: str = "Huidige situatie") -> Scenario:
    """The current situation as a scenario (every accommodatie stays)."""
    return Scenario(naam=naam, gebied=area.config.id, beschrijving="Alle accommodaties blijven open.")


# ---------------------------------------------------------------- files

def load_scenario(path: str | Path, area: Area | None = None) -> Scenario:
    """Read a scenario file (YAML or JSON); with ``area``, also check it against the area.

    Raises
    ------
    GebiedError
        Unreadable file, a newer schema version, invalid fields, or (with ``area``)
        unknown kernen/accommodaties, locations outside their kern, moves to closed
        accommodaties; every problem is listed.
    """
    path = Path(path)
    if not path.exists():
        raise GebiedError("Scenariobestand niet gevonden.", "Scenario file not found.", path)
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix.lower() == ".json" else yamlload.safe_load(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise GebiedError("Kan het scenariobestand niet lezen.", "Cannot read the scenario file.", path,
                          [str(exc)]) from exc
    if not isinstance(raw, dict):
        raise GebiedError("Het scenariobestand is geen mapping.", "The scenario file is not a mapping.", path)
    version = raw.get("schema_versie", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise GebiedError(
            f"Schemaversie {version} is nieuwer dan deze versie van gebied aankan ({SCHEMA_VERSION}); werk gebied bij.",
            f"Schema version {version} is newer than this gebied supports ({SCHEMA_VERSION}); upgrade gebied.", path)
    problems = _duplicate_kernen(raw)
    try:
        scenario = Scenario(**raw)
    except ValidationError as exc:
        moves = raw["verplaatsingen"] if isinstance(raw.get("verplaatsingen"), list) else []
        known: dict[tuple[str | int, ...], list[str]] = {(): list(Scenario.model_fields)}
        known.update({("verplaatsingen", i): list(Verplaatsing.model_fields) for i in range(len(moves))})
        problems += validation_problems(exc, known)
        raise GebiedError("Het scenariobestand is ongeldig.", "The scenario file is invalid.", path, problems) from exc
    if area is not None:
        problems += validate_scenario(scenario, area)
    if problems:
        raise GebiedError("Het scenario klopt niet met het gebied.", "The scenario does not fit the area.",
                          path, problems)
    return scenario


def _duplicate_kernen(raw: dict) -> list[str]:
    """A list-of-pairs ``kernen`` may name a kern twice (two locations in one kern): report it."""
    kernen = raw.get("kernen")
    if isinstance(kernen, list):
        seen: dict[str, int] = {}
        out = {}
        for item in kernen:
            if isinstance(item, dict) and "kern" in item:
                seen[item["kern"]] = seen.get(item["kern"], 0) + 1
                out[item["kern"]] = item.get("locatie")
        raw["kernen"] = out
        return [f"kern '{k}' heeft {n} locaties; één locatie per kern / two locations in one kern"
                for k, n in seen.items() if n > 1]
    return []


def scenario_text(scenario: Scenario, fmt: str = "yaml") -> str:
    """A scenario as YAML or JSON text."""
    data = scenario.model_dump(mode="json")
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def save_scenario(scenario: Scenario, path: str | Path) -> Path:
    """Write a scenario atomically (a failed write leaves the previous file intact)."""
    from gebied.core.io import write_atomic

    path = Path(path)
    text = scenario_text(scenario, "json" if path.suffix.lower() == ".json" else "yaml")
    write_atomic(path, lambda p: Path(p).write_text(text, encoding="utf-8"))
    return path


def diff(a: Scenario, b: Scenario, area: Area) -> list[str]:
    """What differs between two scenarios, per kern, in Dutch."""
    names = dict(zip(area.accommodaties["accommodatie_id"], area.accommodaties["naam"]))
    kern_names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    out = []
    for k in sorted(set(a.kernen) | set(b.kernen), key=lambda x: kern_names.get(x, x)):
        la, lb = a.kernen.get(k, "ongewijzigd"), b.kernen.get(k, "ongewijzigd")
        if la != lb:
            out.append(f"{kern_names.get(k, k)}: {names.get(la, la) if la else 'geen locatie'} → "
                       f"{names.get(lb, lb) if lb else 'geen locatie'}")
    for x in sorted(set(a.regionaal) ^ set(b.regionaal)):
        out.append(f"regionaal {names.get(x, x)}: {'alleen in ' + (a.naam if x in a.regionaal else b.naam)}")
    va = {(v.van, v.voorziening): v.naar for v in a.verplaatsingen}
    vb = {(v.van, v.voorziening): v.naar for v in b.verplaatsingen}
    for key in sorted(set(va) | set(vb)):
        if va.get(key, "standaard") != vb.get(key, "standaard"):
            out.append(
                f"{key[1]} van {names.get(key[0], key[0])}: {va.get(key, 'standaard')} → {vb.get(key, 'standaard')}"
            )
    return out
