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


@st.cache_resource(show_spinner="Reistijden berekenen …")
def get_matrix(area_id: str | None, modus: str):
    """Travel-time matrix (all inhabitants x all accommodaties) per mode, computed once."""
    from gebied import bereik

    return bereik.area_matrix(get_area(area_id), modus)


@st.cache_resource(show_spinner="Isochronen berekenen …")
def get_isochrones(area_id: str | None, modus: str, soort: str):
    from gebied import bereik
    from gebied.isochrones import isochrones

    area = get_area(area_id)
    hosts = bereik.hosts(area.voorzieningen, area.accommodaties["accommodatie_id"].to_numpy(), soort)
    if not hosts.any():
        return None
    import shapely

    xy = shapely.get_coordinates(area.accommodaties.geometry.values)[hosts]
    return isochrones(bereik.area_graph(area, modus), area.netwerken[modes_table(area)[modus].netwerk], xy)


def modes_table(area):
    from gebied.modes import modes

    return modes(area.config.snelheden)


def page_bereik(area, area_id) -> None:
    import numpy as np

    from gebied import bereik, mapview

    cat = load_catalogue()
    st.subheader("Bereikbaarheid")
    present = [v.id for v in cat.voorzieningen if v.id in set(area.voorzieningen["voorziening"])]
    c = st.columns(4)
    modus = c[0].selectbox("Vervoerwijze", list(modes_table(area)), index=1,
                           format_func=lambda m: modes_table(area)[m].label, key="bereik_modus")
    soort = c[1].selectbox("Voorziening", present, format_func=lambda v: cat.voorziening(v).label,
                           key="bereik_soort")
    norm = c[2].number_input("Norm (minuten)", 1.0, 120.0, bereik.norm_minutes(area, soort), 1.0,
                             key=f"bereik_norm_{soort}")
    kern_opts = ["(alle kernen)"] + list(area.kernen["kern_id"])
    names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    kern = c[3].selectbox("Kern", kern_opts, format_func=lambda k: names.get(k, k), key="bereik_kern")
    matrix = get_matrix(area_id, modus)
    table = bereik.kern_report(area, modus, soort, norm, matrix=matrix)
    total = table[table["kern_id"] == "totaal"].iloc[0]
    m = st.columns(4)
    m[0].metric("Binnen de norm", f"{total['binnen_norm_pct']:.1f}%".replace(".", ","))
    m[1].metric("Gemiddelde reistijd", f"{total['gem_minuten']:.1f} min".replace(".", ","))
    m[2].metric("Inwoners buiten de norm", f"{total['buiten_norm']:,.0f}".replace(",", "."))
    m[3].metric("Onbereikbaar", f"{total['onbereikbaar']:,.0f}".replace(",", "."))
    pts = bereik.demand_points(area)
    near = bereik.nearest(matrix, area.voorzieningen, [soort])
    minutes = near["minuten"].to_numpy(dtype=float)
    sel = np.ones(len(pts), dtype=bool) if kern == "(alle kernen)" else (pts["kern_id"] == kern).to_numpy()
    layers = list(get_base(area_id))
    iso = get_isochrones(area_id, modus, soort)
    if iso is not None:
        layers.append(mapview.isochrone_layer(iso, cat))
    layers += [mapview.kernen_layer(area, cat, highlight=[kern]),
               mapview.points_layer(pts[sel], minutes[sel], norm, area.crs)]
    acc_rows = mapview.accommodaties_frame(area, cat)
    hosting = bereik.hosts(area.voorzieningen, acc_rows["accommodatie_id"].to_numpy(), soort)
    layers.append(mapview.accommodaties_layer(area, cat, acc_rows[hosting]))
    view_gdf = area.kernen[area.kernen["kern_id"] == kern] if kern != "(alle kernen)" else area.grens
    left, right = st.columns([4, 1])
    with left:
        st.pydeck_chart(mapview.deck(layers, mapview.view_state(view_gdf)), height=560)
        st.caption(OSM_ATTRIBUTION)
    with right:
        st.markdown(mapview.legend_html(mapview.minutes_legend(norm) + mapview.legend(cat, None, ("isochronen",))),
                    unsafe_allow_html=True)
    if kern != "(alle kernen)":
        st.markdown(f"**Reistijden van de inwoners van {names[kern]}** ({modes_table(area)[modus].label.lower()})")
        sub = table[table["kern_id"] == kern]
        st.dataframe(sub, hide_index=True, use_container_width=True)
        hist = np.histogram(minutes[sel & np.isfinite(minutes)], bins=np.arange(0, max(norm * 3, 10) + 1, 2.5),
                            weights=pts.loc[sel & np.isfinite(minutes), "inwoners"])
        import pandas as pd

        st.bar_chart(pd.DataFrame({"inwoners": hist[0]}, index=[f"{b:g}" for b in hist[1][:-1]]),
                     x_label="minuten", y_label="inwoners")
    st.markdown("**Per kern**")
    st.dataframe(table, hide_index=True, use_container_width=True)
    chart = table[~table["kern_id"].isin(["totaal"])].set_index("kern")["binnen_norm_pct"]
    st.bar_chart(chart, x_label="kern", y_label="% binnen norm")


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


PAGES = {
    "Kaart": page_kaart,
    "Bereikbaarheid": page_bereik,
    "Overzicht": lambda area, area_id: page_overzicht(area),
}


def main() -> None:
    area_id = st.query_params.get("gebied")
    try:
        area = get_area(area_id)
    except GebiedError as exc:
        st.error(f"**{exc.nl}**\n\n{exc.en}\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        st.stop()
    st.sidebar.title("gebied")
    st.sidebar.caption(f"Gebied: **{area.config.naam}**")
    page = st.sidebar.radio("Pagina", list(PAGES), key="pagina")
    PAGES[page](area, area_id)


main()
