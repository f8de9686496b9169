"""Page Verhaal: the gebiedsbiografie chapter by chapter, presentation mode, notes pinned on the map."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from gebied.app import data, state
from gebied.app.widgets import downloads, error
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.maps import deck
from gebied.scenario import store
from gebied.scenario.evaluate import evaluate
from gebied.verhaal.dorpsbiografie import kern_chapters
from gebied.verhaal.model import Hoofdstuk, Verhaal, parse_verhaal, verhalen_dir
from gebied.verhaal.opmerkingen import THEMAS, add_opmerking, empty_opmerkingen, export_opmerkingen
from gebied.verhaal.render import chapter_view, export_verhaal, markdown_html

DORPEN = "__dorpen__"

PRESENTATIE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] {display: none !important;}
.block-container {padding-top: 0.5rem !important; max-width: 100% !important;}
.verhaal-tekst {font-size: 1.55rem !important; line-height: 1.5;}
.verhaal-titel {font-size: 2.6rem !important;}
</style>
"""

KEYBOARD_JS = """
<script>
const doc = window.parent.document;
if (!doc.gebiedKeys) {
  doc.gebiedKeys = true;
  // capture phase: arrows step chapters even when a page radio button has focus (it would switch pages)
  doc.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && !['radio', 'checkbox'].includes(t.type))) return;
    const label = e.key === 'ArrowRight' ? 'Volgende' : e.key === 'ArrowLeft' ? 'Vorige' : null;
    if (!label) return;
    const btn = [...doc.querySelectorAll('button')].find(b => b.innerText.includes(label));
    if (!btn) return;
    e.preventDefault();
    e.stopPropagation();
    if (!btn.disabled) btn.click();
  }, true);
}
</script>
"""


def _stories(folder: Path, area: Any) -> dict[str, Verhaal]:
    """Every valid story of the area; a broken file is shown as a warning naming its problems."""
    stories = {}
    for f in sorted(folder.glob("*.md")) if folder.exists() else []:
        try:
            stories[f.stem] = parse_verhaal(f, area)
        except GebiedError as exc:
            st.warning(f"**{f.name}**: {exc.nl}\n" + "\n".join(f"- {p}" for p in exc.problems))
    return stories


def _navigation(n: int) -> int:
    idx = min(st.session_state.get(state.VH_IDX, 0), n - 1)
    st.session_state[state.VH_IDX] = idx

    def step(d: int) -> None:
        st.session_state[state.VH_IDX] = int(np.clip(st.session_state.get(state.VH_IDX, 0) + d, 0, n - 1))

    nav = st.columns([1, 6, 1])
    nav[0].button("◀ Vorige", key=state.VH_VORIGE, disabled=idx == 0, on_click=step, args=(-1,))
    nav[2].button("Volgende ▶", key=state.VH_VOLGENDE, disabled=idx >= n - 1, on_click=step, args=(1,))
    nav[1].progress((idx + 1) / n, text=f"Hoofdstuk {idx + 1} van {n}")
    st.iframe(KEYBOARD_JS, height=1)
    return idx


def _chapter_layers(area: Any, h: Hoofdstuk, story: Verhaal | None) -> list[Any]:
    cat = load_catalogue()
    layers = list(data.base())
    if h.kaart.raster and story is not None and story.folder is not None:
        from gebied.sources.raster import load_raster

        try:
            layers.append(deck.bitmap_layer(load_raster(story.folder / h.kaart.raster), h.kaart.raster_dekking))
        except GebiedError as exc:
            st.warning(exc.nl)
    names = dict(zip(area.kernen["naam"], area.kernen["kern_id"]))
    wanted = h.kaart.markeer_kernen + ([h.kaart.kern] if h.kaart.kern else [])
    if "kernen" in h.kaart.lagen:
        layers.append(deck.kernen_layer(area, cat, highlight=[names[k] for k in wanted if k in names]))
    if "accommodaties" in h.kaart.lagen:
        layers.append(deck.accommodaties_layer(area, cat))
    return layers


def _pin_panel(picked: list[dict] | None) -> None:
    """Pin a workshop note on the clicked place; notes can be downloaded as GeoJSON or CSV."""
    notes = st.session_state.setdefault(state.VH_OPMERKINGEN, empty_opmerkingen())
    with st.expander("Opmerking vastprikken (werkplaats)", expanded=bool(picked)):
        if picked:
            st.session_state[state.VH_PLEK] = (picked[0]["lon"], picked[0]["lat"])
        plek = st.session_state.get(state.VH_PLEK)
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
    if presentatie:
        st.markdown(PRESENTATIE_CSS, unsafe_allow_html=True)
    top = st.columns([3, 2, 1])
    keuze = top[0].selectbox(
        "Verhaal",
        [*stories, DORPEN],
        key=state.VH_VERHAAL,
        on_change=lambda: st.session_state.update({state.VH_IDX: 0}),
        format_func=lambda k: stories[k].titel if k in stories else "Dorpsbiografieën (gegenereerd)",
    )
    top[2].toggle("Presentatiemodus", key=state.VH_PRESENTATIE)
    ctx = data.context()
    story = stories.get(keuze)
    if story is None:
        evs = [evaluate(s, ctx) for s in store.load_fitting(store.user_dir(area.config.id), area)]
        chapters = kern_chapters(area, ctx, evs, folder / "kernen")
    else:
        chapters = story.hoofdstukken
    idx = _navigation(len(chapters))
    h = chapters[idx]
    year = f" · {h.kaart.jaar}" if h.kaart.jaar is not None else ""
    st.markdown(f'<div class="verhaal-titel" style="font-size:2rem;font-weight:700">{h.titel}'
                f'<span style="color:#a33">{year}</span></div>', unsafe_allow_html=True)
    layers = _chapter_layers(area, h, story)
    layers.append(deck.pick_grid_layer(area))
    notes = st.session_state.get(state.VH_OPMERKINGEN)
    if notes is not None and len(notes):
        layers.append(deck.opmerkingen_layer(notes))
    map_col, text_col = (st.container(), st.container()) if presentatie else st.columns([3, 2])
    with map_col:
        event = st.pydeck_chart(deck.deck(layers, chapter_view(area, h)), height=620 if presentatie else 560,
                                key=state.VH_MAP, on_select="rerun", selection_mode="single-object")
        st.caption(attribution(area))
    with text_col:
        text_folder = story.folder if story is not None and story.folder is not None else folder
        st.markdown(f'<div class="verhaal-tekst" style="font-size:1.15rem">{markdown_html(h.tekst, text_folder)}'
                    "</div>", unsafe_allow_html=True)
    picked = (event.selection.get("objects", {}) if event and event.selection else {}).get("prikbord")
    _pin_panel(picked)
    if story is not None and not presentatie:
        if st.button("Exporteer verhaal als HTML", key=state.VH_EXPORT):
            with tempfile.TemporaryDirectory() as tmp, st.spinner("Verhaal exporteren …"):
                st.session_state[state.VH_HTML] = export_verhaal(story, area, Path(tmp) / "verhaal.html").read_bytes()
        if st.session_state.get(state.VH_HTML):
            downloads({"verhaal.html": st.session_state[state.VH_HTML]}, keuze, "vh_dl")


if __name__ == "__main__":
    render()
