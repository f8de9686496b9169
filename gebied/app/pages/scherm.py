"""Page Scherm (the projector): live notes on the map, tallies per scenario and kern, the current chapter
and question, and the code to join — refreshed every few seconds without rerunning the page."""

from __future__ import annotations

import streamlit as st

from gebied.app import data
from gebied.app.werkplaats import (
    SCHERM_CSS,
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
def live(code: str, qr: str) -> None:
    """Everything that changes during the evening; reruns on its own every few seconds. The map on the left,
    filling the screen's height; on the right the code and QR code to join, the question, the latest notes
    (which are the map's text alternative too) and the tallies, all in projector type."""
    store = get_store()
    info = store.sessie(code)
    area = data.area()
    fr = data.frames()
    notes = store.opmerkingen(code)
    titel, _, view = _chapter(info.verhaal, info.hoofdstuk)
    left, right = st.columns([11, 9])
    with left:
        layers = [*data.base(), overlays.kernen_layer(fr["kernen_url"], load_catalogue()),
                  overlays.labels_layer(fr["namen_url"]), *opmerkingen_lagen(notes)]
        st.pydeck_chart(deck.deck(layers, view), key="scherm_kaart", height=900)
        st.caption(attribution(area))
    with right:
        code_col, qr_col = st.columns([1, 1])
        code_col.markdown(f"<div class='scherm-code'>Doe mee op uw telefoon<br>code <b>{veilig(info.code)}</b></div>"
                          + (f"<div class='scherm-titel'>{veilig(titel)}</div>" if titel else ""),
                          unsafe_allow_html=True)
        qr_col.markdown(f"<div class='scherm-qr' role='img' aria-label='QR-code naar Meedoen met code "
                        f"{veilig(info.code)}'>{qr}</div>", unsafe_allow_html=True)
        if info.vraag:
            n = len(store.antwoorden(code).query("vraag == @info.vraag"))
            st.markdown(f"<div class='scherm-vraag'>Vraag: <b>{veilig(info.vraag)}</b> ({n} "
                        f"{'antwoord' if n == 1 else 'antwoorden'})</div>", unsafe_allow_html=True)
        st.markdown(f"<div class='scherm-aantal'>{len(notes)} {'opmerking' if len(notes) == 1 else 'opmerkingen'} "
                    "op de kaart</div>" + "".join(
                        f"<div class='scherm-notitie'>• <i>{veilig(t)}</i>: {veilig(x)}</div>"
                        for t, x in list(zip(notes["thema"], notes["tekst"]))[-4:][::-1]), unsafe_allow_html=True)
        names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
        st.markdown(tally_html(store.tallies(code), names), unsafe_allow_html=True)
        if info.gesloten:
            st.info("De werksessie is gesloten.")


def render() -> None:
    st.markdown(ZONDER_ZIJPANEEL + SCHERM_CSS, unsafe_allow_html=True)
    info = sessie_uit_adres()
    if info is None:
        st.title("Scherm")
        st.info("Open dit scherm via de schermlink op de pagina Werkplaats.")
        return
    live(info.code, qr_svg(link("meedoen", code=info.code), scale=6, scalable=True))


if __name__ == "__main__":
    guard(render)
