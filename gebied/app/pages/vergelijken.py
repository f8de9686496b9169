"""Page Vergelijken: saved scenario's side by side — small-multiple maps, the figures, the difference per kern."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gebied.app import data, state, toekomst
from gebied.app.widgets import figure_png, guard, table
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.core.fmt import cel, veilig
from gebied.maps.smallmultiples import small_multiples
from gebied.scenario import store
from gebied.scenario.compare import compare, compare_jaren, kern_difference
from gebied.scenario.evaluate import evaluate
from gebied.scenario.jaren import evaluate_jaren
from gebied.scenario.model import baseline, load_scenario


def _dutch(table_: pd.DataFrame) -> pd.DataFrame:
    """The comparison with Dutch numbers: euros, minutes with one decimal, counts whole."""
    def fmt(row: str, v: object) -> str:
        soort, dec = ("euro", 0) if "€" in row else ("minuten", 1) if "(min)" in row else ("getal", 0)
        return cel(v, soort, dec)

    out = pd.DataFrame({c: [fmt(r, v) for r, v in table_[c].items()] for c in table_.columns}, index=table_.index)
    return out.rename_axis("Kengetal").reset_index()


def _burden(ctx: object, scenarios: list, bev: object, jaar: int) -> None:
    """Who bears the burden, scenario's side by side, for one kind and doelgroep in the chosen year."""
    from gebied.app.afweging import NAMEN, doelgroepen
    from gebied.core.fmt import maat
    from gebied.scenario.rechtvaardigheid import UITLEG, eigen_doelgroep, vergelijk

    cat = load_catalogue()
    soorten = data.frames()["soorten"]
    st.markdown(f"**Wie draagt de last — in {jaar}**")
    groups = doelgroepen()
    c = st.columns(2)
    soort = c[0].selectbox("Voorziening", soorten, key=state.VG_SOORT, format_func=lambda s: cat.voorziening(s).label,
                           persist_state="session")
    state.initial(state.VG_GROEP, eigen_doelgroep(cat, soort))
    groep = c[1].selectbox("Doelgroep", list(groups), key=state.VG_GROEP, format_func=groups.__getitem__)
    side = vergelijk(scenarios, ctx, soort, groep, bev, jaar)  # type: ignore[arg-type]
    shown = side.map(maat).rename(index=NAMEN).rename_axis("Maat").reset_index()
    shown["Wat het zegt"] = [UITLEG[k] for k in side.index]
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption("De doelgroep volgt de prognose van het gekozen jaar; de reistijden zijn die van elk scenario.")


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    ctx = data.context()
    saved = store.list_scenarios(store.user_dir(area.config.id))
    st.subheader("Scenario's vergelijken")
    if not saved:
        st.info("Nog geen opgeslagen scenario's: hieronder de huidige situatie. Maak een scenario op de pagina "
                "Scenario's en sla het op om het hier naast andere te zien.")
    state.initial(state.VG_KEUZE, list(saved)[:3])
    st.session_state[state.VG_KEUZE] = [n for n in st.session_state[state.VG_KEUZE] if n in saved]  # deleted since
    chosen = st.sidebar.multiselect("Scenario's", list(saved), key=state.VG_KEUZE,
                                    placeholder="Kies scenario's …", persist_state="session") if saved else []
    bev, jaar = toekomst.jaar_slider()
    evs = [evaluate(baseline(area), ctx)]
    for name in chosen:
        try:
            evs.append(evaluate(load_scenario(saved[name], area), ctx))
        except GebiedError as exc:
            st.error(f"{veilig(name)}: {exc.nl} " + "; ".join(exc.problems))
    st.image(figure_png(small_multiples(area, evs)), width="stretch",
             alt="Kaarten naast elkaar, één per scenario: per accommodatie of zij open blijft, sluit of de "
                 "locatie van haar kern wordt. De cijfers staan in de tabel hieronder.")
    st.caption(attribution(area))
    st.dataframe(_dutch(compare(evs)), hide_index=True, width="stretch")
    st.markdown(f"**In de toekomst: {bev.basisjaar} en {jaar}**")
    years = sorted({bev.basisjaar, jaar})
    st.dataframe(_dutch(compare_jaren([evaluate_jaren(ev.scenario, ctx, bev) for ev in evs], years)),
                 hide_index=True, width="stretch")
    _burden(ctx, [ev.scenario for ev in evs], bev, jaar)
    if len(evs) >= 3:
        st.markdown(f"**Verschil per kern: {veilig(evs[2].scenario.naam)} t.o.v. {veilig(evs[1].scenario.naam)}**")
        diff = kern_difference(evs[1], evs[2])
        table(diff.drop(columns=["kern_id"]), cat)


if __name__ == "__main__":
    guard(render)
