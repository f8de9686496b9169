"""The build cache: derived layers on disk (GeoParquet), rebuilt when their inputs change.

:func:`load_area` is what the app and the CLI call; :func:`build` builds an area into the cache when its inputs
changed. A build is written stage by stage to a folder of its own (:mod:`gebied.area.bouw`) and swapped in
whole, so a failed build never leaves half a cache; :mod:`gebied.area.opslag` holds the files.
"""

from __future__ import annotations

from pathlib import Path

from gebied.area.bouw import build_stages, open_area
from gebied.area.derive import with_overrides
from gebied.area.model import Area
from gebied.area.opslag import build_key, current, lock, read_area, save_area
from gebied.core.config import cache_root, load_config
from gebied.core.voortgang import Voortgang

__all__ = ["build", "build_key", "load_area", "load_area_with", "read_area", "save_area"]


def build(area: str | Path | None = None, force: bool = False, voortgang: Voortgang | None = None) -> Path:
    """Build an area into the cache if its inputs changed (or ``force``); return the folder.

    The build runs in stages (:mod:`gebied.area.bouw`), each saved as it is done: a stopped build continues
    from its finished stages. ``voortgang(stap, gedaan, totaal)`` hears of each stage."""
    config = load_config(area)
    folder = cache_root() / config.id
    key = build_key(config)
    with lock(config):
        if force or not current(folder, key):
            build_stages(config, key, folder, voortgang=voortgang, opnieuw=force)
    return folder


def load_area(area: str | Path | None = None, overrides: bool = True, vroeg: bool = False) -> Area:
    """The area ready for use: built on first use, loaded from the cache after that.

    Parameters
    ----------
    area
        Area id, YAML path, extract path, or None for the default area.
    overrides
        Merge the area's planner overrides file (if configured).
    vroeg
        Return as soon as the layers are built, the networks following in the background
        (:func:`gebied.area.bouw.open_area`; the app's first map does not wait for them).
    """
    if vroeg:
        result = open_area(area)
    else:
        config = load_config(area)
        result = read_area(build(config.config_path or config.extract), config)
    return with_overrides(result) if overrides else result


def load_area_with(area: str | None, upload_name: str | None, upload: bytes | None, vroeg: bool = False) -> Area:
    """:func:`load_area` with an uploaded overrides file (its name and content; None: none) merged in strictly:
    a row naming an accommodatie the area does not have is an error, and nothing changes."""
    from gebied.area.derive import merge_overrides
    from gebied.area.overrides import read_overrides
    from gebied.core.catalogue import load_catalogue
    from gebied.core.io import upload_file

    result = load_area(area, vroeg=vroeg)
    if upload is None or upload_name is None:
        return result
    with upload_file(upload_name, upload) as path:
        table = read_overrides(path, load_catalogue())
    return merge_overrides(result, table, strict=True)
