"""Saved scenario's of a user: one file per scenario in a folder (atomic writes), their earlier versions, the
deleted ones (restorable for 30 days), and drafts.

Saving over a scenario keeps the previous file under ``.versies/<file>/<time>.yaml``; deleting moves it to
``.verwijderd/<time>--<file>.yaml``. A draft is the scenario being edited in a browser session, saved on every
change under ``$GEBIED_USER_DIR/concepten/<area>/<owner>/<id>.json`` so that page switches and reloads lose
nothing (JSON: a province's draft of ~1,000 kernen is written in 1 ms, as YAML in 30; a draft an earlier version
wrote as ``<id>.yaml`` is still read); the id travels in the page address (``?concept=…``) and only its owner's
drafts are found by it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from gebied.core import config
from gebied.core.errors import GebiedError, validation_problems
from gebied.core.fmt import slug
from gebied.scenario.model import Scenario, load_scenario, save_scenario

if TYPE_CHECKING:
    from gebied.area.model import Area

_DRAFT_ID = re.compile(r"[a-z0-9]{8,32}")
_STAMP = re.compile(r"\d{8}T\d{12}Z")
VERSIES = ".versies"
VERWIJDERD = ".verwijderd"
BEWAAR_DAGEN = 30


def user_root() -> Path:
    """Where a user's files live: ``$GEBIED_USER_DIR``, else the werkmap, else ``<repo>/user`` (git-ignored)."""
    return config.user_root()


def user_dir(area_id: str) -> Path:
    """The scenario folder of an area: ``$GEBIED_USER_DIR/scenarios/<area>`` (default ``<repo>/user``)."""
    return user_root() / "scenarios" / area_id


def file_name(naam: str) -> str:
    """A safe file name for a scenario name."""
    return f"{slug(naam) or 'scenario'}.yaml"


def list_scenarios(folder: Path) -> dict[str, Path]:
    """Saved scenario names and their files (unreadable files are skipped)."""
    out: dict[str, Path] = {}
    for p in sorted(Path(folder).glob("*.yaml")):
        try:
            out[load_scenario(p).naam] = p
        except GebiedError:
            continue
    return out


def checked(scenario: Scenario, naam: str | None = None) -> Scenario:
    """``scenario`` (under another ``naam``) validated again before it is written: a model made or changed without
    validation (``model_copy``, ``model_construct``) cannot put a name of control characters or 300 characters
    in a file."""
    try:
        return Scenario.model_validate({**scenario.model_dump(), **({} if naam is None else {"naam": naam})})
    except ValidationError as exc:
        raise GebiedError("Het scenario is ongeldig (een naam heeft 1 tot 120 tekens, zonder stuurtekens).",
                          "The scenario is invalid (a name has 1 to 120 characters, no control characters).",
                          problems=validation_problems(exc, {(): list(Scenario.model_fields)})) from exc


def save(scenario: Scenario, folder: Path, overwrite: bool = True) -> Path:
    """Save (validated again) under a file named after the scenario; refuse to overwrite another scenario's file."""
    scenario = checked(scenario)
    path = Path(folder) / file_name(scenario.naam)
    if path.exists():
        other = load_scenario(path).naam
        if other != scenario.naam or not overwrite:
            raise GebiedError(f"Er bestaat al een scenario '{other}' met deze bestandsnaam.",
                              f"A scenario '{other}' already uses this file name.", path)
        _keep_version(path)
    return save_scenario(scenario, path)


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")


def _when(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)


def _keep_version(path: Path) -> None:
    """Copy the saved file aside before it is overwritten (a version a planner can restore)."""
    target = path.parent / VERSIES / path.stem / f"{_stamp()}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, target)


def versions(folder: Path, naam: str) -> list[tuple[str, dt.datetime]]:
    """Earlier versions of a saved scenario, newest first: ``(version id, saved at (UTC))``."""
    vdir = Path(folder) / VERSIES / Path(file_name(naam)).stem
    stamps = sorted((p.stem for p in vdir.glob("*.yaml") if _STAMP.fullmatch(p.stem)), reverse=True)
    return [(s, _when(s)) for s in stamps]


def restore_version(folder: Path, naam: str, version: str) -> Path:
    """Make an earlier version the saved scenario again (the current one becomes a version itself)."""
    if not _STAMP.fullmatch(version or ""):
        raise GebiedError("Ongeldige versie.", "Invalid version.")
    src = Path(folder) / VERSIES / Path(file_name(naam)).stem / f"{version}.yaml"
    if not src.exists():
        raise GebiedError(f"Versie {version} van '{naam}' bestaat niet.", f"No version {version} of '{naam}'.")
    sc = load_scenario(src).model_copy(update={"naam": naam})
    return save(sc, folder)


def rename(folder: Path, old: str, new: str) -> Path:
    """Rename a saved scenario (new file written first, then the old one removed)."""
    saved = list_scenarios(folder)
    if old not in saved:
        raise GebiedError(f"Scenario '{old}' bestaat niet.", f"Scenario '{old}' does not exist.")
    sc = checked(load_scenario(saved[old]), new)
    if sc.naam in saved or (Path(folder) / file_name(sc.naam)).exists():
        raise GebiedError(f"Er bestaat al een scenario '{sc.naam}'.", f"A scenario '{sc.naam}' already exists.")
    path = save(sc, folder)
    old_versions = Path(folder) / VERSIES / saved[old].stem
    if old_versions.is_dir():
        old_versions.rename(Path(folder) / VERSIES / path.stem)
    saved[old].unlink()
    return path


