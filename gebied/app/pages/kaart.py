"""Page Kaart: kernen and accommodaties on the offline base map; layers, legend and credits from the catalogue."""

from __future__ import annotations

import streamlit as st

from gebied.app import data, state
from gebied.app.widgets import found_view, guard, heading, map_panel, nl, search
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.maps import deck, overlays
from gebied.maps.base import network_layer
from gebied.maps.cbs import cbs_layer


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    fr = data.frames()
    st.sidebar.markdown("**Kaartlagen**")
    have = set(area.accommodaties["categorie"])
    present = [c.id for c in cat.categorieen if c.id in have]
    chosen = st.sidebar.multiselect("Soorten accommodaties", present, present, key=state.KAART_CATEGORIEEN,
                                    format_func=lambda i: cat.categorie(i).label, placeholder="Kies soorten …",
                                    persist_state="session")
    show_net = st.sidebar.checkbox("Fietsnetwerk", key=state.KAART_NETWERK, persist_state="session")
    show_wijken = st.sidebar.checkbox("CBS-wijken", True, key=state.KAART_WIJKEN,
                                        persist_state="session") if area.is_cbs else False
    found = found_view(area, search(fr["kernnamen"], fr["labels"]))
    layers = list(data.base())
    legend_ids: tuple[str, ...] = ("kernen", "accommodaties")
    if area.is_cbs:
        layers += [cbs_layer(area, cat, "wijken")] if show_wijken else []
        layers.append(cbs_layer(area, cat, "gemeenten"))
        legend_ids = (*(("wijken",) if show_wijken else ()), "gemeenten", *legend_ids)
    layers.append(overlays.kernen_layer(fr["kernen_url"], cat))
    if show_net:
        layers.append(network_layer(area, cat, "fiets"))
    rows = fr["accommodaties"]
    shown = fr["accommodaties_url"] if set(chosen) >= set(present) else rows[rows["categorie"].isin(chosen)]
    layers += [overlays.accommodaties_layer(shown, cat), overlays.labels_layer(fr["namen_url"])]
    view = data.view()
    if found is not None:
        view, ring = found
        layers.append(ring)
    figures = [("Inwoners", nl(area.bevolking), ""), ("Kernen", nl(len(area.kernen)), ""),
               ("Accommodaties", nl(len(area.accommodaties)), f"{nl(len(area.voorzieningen))} voorzieningen")]
    heading(f"Kaart — {area.config.naam}")
    map_panel(layers, view, deck.legend(cat, area, legend_ids), figures, attributie=attribution(area))


if __name__ == "__main__":
    guard(render)
