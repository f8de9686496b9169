"""Every session-state key of the app, in one place.

Widget keys are the names tests and pages share; a page reads and writes ``st.session_state``
only through these names.
"""

from __future__ import annotations

# the data this session works on
AREA_ID = "area_id"
UPLOAD_NAME = "upload_name"
UPLOAD = "upload"
UPLOAD_DIGEST = "upload_digest"
UPLOAD_FILE = "upload_file"
UPLOAD_RESET = "upload_reset"

# Bereikbaarheid
BEREIK_MODUS = "bereik_modus"
BEREIK_SOORT = "bereik_soort"
BEREIK_KERN = "bereik_kern"


def bereik_norm(soort: str) -> str:
    """The norm input of one voorziening kind (each kind keeps its own norm)."""
    return f"bereik_norm_{soort}"


# Scenario's
SC_NAAM = "sc_naam"
SC_BESCHRIJVING = "sc_beschrijving"
SC_MSG = "sc_msg"
SC_REGEL = "sc_regel"
SC_DOEL = "sc_doel"
SC_OPT_NORM = "sc_opt_norm"
SC_LAAD = "sc_laad"
SC_MAP = "sc_map"
SC_LAST_PICK = "sc_last_pick"
SC_NIEUWE_NAAM = "sc_nieuwe_naam"
SC_BTN_REGEL = "sc_btn_regel"
SC_BTN_OPT = "sc_btn_opt"
SC_BTN_LAAD = "sc_btn_laad"
SC_BTN_RESET = "sc_btn_reset"
SC_BTN_SAVE = "sc_btn_save"
SC_BTN_RENAME = "sc_btn_rename"
SC_BTN_DELETE = "sc_btn_delete"


def sc_kern(kern_id: str) -> str:
    """The location chooser of one kern."""
    return f"sc_kern_{kern_id}"


# exports
EX_FORMAAT = "ex_formaat"
EX_STAAND = "ex_staand"
EX_MAAK = "ex_maak"
EX_FILES = "ex_files"
EX_NAAM = "ex_naam"

# Vergelijken, Kern-profiel
VG_KEUZE = "vg_keuze"
KP_KERN = "kp_kern"

# Verhaal
VH_VERHAAL = "vh_verhaal"
VH_IDX = "vh_idx"
VH_PRESENTATIE = "vh_presentatie"
VH_VORIGE = "vh_vorige"
VH_VOLGENDE = "vh_volgende"
VH_MAP = "vh_map"
VH_PLEK = "vh_plek"
VH_OPMERKINGEN = "vh_opmerkingen"
VH_TEKST = "vh_tekst"
VH_THEMA = "vh_thema"
VH_PRIK = "vh_prik"
VH_EXPORT = "vh_export"
VH_HTML = "vh_html"
