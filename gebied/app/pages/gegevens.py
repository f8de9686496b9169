"""Page Gegevens: the area's figures and tables, data notes, and the planner's own data (session only)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from gebied.app import data, inloggen, state
from gebied.app.werkplaats import get_store
from gebied.app.widgets import error, guard, heading, map_panel, nl, table
from gebied.area.summary import attribution, kern_table, network_table
from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.core.errors import GebiedError
from gebied.core.fmt import veilig
from gebied.maps import deck
from gebied.toegang import acties
from gebied.toegang.rollen import mag
from gebied.toekomst.tabellen import doelgroep_tabel


def _upload(title: str, soort: str, types: list[str], keys: tuple[str, str, str, str, str, str],
            check: Callable[[str, bytes], object], applied: str) -> None:
    """An upload in the side panel (a planner's: checked and logged by :func:`gebied.toegang.acties.upload`),
    validated by ``check`` and kept for this session only; one current message.

    ``keys``: the uploader, name, content, digest, message and reset keys in the session state.
    """
    file_key, name_key, data_key, digest_key, msg_key, reset_key = keys
    ss = st.session_state
    sb = st.sidebar
    sb.markdown(title)
    up = sb.file_uploader("Bestand", type=types, key=file_key)
    if up is not None:
        content = up.getvalue()
        digest = hashlib.sha256(content).hexdigest()
        if ss.get(digest_key) != digest:
            ss[digest_key] = digest
            try:
                acties.upload(inloggen.user(), get_store(), soort, up.name, len(content))
                check(up.name, content)  # raises on bad files
            except GebiedError as exc:
                ss[msg_key] = exc
            else:
                ss.update({name_key: up.name, data_key: content, msg_key: None})
                st.rerun()
    msg = ss.get(msg_key)
    if isinstance(msg, GebiedError):
        with sb:
            error(msg)
    elif ss.get(data_key):
        sb.success(applied.format(naam=veilig(ss[name_key])))
        if sb.button("Verwijderen", key=reset_key):
            for k in (name_key, data_key, digest_key, msg_key):
                ss.pop(k, None)
            st.rerun()


def _uploads() -> None:
    ss = st.session_state
    if not mag(inloggen.user(), "upload.overrides"):
        return
    _upload("**Eigen gegevens** — overrides (CSV/XLSX) of een accommodatielaag (GeoPackage/GeoJSON); "
            f"alleen voor uw sessie, hoogstens {acties.MAX_UPLOAD_MB} MB", "overrides",
            ["csv", "xlsx", "gpkg", "geojson"],
            (state.UPLOAD_FILE, state.UPLOAD_NAME, state.UPLOAD, state.UPLOAD_DIGEST, state.UPLOAD_MSG,
             state.UPLOAD_RESET),
            lambda name, content: data.get_area(ss.get(state.AREA_ID), name, content),
            "Uw gegevens uit '{naam}' zijn toegepast (alleen in uw sessie).")
    _upload("**Bevolkingsprognose** — tabel (CSV/XLSX) met kolommen kern, jaar, leeftijd (0-14, 15-24, 25-44, "
            "45-64, 65+) en inwoners; alleen voor uw sessie", "prognose", ["csv", "xlsx"],
            (state.PROGNOSE_FILE, state.PROGNOSE_NAME, state.PROGNOSE, state.PROGNOSE_DIGEST, state.PROGNOSE_MSG,
             state.PROGNOSE_RESET),
            lambda name, content: data.get_bevolking(data.data_key(), name, content),
            "De prognose uit '{naam}' wordt gebruikt (alleen in uw sessie).")


def _bevolking(cat: Catalogue) -> None:
    """The population per year and its assumptions (projection, prognose table, derived groups, participation)."""
    area = data.area()
    bev = data.bevolking()
    st.markdown(f"**Bevolking per jaar** (basisjaar {bev.basisjaar})")
    years = [y for y in bev.jaren if (y - bev.basisjaar) % 5 == 0]
    totals = pd.DataFrame({str(y): bev.jaar(y).sum() for y in years})
    totals.index = [g.label for g in cat.leeftijdsgroepen]
    st.dataframe(totals.map(lambda v: nl(v)).rename_axis("Leeftijd").reset_index(), hide_index=True,
                 width="stretch")
    with st.expander("Aannames over de toekomst"):
        for line in [*bev.aannames, *bev.waarschuwingen]:
            st.write("• " + line)
        st.write("• Fijnere leeftijdsgroepen (afgeleid): " + "; ".join(
            f"{g.label}: " + ("gelijk verdeeld binnen de CBS-groep" if g.regel == "uniform"
                              else f"{nl(g.aandeel * 100 if g.aandeel else 0)}% van {g.uit}")
            for g in cat.afgeleide_groepen) + ".")
        st.write(f"• Opheffingsnorm basisonderwijs: {area.config.toekomst.opheffingsnorm} leerlingen "
                 "(instelbaar per gebied onder toekomst.opheffingsnorm; de wettelijke norm per gemeente ligt "
                 "tussen 23 en 200 leerlingen, WPO art. 153).")
        table(doelgroep_tabel(area, cat), cat)


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    _uploads()
    heading(f"Gegevens — {area.config.naam}")
    figures = [("Inwoners", nl(area.bevolking), str(area.meta.get("bevolking_bron", ""))),
               ("Kernen", nl(len(area.kernen)), ""), ("Accommodaties", nl(len(area.accommodaties)), ""),
               ("Voorzieningen", nl(len(area.voorzieningen)), "")]
    layers = data.layers()
    map_panel(layers, data.view(), deck.legend(cat, area), figures, attributie=attribution(area))
    st.markdown("**Kernen**")
    table(kern_table(area), cat)
    st.markdown("**Netwerken**")
    table(network_table(area), cat)
    _bevolking(cat)
    with st.expander("Opmerkingen bij de gegevens"):
        for line in area.rapport:
            st.write("• " + line)
    st.caption(" · ".join(area.config.bronnen) + " · " + attribution(area))


if __name__ == "__main__":
    guard(render)
