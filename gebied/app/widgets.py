"""Shared widgets: the map with its legend and attribution, Dutch numbers, messages, downloads."""

from __future__ import annotations

from typing import Any

import streamlit as st

from gebied.core.catalogue import OSM_ATTRIBUTION
from gebied.core.errors import GebiedError
from gebied.core.fmt import getal
from gebied.maps import deck


def nl(x: float | None, decimals: int = 0) -> str:
    """A number in Dutch notation (1.234,5)."""
    return getal(x, decimals)


def show_map(layers: list[Any], view: Any, legend_items: list[deck.LegendItem], height: int = 560,
             key: str | None = None, on_select: str = "ignore", attributie: str = OSM_ATTRIBUTION) -> Any:
    """The map (pydeck, no external tiles) with the legend beside it and the attribution under it."""
    left, right = st.columns([4, 1])
    with left:
        chart = deck.deck(layers, view)
        event = (st.pydeck_chart(chart, height=height, key=key, on_select="rerun", selection_mode="single-object")
                 if on_select == "rerun" else st.pydeck_chart(chart, height=height, key=key))
        st.caption(attributie)
    with right:
        st.markdown(deck.legend_html(legend_items, attributie), unsafe_allow_html=True)
    return event


def error(exc: GebiedError) -> None:
    """Show a user error: the Dutch message and every problem as a list."""
    st.error(f"**{exc.nl}**\n\n" + "\n".join(f"- {p}" for p in exc.problems))


def downloads(files: dict[str, bytes], stem: str, key: str) -> None:
    """One download button per file, side by side; names get ``stem`` as prefix."""
    mime = {"pdf": "application/pdf", "html": "text/html", "csv": "text/csv", "geojson": "application/geo+json",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    cols = st.columns(max(len(files), 1))
    for col, (name, data) in zip(cols, files.items()):
        col.download_button(f"Download {name}", data, file_name=f"{stem}-{name}",
                            mime=mime.get(name.rsplit(".", 1)[-1], "application/octet-stream"), key=f"{key}_{name}")
