"""Page Werkplaats (facilitator): open a werksessie, project its code and QR code, steer it, close and export.

Planners only (checked by the shell and again by every action). The facilitator's link carries the session's
secret token: steering needs both the token and a planner's role. The projector's link carries a key of its own
that opens Scherm for this session only, read-only.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from gebied.app import data, inloggen, state
from gebied.app.werkplaats import get_store, link, qr_svg, sessie_uit_adres, tally_table, veilig
from gebied.app.widgets import downloads, error, guard, table
from gebied.area.model import Area
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.scenario import store as scenario_store
from gebied.scenario.model import load_scenario
from gebied.toegang import acties
from gebied.verhaal.model import verhalen_dir
from gebied.werkplaats.export import export_werksessie
from gebied.werkplaats.store import SessieInfo


def _open_form(area: Area) -> None:
    folder = verhalen_dir(area.config.id)
    stories = sorted(p.stem for p in folder.glob("*.md")) if folder.exists() else []
    saved = list(scenario_store.list_scenarios(scenario_store.user_dir(area.config.id)))
    st.markdown("Open een werksessie voor een bewonersavond of dorpsscan: de deelnemers doen mee op hun telefoon "
                "met een code of QR-code, het scherm toont live wat zij inbrengen.")
    with st.form("wp_open"):
        naam = st.text_input("Naam van de werksessie", value=f"Bewonersavond {area.config.naam}")
        verhaal = st.selectbox("Verhaal", [None, *stories], format_func=lambda v: "geen" if v is None else v)
        scen = st.multiselect("Scenario's om te bespreken", saved, default=saved[:3], placeholder="Kies scenario's …")
        if st.form_submit_button("Open werksessie", type="primary"):
            try:
                code, token = acties.werksessie_openen(inloggen.user(), get_store(), naam, area.config.id, verhaal,
                                                       scen)
            except GebiedError as exc:
                error(exc)
                return
            st.session_state.update({state.WP_CODE: code, state.WP_TOKEN: token})
            st.query_params.update({"code": code, "token": token})
            st.rerun()


def _steer(info: SessieInfo, token: str) -> None:
    store = get_store()

    def act(action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except GebiedError as exc:
            st.session_state[state.WP_MSG] = exc.nl

    with st.form("wp_vraag", clear_on_submit=False):
        vraag = st.text_input("Vraag aan de deelnemers", value=info.vraag or "", max_chars=500)
        if st.form_submit_button("Vraag stellen"):
            act(lambda: acties.werksessie_vraag(inloggen.user(), store, info.code, token, vraag))
            st.rerun()
    c = st.columns(3)
    def chapter(step: int) -> None:
        act(lambda: acties.werksessie_hoofdstuk(inloggen.user(), store, info.code, token, info.hoofdstuk + step))

    c[0].button("◀ Vorig hoofdstuk", on_click=chapter, args=(-1,))
    c[1].markdown(f"Hoofdstuk op het scherm: **{info.hoofdstuk + 1}**")
    c[2].button("Volgend hoofdstuk ▶", on_click=chapter, args=(1,))
    notes = store.opmerkingen(info.code, ook_verborgen=True)
    if len(notes):
        st.markdown("**Opmerkingen** (verborgen opmerkingen ziet niemand anders)")
        labels = {int(i): f"#{i} {t[:60]}" for i, t in zip(notes["id"], notes["tekst"])}
        hide = st.multiselect("Verbergen", list(labels), default=[int(i) for i in notes.loc[notes["verborgen"], "id"]],
                              format_func=lambda i: labels[i], placeholder="Kies opmerkingen om te verbergen …")
        if st.button("Zichtbaarheid toepassen"):
            for i in labels:
                act(lambda i=i: acties.opmerking_verbergen(inloggen.user(), store, info.code, token, i, i in hide))
            st.rerun()


@st.fragment(run_every=5)
def _live(code: str, names: dict[str, str]) -> None:
    """Votes and answers as they come in (refreshed on their own)."""
    store = get_store()
    tallies, answers = store.tallies(code), store.antwoorden(code)
    st.markdown("**Stemmen**")
    if tallies.empty:
        st.caption("Nog geen reacties op de scenario's.")
    else:
        st.dataframe(tally_table(tallies, names), hide_index=True, width="stretch")
    st.markdown("**Antwoorden**")
    if answers.empty:
        st.caption("Nog geen antwoorden.")
    else:
        table(answers[["vraag", "naam", "tekst"]], load_catalogue())


def render() -> None:
    area = data.area()
    store = get_store()
    st.subheader("Werkplaats")
    info = sessie_uit_adres()
    token = st.query_params.get("token") or st.session_state.get(state.WP_TOKEN) or ""
    if info is None or not store.is_begeleider(info.code, token):
        if info is not None:
            st.warning("Deze link geeft geen toegang als begeleider; open een nieuwe werksessie.")
        _open_form(area)
        return
    st.session_state[state.WP_TOKEN] = token
    if msg := st.session_state.pop(state.WP_MSG, None):
        st.error(msg)
    meedoen = link("meedoen", code=info.code)
    scherm = link("scherm", code=info.code, sleutel=store.scherm_sleutel(info.code, token))
    left, right = st.columns([3, 2])
    with right:
        st.markdown(f"<div style='font-size:3rem;font-weight:700;letter-spacing:0.3rem'>{veilig(info.code)}</div>"
                    f"<div>{qr_svg(meedoen)}</div>", unsafe_allow_html=True)
        st.markdown(f"Meedoen: [{meedoen}]({meedoen})  \nScherm: [{scherm}]({scherm})")
        st.caption("Bewaar de link van deze pagina: alleen daarmee stuurt u de werksessie.")
    with left:
        st.markdown(f"**{veilig(info.naam)}** — {'gesloten' if info.gesloten else 'open'}; "
                    f"scenario's: {veilig(', '.join(info.scenarios) or 'geen')}")
        if not info.gesloten:
            _steer(info, token)
        _live(info.code, dict(zip(area.kernen["kern_id"], area.kernen["naam"])))
        if not info.gesloten and st.button("Werksessie sluiten"):
            try:
                acties.werksessie_sluiten(inloggen.user(), store, info.code, token)
            except GebiedError as exc:
                error(exc)
            else:
                st.rerun()
        if st.button("Maak export (GeoPackage, Excel en feitenblad 'wat we hoorden')"):
            with tempfile.TemporaryDirectory() as tmp, st.spinner("Exports maken …"):
                files = {n: export_werksessie(store, info.code, Path(tmp) / n).read_bytes()
                         for n in ("werksessie.gpkg", "werksessie.xlsx")}
                saved = scenario_store.list_scenarios(scenario_store.user_dir(area.config.id))
                if info.scenarios and info.scenarios[0] in saved:
                    from gebied.export.feitenblad import export_feitenblad

                    sc = load_scenario(saved[info.scenarios[0]], area)
                    export_feitenblad(area, data.context(), sc, Path(tmp) / "feitenblad.pdf",
                                      werksessie=(store, info.code))
                    files["feitenblad.pdf"] = (Path(tmp) / "feitenblad.pdf").read_bytes()
                st.session_state[state.WP_FILES] = files
        if st.session_state.get(state.WP_FILES):
            downloads(st.session_state[state.WP_FILES], info.code.lower(), "wp_dl")


if __name__ == "__main__":
    guard(render)
