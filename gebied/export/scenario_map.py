"""Print map of the current situation or of a scenario (kept / closed accommodaties), as PDF or PNG."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gebied.area.model import Area
from gebied.maps.printmap import MapLayout, draw_map, save_figure
from gebied.maps.status import status_colours, status_legend
from gebied.scenario.evaluate import Evaluation


def scenario_map(area: Area, ev: Evaluation | None, formaat: str = "A4", staand: bool = False,
                 date: dt.date | None = None) -> MapLayout:
    """The print map, for the current situation (``ev`` None) or a scenario (kept/closed colours)."""
    if ev is None:
        return draw_map(area, f"Voorzieningen in {area.config.naam}", "Huidige situatie", formaat, staand, date=date)
    return draw_map(area, f"Scenario: {ev.scenario.naam}", f"{area.config.naam} · één locatie per kern", formaat,
                    staand, colours=status_colours(area, ev), status_legend=status_legend(), date=date)


def export_map(area: Area, path: Path, ev: Evaluation | None = None, formaat: str = "A4", staand: bool = False,
               date: dt.date | None = None) -> MapLayout:
    """Write the print map as PDF (vector) or 300 dpi PNG."""
    layout = scenario_map(area, ev, formaat, staand, date)
    save_figure(layout.fig, path)
    return layout
