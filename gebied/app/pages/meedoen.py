"""Page Meedoen (participants, on a phone): pin a note on the map, react to a scenario, answer the question.

No login: a participant is this browser (an id kept in the address), a deelnemer of the one session whose
code it entered or followed (checked again by every contribution); a display name is optional. Phone first
(360 px wide: choose a place, write and send without hunting) and usable with the keyboard alone or a screen
reader: a place is chosen from a list of kernen and accommodaties as well as on the map, the map has a text
alternative, and every thank-you or refusal is announced.
"""

from __future__ import annotations

import streamlit as st

from gebied.app import data, inloggen, layout, state
from gebied.app.werkplaats import (
    TELEFOON,
    ZONDER_ZIJPANEEL,
    get_store,
    opmerkingen_in_woorden,
    sessie_uit_adres,
    status,
)
from gebied.app.widgets import guard
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.core.fmt import veilig
from gebied.maps import deck, overlays
from gebied.toegang import acties
from gebied.verhaal.opmerkingen import THEMAS
from gebied.werkplaats.model import MAX_TEKST, OORDELEN
from gebied.werkplaats.store import SessieInfo

GEKOZEN_OP_KAART = "de plek die u op de kaart tikte"


def _send(code: str, action: object, ok: str) -> None:
    """Store a contribution (a deelnemer of this session only); the page is drawn again with a thank-you or the
    reason it was refused."""
    try:
        acties.bijdragen(inloggen.participant(code), get_store(), code)
        action()  # type: ignore[operator]
    except GebiedError as exc:
        st.session_state[state.WP_MSG] = ("error", exc.nl)
    else:
        st.session_state[state.WP_MSG] = ("success", ok)
    st.rerun()


def _from_list() -> None:
    """A place chosen in the list: its point becomes the note's place."""
    places = data.frames()["plekken"].set_index("plek")
    chosen = st.session_state.get(state.WP_PLEK_LIJST)
    if chosen in places.index:
        st.session_state[state.WP_PLEK] = (float(places.at[chosen, "lon"]), float(places.at[chosen, "lat"]))
        st.session_state[state.WP_PLEK_NAAM] = str(places.at[chosen, "label"])


def _note(info: SessieInfo, who: str, naam: str) -> None:
    fr = data.frames()
    places = fr["plekken"]
    labels = dict(zip(places["plek"], places["label"]))
    st.selectbox("Waar gaat uw opmerking over?", list(labels), index=None, key=state.WP_PLEK_LIJST,
                 format_func=labels.__getitem__, on_change=_from_list,
                 placeholder="Kies een kern of gebouw, of tik op de kaart …")
    notes = get_store().opmerkingen(info.code)
    cat = load_catalogue()
    grid, on_grid = layout.click_layer("prikbord", state.WP_KAART)
    pins, on_note = layout.click_layer("opmerkingen", state.WP_KAART)
    picked = on_grid or on_note  # a tap on a note: the same place
    if picked:
        st.session_state[state.WP_PLEK] = (picked[0]["lon"], picked[0]["lat"])
        st.session_state[state.WP_PLEK_NAAM] = GEKOZEN_OP_KAART
    layers = [*data.base(), overlays.kernen_layer(fr["kernen_url"], cat),
              overlays.pick_grid_layer(fr["prikbord_url"], grid)]
    if len(notes):
        layers.append(overlays.opmerkingen_layer(notes, cat, pins))
    plek = st.session_state.get(state.WP_PLEK)
    if plek is not None:
        layers.append(overlays.plek_layer(plek[0], plek[1], cat))
    st.pydeck_chart(deck.deck(layers, data.view(width_px=360, height_px=270)),
                    key=state.WP_KAART, on_select="rerun", selection_mode="single-object", height=270)
    with st.expander("De kaart in woorden"):
        st.markdown(f"Het gebied met {len(data.area().kernen)} kernen. " + (
            f"{len(notes)} opmerkingen van deelnemers, de nieuwste eerst:" if len(notes) else
            "Nog geen opmerkingen van deelnemers."))
        for line in opmerkingen_in_woorden(notes, places):
            st.markdown(f"- {veilig(line)}")
    st.markdown(f"**Gekozen plek:** {veilig(st.session_state.get(state.WP_PLEK_NAAM, ''))}" if plek else
                "Nog geen plek gekozen.")
    thema = st.selectbox("Thema", THEMAS, key="wp_thema")
    tekst = st.text_area("Uw opmerking", max_chars=MAX_TEKST, key="wp_tekst")
    clicked = st.button("Opmerking plaatsen", type="primary", key="wp_plaats", width="stretch")
    if clicked and plek is None:
        status("error", "Kies eerst een plek: in de lijst of op de kaart.")
    elif clicked and plek is not None:
        lon, lat = plek
        _send(info.code, lambda: get_store().add_opmerking(info.code, who, thema, tekst, lon, lat, naam),
              "Bedankt! Uw opmerking staat op de kaart.")


