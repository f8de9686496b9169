"""The scenario being edited (the draft): kept in the session, saved to disk on every change.

The draft survives a page switch (it lives under a session-state key no widget owns) and a reload of
the page (its id is in the address, ``?concept=…``, and it is read back from the user folder). A marker
in the side panel says when it differs from the saved scenario of the same name.
"""

from __future__ import annotations

import streamlit as st

from gebied.app import state
from gebied.area.model import Area
from gebied.scenario import store
from gebied.scenario.model import Scenario

NIEUW = "Nieuw scenario"


def concept_id() -> str:
    """This browser session's draft id: from the address, else a new one (written to the address)."""
    ss = st.session_state
    if state.CONCEPT_ID not in ss:
        given = st.query_params.get("concept", "")
        ss[state.CONCEPT_ID] = given if store.valid_draft_id(given) else store.new_draft_id()
    if st.query_params.get("concept") != ss[state.CONCEPT_ID]:
        st.query_params["concept"] = ss[state.CONCEPT_ID]
    return str(ss[state.CONCEPT_ID])


def current(area: Area) -> Scenario:
    """The draft: from this session, else from disk (a reload), else a new empty scenario."""
    ss = st.session_state
    sc = ss.get(state.SC_CONCEPT)
    if not isinstance(sc, Scenario) or sc.gebied != area.config.id:
        sc = store.load_draft(area.config.id, concept_id(), area) or Scenario(naam=NIEUW, gebied=area.config.id)
        ss[state.SC_CONCEPT] = sc
    return sc


def replace(area: Area, scenario: Scenario) -> None:
    """Make ``scenario`` the draft, save it, and let the choosers show it on their next render."""
    scenario = scenario.model_copy(update={"gebied": area.config.id})
    st.session_state[state.SC_CONCEPT] = scenario
    store.save_draft(area.config.id, concept_id(), scenario)
    for key in [k for k in st.session_state if str(k).startswith("sc_kern_")] + [state.SC_NAAM]:
        st.session_state.pop(key, None)


def set_location(area: Area, kern_id: str, loc: str | None, keep: bool = False) -> None:
    """One kern's choice: its kept accommodatie, None for no location, or (``keep``) leave it as it is."""
    sc = current(area)
    kernen = dict(sc.kernen)
    if keep:
        kernen.pop(kern_id, None)
    else:
        kernen[kern_id] = loc
    sc = sc.model_copy(update={"kernen": kernen})
    st.session_state[state.SC_CONCEPT] = sc
    store.save_draft(area.config.id, concept_id(), sc)


def rename(area: Area, naam: str) -> None:
    """Give the draft another name (saved as a draft; the scenario file is written by Opslaan)."""
    sc = current(area).model_copy(update={"naam": naam.strip() or NIEUW})
    st.session_state[state.SC_CONCEPT] = sc
    store.save_draft(area.config.id, concept_id(), sc)


def unsaved(area: Area) -> bool:
    """Whether the draft holds choices that are not saved under its name."""
    sc = current(area)
    if not sc.kernen and not sc.verplaatsingen and not sc.regionaal:
        return False
    return not store.is_saved(store.user_dir(area.config.id), sc)


def marker(area: Area) -> None:
    """In the side panel of every page: the draft's name and, when it has unsaved changes, a clear marker."""
    if state.SC_CONCEPT not in st.session_state and "concept" not in st.query_params:
        return
    concept_id()  # keeps the draft's id in the address (a page switch clears it), so a reload finds the draft
    sc = current(area)
    if unsaved(area):
        st.sidebar.markdown(f'<span class="gebied-concept">● niet opgeslagen: {sc.naam}</span>',
                            unsafe_allow_html=True)
