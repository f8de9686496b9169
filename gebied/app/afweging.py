"""Scenario's page: who bears the burden of the scenario being edited (the fairness figures of
:mod:`gebied.scenario.rechtvaardigheid`), shown on request so the page stays as fast without it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gebied.app import state
from gebied.core.catalogue import load_catalogue
from gebied.core.fmt import getal
from gebied.scenario.evaluate import Context
from gebied.scenario.model import Scenario
from gebied.scenario.rechtvaardigheid import fairness_table

NAMEN = {"buiten_norm_pct": "Buiten de norm (%)", "slechtste_kern": "Slechtste kern",
         "slechtste_mediaan": "Mediaan slechtste kern (min)", "slechtste_p90": "90e percentiel slechtste kern (min)",
         "gini": "Gini", "palma": "Palma"}


def _cell(v: object) -> str:
    if isinstance(v, str):
        return v
    f = float(v)  # type: ignore[arg-type]
    return "–" if f != f else ("∞" if f == float("inf") else getal(f, 2 if abs(f) < 10 else 1))


def panel(ctx: Context, scenario: Scenario, soorten: list[str]) -> None:
    """A toggle; when on: a kind and a doelgroep, and the fairness table (now, scenario, change, explanation)."""
    if not st.toggle("Wie draagt de last? (rechtvaardigheid per doelgroep)", key=state.SC_AFWEGING):
        return
    cat = load_catalogue()
    groups: dict[str | None, str] = {None: "alle inwoners"}
    groups.update({g.id: g.label for g in cat.leeftijdsgroepen})
    groups.update({g.id: g.label for g in cat.afgeleide_groepen})
    c = st.columns(2)
    soort = c[0].selectbox("Voorziening", soorten, key=state.SC_AFW_SOORT,
                           format_func=lambda s: cat.voorziening(s).label)
    groep = c[1].selectbox("Doelgroep", list(groups), key=state.SC_AFW_GROEP, format_func=groups.__getitem__)
    table = fairness_table(scenario, ctx, soort, groep)
    shown = pd.DataFrame({"Maat": table["maat"].map(NAMEN), "Nu": table["nu"].map(_cell),
                          "Scenario": table["scenario"].map(_cell), "Verschil": table["verschil"].map(_cell),
                          "Wat het zegt": table["uitleg"]})
    st.dataframe(shown, hide_index=True, width="stretch")
