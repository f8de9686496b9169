"""Page Afweging: what closing saves against who stays within the norm — the exact afwegingscurve beside the map.

Choose a point on the curve (in the chart or the list beside it) and the map shows that scenario; its saving,
its share within the norm and who bears the burden stand beside the map. Rule-based and saved scenario's are
drawn on the same chart, so the raad sees how far a proposal lies from the best possible.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gebied.app import afweging, concept, data, inloggen, layout, state
from gebied.app.werkplaats import get_store
from gebied.app.widgets import downloads, guard, heading, map_panel, table
from gebied.area.summary import attribution
from gebied.core.catalogue import load_catalogue
from gebied.core.errors import GebiedError
from gebied.core.fmt import euro, getal, veilig
from gebied.maps import deck, overlays
from gebied.maps.status import status_legend
from gebied.scenario import store
from gebied.scenario.afwegingscurve import Punt
from gebied.scenario.kosten import aannames, overzicht, regels
from gebied.scenario.optimise import beschrijf
from gebied.scenario.rules import candidates
from gebied.scenario.vraag import PER_KERN, Vraag
from gebied.toegang import acties
from gebied.toegang.rollen import mag

UITLEG = ("Elk punt op de curve is een scenario dat bij zijn aandeel binnen de norm het meeste bespaart (en bij "
          "die besparing de meeste inwoners binnen de norm houdt): exact berekend met HiGHS (ε-constraint). "
          "Ruitjes en vierkantjes zijn opgeslagen scenario's en de regels per kern, op dezelfde maat gemeten.")


def _question(labels: dict[str, str]) -> tuple[Vraag, str, str | None, int]:
    """The side panel: doelgroep, norm, kern rule, mode, number of points, and fixed choices."""
    sb = st.sidebar
    groups = afweging.doelgroepen()
    groep = sb.selectbox("Doelgroep", list(groups), key=state.AF_GROEP, format_func=groups.__getitem__,
                         persist_state="session")
    norm = sb.slider("Norm (minuten)", 1, 45, 15, key=state.AF_NORM, persist_state="session")
    modus = sb.selectbox("Vervoer", ["fiets", "lopen"], key=state.AF_MODUS, persist_state="session")
    per_kern = sb.radio("Per kern", list(PER_KERN), key=state.AF_PERKERN, format_func=PER_KERN.__getitem__,
                        index=1, persist_state="session")
    punten = sb.slider("Punten op de curve", 10, 20, 15, key=state.AF_PUNTEN, persist_state="session")
    with sb.expander("Besluiten van de raad (vast open of dicht)"):
        houden = st.multiselect("Blijft zeker open", list(labels), key=state.AF_HOUDEN,
                                format_func=lambda a: labels.get(a, a), placeholder="Kies accommodaties …")
        sluiten = st.multiselect("Gaat zeker dicht", [a for a in labels if a not in houden], key=state.AF_SLUITEN,
                                 format_func=lambda a: labels.get(a, a), placeholder="Kies accommodaties …")
    vraag = Vraag("laagste_kosten", per_kern=per_kern, houden=tuple(houden), sluiten=tuple(sluiten),  # type: ignore
                  norm=float(norm))
    return vraag, modus, groep, int(punten)


def _clicked(n: int) -> None:
    """A click on a point of the curve chooses it (the list beside the chart is the keyboard's way)."""
    sel = st.session_state.get(state.AF_GRAFIEK) or {}
    hit = sel.get("selection", {}).get("punt") if hasattr(sel, "get") else None
    if hit and 1 <= int(hit[0].get("nr", 0)) <= n:
        st.session_state[state.AF_PUNT] = int(hit[0]["nr"]) - 1


def _actions(area: object, punt: Punt, folder: object) -> None:
    """Open the chosen point as the draft of Scenario's, or save it (planners; through acties, logged)."""
    c = st.columns([1, 1, 2])
    if c[0].button("Open in Scenario's", key=state.AF_BTN_OPEN):
        concept.replace(area, punt.scenario)  # type: ignore[arg-type]
        st.switch_page("gebied/app/pages/scenarios.py")
    if mag(inloggen.user(), "scenario.opslaan") and c[1].button("Bewaar als scenario", key=state.AF_BTN_SAVE):
        try:
            acties.scenario_opslaan(inloggen.user(), get_store(), folder, punt.scenario)  # type: ignore[arg-type]
            st.session_state[state.AF_MSG] = ("success", f"Opgeslagen: '{veilig(punt.scenario.naam)}'.")
        except GebiedError as exc:
            st.session_state[state.AF_MSG] = ("error", exc.nl)
        st.rerun()


def _export(area: object, ctx: object, curve: object, extra: list[Punt], gekozen: int) -> None:
    """The feitenblad of the chosen point with the curve page, and the curve as a table (XLSX)."""
    import tempfile
    from pathlib import Path

    from gebied.core.io import write_tables
    from gebied.export.feitenblad import export_feitenblad

    punt = curve.punten[gekozen]  # type: ignore[attr-defined]
    if st.button("Maak feitenblad (met de curve) en tabel", key=state.AF_BTN_EXPORT):
        acties.exporteren(inloggen.user())
        with tempfile.TemporaryDirectory() as tmp_name, st.spinner("Feitenblad maken …"):
            tmp = Path(tmp_name)
            export_feitenblad(area, ctx, punt.scenario, tmp / "feitenblad.pdf",  # type: ignore[arg-type]
                              curve=(curve, extra, gekozen))  # type: ignore[arg-type]
            write_tables({"curve": curve.tabel(extra)}, tmp / "curve.xlsx")  # type: ignore[attr-defined]
            st.session_state[state.AF_FILES] = {n: (tmp / n).read_bytes() for n in ("feitenblad.pdf", "curve.xlsx")}
    files = st.session_state.get(state.AF_FILES)
    if files:
        downloads(files, "afweging", "af_dl")


def render() -> None:
    area = data.area()
    cat = load_catalogue()
    ctx = data.context()
    fr = data.frames()
    labels = {a: fr["labels"].get(a, a) for a in candidates(area, cat)["accommodatie_id"]}
    vraag, modus, groep, n = _question(labels)
    groep_label = afweging.doelgroepen()[groep]
    soorten = fr["soorten"]
    soort = st.sidebar.selectbox("Rechtvaardigheid voor", soorten, key=state.AF_SOORT,
                                 format_func=lambda s: cat.voorziening(s).label, persist_state="session")
    heading("Afweging: wat het bespaart en wie het draagt")
    with st.spinner("De afwegingscurve wordt exact berekend …"):
        curve = afweging.curve(vraag, modus, groep, n)
    folder = store.user_dir(area.config.id)
    extra = afweging.beside(vraag, modus, groep, n, store.load_fitting(folder, area))  # the rules come too
    if st.session_state.get(state.AF_PUNT, 0) >= len(curve.punten):  # another question, fewer points
        st.session_state[state.AF_PUNT] = 0
    st.session_state.setdefault(state.AF_PUNT, 0)
    if state.AF_MSG in st.session_state:
        kind, text = st.session_state.pop(state.AF_MSG)
        getattr(layout.current().kop, kind)(text)
    with layout.current().paneel:
        st.altair_chart(afweging.chart(curve.punten, extra, st.session_state[state.AF_PUNT]), key=state.AF_GRAFIEK,
                        on_select=lambda: _clicked(len(curve.punten)), selection_mode="punt", width="stretch")
        st.selectbox("Punt op de curve", list(range(len(curve.punten))), key=state.AF_PUNT,
                     format_func=lambda i: afweging.point_label(i, curve.punten[i]))
    punt = curve.punten[st.session_state[state.AF_PUNT]]
    ev = data.evaluatie(punt.scenario)
    fair = afweging.fairness_shown(ctx, punt.scenario, soort, groep)
    layers = [*data.layers(accommodaties=False)[:-1],
              overlays.scenario_layer(data.scenario_data(ev), cat, "afweging_punt"),
              overlays.labels_layer(fr["namen_url"])]
    legend = [deck.LegendItem(label, kleur, "punt") for label, kleur in status_legend(cat)]
    map_panel(layers, data.view(), legend,
              afweging.point_figures(punt, curve, groep_label, fair, cat.voorziening(soort).label),
              attributie=attribution(area), note=UITLEG)
    st.markdown(f"**{veilig(punt.naam)}** — {veilig(beschrijf(vraag, modus, groep))}; {len(curve.punten)} punten, "
                f"berekend in {getal(curve.solve_s, 1)} s ({curve.oplossingen} keer HiGHS).")
    _actions(area, punt, folder)
    _export(area, ctx, curve, extra, st.session_state[state.AF_PUNT])
    st.markdown(f"**Wie draagt de last: {cat.voorziening(soort).label.lower()}, {groep_label}**")
    st.dataframe(fair, hide_index=True, width="stretch")
    st.markdown("**Kosten, zonder iets weg te laten**")
    st.dataframe(pd.DataFrame(regels(overzicht(ev, ctx), ctx), columns=["Kengetal", "Bedrag"]), hide_index=True,
                 width="stretch")
    st.caption(" ".join(aannames(ctx)))
    st.markdown("**De curve en de scenario's ernaast** (tekstversie van de grafiek)")
    shown = curve.tabel(extra)
    shown["besparing_per_jaar"] = shown["besparing_per_jaar"].map(euro)
    shown["waarvan_geschat"] = shown["waarvan_geschat"].map(euro)
    shown["binnen_norm_pct"] = shown["binnen_norm_pct"].map(lambda v: f"{getal(v, 1)} %")
    table(shown.rename(columns={"nr": "Nr", "naam": "Scenario", "bron": "Soort", "besparing_per_jaar": "Besparing",
                                "waarvan_geschat": "Waarvan geschat", "binnen_norm_pct": "Binnen de norm",
                                "locaties": "Locaties", "gesloten_zonder_lasten": "Dicht zonder lasten"}), cat)


if __name__ == "__main__":
    guard(render)
