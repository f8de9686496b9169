"""Page Verhaal: the gebiedsbiografie as a story map — a full-height map that flies to each chapter, the text
in the panel beside it; presentation mode for the projector; the arrow keys step chapters on every visit."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from gebied.app import data, layout, state
from gebied.app.widgets import downloads, error, guard, show_map
from gebied.area.model import Area
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.maps import overlays
from gebied.scenario import store
from gebied.verhaal.dorpsbiografie import kern_chapter, kern_volgorde
from gebied.verhaal.model import Hoofdstuk, Verhaal, parse_verhaal, verhalen_dir
from gebied.verhaal.opmerkingen import THEMAS, add_opmerking, empty_opmerkingen, export_opmerkingen
from gebied.verhaal.render import chapter_view, export_verhaal, markdown_html

DORPEN = "__dorpen__"
#: The map's size on screen (px) the chapter views are fitted to: the page on the smallest screen a planner
#: uses (1366×768; on 1920×1080 the map is ~967×944 and shows a margin around the chapter), and presentation on
#: a 1920×1080 projector. The server does not know the screen; a view fitted to a larger map cuts places off.
MAP_PX = {False: (530, 620), True: (1200, 980)}

VERHAAL_CSS = """
<style>
.st-key-verhaal_tekst {max-height: calc(100vh - 9.5rem); overflow-y: auto; padding-right: 0.6rem;}
.verhaal-tekst {font-size: 1.1rem; line-height: 1.55;}
.verhaal-titel {font-size: 1.9rem; font-weight: 700; line-height: 1.2; margin-bottom: 0.4rem;}
.verhaal-jaar {color: #a33;}
</style>
"""
PRESENTATIE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"] {display: none !important;}
.block-container {padding: 0.6rem 1rem 0 1rem !important; max-width: 100% !important;}
[data-testid="stElementContainer"]:has([data-testid="stDeckGlJsonChart"]),
[data-testid="stFullScreenFrame"]:has([data-testid="stDeckGlJsonChart"]),
[data-testid="stDeckGlJsonChart"] {height: calc(100vh - 5.2rem) !important;}
.st-key-verhaal_tekst {max-height: calc(100vh - 5.2rem);}
.verhaal-tekst {font-size: 1.6rem !important; line-height: 1.5;}
.verhaal-titel {font-size: 2.8rem !important;}
.st-key-vh_vorige button, .st-key-vh_volgende button {padding: 0.5rem 0.6rem;}
.st-key-vh_vorige button p, .st-key-vh_volgende button p {font-size: 1.35rem; white-space: nowrap;}
</style>
"""
# The key handler is added to the page itself (st.html runs it there), once per browser tab; it presses the
# Vorige/Volgende buttons when they are there, on every visit of the page.
KEYBOARD_JS = """
<script>
if (!window.gebiedToetsen) {
  window.gebiedToetsen = true;
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t.tagName === 'TEXTAREA' || t.isContentEditable ||
        (t.tagName === 'INPUT' && !['radio', 'checkbox', 'button'].includes(t.type))) return;
    const key = e.key === 'ArrowRight' || e.key === 'PageDown' ? 'vh_volgende'
              : e.key === 'ArrowLeft' || e.key === 'PageUp' ? 'vh_vorige' : null;
    if (!key) return;
    const btn = document.querySelector('.st-key-' + key + ' button');
    if (!btn) return;
    e.preventDefault();
    e.stopPropagation();
    if (!btn.disabled) btn.click();
  }, true);
}
</script>
"""


def _stories(folder: Path, area: Area) -> dict[str, Verhaal]:
    """Every valid story of the area; a broken file is shown as a warning naming its problems."""
    stories = {}
    for f in sorted(folder.glob("*.md")) if folder.exists() else []:
        try:
            stories[f.stem] = parse_verhaal(f, area)
        except GebiedError as exc:
            error(exc)
    return stories


def _navigation(n: int, where: Any) -> int:
    idx = min(st.session_state.get(state.VH_IDX, 0), n - 1)
    st.session_state[state.VH_IDX] = idx

    def step(d: int) -> None:
        st.session_state[state.VH_IDX] = int(np.clip(st.session_state.get(state.VH_IDX, 0) + d, 0, n - 1))

    nav = where.columns(2)  # halves, the progress under them: "Volgende ▶" fits in a third of a 1366 px screen
    nav[0].button("◀ Vorige", key=state.VH_VORIGE, disabled=idx == 0, on_click=step, args=(-1,), width="stretch")
    nav[1].button("Volgende ▶", key=state.VH_VOLGENDE, disabled=idx >= n - 1, on_click=step, args=(1,),
                  width="stretch")
    where.progress((idx + 1) / n, text=f"Hoofdstuk {idx + 1} van {n}")
    st.html(KEYBOARD_JS, unsafe_allow_javascript=True)
    return idx


def _dorpsbiografie(area: Area, kern_id: str, folder: Path) -> Hoofdstuk:
    """The generated chapter of one kern (only the one shown: a province has hundreds), with what the saved
    scenarios do to it (each evaluated once a session's area, :func:`gebied.app.data.evaluatie`)."""
    evs = [data.evaluatie(s) for s in store.load_fitting(store.user_dir(area.config.id), area)]
    return kern_chapter(area, data.context(), kern_id, evs, folder / "kernen")


def _chapter_layers(area: Area, h: Hoofdstuk, story: Verhaal | None) -> list[Any]:
    cat = load_catalogue()
    fr = data.frames()
    layers = list(data.base(kernen="kernen" in h.kaart.lagen))
    if h.kaart.raster and story is not None and story.folder is not None:
        from gebied.sources.raster import load_raster

        try:
            layers.append(overlays.bitmap_layer(load_raster(story.folder / h.kaart.raster), h.kaart.raster_dekking))
        except GebiedError as exc:
            st.warning(exc.nl)
    ids = dict(zip(area.kernen["naam"], area.kernen["kern_id"]))
    wanted = h.kaart.markeer_kernen + ([h.kaart.kern] if h.kaart.kern else [])
    if "kernen" in h.kaart.lagen:
        layers.append(overlays.kernen_layer(fr["kernen_url"], cat))
        layers += overlays.highlighted_kernen(fr["kernen"], cat, [ids[k] for k in wanted if k in ids])
    if "accommodaties" in h.kaart.lagen:
        layers.append(overlays.accommodaties_layer(fr["accommodaties_url"], cat))
    layers.append(overlays.labels_layer(fr["namen_url"]))
    return layers


def _pin_panel() -> None:
    """Pin a workshop note on the place clicked (the panel is open once there is one); notes can be downloaded
    as GeoJSON or CSV."""
    notes = st.session_state.setdefault(state.VH_OPMERKINGEN, empty_opmerkingen())
    plek = st.session_state.get(state.VH_PLEK)
    with st.expander("Opmerking vastprikken (werkplaats)", expanded=plek is not None):
        st.write(f"Plek: {plek[1]:.5f} N, {plek[0]:.5f} O" if plek else "Klik op de kaart om een plek te kiezen.")
        c = st.columns([3, 1, 1])
        tekst = c[0].text_input("Opmerking", key=state.VH_TEKST)
        thema = c[1].selectbox("Thema", THEMAS, key=state.VH_THEMA)
        if c[2].button("Vastprikken", key=state.VH_PRIK, disabled=plek is None) and plek is not None:
            try:
                st.session_state[state.VH_OPMERKINGEN] = add_opmerking(notes, plek[0], plek[1], tekst, thema)
                st.rerun()
            except GebiedError as exc:
                error(exc)
        if len(notes):
            st.dataframe(notes, hide_index=True, width="stretch")
            with tempfile.TemporaryDirectory() as tmp:
                files = {n: export_opmerkingen(notes, Path(tmp) / n).read_bytes()
                         for n in ("opmerkingen.geojson", "opmerkingen.csv")}
            downloads(files, "werkplaats", "vh_dl")


def render() -> None:
    area = data.area()
    folder = verhalen_dir(area.config.id)
    stories = _stories(folder, area)
    presentatie = st.session_state.get(state.VH_PRESENTATIE, False)
    st.markdown(VERHAAL_CSS + (PRESENTATIE_CSS if presentatie else ""), unsafe_allow_html=True)
    st.sidebar.selectbox("Verhaal", [*stories, DORPEN], key=state.VH_VERHAAL, persist_state="session",
                         on_change=lambda: st.session_state.update({state.VH_IDX: 0}),
                         format_func=lambda k: stories[k].titel if k in stories else "Dorpsbiografieën (gegenereerd)")
    keuze = st.session_state[state.VH_VERHAAL]
    story = stories.get(keuze)
    kern_ids = kern_volgorde(area) if story is None else []
    n = len(kern_ids) if story is None else len(story.hoofdstukken)
    if n == 0:
        st.info("Geen hoofdstukken: dit gebied heeft geen kernen met een plaatsnaam uit OpenStreetMap."
                if story is None else "Dit verhaal heeft geen hoofdstukken.")
        return
    frame = layout.current()  # the map on the left, as on every map page; the story's text in the panel
    with frame.paneel:
        idx = _navigation(n, st)
        h = story.hoofdstukken[idx] if story is not None else _dorpsbiografie(area, kern_ids[idx], folder)
        year = f' <span class="verhaal-jaar">· {h.kaart.jaar}</span>' if h.kaart.jaar is not None else ""
        with st.container(key="verhaal_tekst"):
            text_folder = story.folder if story is not None and story.folder is not None else folder
            st.markdown(f'<div class="verhaal-titel">{h.titel}{year}</div><div class="verhaal-tekst">'
                        f"{markdown_html(h.tekst, text_folder)}</div>", unsafe_allow_html=True)
        st.toggle("Presentatiemodus", key=state.VH_PRESENTATIE, persist_state="session",
                  help="Kaart en tekst over het hele scherm; pijltjestoetsen bladeren")
        st.caption(attribution(area))
    grid, on_grid = layout.click_layer("prikbord")
    pins, on_note = layout.click_layer("opmerkingen")
    picked = on_grid or on_note  # a click on a note: the same place
    if picked:
        st.session_state[state.VH_PLEK] = (picked[0]["lon"], picked[0]["lat"])
    layers = [*_chapter_layers(area, h, story), overlays.pick_grid_layer(data.frames()["prikbord_url"], grid)]
    notes = st.session_state.get(state.VH_OPMERKINGEN)
    if notes is not None and len(notes):
        layers.append(overlays.opmerkingen_layer(notes, load_catalogue(), pins))
    plek = st.session_state.get(state.VH_PLEK)
    if plek is not None and not presentatie:
        layers.append(overlays.plek_layer(plek[0], plek[1], load_catalogue()))
    show_map(layers, chapter_view(area, h, *MAP_PX[presentatie]))
    if presentatie:
        return
    _pin_panel()
    if story is not None:
        if st.button("Exporteer verhaal als HTML", key=state.VH_EXPORT):
            with tempfile.TemporaryDirectory() as tmp, st.spinner("Verhaal exporteren …"):
                st.session_state[state.VH_HTML] = export_verhaal(story, area, Path(tmp) / "verhaal.html").read_bytes()
        if st.session_state.get(state.VH_HTML):
            downloads({"verhaal.html": st.session_state[state.VH_HTML]}, keuze, "vh_dl")


if __name__ == "__main__":
    guard(render)
