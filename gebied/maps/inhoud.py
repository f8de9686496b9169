"""Map files by content: a frame that changes with the planner's choices (a scenario's accommodaties by status)
written once per content, so a page run sends its address instead of its rows.

The browser fetches such a file as it fetches the build's files, and keeps it (a scenario seen before costs no
fetch), and deck.gl's JSON converter does not walk its rows, as it does for rows sent in the page's message
(~0.6 MB a run for a province's ~1,900 accommodaties). A folder keeps at most :data:`MAX_BESTANDEN` files of
one kind; the least recently used go first.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

from gebied.core.io import atomic_path
from gebied.maps.adres import url_of

#: Files of one kind a folder keeps at most.
MAX_BESTANDEN = 200


def content_file(folder: Path, soort: str, frame: pd.DataFrame) -> str:
    """The address of ``frame``'s records as ``folder/<soort>-<hash of the content>.json``, written if missing
    (atomically); ``soort`` is a fixed name part of the caller's (letters only), never a user's text."""
    text = frame.to_json(orient="records", force_ascii=False)  # pandas' C writer: a third of json.dumps's time
    path = folder / f"{soort}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:20]}.json"
    if used_again(folder, url_of(path)):
        return url_of(path)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    prune(folder, soort)
    return url_of(path)


def used_again(folder: Path, url: str) -> bool:
    """Mark the file of ``url`` (an address :func:`content_file` gave for ``folder``) as used now, so it is removed
    last; False if it is gone."""
    try:
        os.utime(folder / url.rsplit("/", 1)[-1])
    except FileNotFoundError:
        return False
    return True


def prune(folder: Path, soort: str, keep: int = MAX_BESTANDEN) -> list[Path]:
    """Remove all but the ``keep`` most recently used files of ``soort`` in ``folder``; the removed files."""
    files = []
    for p in folder.glob(f"{soort}-*.json"):
        try:
            files.append((p.stat().st_mtime, p))
        except FileNotFoundError:  # removed meanwhile by another session
            continue
    files.sort(reverse=True)
    gone = [p for _, p in files[keep:]]
    for p in gone:
        p.unlink(missing_ok=True)
    return gone
