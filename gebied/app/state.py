"""Every session-state key of the app, in one place.

Widget keys are the names tests and pages share; a page reads and writes ``st.session_state``
only through these names. Page settings a planner expects to find again after visiting another page are
widgets with ``persist_state="session"`` (Streamlit otherwise forgets the value of a widget that was not on the
page it just showed).
"""

from __future__ import annotations

# the data this session works on
AREA_ID = "area_id"
UPLOAD_NAME = "upload_name"
UPLOAD = "upload"
UPLOAD_DIGEST = "upload_digest"
UPLOAD_FILE = "upload_file"
UPLOAD_RESET = "upload_reset"

# every page
ZOEK = "zoek"
KAART = "kaart"  # the map of every map page (one widget, so the browser keeps it across pages)
KAART_LAGEN = "kaart_lagen"  # layers shown before, kept on the map hidden (gebied.app.layout.keep_hidden)
KLIKKEN = "klikken"  # per clickable layer, the clicks taken (gebied.app.layout.click_layer)
CONCEPT_ID = "concept_id"  # the draft of this browser session (also in the address: ?concept=…)

# Kaart
KAART_NETWERK = "kaart_netwerk"
KAART_WIJKEN = "kaart_wijken"
KAART_CATEGORIEEN = "kaart_categorieen"

# Bereikbaarheid
BEREIK_MODUS = "bereik_modus"
BEREIK_SOORT = "bereik_soort"
BEREIK_KERN = "bereik_kern"


def bereik_norm(soort: str) -> str:
    """The norm input of one voorziening kind (each kind keeps its own norm)."""
    return f"bereik_norm_{soort}"


# Scenario's: the scenario being edited lives in SC_CONCEPT (a dict, never a widget key, so it survives
# page switches); the widgets below write to it through their callbacks.
SC_CONCEPT = "sc_concept"
SC_NAAM = "sc_naam"
SC_KERN = "sc_welke_kern"  # the kern whose location the chooser beside the map shows
SC_BESCHRIJVING = "sc_beschrijving"
SC_MSG = "sc_msg"
SC_REGEL = "sc_regel"
SC_DOEL = "sc_doel"
SC_GEMEENTE = "sc_gemeente"
SC_OPT_NORM = "sc_opt_norm"
SC_LAAD = "sc_laad"
SC_NIEUWE_NAAM = "sc_nieuwe_naam"
SC_BTN_REGEL = "sc_btn_regel"
SC_BTN_OPT = "sc_btn_opt"
SC_BTN_LAAD = "sc_btn_laad"
SC_BTN_RESET = "sc_btn_reset"
SC_BTN_SAVE = "sc_btn_save"
SC_BTN_RENAME = "sc_btn_rename"
SC_BTN_DELETE = "sc_btn_delete"


def sc_kern(kern_id: str) -> str:
    """The location chooser of one kern (shown while that kern is chosen in ``SC_KERN``)."""
    return f"sc_kern_{kern_id}"


# exports
EX_FORMAAT = "ex_formaat"
EX_STAAND = "ex_staand"
EX_MAAK = "ex_maak"
EX_FILES = "ex_files"
EX_NAAM = "ex_naam"

# Vergelijken, Kern-profiel
VG_KEUZE = "vg_keuze"
WP_CODE = "wp_code"  # the werksessie this browser steers or joins
WP_TOKEN = "wp_token"
WP_DEELNEMER = "wp_deelnemer"
WP_KAART = "wp_kaart"  # the map a participant taps on (Meedoen)
WP_NAAM = "wp_naam"
WP_PLEK = "wp_plek"
WP_MSG = "wp_msg"
WP_FILES = "wp_files"
JAAR = "jaar"  # the year slider on the Scenario's, Vergelijken and Kern-profiel pages
JAAR_WAARDE = "jaar_waarde"  # the year those pages show (a plain value: kept across pages and reruns)
PROGNOSE_FILE = "prognose_file"
PROGNOSE_NAME = "prognose_name"
PROGNOSE = "prognose"
PROGNOSE_DIGEST = "prognose_digest"
PROGNOSE_MSG = "prognose_msg"
PROGNOSE_RESET = "prognose_reset"
KP_KERN = "kp_kern"

# Gegevens
UPLOAD_MSG = "upload_msg"

# Verhaal
VH_VERHAAL = "vh_verhaal"
VH_IDX = "vh_idx"
VH_PRESENTATIE = "vh_presentatie"
VH_VORIGE = "vh_vorige"
VH_VOLGENDE = "vh_volgende"
VH_PLEK = "vh_plek"
VH_OPMERKINGEN = "vh_opmerkingen"
VH_TEKST = "vh_tekst"
VH_THEMA = "vh_thema"
VH_PRIK = "vh_prik"
VH_EXPORT = "vh_export"
VH_HTML = "vh_html"


def initial(key: str, value: object) -> None:
    """Give a widget its first value through the session state (for a value the page also sets itself, which
    Streamlit refuses to combine with ``index=``/``value=``/``default=`` on the widget)."""
    import streamlit as st

    if key not in st.session_state:
        st.session_state[key] = value

# who is logged in (gebied.app.inloggen)
LOGIN = "login"
LOGIN_MSG = "login_msg"
SC_VERSIE = "sc_versie"
SC_BTN_VERSIE = "sc_btn_versie"
SC_PRULLENBAK = "sc_prullenbak"
SC_BTN_TERUG = "sc_btn_terug"
WP_PLEK_LIJST = "wp_plek_lijst"  # Meedoen: the place chosen in the list (the map's keyboard alternative)
WP_PLEK_NAAM = "wp_plek_naam"
WP_TAB = "wp_tab"  # Meedoen: the chosen tab (kept when the page runs again)
SC_AFWEGING = "sc_afweging"  # Scenario's: show who bears the burden (fairness figures)
SC_AFW_SOORT = "sc_afw_soort"
SC_AFW_GROEP = "sc_afw_groep"
# Afweging: the question of the curve, the chosen point, and the kind whose fairness is shown
AF_GROEP = "af_groep"
AF_NORM = "af_norm"
AF_PERKERN = "af_perkern"
AF_MODUS = "af_modus"
AF_PUNTEN = "af_punten"
AF_HOUDEN = "af_houden"
AF_SLUITEN = "af_sluiten"
AF_PUNT = "af_punt"  # index of the chosen point on the curve
AF_GRAFIEK = "af_grafiek"  # the chart (a click on a point chooses it)
AF_SOORT = "af_soort"
AF_BTN_OPEN = "af_btn_open"
AF_BTN_SAVE = "af_btn_save"
AF_MSG = "af_msg"
VG_SOORT = "vg_soort"  # Vergelijken: who bears the burden, for this kind and doelgroep
VG_GROEP = "vg_groep"
AF_BTN_EXPORT = "af_btn_export"
AF_FILES = "af_files"
