"""Page Scenario's: één locatie per kern — generate, choose per kern or on the map, evaluate, save, export."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from gebied.app import data, state
from gebied.app.widgets import downloads, nl, show_map
from gebied.area.model import Area
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.core.fmt import slug
from gebied.maps import deck
from gebied.maps.status import status_colours, status_legend
from gebied.scenario import store
from gebied.scenario.evaluate import Context, evaluate
from gebied.scenario.model import Scenario, load_scenario
from gebied.scenario.optimise import optimal_scenario
from gebied.scenario.rules import REGELS, candidates, rule_scenario

ONGEWIJZIGD = "__ongewijzigd__"
GEEN = "__geen__"
NIEUW = "Nieuw scenario"


def scenario_from_widgets(area: Area, kern_ids: list[str]) -> Scenario:
    """The scenario the widgets of this session describe."""
    ss = st.session_state
    kernen: dict[str, str | None] = {}
    for kern in kern_ids:
        choice = ss.get(state.sc_kern(kern), ONGEWIJZIGD)
        if choice != ONGEWIJZIGD:
            kernen[kern] = None if choice == GEEN else choice
    return Scenario(naam=ss.get(state.SC_NAAM) or NIEUW, gebied=area.config.id, kernen=kernen,
                    beschrijving=ss.get(state.SC_BESCHRIJVING, ""))


def load_into_widgets(scenario: Scenario, kern_ids: list[str]) -> None:
    """Put a scenario into this session's widgets (called from a callback, before widgets render)."""
    for kern in kern_ids:
        loc = scenario.kernen.get(kern, ONGEWIJZIGD)
        st.session_state[state.sc_kern(kern)] = GEEN if loc is None else loc
    st.session_state[state.SC_NAAM] = scenario.naam
    st.session_state[state.SC_BESCHRIJVING] = scenario.beschrijving


def _apply_map_pick(cand_kern: dict[str, str]) -> None:
    """A click on an accommodatie on the map makes it its kern's location."""
    picked = st.session_state.get(state.SC_MAP)
    objects = (picked or {}).get("selection", {}).get("objects", {}).get("accommodaties")
    if not objects:
        return
    aid = objects[0].get("accommodatie_id")
    kern = cand_kern.get(aid)
    if kern is not None and st.session_state.get(state.SC_LAST_PICK) != aid:
        st.session_state[state.sc_kern(kern)] = aid
        st.session_state[state.SC_LAST_PICK] = aid


def _make_or_load(ctx: Context, kern_ids: list[str], saved: dict[str, Path]) -> None:
    area = ctx.area

    def do_rule() -> None:
        load_into_widgets(rule_scenario(ctx, st.session_state[state.SC_REGEL]), kern_ids)

    def do_optimal() -> None:
        try:
            sc, rep = optimal_scenario(ctx, st.session_state[state.SC_DOEL], "fiets",
                                       st.session_state.get(state.SC_OPT_NORM))
        except GebiedError as exc:
            st.session_state[state.SC_MSG] = ("error", exc.nl)
            return
        load_into_widgets(sc, kern_ids)
        st.session_state[state.SC_MSG] = ("info", f"Optimaal ({rep.status}), gap {rep.gap:.2%}, {rep.solve_s:.2f} s.")

    def do_load() -> None:
        name = st.session_state.get(state.SC_LAAD)
        if name in saved:
            load_into_widgets(load_scenario(saved[name], area), kern_ids)

    def do_reset() -> None:
        for kern in kern_ids:
            st.session_state[state.sc_kern(kern)] = ONGEWIJZIGD
        st.session_state[state.SC_NAAM] = NIEUW

    with st.expander("Scenario maken of laden", expanded=True):
        c = st.columns([2, 1, 2, 1, 2, 1])
        c[0].selectbox("Regel", list(REGELS), key=state.SC_REGEL, format_func=lambda r: REGELS[r])
        c[1].button("Genereer", on_click=do_rule, key=state.SC_BTN_REGEL)
        c[2].selectbox("Optimaliseer op", ["reistijd", "dekking"], key=state.SC_DOEL,
                       format_func=lambda d: {"reistijd": "kortste reistijd (fiets)",
                                              "dekking": "meeste inwoners binnen norm"}[d])
        c[2].number_input("Norm dekking (min)", 1.0, 60.0, 5.0, key=state.SC_OPT_NORM)
        c[3].button("Optimaliseer", on_click=do_optimal, key=state.SC_BTN_OPT)
        c[4].selectbox("Opgeslagen scenario", list(saved) or ["(geen)"], key=state.SC_LAAD)
        c[5].button("Laden", on_click=do_load, key=state.SC_BTN_LAAD, disabled=not saved)
        st.button("Alles ongewijzigd", on_click=do_reset, key=state.SC_BTN_RESET)


