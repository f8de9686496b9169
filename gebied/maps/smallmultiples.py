"""Small-multiples maps of scenario's (matplotlib): one panel per scenario, same extent and legend."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from gebied.area.model import Area
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.maps.status import status_colours, status_legend

if TYPE_CHECKING:
    from gebied.scenario.evaluate import Evaluation



def small_multiples(area: Area, evaluations: list[Evaluation], ncols: int = 3, panel_in: float = 4.0) -> Figure:
    """A figure with one map per evaluated scenario (kernen, accommodaties kept/closed)."""
    n = len(evaluations)
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    fig = Figure(figsize=(panel_in * ncols, panel_in * 1.35 * nrows + 0.6))
    axes = fig.subplots(nrows, ncols, squeeze=False)
    kst = load_catalogue().layer("kernen").stijl
    for ax, ev in zip(axes.flat, evaluations):
        area.grens.boundary.plot(ax=ax, color="#555555", linewidth=0.8)
        area.water.plot(ax=ax, color="#a6cee3", linewidth=0)
        area.kernen.plot(ax=ax, color=kst["vulkleur"], edgecolor=kst["lijnkleur"], linewidth=0.4, alpha=0.8)
        colours = status_colours(area, ev)
        area.accommodaties.plot(ax=ax, color=colours, markersize=14, edgecolor="white", linewidth=0.4, zorder=3)
        t = ev.totaal
        ax.set_title(f"{ev.scenario.naam}\n{int(t['accommodaties_na'])} open · {int(t['gesloten'])} dicht",
                     fontsize=9)
        ax.set_axis_off()
        ax.set_aspect("equal")
    for ax in list(axes.flat)[n:]:
        ax.set_axis_off()
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=label) for label, c in status_legend()]
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, fontsize=8)
    fig.text(0.99, 0.005, attribution(area), ha="right", va="bottom", fontsize=6, color="#555555")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig
