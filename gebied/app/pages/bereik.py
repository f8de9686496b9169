"""Page Bereikbaarheid: travel time to a voorziening per mode, isochrones, coverage per kern."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from gebied.app import data, state
from gebied.app.widgets import nl, show_map
from gebied.area.summary import attribution
from gebied.bereik.dekking import hosts, kern_report, nearest_minutes, norm_minutes
from gebied.bereik.modes import modes
from gebied.core.catalogue import load_catalogue
from gebied.maps import deck

ALLE = "(alle kernen)"


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    mode_table = modes(area.config.snelheden)
    st.subheader("Bereikbaarheid")
    present = [v.id for v in cat.voorzieningen if v.id in set(area.voorzieningen["voorziening"])]
    c = st.columns(4)
    modus = c[0].selectbox("Vervoerwijze", list(mode_table), index=1, format_func=lambda m: mode_table[m].label,
                           key=state.BEREIK_MODUS)
    soort = c[1].selectbox("Voorziening", present, format_func=lambda v: cat.voorziening(v).label,
                           key=state.BEREIK_SOORT)
    norm = c[2].number_input("Norm (minuten)", 1.0, 120.0, norm_minutes(area, soort), 1.0,
                             key=state.bereik_norm(soort))
    names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    kern = c[3].selectbox("Kern", [ALLE, *area.kernen["kern_id"]], format_func=lambda k: names.get(k, k),
                          key=state.BEREIK_KERN)
    ctx = data.context()
    matrix = data.matrix(modus)
    table = kern_report(area, modus, soort, norm, matrix=matrix)
    total = table[table["kern_id"] == "totaal"].iloc[0]
    m = st.columns(4)
    m[0].metric("Binnen de norm", f"{nl(total['binnen_norm_pct'], 1)}%")
    m[1].metric("Gemiddelde reistijd", f"{nl(total['gem_minuten'], 1)} min")
    m[2].metric("Inwoners buiten de norm", nl(total["buiten_norm"]))
    m[3].metric("Onbereikbaar", nl(total["onbereikbaar"]))
    pts = ctx.points
    minutes = nearest_minutes(matrix, hosts(area.voorzieningen, matrix.target_ids, soort))
    sel = np.ones(len(pts), dtype=bool) if kern == ALLE else (pts["kern_id"] == kern).to_numpy()
    layers = list(data.base())
    iso = data.get_isochrones(*data.data_key(), modus, soort)
    if iso is not None:
        layers.append(deck.isochrone_layer(iso, cat))
    layers += [
        deck.kernen_layer(area, cat, highlight=[kern]),
        deck.points_layer(pts[sel], minutes[sel], norm, area.crs),
    ]
    acc_rows = deck.accommodaties_frame(area, cat)
    hosting = hosts(area.voorzieningen, acc_rows["accommodatie_id"].to_numpy(), soort)
    layers.append(deck.accommodaties_layer(area, cat, acc_rows[hosting]))
    view = area.kernen[area.kernen["kern_id"] == kern] if kern != ALLE else area.grens
    show_map(layers, deck.view_state(view), deck.minutes_legend(norm) + deck.legend(cat, None, ("isochronen",)),
             attributie=attribution(area))
    if kern != ALLE:
        st.markdown(f"**Reistijden van de inwoners van {names[kern]}** ({mode_table[modus].label.lower()})")
        ok = sel & np.isfinite(minutes)
        hist, edges = np.histogram(minutes[ok], bins=np.arange(0, max(norm * 3, 10) + 2.5, 2.5),
                                   weights=pts.loc[ok, "inwoners"])
        st.bar_chart(pd.DataFrame({"inwoners": hist}, index=[f"{b:g}" for b in edges[:-1]]),
                     x_label="minuten", y_label="inwoners")
    st.markdown("**Per kern**")
    st.dataframe(table, hide_index=True, width="stretch")
    st.bar_chart(table[table["kern_id"] != "totaal"].set_index("kern")["binnen_norm_pct"],
                 x_label="kern", y_label="% binnen norm")


if __name__ == "__main__":
    render()
