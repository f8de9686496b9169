"""What is computed once per object: a value kept for an object (by identity) and a tag.

Pages ask several times a run for facts of the area's outline (its Web Mercator bounds, the tiles over it) that
cost a projection each time; an area is read-only, so a fact of its outline object stays true while it lives.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

#: (id of the object, tag) -> (the object, the value); the object is kept, so its id is not reused meanwhile.
_KEPT: dict[tuple[int, Hashable], tuple[Any, Any]] = {}
#: At most this many values (a few areas' outlines); then all are computed anew.
MAX_WAARDEN = 64


def per_object(obj: object, tag: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, called once for ``obj`` (by identity) and ``tag``; ``obj`` must not change."""
    key = (id(obj), tag)
    kept = _KEPT.get(key)
    if kept is None or kept[0] is not obj:
        if len(_KEPT) >= MAX_WAARDEN:
            _KEPT.clear()
        kept = _KEPT[key] = (obj, compute())
    return kept[1]
