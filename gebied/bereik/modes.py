"""Travel modes: which network each uses and how fast it goes. One table, set by the area config."""

from __future__ import annotations

from dataclasses import dataclass

from gebied.core.config import Snelheden


@dataclass(frozen=True)
class Modus:
    """A travel mode.

    Attributes
    ----------
    id
        ``lopen``, ``fiets``, ``ebike`` or ``auto``.
    label
        Dutch label for the interface.
    netwerk
        The network it travels on (``lopen``, ``fiets`` or ``auto``).
    snelheid_kmh
        Constant speed in km/h; None for the car, which uses each edge's ``speed_kph``.
    toegang_kmh
        Speed for the straight-line stretch between a point and its network node (km/h).
    veer_kmh
        Speed on ferry crossings (km/h), whatever the mode.
    """

    id: str
    label: str
    netwerk: str
    snelheid_kmh: float | None
    toegang_kmh: float
    veer_kmh: float = 12.0


def modes(speeds: Snelheden | None = None) -> dict[str, Modus]:
    """The mode table for the given speeds (defaults: walk 5, bike 15, e-bike 20 km/h)."""
    s = speeds or Snelheden()
    return {
        "lopen": Modus("lopen", "Lopen", "lopen", s.lopen, s.lopen, s.veer),
        "fiets": Modus("fiets", "Fiets", "fiets", s.fiets, s.fiets, s.veer),
        "ebike": Modus("ebike", "E-bike", "fiets", s.ebike, s.ebike, s.veer),
        "auto": Modus("auto", "Auto", "auto", None, s.auto.get("service", 20.0), s.veer),
    }
