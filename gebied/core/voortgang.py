"""Progress of long work (a build, the map's files), stage by stage, for whoever shows it.

``voortgang(stap, gedaan, totaal)`` is called with a stage's Dutch name when it starts (0 of ``totaal`` parts),
as parts are done, and when it ends (``totaal`` of ``totaal``). The library only reports; the CLI draws a bar per
stage (``gebied build``), the app a line in its log.
"""

from __future__ import annotations

from collections.abc import Callable

Voortgang = Callable[[str, int, int], None]


def stil(stap: str, gedaan: int, totaal: int) -> None:
    """A :data:`Voortgang` that reports nothing."""
