"""gebied — the planner's app (a thin Streamlit shell over the ``gebied`` package).

Run with ``python3 run.py app``. Every figure shown comes from a ``gebied`` function.
"""

from __future__ import annotations

import streamlit as st

from gebied.catalogue import OSM_ATTRIBUTION, load_catalogue
from gebied.errors import GebiedError

st.set_page_config(page_title="gebied — voorzieningenplanner", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner="Gebied laden …")
def get_area(area_id: str | None):
    """The area, loaded once per process and shared read-only between sessions."""
    from gebied.store import load_area

    return load_area(area_id)


@st.cache_resource(show_spinner=False)
def get_base(area_id: str | None):
    from gebied import mapview

    return mapview.base_layers(get_area(area_id), load_catalogue())


def page_kaart(area, area_id) -> None:
    from gebied import mapview

    cat = load_catalogue()
    st.subheader("Kaart")
    c1, c2 = st.columns([4, 1])
    with c2:
        show_net = st.checkbox("Fietsnetwerk tonen", value=False)
        cats = [c for c in cat.categorieen if c.id in set(area.accommodaties["categorie"])]
        chosen = st.multiselect("Categorieën", [c.id for c in cats], default=[c.id for c in cats],
                                format_func=lambda i: cat.categorie(i).label)
    rows = mapview.accommodaties_frame(area, cat)
    rows = rows[rows["categorie"].isin(chosen)]
    layers = list(get_base(area_id)) + [mapview.kernen_layer(area, cat)]
    if show_net:
        layers.append(mapview.network_layer(area, cat, "fiets"))
    layers.append(mapview.accommodaties_layer(area, cat, rows))
    with c1:
        st.pydeck_chart(mapview.deck(layers, mapview.view_state(area.grens)), height=640)
        st.caption(OSM_ATTRIBUTION)
    with c2:
        st.markdown(mapview.legend_html(mapview.legend(cat, area)), unsafe_allow_html=True)


def page_overzicht(area) -> None:
    from gebied.fmt import getal
    from gebied.summary import kern_table, network_table

    st.subheader(f"Overzicht — {area.config.naam}")
    m = st.columns(4)
    m[0].metric("Inwoners", getal(area.bevolking))
    m[1].metric("Kernen", len(area.kernen))
    m[2].metric("Accommodaties", len(area.accommodaties))
    m[3].metric("Voorzieningen", len(area.voorzieningen))
    st.dataframe(kern_table(area), hide_index=True, use_container_width=True)
    st.dataframe(network_table(area), hide_index=True)
    with st.expander("Opmerkingen bij de gegevens"):
        for line in area.rapport:
            st.write("• " + line)
    st.caption(" · ".join(area.config.bronnen) + " · " + OSM_ATTRIBUTION)


def main() -> None:
    area_id = st.query_params.get("gebied")
    try:
        area = get_area(area_id)
    except GebiedError as exc:
        st.error(f"**{exc.nl}**\n\n{exc.en}\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        st.stop()
    st.sidebar.title("gebied")
    st.sidebar.caption(f"Gebied: **{area.config.naam}**")
    page = st.sidebar.radio("Pagina", ["Kaart", "Overzicht"], key="pagina")
    if page == "Kaart":
        page_kaart(area, area_id)
    else:
        page_overzicht(area)


main()
