"""gebied — the planner's app: page configuration and navigation only.

Run with ``python3 run.py app``. Each page is a script in ``gebied/app/pages/``; every figure
it shows comes from a ``gebied`` function.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from gebied.app import data, state
from gebied.core.config import default_area_id
from gebied.core.errors import GebiedError

PAGES = Path(__file__).parent / "gebied" / "app" / "pages"

st.set_page_config(page_title="gebied — voorzieningenplanner", page_icon=":material/map:", layout="wide")
try:
    st.session_state.setdefault(state.AREA_ID, st.query_params.get("gebied") or default_area_id())
    area = data.area()
except GebiedError as exc:
    st.error(f"**{exc.nl}**\n\n{exc.en}\n\n" + "\n".join(f"- {p}" for p in exc.problems))
    st.stop()

nav = st.navigation([
    st.Page(PAGES / "kaart.py", title="Kaart", icon=":material/map:", default=True),
    st.Page(PAGES / "bereik.py", title="Bereikbaarheid", icon=":material/directions_bike:"),
    st.Page(PAGES / "scenarios.py", title="Scenario's", icon=":material/holiday_village:"),
    st.Page(PAGES / "vergelijken.py", title="Vergelijken", icon=":material/compare:"),
    st.Page(PAGES / "kernprofiel.py", title="Kern-profiel", icon=":material/assignment:"),
    st.Page(PAGES / "verhaal.py", title="Verhaal", icon=":material/auto_stories:"),
    st.Page(PAGES / "gegevens.py", title="Gegevens", icon=":material/table_chart:"),
])
st.sidebar.caption(f"Gebied: **{area.config.naam}**")
nav.run()
data.context()  # after the page is shown: warm the travel-time matrices for the next page
