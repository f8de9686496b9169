"""Page Vergelijken: saved scenario's side by side, small multiples, the difference per kern."""

from __future__ import annotations

import streamlit as st

from gebied.app import data, state
from gebied.area.summary import attribution
from gebied.core.errors import GebiedError
from gebied.maps.smallmultiples import small_multiples
from gebied.scenario import store
from gebied.scenario.compare import compare, kern_difference
from gebied.scenario.evaluate import evaluate
from gebied.scenario.model import baseline, load_scenario


def render() -> None:
    area = data.area()
    st.subheader("Scenario's vergelijken")
    ctx = data.context()
    saved = store.list_scenarios(store.user_dir(area.config.id))
    if not saved:
        st.info("Nog geen opgeslagen scenario's. Maak er een op de pagina Scenario's.")
        return
    chosen = st.multiselect("Scenario's", list(saved), default=list(saved)[:3], key=state.VG_KEUZE)
    evs = [evaluate(baseline(area), ctx)]
    for name in chosen:
        try:
            evs.append(evaluate(load_scenario(saved[name], area), ctx))
        except GebiedError as exc:
            st.error(f"{name}: {exc.nl} " + "; ".join(exc.problems))
    st.dataframe(compare(evs), width="stretch")
    st.pyplot(small_multiples(area, evs), width="stretch")
    st.caption(attribution(area))
    if len(evs) >= 3:
        st.markdown(f"**Verschil per kern: {evs[2].scenario.naam} t.o.v. {evs[1].scenario.naam}**")
        st.dataframe(kern_difference(evs[1], evs[2]), hide_index=True, width="stretch")


if __name__ == "__main__":
    render()
