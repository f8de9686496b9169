"""The year on the Scenario's, Vergelijken and Kern-profiel pages: slider, per-year figures, rings, tables.

Every number comes from :mod:`gebied.scenario.jaren` and :mod:`gebied.toekomst`; this module only shows them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from gebied.app import data, state
from gebied.core.fmt import getal
from gebied.maps import overlays
from gebied.scenario.jaren import JarenEvaluatie
from gebied.toekomst.prognose import Bevolking


def jaar_slider() -> tuple[Bevolking, int]:
    """The year slider in the side panel (base year … 15 years on); the population and the chosen year."""
    bev = data.bevolking()
    ss = st.session_state
    jaar = ss.get(state.JAAR_WAARDE, bev.basisjaar)
    if not bev.jaren[0] <= jaar <= bev.jaren[-1]:
        jaar = bev.basisjaar
    ss[state.JAAR] = ss[state.JAAR_WAARDE] = jaar  # the slider of this page starts at the chosen year
    st.sidebar.slider("Jaar", bev.jaren[0], bev.jaren[-1], step=1, key=state.JAAR, on_change=_kies_jaar,
                      help="Bevolking en gebruik in dit jaar: " + " ".join(bev.aannames))
    bron = "eigen prognosetabel" if st.session_state.get(state.PROGNOSE) else "ingebouwde projectie"
    landelijk = any("landelijk" in b for b in bev.bron.values())
    credit = " Leeftijdsopbouw: CBS (CC BY 4.0)." if landelijk or data.area().is_cbs else ""
    st.sidebar.caption(f"Bevolking: {bron} (basisjaar {bev.basisjaar}).{credit} Details op de pagina Gegevens.")
    for w in bev.waarschuwingen:
        st.sidebar.caption(f"Let op: {w}")
    return bev, int(ss[state.JAAR])


def _kies_jaar() -> None:
    """Keep the year a planner chose apart from the slider: every page has its own slider (Streamlit tells
    widgets of different pages apart), and a slider of one page does not find the value of another's."""
    st.session_state[state.JAAR_WAARDE] = st.session_state[state.JAAR]


def signalen(jev: JarenEvaluatie, jaar: int) -> pd.DataFrame:
    """The locations with a signal in ``jaar``: ``accommodatie_id`` and a short ``tekst``."""
    rows = jev.per_locatie[(jev.per_locatie["jaar"] == jaar) & (jev.per_locatie["signaal"] != "")]
    per_acc: dict[str, set[str]] = {}
    for a, signaal in zip(rows["accommodatie_id"].tolist(), rows["signaal"].tolist()):
        per_acc.setdefault(a, set()).add(signaal)
    ids = sorted(per_acc)
    return pd.DataFrame({"accommodatie_id": ids, "tekst": [f"{jaar}: {'; '.join(sorted(per_acc[a]))}" for a in ids]})


def figures(jev: JarenEvaluatie, jaar: int) -> list[tuple[str, str, str]]:
    """Key figures of the chosen year."""
    row = jev.per_jaar.set_index("jaar").loc[jaar]
    first = jev.eerste_probleem
    help_first = f"eerste in {int(first['eerste_jaar'].min())}" if len(first) else "in geen van de jaren"
    return [(f"Inwoners in {jaar}", getal(row["inwoners"]), f"65+: {getal(row.get('leeftijd_65+'))}"),
            (f"Knelpunten in {jaar}", getal(row["locaties_met_signaal"]),
             f"overbezet, onder de opheffingsnorm of ontmoetingsplek zonder gebruikers; {help_first}")]


def ring_layer(jev: JarenEvaluatie, jaar: int) -> Any:
    """Rings around this year's knelpunten."""
    from gebied.core.catalogue import load_catalogue

    return overlays.knelpunten_layer(data.frames()["accommodaties"], signalen(jev, jaar), load_catalogue())


def locaties(jev: JarenEvaluatie, jaar: int) -> pd.DataFrame:
    """Per kept location and voorziening in ``jaar``: users, occupancy, signal, and the first year it goes wrong."""
    names = dict(zip(data.area().kernen["kern_id"], data.area().kernen["naam"]))
    rows = jev.per_locatie[jev.per_locatie["jaar"] == jaar].copy()
    first = jev.eerste_probleem.set_index("accommodatie_id")["eerste_jaar"]
    rows["eerste_jaar"] = rows["accommodatie_id"].map(first).map(lambda y: "–" if pd.isna(y) else str(int(y)))
    rows["kern"] = rows["kern"].map(lambda k: names.get(k, "buitengebied"))
    from gebied.core.catalogue import load_catalogue

    cat = load_catalogue()
    rows["voorziening"] = rows["voorziening"].map(lambda v: cat.voorziening(v).label)
    rows = rows.sort_values(["signaal", "gebruikers"], ascending=[False, False])
    return rows[["naam", "kern", "voorziening", "gebruikers", "bezetting_pct", "signaal", "eerste_jaar"]]