def delete(folder: Path, naam: str) -> None:
    """Delete a saved scenario: moved aside, restorable for :data:`BEWAAR_DAGEN` days."""
    saved = list_scenarios(folder)
    if naam not in saved:
        raise GebiedError(f"Scenario '{naam}' bestaat niet.", f"Scenario '{naam}' does not exist.")
    bin_ = Path(folder) / VERWIJDERD
    bin_.mkdir(parents=True, exist_ok=True)
    os.replace(saved[naam], bin_ / f"{_stamp()}--{saved[naam].name}")


def deleted(folder: Path, now: dt.datetime | None = None) -> list[tuple[str, str, dt.datetime]]:
    """Deleted scenarios still restorable, newest first: ``(id, name, deleted at (UTC))``; older ones than
    :data:`BEWAAR_DAGEN` days are removed."""
    now = now or dt.datetime.now(dt.UTC)
    out = []
    for p in sorted((Path(folder) / VERWIJDERD).glob("*--*.yaml"), reverse=True):
        stamp = p.name.split("--", 1)[0]
        if not _STAMP.fullmatch(stamp):
            continue
        if now - _when(stamp) > dt.timedelta(days=BEWAAR_DAGEN):
            p.unlink(missing_ok=True)
            continue
        try:
            out.append((p.name, load_scenario(p).naam, _when(stamp)))
        except GebiedError:
            continue
    return out


def restore_deleted(folder: Path, ident: str) -> Path:
    """Put a deleted scenario back (refused when a scenario of that name exists again)."""
    known = {i: n for i, n, _ in deleted(folder)}
    if ident not in known:
        raise GebiedError("Dit verwijderde scenario bestaat niet (meer).", "No such deleted scenario.")
    sc = load_scenario(Path(folder) / VERWIJDERD / ident)
    path = save(sc, folder, overwrite=False)
    (Path(folder) / VERWIJDERD / ident).unlink()
    return path


def load_fitting_one(folder: Path, naam: str, area: Area) -> Scenario:
    """The saved scenario ``naam``, checked against ``area``."""
    saved = list_scenarios(folder)
    if naam not in saved:
        raise GebiedError(f"Scenario '{naam}' bestaat niet.", f"Scenario '{naam}' does not exist.")
    return load_scenario(saved[naam], area)


def load_fitting(folder: Path, area: Area) -> list[Scenario]:
    """Every saved scenario that fits ``area`` (files that do not are skipped)."""
    out = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            out.append(load_scenario(path, area))
        except GebiedError:
            continue
    return out


def new_draft_id() -> str:
    """A fresh, unguessable draft id (for the page address)."""
    return secrets.token_hex(8)


def valid_draft_id(draft_id: str) -> bool:
    """Whether a draft id (from the page address) is one :func:`new_draft_id` could have made."""
    return bool(_DRAFT_ID.fullmatch(draft_id or ""))


def owner_key(owner: str) -> str:
    """The folder of one owner's drafts: a hash of the name (a name never becomes a path)."""
    import hashlib

    return hashlib.sha256(owner.encode()).hexdigest()[:16]


def _draft_path(area_id: str, draft_id: str, owner: str, suffix: str = ".json") -> Path:
    if not valid_draft_id(draft_id):
        raise GebiedError("Ongeldig concept-id.", "Invalid draft id.")
    return user_root() / "concepten" / slug(area_id) / owner_key(owner) / f"{draft_id}{suffix}"


def save_draft(area_id: str, draft_id: str, scenario: Scenario, owner: str = "") -> Path:
    """Save ``owner``'s scenario being edited (atomic; a failed write keeps the previous draft)."""
    path = save_scenario(scenario, _draft_path(area_id, draft_id, owner))
    _draft_path(area_id, draft_id, owner, ".yaml").unlink(missing_ok=True)  # an earlier version's, now outdated
    return path


def _draft_file(path: Path) -> Path | None:
    """The draft file at ``path`` (``.json``), or the ``.yaml`` an earlier version wrote; None if neither."""
    return next((p for p in (path, path.with_suffix(".yaml")) if p.exists()), None)


def load_draft(area_id: str, draft_id: str, area: Area | None = None, owner: str = "") -> Scenario | None:
    """``owner``'s draft with this id, or None when there is none (or it no longer fits the area)."""
    try:
        path = _draft_file(_draft_path(area_id, draft_id, owner))
        return load_scenario(path, area) if path is not None else None
    except GebiedError:
        return None


def others_draft(area_id: str, draft_id: str, area: Area | None = None, owner: str = "") -> Scenario | None:
    """The draft with this id of someone other than ``owner`` (to continue in a copy), or None."""
    if not valid_draft_id(draft_id):
        return None
    mine = owner_key(owner)
    for folder in sorted((user_root() / "concepten" / slug(area_id)).glob("*/")):
        path = _draft_file(folder / f"{draft_id}.json")
        if folder.name != mine and path is not None:
            try:
                return load_scenario(path, area)
            except GebiedError:
                return None
    return None


def is_saved(folder: Path, scenario: Scenario) -> bool:
    """Whether ``scenario`` is saved under its name with exactly this content."""
    path = Path(folder) / file_name(scenario.naam)
    if not path.exists():
        return False
    try:
        return load_scenario(path).model_dump() == scenario.model_dump()
    except GebiedError:
        return False
