"""Page Gegevens: the area's tables, data notes, and the upload of the planner's own data (session only)."""

from __future__ import annotations

import hashlib

import streamlit as st

from gebied.app import data, state
from gebied.app.widgets import error, nl
from gebied.area.summary import attribution, kern_table, network_table
from gebied.core.errors import GebiedError


def _upload() -> None:
    st.markdown("**Eigen gegevens uploaden** — overrides (CSV/XLSX) of een eigen accommodatielaag (GeoPackage/GeoJSON)")
    up = st.file_uploader("Bestand", type=["csv", "xlsx", "gpkg", "geojson"], key=state.UPLOAD_FILE)
    ss = st.session_state
    if up is not None:
        content = up.getvalue()
        digest = hashlib.sha256(content).hexdigest()
        if ss.get(state.UPLOAD_DIGEST) != digest:
            try:
                data.get_area(ss.get(state.AREA_ID), up.name, content)  # validates; raises on bad files
            except GebiedError as exc:
                error(exc)
            else:
                ss.update({state.UPLOAD_NAME: up.name, state.UPLOAD: content, state.UPLOAD_DIGEST: digest})
                st.rerun()
    if ss.get(state.UPLOAD):
        st.success(f"Uw gegevens uit '{ss[state.UPLOAD_NAME]}' zijn toegepast (alleen in uw sessie).")
        if st.button("Eigen gegevens verwijderen", key=state.UPLOAD_RESET):
            for k in (state.UPLOAD_NAME, state.UPLOAD, state.UPLOAD_DIGEST):
                ss.pop(k, None)
            st.rerun()


def render() -> None:
    area = data.area()
    st.subheader(f"Gegevens — {area.config.naam}")
    m = st.columns(4)
    m[0].metric("Inwoners", nl(area.bevolking))
    m[1].metric("Kernen", len(area.kernen))
    m[2].metric("Accommodaties", len(area.accommodaties))
    m[3].metric("Voorzieningen", len(area.voorzieningen))
    st.dataframe(kern_table(area), hide_index=True, width="stretch")
    st.dataframe(network_table(area), hide_index=True)
    _upload()
    with st.expander("Opmerkingen bij de gegevens"):
        for line in area.rapport:
            st.write("• " + line)
    st.caption(" · ".join(area.config.bronnen) + " · " + attribution(area))


if __name__ == "__main__":
    render()