def _reaction(info: SessieInfo, who: str, naam: str) -> None:
    if not info.scenarios:
        st.info("In deze werksessie staan geen scenario's op de agenda.")
        return
    area = data.area()
    names = data.frames()["kernnamen"]
    scenario = st.selectbox("Scenario", info.scenarios, key="wp_scenario")
    kern = st.selectbox("Over", ["", *area.kernen["kern_id"]], key="wp_kern",
                        format_func=lambda k: "het hele scenario" if not k else f"kern {names[k]}")
    oordeel = st.radio("Uw oordeel", list(OORDELEN), format_func=lambda o: OORDELEN[o].capitalize(), key="wp_oordeel")
    reden = st.text_input("Waarom? (mag leeg)", max_chars=MAX_TEKST, key="wp_reden")
    if st.button("Reactie geven", type="primary", key="wp_reageer", width="stretch"):
        _send(info.code, lambda: get_store().add_reactie(info.code, who, scenario, oordeel, kern, reden, naam),
              "Bedankt! Uw reactie is meegeteld.")


def _answer(info: SessieInfo, who: str, naam: str) -> None:
    if not info.vraag:
        st.info("Er staat nu geen vraag open.")
        return
    st.markdown(f"**{veilig(info.vraag)}**")
    tekst = st.text_area("Uw antwoord", max_chars=MAX_TEKST, key="wp_antwoord")
    if st.button("Antwoord sturen", type="primary", key="wp_stuur", width="stretch"):
        _send(info.code, lambda: get_store().add_antwoord(info.code, who, tekst, naam), "Bedankt voor uw antwoord!")


def render() -> None:
    st.markdown(ZONDER_ZIJPANEEL + TELEFOON, unsafe_allow_html=True)
    info = sessie_uit_adres()
    if info is None:
        st.title("Meedoen")
        code = st.text_input("Code van de werksessie (staat op het scherm)", max_chars=8, key="wp_code_invoer")
        if st.button("Meedoen", type="primary") and code:
            st.query_params["code"] = code.strip().upper()
            st.rerun()
        return
    who = inloggen.participant(info.code).naam
    st.title(veilig(info.naam))
    if info.gesloten:
        st.info("Deze werksessie is gesloten. Dank voor uw bijdragen!")
        return
    with st.container():  # always there, so the tabs below keep their place (and the chosen tab) without a message
        if msg := st.session_state.pop(state.WP_MSG, None):
            status(*msg)
    tabs = st.tabs(["Opmerking", "Scenario's", "Vraag"], key=state.WP_TAB)
    with tabs[0]:
        _note(info, who, st.session_state.get(state.WP_NAAM, ""))
    with tabs[1]:
        _reaction(info, who, st.session_state.get(state.WP_NAAM, ""))
    with tabs[2]:
        _answer(info, who, st.session_state.get(state.WP_NAAM, ""))
    st.text_input("Uw naam (mag leeg; anders anoniem)", max_chars=40, key=state.WP_NAAM)
    st.caption("Kaart: © OpenStreetMap contributors (ODbL) · [Toegankelijkheid](toegankelijkheid)")


if __name__ == "__main__":
    guard(render)
