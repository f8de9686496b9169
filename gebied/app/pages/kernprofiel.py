"""Page Kern-profiel (dorpsscan): one kern's people, accommodaties, travel times and what each scenario does."""

from __future__ import annotations

import streamlit as st

from gebied.app import data, state
from gebied.app.widgets import guard, map_panel, nl, table
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.maps import deck
from gebied.scenario import store
from gebied.scenario.evaluate import evaluate
from gebied.scenario.kernprofiel import kernprofiel


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    ctx = data.context()
    names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    kern = st.sidebar.selectbox("Kern", list(area.kernen["kern_id"]), format_func=lambda k: names[k],
                                key=state.KP_KERN)
    evs = [evaluate(s, ctx) for s in store.load_fitting(store.user_dir(area.config.id), area)]
    prof = kernprofiel(area, ctx, kern, evs)
    st.subheader(f"Dorpsscan {prof['naam']}")
    bron = {"osm": "volgens OpenStreetMap", "geschat": "geschat uit de woongebouwen"}.get(prof["bevolking_bron"],
                                                                                          prof["bevolking_bron"])
    figures = [("Inwoners", nl(prof["inwoners"]), bron),
               ("Accommodaties", nl(len(prof["accommodaties"])), ""),
               ("Gemeente", str(prof["gemeente"] or "–"), "")]
    layers = data.layers(highlight=[kern])
    map_panel(layers, deck.view_state(area.kernen[area.kernen["kern_id"] == kern]), deck.legend(cat, area), figures,
              attributie=attribution(area))
    if prof["leeftijd"] is not None:
        st.markdown("**Leeftijdsopbouw (inwoners)**")
        labels = {g.kolom: g.label for g in cat.leeftijdsgroepen}
        st.bar_chart(prof["leeftijd"].rename(index=labels), x_label="leeftijd", y_label="inwoners")
    else:
        st.caption("Leeftijdsopbouw: niet bekend voor dit gebied.")
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


if __name__ == "__main__":
    guard(render)
