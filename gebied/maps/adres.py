"""Where the app serves the map's files: the folder beside ``app.py`` and the address of a file in it."""

from __future__ import annotations

from pathlib import Path

from gebied.core.config import REPO_DIR

#: Folder the app serves at :data:`URL` (Streamlit's static serving of ``static/`` beside ``app.py``).
STATIC = REPO_DIR / "static" / "gebied"
URL = "/app/static/gebied/"


def url_of(path: Path) -> str:
    """The address at which the app serves ``path`` (a file in a folder of :data:`STATIC`)."""
    return f"{URL}{path.parent.name}/{path.name}"


def path_of(url: str) -> Path:
    """The file behind an address of :func:`url_of`."""
    return STATIC / url.removeprefix(URL)
