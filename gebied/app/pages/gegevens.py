"""Page Gegevens: the area's figures and tables, data notes, and the planner's own data (session only)."""

from __future__ import annotations

import hashlib

import streamlit as st

from gebied.app import data, state
from gebied.app.widgets import error, guard, map_panel, nl, table
from gebied.area.summary import attribution, kern_table, network_table
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.maps import deck


def _upload() -> None:
    """Upload overrides or an accommodatie layer: validated, applied to this session only; one current message."""
    ss = st.session_state
    sb = st.sidebar
    sb.markdown("**Eigen gegevens** — overrides (CSV/XLSX) of een accommodatielaag (GeoPackage/GeoJSON); "
                "alleen voor uw sessie")
    up = sb.file_uploader("Bestand", type=["csv", "xlsx", "gpkg", "geojson"], key=state.UPLOAD_FILE)
    if up is not None:
        content = up.getvalue()
        digest = hashlib.sha256(content).hexdigest()
        if ss.get(state.UPLOAD_DIGEST) != digest:
            ss[state.UPLOAD_DIGEST] = digest
            try:
                data.get_area(ss.get(state.AREA_ID), up.name, content)  # validates; raises on bad files
            except GebiedError as exc:
                ss[state.UPLOAD_MSG] = exc
            else:
                ss.update({state.UPLOAD_NAME: up.name, state.UPLOAD: content, state.UPLOAD_MSG: None})
                st.rerun()
    msg = ss.get(state.UPLOAD_MSG)
    if isinstance(msg, GebiedError):
        with sb:
            error(msg)
    elif ss.get(state.UPLOAD):
        sb.success(f"Uw gegevens uit '{ss[state.UPLOAD_NAME]}' zijn toegepast (alleen in uw sessie).")
        if sb.button("Eigen gegevens verwijderen", key=state.UPLOAD_RESET):
            for k in (state.UPLOAD_NAME, state.UPLOAD, state.UPLOAD_DIGEST, state.UPLOAD_MSG):
                ss.pop(k, None)
            st.rerun()


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    _upload()
    st.subheader(f"Gegevens — {area.config.naam}")
    figures = [("Inwoners", nl(area.bevolking), str(area.meta.get("bevolking_bron", ""))),
               ("Kernen", nl(len(area.kernen)), ""), ("Accommodaties", nl(len(area.accommodaties)), ""),
               ("Voorzieningen", nl(len(area.voorzieningen)), "")]
    layers = data.layers()
    map_panel(layers, deck.view_state(area.grens), deck.legend(cat, area), figures, attributie=attribution(area))
    st.markdown("**Kernen**")
    table(kern_table(area), cat)
    st.markdown("**Netwerken**")
    table(network_table(area), cat)
    with st.expander("Opmerkingen bij de gegevens"):
        for line in area.rapport:
            st.write("• " + line)
    st.caption(" · ".join(area.config.bronnen) + " · " + attribution(area))


if __name__ == "__main__":
    guard(render)
