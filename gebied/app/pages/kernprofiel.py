"""Page Kern-profiel (dorpsscan): one kern's people, accommodaties, travel times and what each scenario does."""

from __future__ import annotations

import streamlit as st

from gebied.app import data, state, toekomst
from gebied.app.widgets import guard, heading, map_panel, nl, table
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.maps import deck
from gebied.scenario import store
from gebied.scenario.kernprofiel import kernprofiel
from gebied.toekomst.prognose import Bevolking
from gebied.toekomst.tabellen import doelgroepen, piramide, reeks


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    names = data.frames()["kernnamen"]
    kern = st.sidebar.selectbox("Kern", list(area.kernen["kern_id"]), format_func=lambda k: names[k],
                                key=state.KP_KERN, persist_state="session")
    bev, jaar = toekomst.jaar_slider()
    saved = tuple(s.model_dump_json() for s in store.load_fitting(store.user_dir(area.config.id), area))
    prof = _profiel(data.data_key(), kern, saved)
    heading(f"Dorpsscan {prof['naam']}")
    bron = {"osm": "volgens OpenStreetMap", "geschat": "geschat uit de woongebouwen"}.get(prof["bevolking_bron"],
                                                                                          prof["bevolking_bron"])
    figures = [("Inwoners", nl(prof["inwoners"]), bron),
               ("Accommodaties", nl(len(prof["accommodaties"])), ""),
               ("Gemeente", str(prof["gemeente"] or "–"), ""),
               (f"Inwoners in {jaar}", nl(bev.jaar(jaar).loc[kern].sum()), bev.bron.get(kern, ""))]
    layers = data.layers(highlight=[kern])
    map_panel(layers, data.view(kern), deck.legend(cat, area), figures,
              attributie=attribution(area))
    _toekomst(bev, kern, jaar)
    if prof["cbs"] is not None:
        a = prof["cbs"].attrs
        st.markdown(f"**Leeftijdsopbouw naast de CBS-cijfers** — wijk {a['wijk']} ({nl(a['wijk_inwoners'])} inwoners), "
                    f"gemeente {a['gemeente']} ({nl(a['gemeente_inwoners'])} inwoners); CBS 2022 (CC BY 4.0)")
        table(prof["cbs"], cat)
    st.markdown("**Accommodaties en voorzieningen**")
    table(prof["accommodaties"], cat)
    st.markdown("**Reistijd naar de dichtstbijzijnde voorziening (gemiddeld)**")
    table(prof["reistijden"], cat)
    st.markdown("**Wat doen de opgeslagen scenario's met deze kern?**")
    if prof["scenarios"].empty:
        st.info("Nog geen opgeslagen scenario's.")
    else:
        table(prof["scenarios"], cat)


@st.cache_resource(show_spinner=False, max_entries=64)
def _profiel(key: data.DataKey, kern: str, saved: tuple[str, ...]) -> dict:
    """:func:`kernprofiel` of a kern beside the saved scenario's (by their JSON), computed once per kern and set
    of scenario's (read-only; do not modify): a second visit, or a move of the year slider, does not evaluate
    them again."""
    evs = [data.get_evaluatie(key, j) for j in saved]
    return kernprofiel(data.get_area(*key), data.get_context(*key), kern, evs)


def _toekomst(bev: Bevolking, kern: str, jaar: int) -> None:
    """The kern's age structure now and in the chosen year, its derived groups, and every group over the years."""
    cat = load_catalogue()
    area = data.area()
    pyr = piramide(bev, kern, [bev.basisjaar, jaar], cat)
    left, right = st.columns(2)
    left.markdown(f"**Leeftijdsopbouw {bev.basisjaar} en {jaar}** ({bev.bron.get(kern, '')})")
    left.bar_chart(pyr, horizontal=True, stack=False, x_label="inwoners", y_label="leeftijd", height=280)
    with left.expander("De grafiek als tabel"):
        st.dataframe(pyr.round(0), width="stretch")
    right.markdown("**Inwoners per leeftijdsgroep, per jaar**")
    series = reeks(bev, kern, cat)
    right.line_chart(series, x_label="jaar", y_label="inwoners", height=280)
    with right.expander("De grafiek als tabel"):
        st.dataframe(series.round(0), width="stretch")
    st.markdown(f"**Doelgroepen in {jaar}** (fijnere groepen afgeleid uit de CBS-groepen; zie Gegevens)")
    table(doelgroepen(area, bev, kern, jaar, cat), cat)


if __name__ == "__main__":
    guard(render)
