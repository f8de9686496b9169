"""The app's shell: the area, navigation, and the map frame around each page.

``app.py`` calls :func:`main` on every run (after :func:`gebied.app.page.head`); each page is a script in
``gebied/app/pages/``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from gebied.app import concept, data, inloggen, layout, state, vooraf
from gebied.app.werkplaats import get_store, veilig
from gebied.app.widgets import error
from gebied.core.config import default_area_id, known_area_ids
from gebied.core.errors import GebiedError
from gebied.toegang.rollen import MEDEWERKERS, Gebruiker, mag_pagina

PAGES = Path(__file__).parent / "pages"


#: Every page: its script, title and icon (the address is the script's name); Kaart is the default.
PAGINAS = [
    ("kaart", "Kaart", ":material/map:"), ("bereik", "Bereikbaarheid", ":material/directions_bike:"),
    ("scenarios", "Scenario's", ":material/holiday_village:"), ("afweging", "Afweging", ":material/balance:"),
    ("vergelijken", "Vergelijken", ":material/compare:"),
    ("kernprofiel", "Kern-profiel", ":material/assignment:"), ("verhaal", "Verhaal", ":material/auto_stories:"),
    ("gegevens", "Gegevens", ":material/table_chart:"), ("werkplaats", "Werkplaats", ":material/groups:"),
    ("meedoen", "Meedoen", ":material/smartphone:"), ("scherm", "Scherm", ":material/cast:"),
    ("beheer", "Beheer", ":material/admin_panel_settings:"),
    ("toegankelijkheid", "Toegankelijkheid", ":material/accessibility:"),
]


def area_from_address() -> str:
    """The area of this session: ``?gebied=`` when it names a known area (an id, never a path), else the default."""
    given = st.query_params.get("gebied")
    if given is None:
        return default_area_id()
    if given not in known_area_ids():
        raise GebiedError("Onbekend gebied in het adres; het standaardgebied wordt niet vervangen.",
                          "Unknown area in the address.")
    return given


def main() -> None:
    """Check who this is, open the area, run the chosen page in the map frame (after :func:`gebied.app.page.head`).

    Every page is registered, so an address typed by hand resolves; a page the role may not open is refused here,
    before it runs, and is hidden from the navigation. The background preparation waits while a page runs."""
    with vooraf.page_run():
        _main()


def _main() -> None:
    try:
        if state.AREA_ID not in st.session_state:  # once per session: the address's area, checked
            st.session_state[state.AREA_ID] = area_from_address()
        area = data.area()
    except GebiedError as exc:
        error(exc)
        st.stop()

    wie = inloggen.user() or schermlink()
    pages = {key: st.Page(PAGES / f"{key}.py", title=title, icon=icon, default=key == "kaart",
                          visibility="visible" if mag_pagina(wie, key) else "hidden")
             for key, title, icon in PAGINAS}
    medewerker = wie is not None and wie.rol in MEDEWERKERS
    nav = st.navigation(list(pages.values()), position="sidebar" if medewerker else "hidden")
    key = nav.url_path or "kaart"
    if not mag_pagina(wie, key):
        if wie is None or not medewerker:
            inloggen.login_form("Deze pagina is alleen voor medewerkers van de gemeente; log in om verder te gaan.",
                                meedoen=pages["meedoen"])
        else:
            st.error(f"Geen toegang: de pagina {nav.title} is niet voor uw rol ({wie.rol}).")
        st.stop()
    if wie is not None and medewerker:
        sidebar_user(wie, area.config.naam)
        concept.marker(area)
    ratio = layout.ratio_for(nav.title)
    if ratio is not None:  # the map at the same place on every map page: the browser keeps it across switches
        layout.open_frame(ratio)
    ran = False
    try:
        nav.run()
        ran = True
    finally:
        layout.close_frame(draw=ran)  # the page's map, drawn here so it is the same element on every page
    vooraf.start_warmup(*data.data_key())  # once per area: isochrones and travel times of every mode, in the background


def schermlink() -> Gebruiker | None:
    """The projector's role for one session, when the address carries its code and projector key."""
    code, sleutel = st.query_params.get("code", ""), st.query_params.get("sleutel", "")
    if code and sleutel and get_store().is_scherm(code, sleutel):
        return Gebruiker(naam="scherm", rol="scherm", bron="link", sessie=code.strip().upper())
    return None


def sidebar_user(wie: Gebruiker, gebied: str) -> None:
    """Who is logged in, the area, and the way out (or that this is the single local planner)."""
    sb = st.sidebar
    sb.caption(f"Gebied: **{veilig(gebied)}**")
    if wie.bron == "lokaal":
        sb.info("Lokaal gebruik: u werkt als enige planner op deze computer, zonder accounts. Zet gebied pas op "
                "een netwerk nadat u accounts hebt gemaakt (gebied gebruiker toevoegen).", icon=":material/laptop:")
        return
    sb.caption(f"Ingelogd: **{veilig(wie.naam)}** ({wie.rol})")
    sb.button("Uitloggen", on_click=inloggen.log_out, key="uitloggen")
