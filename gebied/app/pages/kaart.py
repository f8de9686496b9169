"""Page Kaart: kernen and accommodaties on the offline base map, layers and legend from the catalogue."""

from __future__ import annotations

import streamlit as st

from gebied.app import data
from gebied.app.widgets import show_map
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.maps import deck
from gebied.maps.cbs import cbs_layer


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    st.subheader("Kaart")
    cats = [c for c in cat.categorieen if c.id in set(area.accommodaties["categorie"])]
    c1, c2 = st.columns([1, 3])
    show_net = c1.checkbox("Fietsnetwerk tonen", value=False)
    show_wijken = c1.checkbox("CBS-wijken tonen", value=True) if area.is_cbs else False
    chosen = c2.multiselect("Categorieën", [c.id for c in cats], default=[c.id for c in cats],
                            format_func=lambda i: cat.categorie(i).label)
    rows = deck.accommodaties_frame(area, cat)
    rows = rows[rows["categorie"].isin(chosen)]
    layers = list(data.base())
    legend_ids: tuple[str, ...] = ("kernen", "accommodaties")
    if area.is_cbs:
        layers += [cbs_layer(area, cat, "wijken")] if show_wijken else []
        layers.append(cbs_layer(area, cat, "gemeenten"))
        legend_ids = (*(("wijken",) if show_wijken else ()), "gemeenten", *legend_ids)
    layers.append(deck.kernen_layer(area, cat))
    if show_net:
        layers.append(deck.network_layer(area, cat, "fiets"))
    layers.append(deck.accommodaties_layer(area, cat, rows))
    show_map(layers, deck.view_state(area.grens), deck.legend(cat, area, legend_ids), height=640,
             attributie=attribution(area))


if __name__ == "__main__":
    render()
