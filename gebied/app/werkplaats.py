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

#: Meedoen on a phone: a map of a third of the screen, and a swipe on it scrolls the page (a sideways drag still
#: moves the map, a tap still chooses a place).
TELEFOON = """
<style>
:root {--gebied-kaart-hoogte: min(36vh, 300px);}
h1 {font-size: 1.7rem !important; padding: 0.2rem 0 0.4rem 0 !important;}
[data-testid="stDeckGlJsonChart"], [data-testid="stDeckGlJsonChart"] * {touch-action: pan-y !important;}
</style>
"""


def status(kind: str, text: str) -> None:
    """A message that a screen reader announces: thanks politely (role status), a refusal at once (role alert);
    with a symbol and a word, never colour alone."""
    role, live, mark = ("status", "polite", "✔ ") if kind == "success" else ("alert", "assertive", "⚠ Let op: ")
    st.markdown(f'<div class="gebied-melding {kind}" role="{role}" aria-live="{live}" aria-atomic="true">'
                f'{mark}{veilig(text)}</div>', unsafe_allow_html=True)


def opmerkingen_in_woorden(notes: pd.DataFrame, places: pd.DataFrame, most: int = 8) -> list[str]:
    """The notes on the map as lines of text (the map's text alternative): theme, text and the nearest named
    place, newest first."""
    import numpy as np

    lines = []
    for r in notes.sort_values("id", ascending=False).head(most).itertuples():
        d = (places["lon"] - r.lon) ** 2 + ((places["lat"] - r.lat) * 1.5) ** 2
        near = places["label"].iloc[int(np.argmin(d.to_numpy()))] if len(places) else ""
        lines.append(f"{r.thema}: {r.tekst}" + (f" (bij {near})" if near else ""))
    return lines


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


def qr_svg(url: str, scale: int = 6, scalable: bool = False) -> str:
    """A QR code of ``url`` as inline SVG (segno, no request leaves the machine); ``scalable``: without a fixed
    size (a view box), so the page's style gives its size."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True,
                                    omitsize=scalable)
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
    """The tallies in projector type (readable from the back of a village hall): per scenario overall, then per
    kern; each count with its word, never colour alone."""
    if tallies.empty:
        return "<div class='scherm-stemmen'>Nog geen reacties op de scenario's.</div>"
    lines = []
    for scenario, part in tallies.groupby("scenario", sort=False):
        lines.append(f"<div class='scherm-stemmen kop'>{veilig(scenario)}</div>")
        for r in part.itertuples():
            wie = "hele scenario" if not r.kern else f"kern {veilig(names.get(r.kern, r.kern))}"
            lines.append(f"<div class='scherm-stemmen'>{wie}: <b>{r.voor}</b> voorkeur · <b>{r.kan_leven}</b> "
                         f"kan ermee leven · <b>{r.tegen}</b> tegen</div>")
    return "".join(lines)


#: The projector at 1920×1080: text of at least 28 px, the code and its QR code large, the map and the live
#: list filling the screen.
SCHERM_CSS = """
<style>
:root {--gebied-kaart-hoogte: calc(100vh - 3rem);}
.block-container {padding: 0.6rem 1rem 0.4rem 1rem !important;}
.scherm-code {font-size: 2.6rem; font-weight: 700; line-height: 1.15;}
.scherm-code b {letter-spacing: 0.35rem; color: #1a6b3c;}
.scherm-qr svg {width: 30vh !important; height: 30vh !important; max-width: none !important; display: block;}
.scherm-titel {font-size: 2.2rem; font-weight: 700; margin-top: 0.4rem;}
.scherm-vraag {font-size: 2.1rem; line-height: 1.25; margin-top: 0.3rem;}
.scherm-aantal {font-size: 1.9rem; font-weight: 600; margin-top: 0.5rem;}
.scherm-notitie {font-size: 1.8rem; line-height: 1.3; margin: 0.25rem 0;}
.scherm-stemmen {font-size: 1.8rem; line-height: 1.3;}
.scherm-stemmen.kop {font-weight: 700; margin-top: 0.5rem;}
</style>
"""
