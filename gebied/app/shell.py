"""The app's shell: the area, navigation, and the map frame around each page.

``app.py`` calls :func:`main` on every run (after :func:`gebied.app.page.head`); each page is a script in
``gebied/app/pages/``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from gebied.app import concept, data, layout, state
from gebied.app.widgets import error
from gebied.core.config import default_area_id
from gebied.core.errors import GebiedError

PAGES = Path(__file__).parent / "pages"


def main() -> None:
    """Open the area, run the chosen page in the map frame (after :func:`gebied.app.page.head`)."""
    try:
        st.session_state.setdefault(state.AREA_ID, st.query_params.get("gebied") or default_area_id())
        area = data.area()
    except GebiedError as exc:
        error(exc)
        st.stop()

    nav = st.navigation([
        st.Page(PAGES / "kaart.py", title="Kaart", icon=":material/map:", default=True),
        st.Page(PAGES / "bereik.py", title="Bereikbaarheid", icon=":material/directions_bike:"),
        st.Page(PAGES / "scenarios.py", title="Scenario's", icon=":material/holiday_village:"),
        st.Page(PAGES / "vergelijken.py", title="Vergelijken", icon=":material/compare:"),
        st.Page(PAGES / "kernprofiel.py", title="Kern-profiel", icon=":material/assignment:"),
        st.Page(PAGES / "verhaal.py", title="Verhaal", icon=":material/auto_stories:"),
        st.Page(PAGES / "gegevens.py", title="Gegevens", icon=":material/table_chart:"),
        st.Page(PAGES / "werkplaats.py", title="Werkplaats", icon=":material/groups:"),
        st.Page(PAGES / "meedoen.py", title="Meedoen", icon=":material/smartphone:"),
        st.Page(PAGES / "scherm.py", title="Scherm", icon=":material/cast:"),
    ])
    st.sidebar.caption(f"Gebied: **{area.config.naam}**")
    concept.marker(area)
    ratio = layout.ratio_for(nav.title, bool(st.session_state.get(state.VH_PRESENTATIE)))
    if ratio is not None:  # the map at the same place on every map page: the browser keeps it across switches
        layout.open_frame(ratio)
    ran = False
    try:
        nav.run()
        ran = True
    finally:
        layout.close_frame(draw=ran)  # the page's map, drawn here so it is the same element on every page
    data.start_warmup(*data.data_key())  # once per area: isochrones and travel times of every mode, in the background
