"""The scenario being edited (the draft): kept in the session, saved to disk on every change.

The draft survives a page switch (it lives under a session-state key no widget owns) and a reload of
the page (its id is in the address, ``?concept=…``, and it is read back from the user folder). A draft belongs
to the person who made it: an address with someone else's draft id opens a copy under a new id, so the owner's
draft is never changed or wiped by another. A marker in the side panel says when it differs from the saved
scenario of the same name.
"""

from __future__ import annotations

import streamlit as st

from gebied.app import inloggen, state
from gebied.app.werkplaats import veilig
from gebied.area.model import Area
from gebied.scenario import store
from gebied.scenario.model import Scenario, in_kern_order

NIEUW = "Nieuw scenario"


def owner() -> str:
    """Whose drafts this session edits (the logged-in name; the single local planner's 'lokaal')."""
    wie = inloggen.user()
    return wie.naam if wie is not None else ""


def concept_id() -> str:
    """This browser session's draft id: from the address when it is this person's, else a new one (written to the
    address); someone else's draft from the address is copied into the new one."""
    ss = st.session_state
    if state.CONCEPT_ID not in ss:
        given = st.query_params.get("concept", "")
        ss[state.CONCEPT_ID] = given if store.valid_draft_id(given) else store.new_draft_id()
        area_id = str(ss.get(state.AREA_ID) or "")
        if given == ss[state.CONCEPT_ID] and store.load_draft(area_id, given, owner=owner()) is None:
            other = store.others_draft(area_id, given, owner=owner())
            if other is not None:  # a colleague's link: continue in a copy, theirs stays as it is
                ss[state.CONCEPT_ID] = store.new_draft_id()
                store.save_draft(area_id, ss[state.CONCEPT_ID], other, owner())
    if st.query_params.get("concept") != ss[state.CONCEPT_ID]:
        st.query_params["concept"] = ss[state.CONCEPT_ID]
    return str(ss[state.CONCEPT_ID])


def current(area: Area) -> Scenario:
    """The draft: from this session, else from disk (a reload), else a new empty scenario."""
    ss = st.session_state
    sc = ss.get(state.SC_CONCEPT)
    if not isinstance(sc, Scenario) or sc.gebied != area.config.id:
        sc = (store.load_draft(area.config.id, concept_id(), area, owner())
              or Scenario(naam=NIEUW, gebied=area.config.id))
        ss[state.SC_CONCEPT] = sc
    return sc


def replace(area: Area, scenario: Scenario) -> None:
    """Make ``scenario`` the draft, save it, and let the choosers show it on their next render."""
    scenario = scenario.model_copy(update={"gebied": area.config.id})
    st.session_state[state.SC_CONCEPT] = scenario
    store.save_draft(area.config.id, concept_id(), scenario, owner())
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
    sc = sc.model_copy(update={"kernen": in_kern_order(kernen)})
    st.session_state[state.SC_CONCEPT] = sc
    store.save_draft(area.config.id, concept_id(), sc, owner())


def rename(area: Area, naam: str) -> None:
    """Give the draft another name (saved as a draft; the scenario file is written by Opslaan)."""
    sc = current(area).model_copy(update={"naam": naam.strip() or NIEUW})
    st.session_state[state.SC_CONCEPT] = sc
    store.save_draft(area.config.id, concept_id(), sc, owner())


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
        st.sidebar.markdown(f'<span class="gebied-concept">● niet opgeslagen: {veilig(sc.naam)}</span>',
                            unsafe_allow_html=True)