def _save_rename_delete(scenario: Scenario, folder: Path, saved: dict[str, Path]) -> None:
    c = st.columns([2, 1, 2, 1, 1])

    def act(action: Callable[[], object], message: str) -> None:
        try:
            action()
        except GebiedError as exc:
            st.session_state[state.SC_MSG] = ("error", exc.nl)
        else:
            st.session_state[state.SC_MSG] = ("success", message)

    def do_rename() -> None:
        new = st.session_state.get(state.SC_NIEUWE_NAAM, "").strip()
        act(lambda: store.rename(folder, scenario.naam, new), f"Hernoemd tot '{new}'.")
        if st.session_state[state.SC_MSG][0] == "success":
            st.session_state[state.SC_NAAM] = new

    c[1].button("Opslaan", key=state.SC_BTN_SAVE,
                on_click=lambda: act(lambda: store.save(scenario, folder), f"Opgeslagen: '{scenario.naam}'."))
    c[2].text_input("Nieuwe naam", key=state.SC_NIEUWE_NAAM)
    c[3].button("Hernoem", key=state.SC_BTN_RENAME, disabled=scenario.naam not in saved, on_click=do_rename)
    c[4].button("Verwijder", key=state.SC_BTN_DELETE, disabled=scenario.naam not in saved,
                on_click=lambda: act(lambda: store.delete(folder, scenario.naam),
                                     f"Scenario '{scenario.naam}' verwijderd."))


def export_panel(area: Area, ctx: Context, scenario: Scenario) -> None:
    """Make the print map, feitenblad and datapakket of a scenario, then offer them for download."""
    from gebied.export.datapakket import export_datapakket
    from gebied.export.feitenblad import export_feitenblad
    from gebied.export.scenario_map import export_map

    st.markdown("**Exporteren voor het raadsvoorstel**")
    c = st.columns([1, 1, 1, 1])
    formaat = c[0].selectbox("Formaat", ["A4", "A3"], key=state.EX_FORMAAT)
    staand = c[1].checkbox("Staand", key=state.EX_STAAND)
    if c[2].button("Maak exports", key=state.EX_MAAK):
        with tempfile.TemporaryDirectory() as tmp_name, st.spinner("Exports maken …"):
            tmp = Path(tmp_name)
            export_map(area, tmp / "kaart.pdf", evaluate(scenario, ctx), formaat, staand)
            export_feitenblad(area, ctx, scenario, tmp / "feitenblad.pdf")
            export_datapakket(area, ctx, [scenario], tmp / "pakket.xlsx")
            st.session_state[state.EX_FILES] = {n: (tmp / n).read_bytes()
                                                for n in ("kaart.pdf", "feitenblad.pdf", "pakket.xlsx")}
            st.session_state[state.EX_NAAM] = scenario.naam
    files = st.session_state.get(state.EX_FILES)
    if files:
        downloads(files, slug(st.session_state[state.EX_NAAM]) or "scenario", "ex_dl")


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    ctx = data.context()
    cands = candidates(area, cat)
    kern_ids = list(dict.fromkeys(cands["kern_id"]))
    folder = store.user_dir(area.config.id)
    saved = store.list_scenarios(folder)
    names = dict(zip(area.accommodaties["accommodatie_id"], area.accommodaties["naam"]))
    kern_names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    st.subheader("Scenario's — één locatie per kern")
    _apply_map_pick(dict(zip(cands["accommodatie_id"], cands["kern_id"])))
    _make_or_load(ctx, kern_ids, saved)
    if state.SC_MSG in st.session_state:
        kind, text = st.session_state.pop(state.SC_MSG)
        getattr(st, kind)(text)

    st.session_state.setdefault(state.SC_NAAM, NIEUW)
    st.text_input("Naam van het scenario", key=state.SC_NAAM)
    with st.expander("Locatie per kern", expanded=False):
        cols = st.columns(3)
        for i, (kern, group) in enumerate(cands.groupby("kern_id", sort=False)):
            options = [ONGEWIJZIGD, GEEN, *group["accommodatie_id"]]
            cols[i % 3].selectbox(kern_names.get(kern, kern), options, key=state.sc_kern(kern),
                                  format_func=lambda o: {ONGEWIJZIGD: "ongewijzigd (alles blijft)",
                                                         GEEN: "geen locatie"}.get(o, names.get(o, o)))
    scenario = scenario_from_widgets(area, kern_ids)
    ev = evaluate(scenario, ctx)
    t = ev.totaal
    m = st.columns(5)
    m[0].metric("Accommodaties open", nl(t["accommodaties_na"]),
                delta=f"-{nl(t['gesloten'])}" if t["gesloten"] else None)
    m[1].metric("m² afgestoten", nl(t["m2_afgestoten"]))
    m[2].metric("Besparing per jaar", f"€ {nl(t['besparing'])}")
    m[3].metric("Verlies binnen norm", nl(t["verliest_voorziening_binnen_norm"]),
                help="Inwoners die een voorziening binnen de norm verliezen")
    m[4].metric("Ontmoetingsplek weg", str(t["kernen_verliezen_ontmoetingsplek"]),
                help="Kernen die hun ontmoetingsplek verliezen")
    layers = [*data.base(), deck.kernen_layer(area, cat), deck.scenario_layer(area, cat, status_colours(area, ev, cat))]
    legend = [deck.LegendItem(label, kleur, "punt") for label, kleur in status_legend(cat)]
    st.caption("Klik op een accommodatie op de kaart om haar de locatie van haar kern te maken.")
    show_map(layers, deck.view_state(area.grens), legend, key=state.SC_MAP, on_select="rerun",
             attributie=attribution(area))
    st.markdown("**Per kern: voor → na**")
    st.dataframe(ev.per_kern, hide_index=True, width="stretch")
    _save_rename_delete(scenario, folder, saved)
    export_panel(area, ctx, scenario)


if __name__ == "__main__":
    render()
