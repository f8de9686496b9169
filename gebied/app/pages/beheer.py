"""Page Beheer (beheerder only): the accounts and their roles, and the logboek of every write.

The shell refuses this page to every other role before it runs; every action here checks the role again
(:mod:`gebied.toegang.acties`) and is logged.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gebied.app import inloggen
from gebied.app.werkplaats import get_store
from gebied.app.widgets import error, guard
from gebied.core.errors import GebiedError
from gebied.toegang import acties, logboek
from gebied.toegang.rollen import ACCOUNT_ROLLEN, mag, vereis


def _do(action: object, ok: str) -> None:
    try:
        action()  # type: ignore[operator]
    except GebiedError as exc:
        error(exc)
    else:
        st.success(ok)


def _accounts() -> None:
    st.markdown("**Accounts**")
    rows = inloggen.accounts().lijst()
    st.dataframe(pd.DataFrame([{"Naam": a.naam, "Rol": a.rol, "Inloggen": "wachtwoord" if a.wachtwoord else "OIDC",
                                "Aangemaakt": f"{a.aangemaakt:%d-%m-%Y %H:%M}"} for a in rows],
                              columns=["Naam", "Rol", "Inloggen", "Aangemaakt"]), hide_index=True, width="stretch")
    rollen = list(ACCOUNT_ROLLEN)
    with st.form("beheer_nieuw", clear_on_submit=True):
        st.markdown("Nieuw account")
        naam = st.text_input("Naam (of e-mailadres bij OIDC)", max_chars=80)
        rol = st.selectbox("Rol", rollen, index=1, format_func=lambda r: f"{r}: {ACCOUNT_ROLLEN[r]}")
        oidc = st.checkbox("Zonder wachtwoord: rol voor een OIDC-login")
        ww = st.text_input("Wachtwoord (minstens 10 tekens)", type="password")
        if st.form_submit_button("Account toevoegen"):
            _do(lambda: acties.gebruiker_toevoegen(inloggen.user(), get_store(), naam, rol, None if oidc else ww),
                f"Account '{naam}' toegevoegd.")
    names = [a.naam for a in rows]
    if names:
        with st.form("beheer_rol"):
            st.markdown("Rol wijzigen of account verwijderen")
            wie = st.selectbox("Account", names)
            rol = st.selectbox("Nieuwe rol", rollen, index=1)
            c = st.columns(2)
            if c[0].form_submit_button("Rol wijzigen"):
                _do(lambda: acties.gebruiker_rol(inloggen.user(), get_store(), wie, rol), f"'{wie}' is nu {rol}.")
            if c[1].form_submit_button("Verwijderen"):
                _do(lambda: acties.gebruiker_verwijderen(inloggen.user(), get_store(), wie), f"'{wie}' verwijderd.")


def render() -> None:
    wie = vereis(inloggen.user(), "logboek.lezen")
    st.subheader("Beheer")
    st.caption(f"Ingelogd als {wie.naam}. Accounts kunnen ook op de server worden beheerd: gebied gebruiker …")
    if mag(wie, "gebruiker.beheren"):
        _accounts()
    st.markdown("**Logboek** — elke wijziging, met wie en wanneer (nieuwste eerst)")
    df = logboek.lees(get_store().engine, 500)
    df["tijd"] = df["tijd"].map(lambda t: f"{t:%d-%m-%Y %H:%M:%S}")
    st.dataframe(df.rename(columns=str.capitalize), hide_index=True, width="stretch")


if __name__ == "__main__":
    guard(render)
