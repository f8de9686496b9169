"""Page Scenario's: één locatie per kern — choose per kern or on the map, generate, evaluate, save, export.

The scenario being edited is the draft of :mod:`gebied.app.concept`: it survives page switches and
reloads, and the side panel says when it is not saved.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from gebied.app import afweging, bewaren, concept, data, layout, state, toekomst
from gebied.app.widgets import downloads, guard, heading, map_panel, nl, shown_table
from gebied.area.model import Area
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.core.fmt import euro, slug, tabel, veilig
from gebied.core.geheugen import per_object
from gebied.maps import deck, overlays
from gebied.maps.status import status_legend
from gebied.scenario import store
from gebied.scenario.evaluate import Context, Evaluation, evaluate
from gebied.scenario.jaren import JarenEvaluatie
from gebied.scenario.kosten import aannames, overzicht, regels
from gebied.scenario.model import Scenario, load_scenario
from gebied.scenario.regio import gemeenten, per_gemeente
from gebied.scenario.rules import REGELS, candidates, rule_scenario

ONGEWIJZIGD = "__ongewijzigd__"
GEEN = "__geen__"
HEEL = "Het hele gebied"
#: The columns of the table per kern.
PER_KERN = ["kern", "inwoners", "locatie", "accommodaties_voor", "accommodaties_na", "m2_afgestoten", "kosten_voor",
            "kosten_na", "besparing", "bezetting_na", "ontmoetingsplek", "verliest_voorziening_binnen_norm"]
UITLEG = ("Kies per kern één locatie: de andere accommodaties van die kern gaan dicht en hun voorzieningen "
          "verhuizen naar de gekozen locatie. Kerken, zorgpraktijken en hoger onderwijs blijven open. "
          "Klik op een accommodatie op de kaart om haar de locatie van haar kern te maken.")


def _apply_map_pick(area: Area, cand_kern: dict[str, str]) -> str:
    """A click on an accommodatie on the map makes it its kern's location, and the kern the chooser's; returns
    the id to draw the accommodaties under (see :func:`gebied.app.layout.click_layer`)."""
    layer_id, objects = layout.click_layer(overlays.SCENARIO_LAAG)
    kern = cand_kern.get(str(objects[0].get("accommodatie_id"))) if objects else None
    if kern is not None:
        concept.set_location(area, kern, objects[0]["accommodatie_id"])
        st.session_state.pop(state.sc_kern(kern), None)
        st.session_state[state.SC_KERN] = kern
    return layer_id


def _make(ctx: Context, saved: dict[str, Path]) -> None:
    """Side panel: generate by a rule, optimise, or load a saved scenario into the draft."""
    area = ctx.area

    def scope() -> str | None:
        chosen = st.session_state.get(state.SC_GEMEENTE)
        return chosen if chosen in gemeenten(area) else None

    def do_rule() -> None:
        concept.replace(area, rule_scenario(ctx, st.session_state[state.SC_REGEL], gemeente=scope()))

    def do_optimal() -> None:
        try:
            sc, rep = data.optimum(st.session_state[state.SC_DOEL], "fiets",
                                   float(st.session_state.get(state.SC_OPT_NORM, 5)), gemeente=scope())
        except GebiedError as exc:
            bewaren.message("error", exc.nl)
            return
        concept.replace(area, sc)
        gap = "bewezen optimaal" if rep.gap <= 1e-6 else f"hoogstens {rep.gap:.1%} van het optimum"
        bewaren.message("info", f"Optimale keuze gevonden ({gap}) in {nl(rep.solve_s, 1)} s.")

    def do_load() -> None:
        name = st.session_state.get(state.SC_LAAD)
        if name in saved:
            concept.replace(area, load_scenario(saved[name], area))

    sb = st.sidebar
    if len(gemeenten(area)) > 1:  # a region: choose for one gemeente or for all
        sb.selectbox("Voor", [HEEL, *gemeenten(area)], key=state.SC_GEMEENTE, persist_state="session",
                     format_func=lambda g: g if g == HEEL else f"gemeente {g}")
    sb.selectbox("Regel per kern", list(REGELS), key=state.SC_REGEL, format_func=lambda r: REGELS[r],
                 persist_state="session")
    sb.button("Maak scenario met deze regel", on_click=do_rule, key=state.SC_BTN_REGEL, width="stretch")
    sb.selectbox("Optimaliseer op", ["reistijd", "dekking"], key=state.SC_DOEL, persist_state="session",
                 format_func=lambda d: {"reistijd": "kortste reistijd", "dekking": "meeste binnen norm"}[d])
    sb.slider("Norm bij optimaliseren (min, fiets)", 1, 30, 5, step=1, key=state.SC_OPT_NORM, persist_state="session")
    sb.button("Optimaliseer (fiets)", on_click=do_optimal, key=state.SC_BTN_OPT, width="stretch")
    if saved:
        sb.selectbox("Opgeslagen scenario", list(saved), key=state.SC_LAAD)
        sb.button("Laden", on_click=do_load, key=state.SC_BTN_LAAD)
    sb.button("Opnieuw beginnen (alles ongewijzigd)", key=state.SC_BTN_RESET,
              on_click=lambda: concept.replace(area, Scenario(naam=concept.NIEUW, gebied=area.config.id)))


def _chooser(area: Area, cands: pd.DataFrame, scenario: Scenario, labels: dict[str, str], names: dict[str, str]
             ) -> None:
    """Beside the map: a kern (or the kern of the accommodatie clicked on the map), then its location — one of
    its accommodaties, none, or unchanged. Two lists, whatever the number of kernen."""
    kernen = sorted(dict.fromkeys(cands["kern_id"]), key=lambda k: names.get(k, k))
    st.markdown("**Locatie per kern**")
    if not kernen:
        st.caption("Geen kern heeft een accommodatie die als locatie kan dienen.")
        return

    def chosen(kern: str) -> None:
        value = st.session_state[state.sc_kern(kern)]
        concept.set_location(area, kern, None if value == GEEN else value, keep=value == ONGEWIJZIGD)

    kern = st.selectbox("Kern", kernen, key=state.SC_KERN, format_func=lambda k: names.get(k, k),
                        persist_state="session")
    key = state.sc_kern(kern)
    loc = scenario.kernen.get(kern, ONGEWIJZIGD)
    st.session_state.setdefault(key, GEEN if loc is None else loc)
    st.selectbox("Locatie", [ONGEWIJZIGD, GEEN, *cands.loc[cands["kern_id"] == kern, "accommodatie_id"]], key=key,
                 on_change=chosen, args=(kern,),
                 format_func=lambda o: {ONGEWIJZIGD: "ongewijzigd (alles blijft open)",
                                        GEEN: "geen locatie (alles dicht)"}.get(o, labels.get(o, o)))
    st.caption(UITLEG)


def export_panel(area: Area, ctx: Context, scenario: Scenario) -> None:
    """Make the print map, feitenblad and datapakket of a scenario, then offer them for download."""
    from gebied.export.datapakket import export_datapakket
    from gebied.export.feitenblad import export_feitenblad
    from gebied.export.scenario_map import export_map

    st.markdown("**Exporteren voor het raadsvoorstel**")
    c = st.columns([1, 1, 2])
    formaat = c[0].selectbox("Papier", ["A4", "A3"], key=state.EX_FORMAAT, persist_state="session")
    staand = c[1].checkbox("Staand", key=state.EX_STAAND, persist_state="session")
    if c[2].button("Maak kaart, feitenblad en datapakket", key=state.EX_MAAK):
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


def _figures(t: dict) -> list[tuple[str, str, str]]:
    return [("Accommodaties open", f"{nl(t['accommodaties_na'])} van {nl(t['accommodaties_voor'])}",
             f"{nl(t['gesloten'])} gaan dicht"),
            ("m² afgestoten", nl(t["m2_afgestoten"]), ""),
            ("Besparing per jaar", euro(t["besparing"]),
             f"bekende lasten; {t['kosten_onbekend']} sluitend met onbekende lasten" if t["kosten_onbekend"]
             else "bekende lasten"),
            ("Verliezen een voorziening binnen de norm", nl(t["verliest_voorziening_binnen_norm"]), "inwoners"),
            ("Kernen zonder ontmoetingsplek", str(t["kernen_zonder_ontmoetingsplek"]),
             f"waarvan {t['kernen_verliezen_ontmoetingsplek']} door dit scenario")]


def _tables(ctx: Context, ev: Evaluation, jev: JarenEvaluatie, jaar: int) -> None:
    """The scenario's tables per kern, gemeente and location, and its costs; each formatted once per evaluation
    (and year): shown again, a scenario is not formatted again."""
    kol = load_catalogue().kolommen
    st.markdown("**Per kern: voor → na**")
    shown_table(ev.afgeleid("per_kern", tabel, ev.per_kern, kol, PER_KERN))
    if len(gemeenten(ctx.area)) > 1:
        st.markdown("**Per gemeente: voor → na**")
        shown_table(ev.afgeleid("per_gemeente", lambda: tabel(per_gemeente(ev, ctx), kol)))
    st.markdown(f"**Per locatie in {jaar}** — gebruikers naar leeftijd en deelname; eerste jaar dat het misgaat")
    shown_table(jev.afgeleid(("locaties", jaar), lambda: tabel(toekomst.locaties(jev, jaar), kol)))
    st.markdown("**Kosten, zonder iets weg te laten**")
    shown_table(ev.afgeleid("kosten", lambda: pd.DataFrame(regels(overzicht(ev, ctx), ctx),
                                                           columns=["Kengetal", "Bedrag"])))


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    ctx = data.context()
    fr = data.frames()
    cands = per_object(area, "kandidaten", lambda: candidates(area, cat))
    folder = store.user_dir(area.config.id)
    saved = store.list_scenarios(folder)
    pick_layer = _apply_map_pick(area, dict(zip(cands["accommodatie_id"], cands["kern_id"])))
    scenario = concept.current(area)
    bev, jaar = toekomst.jaar_slider()
    bewaren.panel(area, scenario, folder, saved)
    _make(ctx, saved)
    scenario = concept.current(area)
    ev = data.evaluatie(scenario)
    jev = data.evaluatie_jaren(scenario)
    state_line = " · niet opgeslagen" if concept.unsaved(area) else ""
    heading(f"Scenario: {veilig(scenario.naam)}{state_line}")
    if state.SC_MSG in st.session_state:
        kind, text = st.session_state.pop(state.SC_MSG)
        getattr(layout.current().kop, kind)(text)
    # the rings under the buildings: a click on a building inside a ring chooses the building
    layers = [*data.layers(accommodaties=False)[:-1], jev.afgeleid(("ringen", jaar), toekomst.ring_layer, jev, jaar),
              overlays.scenario_layer(data.scenario_data(ev), cat, pick_layer),
              overlays.labels_layer(fr["namen_url"])]
    legend = [deck.LegendItem(label, kleur, "punt") for label, kleur in status_legend(cat)]
    legend.append(deck.LegendItem(f"{cat.layer('knelpunten').legenda} ({jaar})",
                                  cat.layer("knelpunten").stijl["lijnkleur"], "punt"))
    map_panel(layers, data.view(), legend, _figures(ev.totaal) + toekomst.figures(jev, jaar),
              attributie=attribution(area))
    with layout.current().paneel:
        _chooser(area, cands, scenario, fr["labels"], fr["kernnamen"])
    _tables(ctx, ev, jev, jaar)
    st.caption(" ".join(aannames(ctx)))
    afweging.panel(ctx, scenario, fr["soorten"], bev, jaar)
    export_panel(area, ctx, scenario)


if __name__ == "__main__":
    guard(render)
