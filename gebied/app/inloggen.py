"""Who is using this browser session: the single local planner, a local account, an OIDC login, or a link.

Checked on the server on every run. A local login lives in the session (server side) and expires after
:data:`STIL` without use or :data:`HOOGSTENS` in all; its account is read again on every run, so a role taken
away or an account removed counts at once. Without accounts and without OIDC, a server bound to this machine
only (127.0.0.1) runs as one local planner and says so.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets

import streamlit as st

from gebied.app import state
from gebied.app.werkplaats import get_store
from gebied.core.fmt import veilig
from gebied.toegang.accounts import Accounts, InlogFout
from gebied.toegang.rollen import ACCOUNT_ROLLEN, Gebruiker, is_loopback
from gebied.werkplaats.model import nu

STIL = dt.timedelta(hours=2)
HOOGSTENS = dt.timedelta(hours=12)
#: The OIDC claim that may carry a person's role (else the store's account of that e-mail or subject).
ROL_CLAIM = "gebied_rol"
LOKAAL = Gebruiker(naam="lokaal", rol="planner", bron="lokaal")


_ACCOUNTS: dict[str, Accounts] = {}


def accounts() -> Accounts:
    """The accounts of the store, opened once per server and database."""
    store = get_store()
    if store.url not in _ACCOUNTS:
        _ACCOUNTS[store.url] = Accounts(store)
    return _ACCOUNTS[store.url]


def oidc_configured() -> bool:
    """Whether ``.streamlit/secrets.toml`` has an ``[auth]`` section (``st.login`` can be used)."""
    from streamlit.auth_util import get_secrets_auth_section

    try:
        return bool(get_secrets_auth_section())
    except Exception:  # an unreadable secrets file: no OIDC, the server log says why
        return False


def local_mode() -> bool:
    """Bound to this machine only, no accounts and no OIDC: the user is the single local planner."""
    return (is_loopback(st.get_option("server.address")) and not oidc_configured()
            and accounts().aantal(hoogstens_oud_s=2.0) == 0)


def client_address() -> str:
    """The visitor's address (behind a reverse proxy, with ``GEBIED_ACHTER_PROXY=1``, the forwarded one)."""
    if os.environ.get("GEBIED_ACHTER_PROXY"):
        forwarded = st.context.headers.get("X-Forwarded-For", "")
        if isinstance(forwarded, str) and forwarded:
            return forwarded.split(",")[0].strip()[:64]
    ip = st.context.ip_address
    return ip[:64] if isinstance(ip, str) and ip else "?"  # none known (a test run without a browser)


def _account_user() -> Gebruiker | None:
    ss = st.session_state
    login = ss.get(state.LOGIN)
    if not isinstance(login, dict):
        return None
    now = nu()
    if now - login["sinds"] > HOOGSTENS or now - login["laatst"] > STIL:
        ss.pop(state.LOGIN, None)
        ss[state.LOGIN_MSG] = "Uw sessie is verlopen; log opnieuw in."
        return None
    rol = accounts().rol_van(login["naam"])
    if rol is None:
        ss.pop(state.LOGIN, None)
        return None
    login["laatst"] = now
    return Gebruiker(naam=login["naam"], rol=rol, bron="account")  # type: ignore[arg-type]


def _oidc_user() -> Gebruiker | None:
    if not oidc_configured() or not st.user.is_logged_in:
        return None
    claims = st.user.to_dict()
    naam = str(claims.get("email") or claims.get("sub") or "")[:80]
    rol = claims.get(ROL_CLAIM)
    if rol not in ACCOUNT_ROLLEN:
        rol = accounts().rol_van(naam)
    if rol not in ACCOUNT_ROLLEN:
        st.session_state[state.LOGIN_MSG] = (f"U bent ingelogd als {veilig(naam)}, maar heeft in gebied nog geen rol. "
                                             "Vraag de beheerder om u een rol te geven.")
        return None
    return Gebruiker(naam=naam, rol=rol, bron="oidc")  # type: ignore[arg-type]


def user() -> Gebruiker | None:
    """The person using this session (None: not logged in; link roles are given by their pages)."""
    if local_mode():
        return LOKAAL
    return _account_user() or _oidc_user()


def log_in(naam: str, wachtwoord: str) -> Gebruiker | None:
    """Check a local login and remember it in this session; a refusal is kept as the form's message."""
    try:
        wie = accounts().inloggen(naam, wachtwoord, client_address())
    except InlogFout as exc:
        st.session_state[state.LOGIN_MSG] = exc.nl
        return None
    now = nu()
    st.session_state[state.LOGIN] = {"naam": wie.naam, "sinds": now, "laatst": now}
    st.session_state.pop(state.LOGIN_MSG, None)
    return wie


def log_out() -> None:
    st.session_state.pop(state.LOGIN, None)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def login_form(refused: str | None = None, meedoen: object = None) -> None:
    """The login page: name, password (Enter logs in), and the identity provider's button where configured."""
    st.title("gebied — inloggen")
    if refused:
        st.warning(refused)
    if oidc_configured():
        st.button("Inloggen met uw organisatie-account", type="primary", on_click=st.login, key="login_oidc")
    if accounts().aantal():
        with st.form("inloggen"):
            naam = st.text_input("Naam", key="login_naam", autocomplete="username")
            wachtwoord = st.text_input("Wachtwoord", type="password", key="login_wachtwoord",
                                       autocomplete="current-password")
            if st.form_submit_button("Inloggen") and log_in(naam, wachtwoord):
                st.rerun()
    if msg := st.session_state.get(state.LOGIN_MSG):
        st.error(msg)
    st.caption("Doet u mee aan een bewonersavond? Open de link of QR-code van het scherm, of kies Meedoen en "
               "typ de code.")
    if meedoen is not None:
        st.page_link(meedoen, label="Meedoen met een code")  # type: ignore[arg-type]


def participant(code: str) -> Gebruiker:
    """This browser as a deelnemer of session ``code`` only (an id kept in the address, so a reload keeps it)."""
    ss = st.session_state
    if state.WP_DEELNEMER not in ss:
        given = st.query_params.get("wie", "")
        ss[state.WP_DEELNEMER] = given if given.isalnum() and len(given) <= 24 else secrets.token_hex(8)
    st.query_params["wie"] = ss[state.WP_DEELNEMER]
    return Gebruiker(naam=str(ss[state.WP_DEELNEMER]), rol="deelnemer", bron="link", sessie=code.strip().upper())
