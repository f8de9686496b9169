"""What is computed once per object: a value kept for an object (by identity) and a tag.

Pages ask several times a run for facts of the area's outline (its Web Mercator bounds, the tiles over it) that
cost a projection each time; an area is read-only, so a fact of its outline object stays true while it lives
(:func:`per_object`, a few such objects at a time). Results that many come and go, such as the evaluations the
app caches per scenario, keep what is derived from them with themselves instead (:class:`Afleidbaar`): shared by
every session that shows the same scenario, what a page makes of one (formatted tables, the map's data file, the
cost overview) is made once, and goes when the evaluation leaves the cache.
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


class Afleidbaar:
    """Mixin for read-only results (dataclasses): :meth:`afgeleid` keeps derived values with the object. They
    are no dataclass fields, so equality and repr stay those of the fields."""

    def afgeleid(self, tag: Hashable, compute: Callable[..., T], *args: Any) -> T:
        """``compute(*args)``, made once per object and ``tag`` (which must name everything the value depends on
        besides this object). Treat the value as read-only: it is shared. Safe for several threads (at worst a
        value is made twice)."""
        kept: dict[Hashable, Any] = self.__dict__.setdefault("_afgeleid", {})
        if tag not in kept:
            kept[tag] = compute(*args)
        return kept[tag]
