"""Shared parts of the workshop pages: the store, the session from the address, links and the QR code."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from gebied.app import state
from gebied.core.fmt import veilig
from gebied.maps import overlays
from gebied.werkplaats.store import SessieInfo, Store, WerkplaatsError, default_url

#: Phones and projectors do not need the planner's side panel.
ZONDER_ZIJPANEEL = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {display: none;}
.block-container {padding: 0.8rem 0.8rem 1rem 0.8rem !important;}
</style>
"""


def get_store() -> Store:
    """The store (``GEBIED_DB_URL``, else SQLite in the user folder), opened once per server and database."""
    return open_store(default_url())


@st.cache_resource(show_spinner=False)
def open_store(url: str) -> Store:
    """The store at ``url``, opened (and migrated) once."""
    return Store(url)


def sessie_uit_adres() -> SessieInfo | None:
    """The werksessie named in the address (``?code=…``) or chosen in this session; None when none or unknown."""
    code = st.query_params.get("code") or st.session_state.get(state.WP_CODE)
    if not code:
        return None
    try:
        info = get_store().sessie(code)
    except WerkplaatsError as exc:
        st.error(exc.nl)
        return None
    st.session_state[state.WP_CODE] = info.code
    return info


def link(page: str, **params: str) -> str:
    """An absolute link to a page of this app (for the participants' phones and the projector)."""
    base = st.context.url.split("?")[0].rsplit("/", 1)[0] if st.context.url else ""
    return f"{base}/{page}?{urlencode(params)}"


def qr_svg(url: str, scale: int = 6) -> str:
    """A QR code of ``url`` as inline SVG (segno, no request leaves the machine)."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return buf.getvalue().decode()


def opmerkingen_lagen(notes: pd.DataFrame) -> list:
    """The visible notes as pins (empty: no layer)."""
    from gebied.core.catalogue import load_catalogue

    return [overlays.opmerkingen_layer(notes, load_catalogue())] if len(notes) else []


def tally_table(tallies: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Tallies with Dutch headers and kern names ('' = het hele scenario)."""
    t = tallies.copy()
    t["kern"] = t["kern"].map(lambda k: names.get(k, k) if k else "hele scenario")
    return t.rename(columns={"scenario": "Scenario", "kern": "Kern", "voor": "Voorkeur", "kan_leven": "Kan ermee leven",
                             "tegen": "Tegen"})


def tally_html(tallies: pd.DataFrame, names: dict[str, str]) -> str:
    """The tallies in large type for the projector: per scenario overall, then per kern."""
    if tallies.empty:
        return "<div style='font-size:1.1rem;color:#666'>Nog geen reacties op de scenario's.</div>"
    lines = []
    for scenario, part in tallies.groupby("scenario", sort=False):
        lines.append(f"<div style='font-size:1.3rem;font-weight:700;margin-top:0.4rem'>{veilig(scenario)}</div>")
        for r in part.itertuples():
            wie = "hele scenario" if not r.kern else f"kern {veilig(names.get(r.kern, r.kern))}"
            lines.append(f"<div style='font-size:1.15rem'>{wie}: <b>{r.voor}</b> voorkeur · <b>{r.kan_leven}</b> "
                         f"kan ermee leven · <b>{r.tegen}</b> tegen</div>")
    return "".join(lines)
