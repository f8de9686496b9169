"""Page Kern-profiel (dorpsscan): one kern's people, accommodaties, travel times and scenario effects."""

from __future__ import annotations

import streamlit as st

from gebied.app import data, state
from gebied.app.widgets import nl
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
    kern = st.selectbox("Kern", list(area.kernen["kern_id"]), format_func=lambda k: names[k], key=state.KP_KERN)
    evs = [evaluate(s, ctx) for s in store.load_fitting(store.user_dir(area.config.id), area)]
    prof = kernprofiel(area, ctx, kern, evs)
    st.subheader(f"Dorpsscan {prof['naam']}")
    m = st.columns(4)
    m[0].metric("Inwoners", nl(prof["inwoners"]))
    m[1].metric("Bron inwonertal", prof["bevolking_bron"])
    m[2].metric("Accommodaties", len(prof["accommodaties"]))
    m[3].metric("Gemeente", prof["gemeente"] or "–")
    if prof["leeftijd"] is None:
        st.caption(
            "Leeftijdsopbouw: niet bekend voor dit gebied (voeg CBS-kerncijfers toe via de gebiedsconfiguratie)."
        )
    else:
        st.bar_chart(prof["leeftijd"])
    left, right = st.columns([3, 2])
    with left:
        layers = [*data.base(), deck.kernen_layer(area, cat, highlight=[kern]), deck.accommodaties_layer(area, cat)]
        st.pydeck_chart(deck.deck(layers, deck.view_state(area.kernen[area.kernen["kern_id"] == kern])), height=420)
        st.caption(attribution(area))
    with right:
        st.markdown("**Accommodaties en voorzieningen**")
        st.dataframe(prof["accommodaties"], hide_index=True, width="stretch")
    if prof["cbs"] is not None:
        a = prof["cbs"].attrs
        st.markdown(f"**Leeftijdsopbouw naast de CBS-cijfers** — wijk {a['wijk']} ({nl(a['wijk_inwoners'])} inwoners), "
                    f"gemeente {a['gemeente']} ({nl(a['gemeente_inwoners'])} inwoners); CBS 2022 (CC BY 4.0)")
        st.dataframe(prof["cbs"], hide_index=True, width="stretch")
    st.markdown("**Reistijd naar de dichtstbijzijnde voorziening (gemiddeld, minuten)**")
    st.dataframe(prof["reistijden"], hide_index=True, width="stretch")
    st.markdown("**Wat doen de opgeslagen scenario's met deze kern?**")
    if prof["scenarios"].empty:
        st.info("Nog geen opgeslagen scenario's.")
    else:
        st.dataframe(prof["scenarios"], hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
