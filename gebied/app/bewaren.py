"""The Scenario's page's side panel for keeping a scenario: name, save, rename, delete, earlier versions and
deleted scenarios — every write through :mod:`gebied.toegang.acties` (role checked, logged)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from gebied.app import concept, inloggen, state
from gebied.app.werkplaats import get_store
from gebied.area.model import Area
from gebied.core.errors import GebiedError
from gebied.core.fmt import veilig
from gebied.scenario import store
from gebied.scenario.model import Scenario
from gebied.toegang import acties
from gebied.toegang.rollen import mag


def message(kind: str, text: str) -> None:
    """One message for the page's heading on its next run."""
    st.session_state[state.SC_MSG] = (kind, text)


def _act(action: Callable[[], object], ok: str) -> bool:
    try:
        action()
    except GebiedError as exc:
        message("error", exc.nl)
        return False
    message("success", ok)
    return True


def _button_act(action: Callable[[], object], ok: str) -> None:
    """:func:`_act` for a button's callback."""
    _act(action, ok)


def panel(area: Area, scenario: Scenario, folder: Path, saved: dict[str, Path]) -> None:
    """Side panel: the draft's name; for a planner also save, rename, delete and restore."""
    sb = st.sidebar
    st.session_state.setdefault(state.SC_NAAM, scenario.naam)
    sb.text_input("Naam van het scenario", key=state.SC_NAAM, max_chars=120,
                  on_change=lambda: concept.rename(area, st.session_state[state.SC_NAAM]))
    if not mag(inloggen.user(), "scenario.opslaan"):
        sb.caption("Met uw rol kunt u scenario's bekijken, vergelijken en exporteren, maar niet opslaan.")
        return

    def do_save() -> None:
        sc = concept.current(area)
        _act(lambda: acties.scenario_opslaan(inloggen.user(), get_store(), folder, sc),
             f"Opgeslagen: '{veilig(sc.naam)}'.")

    def do_rename() -> None:
        new = st.session_state.get(state.SC_NIEUWE_NAAM, "").strip()
        if _act(lambda: acties.scenario_hernoemen(inloggen.user(), get_store(), folder, scenario.naam, new),
                f"Hernoemd tot '{veilig(new)}'."):
            concept.replace(area, scenario.model_copy(update={"naam": new}))

    sb.button("Opslaan", key=state.SC_BTN_SAVE, type="primary", width="stretch", on_click=do_save)
    if scenario.naam in saved:
        with sb.expander("Hernoemen of verwijderen"):
            st.text_input("Nieuwe naam", key=state.SC_NIEUWE_NAAM, max_chars=120)
            st.button("Hernoem", key=state.SC_BTN_RENAME, on_click=do_rename)
            st.button("Verwijder", key=state.SC_BTN_DELETE, on_click=_button_act, args=(
                lambda: acties.scenario_verwijderen(inloggen.user(), get_store(), folder, scenario.naam),
                f"Scenario '{veilig(scenario.naam)}' verwijderd; u kunt het 30 dagen terugzetten."))
    _restore(area, scenario, folder)


def _restore(area: Area, scenario: Scenario, folder: Path) -> None:
    """Earlier versions of the scenario being edited, and deleted scenarios (30 days)."""
    versions = store.versions(folder, scenario.naam)
    gone = store.deleted(folder)
    if not versions and not gone:
        return
    with st.sidebar.expander("Eerdere versies en verwijderde scenario's"):
        if versions:
            labels = {v: f"{when:%d-%m-%Y %H:%M:%S} UTC" for v, when in versions}
            st.selectbox("Eerdere versie", list(labels), key=state.SC_VERSIE, format_func=labels.__getitem__)

            def do_version() -> None:
                v = str(st.session_state.get(state.SC_VERSIE))
                if _act(lambda: acties.scenario_versie_herstellen(inloggen.user(), get_store(), folder,
                                                                  scenario.naam, v),
                        f"De versie van {labels.get(v, v)} is weer '{veilig(scenario.naam)}'."):
                    concept.replace(area, store.load_fitting_one(folder, scenario.naam, area))

            st.button("Zet deze versie terug", key=state.SC_BTN_VERSIE, on_click=do_version)
        if gone:
            names = {i: f"{naam} (verwijderd {when:%d-%m-%Y %H:%M})" for i, naam, when in gone}
            st.selectbox("Verwijderd scenario", list(names), key=state.SC_PRULLENBAK, format_func=names.__getitem__)
            st.button("Zet terug", key=state.SC_BTN_TERUG, on_click=_button_act, args=(
                lambda: acties.scenario_terugzetten(inloggen.user(), get_store(), folder,
                                                    str(st.session_state.get(state.SC_PRULLENBAK))),
                "Het scenario staat weer tussen de opgeslagen scenario's."))
