"""Page Scherm (the projector): live notes on the map, tallies per scenario and kern, the current chapter
and question, and the code to join — refreshed every few seconds without rerunning the page."""

from __future__ import annotations

import streamlit as st

from gebied.app import data
from gebied.app.werkplaats import (
    ZONDER_ZIJPANEEL,
    get_store,
    link,
    opmerkingen_lagen,
    qr_svg,
    sessie_uit_adres,
    tally_html,
    veilig,
)
from gebied.app.widgets import guard
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.maps import deck, overlays
from gebied.verhaal.model import parse_verhaal, verhalen_dir
from gebied.verhaal.render import chapter_view

VERVERS_S = 3


def _chapter(info_verhaal: str | None, idx: int) -> tuple[str, str, object]:
    """Title, text and view of the story chapter on screen ('' when the session has no story)."""
    area = data.area()
    if not info_verhaal:
        return "", "", data.view(width_px=1200, height_px=900)
    try:
        story = parse_verhaal(verhalen_dir(area.config.id) / f"{info_verhaal}.md", area)
    except GebiedError:
        return "", "", data.view(width_px=1200, height_px=900)
    h = story.hoofdstukken[min(idx, len(story.hoofdstukken) - 1)]
    return h.titel, h.tekst, chapter_view(area, h, 1200, 900)


@st.fragment(run_every=VERVERS_S)
def live(code: str) -> None:
    """Everything that changes during the evening; reruns on its own every few seconds."""
    store = get_store()
    info = store.sessie(code)
    area = data.area()
    fr = data.frames()
    notes = store.opmerkingen(code)
    titel, _, view = _chapter(info.verhaal, info.hoofdstuk)
    left, right = st.columns([3, 2])
    with left:
        layers = [*data.base(), overlays.kernen_layer(fr["kernen_url"], load_catalogue()),
                  overlays.labels_layer(fr["namen_url"]), *opmerkingen_lagen(notes)]
        st.pydeck_chart(deck.deck(layers, view), key="scherm_kaart", height=820)
        st.caption(attribution(area))
    with right:
        if titel:
            st.markdown(f"<div style='font-size:1.6rem;font-weight:700'>{veilig(titel)}</div>", unsafe_allow_html=True)
        if info.vraag:
            n = len(store.antwoorden(code).query("vraag == @info.vraag"))
            st.markdown(f"<div style='font-size:1.4rem'>Vraag: <b>{veilig(info.vraag)}</b></div>"
                        f"<div>{n} antwoorden</div>", unsafe_allow_html=True)
        st.markdown(f"<div class='scherm-aantal'>{len(notes)} {'opmerking' if len(notes) == 1 else 'opmerkingen'} "
                    "op de kaart</div>",
                    unsafe_allow_html=True)
        for t, x in list(zip(notes["thema"], notes["tekst"]))[-6:][::-1]:
            st.markdown(f"<div style='font-size:1.1rem'>• <i>{veilig(t)}</i>: {veilig(x)}</div>",
                        unsafe_allow_html=True)
        names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
        st.markdown(tally_html(store.tallies(code), names), unsafe_allow_html=True)
        if info.gesloten:
            st.info("De werksessie is gesloten.")


def render() -> None:
    st.markdown(ZONDER_ZIJPANEEL, unsafe_allow_html=True)
    info = sessie_uit_adres()
    if info is None:
        st.subheader("Scherm")
        st.info("Open dit scherm via de link op de pagina Werkplaats (…/scherm?code=…).")
        return
    meedoen = link("meedoen", code=info.code)
    head, qr = st.columns([5, 1])
    head.markdown(f"<div style='font-size:2.2rem;font-weight:700'>{veilig(info.naam)}</div>"
                  f"<div style='font-size:1.4rem'>Doe mee op uw telefoon: code <b style='letter-spacing:0.2rem'>"
                  f"{veilig(info.code)}</b></div>", unsafe_allow_html=True)
    qr.markdown(qr_svg(meedoen, scale=3), unsafe_allow_html=True)
    live(info.code)


if __name__ == "__main__":
    guard(render)
