"""Saved scenario's of a user: one file per scenario in a folder (atomic writes), and drafts.

A draft is the scenario being edited in a browser session, saved on every change under
``$GEBIED_USER_DIR/concepten/<area>/<id>.yaml`` so that page switches and reloads lose nothing; the id
travels in the page address (``?concept=…``).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from gebied.core.config import REPO_DIR
from gebied.core.errors import GebiedError
from gebied.core.fmt import slug
from gebied.scenario.model import Scenario, load_scenario, save_scenario

if TYPE_CHECKING:
    from gebied.area.model import Area

_DRAFT_ID = re.compile(r"[a-z0-9]{8,32}")


def user_root() -> Path:
    """Where a user's files live: ``$GEBIED_USER_DIR`` (default ``<repo>/user``, git-ignored)."""
    return Path(os.environ.get("GEBIED_USER_DIR") or REPO_DIR / "user")


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


def save(scenario: Scenario, folder: Path, overwrite: bool = True) -> Path:
    """Save under a file named after the scenario; refuse to overwrite another scenario's file."""
    path = Path(folder) / file_name(scenario.naam)
    if path.exists():
        other = load_scenario(path).naam
        if other != scenario.naam or not overwrite:
            raise GebiedError(f"Er bestaat al een scenario '{other}' met deze bestandsnaam.",
                              f"A scenario '{other}' already uses this file name.", path)
    return save_scenario(scenario, path)


def rename(folder: Path, old: str, new: str) -> Path:
    """Rename a saved scenario (new file written first, then the old one removed)."""
    saved = list_scenarios(folder)
    if old not in saved:
        raise GebiedError(f"Scenario '{old}' bestaat niet.", f"Scenario '{old}' does not exist.")
    if new in saved or (Path(folder) / file_name(new)).exists():
        raise GebiedError(f"Er bestaat al een scenario '{new}'.", f"A scenario '{new}' already exists.")
    sc = load_scenario(saved[old]).model_copy(update={"naam": new})
    path = save(sc, folder)
    saved[old].unlink()
    return path


def delete(folder: Path, naam: str) -> None:
    """Delete a saved scenario."""
    saved = list_scenarios(folder)
    if naam not in saved:
        raise GebiedError(f"Scenario '{naam}' bestaat niet.", f"Scenario '{naam}' does not exist.")
    saved[naam].unlink()


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


def _draft_path(area_id: str, draft_id: str) -> Path:
    if not valid_draft_id(draft_id):
        raise GebiedError("Ongeldig concept-id.", "Invalid draft id.")
    return user_root() / "concepten" / slug(area_id) / f"{draft_id}.yaml"


def save_draft(area_id: str, draft_id: str, scenario: Scenario) -> Path:
    """Save the scenario being edited (atomic; a failed write keeps the previous draft)."""
    return save_scenario(scenario, _draft_path(area_id, draft_id))


def load_draft(area_id: str, draft_id: str, area: Area | None = None) -> Scenario | None:
    """The draft with this id, or None when there is none (or it no longer fits the area)."""
    try:
        path = _draft_path(area_id, draft_id)
        return load_scenario(path, area) if path.exists() else None
    except GebiedError:
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
