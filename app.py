"""gebied — the planner's app (a thin Streamlit shell over the ``gebied`` package).

Run with ``python3 run.py app``. Every figure shown comes from a ``gebied`` function.
Shared caches hold only immutable data (areas, matrices); each user's scenario being
edited lives in their own session state, saved scenario's in files (atomic writes).
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from gebied.catalogue import OSM_ATTRIBUTION, load_catalogue
from gebied.errors import GebiedError

st.set_page_config(page_title="gebied — voorzieningenplanner", page_icon="🗺️", layout="wide")

ONGEWIJZIGD = "__ongewijzigd__"
GEEN = "__geen__"


# ------------------------------------------------------------------ shared, read-only data

@st.cache_resource(show_spinner="Gebied laden …")
def get_area(area_id: str | None, upload_name: str | None = None, upload: bytes | None = None):
    """The area (with an uploaded overrides file merged, if any); shared read-only between sessions."""
    from gebied.area import merge_overrides
    from gebied.overrides import read_overrides
    from gebied.store import load_area

    area = load_area(area_id)
    if upload is None:
        return area
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload_name).name
        path.write_bytes(upload)
        table = read_overrides(path, load_catalogue())
    return merge_overrides(area, table)


@st.cache_resource(show_spinner="Reistijden berekenen …")
def get_context(area_id, upload_name=None, upload=None):
    """Travel-time matrices (walking, cycling) and the current situation, computed once."""
    from gebied.evaluate import make_context

    return make_context(get_area(area_id, upload_name, upload))


@st.cache_resource(show_spinner="Reistijden berekenen …")
def get_matrix(area_id, upload_name, upload, modus: str):
    """The travel-time matrix of a mode: walking and cycling from the shared context, others computed once."""
    ctx = get_context(area_id, upload_name, upload)
    if modus in ctx.matrices:
        return ctx.matrices[modus]
    from gebied import bereik

    return bereik.area_matrix(ctx.area, modus, points=ctx.points)


@st.cache_resource(show_spinner=False)
def get_base(area_id: str | None):
    from gebied import mapview

    return mapview.base_layers(get_area(area_id), load_catalogue())


@st.cache_resource(show_spinner="Isochronen berekenen …")
def get_isochrones(area_id, upload_name, upload, modus: str, soort: str):
    import shapely

    from gebied import bereik
    from gebied.isochrones import isochrones
    from gebied.modes import modes

    area = get_area(area_id, upload_name, upload)
    hosts = bereik.hosts(area.voorzieningen, area.accommodaties["accommodatie_id"].to_numpy(), soort)
    if not hosts.any():
        return None
    xy = shapely.get_coordinates(area.accommodaties.geometry.values)[hosts]
    netwerk = modes(area.config.snelheden)[modus].netwerk
    return isochrones(bereik.area_graph(area, modus), area.netwerken[netwerk], xy)


def data_key() -> tuple:
    """(area id, upload name, upload bytes) of this session."""
    return (st.session_state.get("area_id"), st.session_state.get("upload_name"), st.session_state.get("upload"))


def modes_table(area):
    from gebied.modes import modes

    return modes(area.config.snelheden)


def nl(x: float, decimals: int = 0) -> str:
    from gebied.fmt import getal

    return getal(x, decimals)


def show_map(layers, view, legend_items, height=560, key=None, on_select="ignore"):
    from gebied import mapview

    left, right = st.columns([4, 1])
    with left:
        event = st.pydeck_chart(mapview.deck(layers, view), height=height, key=key, on_select=on_select,
                                selection_mode="single-object")
        st.caption(OSM_ATTRIBUTION)
    with right:
        st.markdown(mapview.legend_html(legend_items), unsafe_allow_html=True)
    return event


# ------------------------------------------------------------------ pages

def page_kaart(area) -> None:
    from gebied import mapview

    cat = load_catalogue()
    st.subheader("Kaart")
    cats = [c for c in cat.categorieen if c.id in set(area.accommodaties["categorie"])]
    c1, c2 = st.columns([1, 3])
    show_net = c1.checkbox("Fietsnetwerk tonen", value=False)
    chosen = c2.multiselect("Categorieën", [c.id for c in cats], default=[c.id for c in cats],
                            format_func=lambda i: cat.categorie(i).label)
    rows = mapview.accommodaties_frame(area, cat)
    rows = rows[rows["categorie"].isin(chosen)]
    layers = list(get_base(data_key()[0])) + [mapview.kernen_layer(area, cat)]
    if show_net:
        layers.append(mapview.network_layer(area, cat, "fiets"))
    layers.append(mapview.accommodaties_layer(area, cat, rows))
    show_map(layers, mapview.view_state(area.grens), mapview.legend(cat, area), height=640)


def page_bereik(area) -> None:
    from gebied import bereik, mapview

    cat = load_catalogue()
    st.subheader("Bereikbaarheid")
    present = [v.id for v in cat.voorzieningen if v.id in set(area.voorzieningen["voorziening"])]
    c = st.columns(4)
    modus = c[0].selectbox("Vervoerwijze", list(modes_table(area)), index=1,
                           format_func=lambda m: modes_table(area)[m].label, key="bereik_modus")
    soort = c[1].selectbox("Voorziening", present, format_func=lambda v: cat.voorziening(v).label,
                           key="bereik_soort")
    norm = c[2].number_input("Norm (minuten)", 1.0, 120.0, bereik.norm_minutes(area, soort), 1.0,
                             key=f"bereik_norm_{soort}")
    names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    kern = c[3].selectbox("Kern", ["(alle kernen)", *area.kernen["kern_id"]], format_func=lambda k: names.get(k, k),
                          key="bereik_kern")
    ctx = get_context(*data_key())
    matrix = get_matrix(*data_key(), modus)
    table = bereik.kern_report(area, modus, soort, norm, matrix=matrix)
    total = table[table["kern_id"] == "totaal"].iloc[0]
    m = st.columns(4)
    m[0].metric("Binnen de norm", f"{nl(total['binnen_norm_pct'], 1)}%")
    m[1].metric("Gemiddelde reistijd", f"{nl(total['gem_minuten'], 1)} min")
    m[2].metric("Inwoners buiten de norm", nl(total["buiten_norm"]))
    m[3].metric("Onbereikbaar", nl(total["onbereikbaar"]))
    pts = ctx.points
    minutes = bereik.nearest_minutes(matrix, bereik.hosts(area.voorzieningen, matrix.target_ids, soort))
    sel = np.ones(len(pts), dtype=bool) if kern == "(alle kernen)" else (pts["kern_id"] == kern).to_numpy()
    layers = list(get_base(data_key()[0]))
    iso = get_isochrones(*data_key(), modus, soort)
    if iso is not None:
        layers.append(mapview.isochrone_layer(iso, cat))
    layers += [mapview.kernen_layer(area, cat, highlight=[kern]), mapview.points_layer(pts[sel], minutes[sel], norm, area.crs)]
    acc_rows = mapview.accommodaties_frame(area, cat)
    hosting = bereik.hosts(area.voorzieningen, acc_rows["accommodatie_id"].to_numpy(), soort)
    layers.append(mapview.accommodaties_layer(area, cat, acc_rows[hosting]))
    view = area.kernen[area.kernen["kern_id"] == kern] if kern != "(alle kernen)" else area.grens
    show_map(layers, mapview.view_state(view), mapview.minutes_legend(norm) + mapview.legend(cat, None, ("isochronen",)))
    if kern != "(alle kernen)":
        st.markdown(f"**Reistijden van de inwoners van {names[kern]}** ({modes_table(area)[modus].label.lower()})")
        ok = sel & np.isfinite(minutes)
        hist, edges = np.histogram(minutes[ok], bins=np.arange(0, max(norm * 3, 10) + 2.5, 2.5),
                                   weights=pts.loc[ok, "inwoners"])
        st.bar_chart(pd.DataFrame({"inwoners": hist}, index=[f"{b:g}" for b in edges[:-1]]),
                     x_label="minuten", y_label="inwoners")
    st.markdown("**Per kern**")
    st.dataframe(table, hide_index=True, width="stretch")
    st.bar_chart(table[table["kern_id"] != "totaal"].set_index("kern")["binnen_norm_pct"],
                 x_label="kern", y_label="% binnen norm")


def _scenario_from_widgets(area, cands) -> "object":
    from gebied.scenario import Scenario

    kernen = {}
    for kern in cands["kern_id"].unique():
        choice = st.session_state.get(f"sc_kern_{kern}", ONGEWIJZIGD)
        if choice == ONGEWIJZIGD:
            continue
        kernen[kern] = None if choice == GEEN else choice
    return Scenario(naam=st.session_state.get("sc_naam") or "Nieuw scenario", gebied=area.config.id,
                    kernen=kernen, beschrijving=st.session_state.get("sc_beschrijving", ""))


def _load_into_widgets(scenario, cands) -> None:
    """Put a scenario into this session's widgets (called from a callback, before widgets render)."""
    for kern in cands["kern_id"].unique():
        loc = scenario.kernen.get(kern, ONGEWIJZIGD)
        st.session_state[f"sc_kern_{kern}"] = GEEN if loc is None else loc
    st.session_state["sc_naam"] = scenario.naam
    st.session_state["sc_beschrijving"] = scenario.beschrijving


def page_scenarios(area) -> None:
    from gebied import mapview, scenario_store
    from gebied.evaluate import evaluate
    from gebied.optimise import REGELS, candidates, optimal_scenario, rule_scenario
    from gebied.scenario import load_scenario
    from gebied.smallmultiples import status_colours

    cat = load_catalogue()
    ctx = get_context(*data_key())
    cands = candidates(area, cat)
    folder = scenario_store.user_dir(area.config.id)
    saved = scenario_store.list_scenarios(folder)
    names = dict(zip(area.accommodaties["accommodatie_id"], area.accommodaties["naam"]))
    kern_names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    st.subheader("Scenario's — één locatie per kern")

    # a click on an accommodatie on the map makes it its kern's location
    picked = st.session_state.get("sc_map")
    if picked and picked.get("selection", {}).get("objects", {}).get("accommodaties"):
        obj = picked["selection"]["objects"]["accommodaties"][0]
        kern = dict(zip(cands["accommodatie_id"], cands["kern_id"])).get(obj.get("accommodatie_id"))
        if kern is not None and st.session_state.get("sc_last_pick") != obj["accommodatie_id"]:
            st.session_state[f"sc_kern_{kern}"] = obj["accommodatie_id"]
            st.session_state["sc_last_pick"] = obj["accommodatie_id"]

    def do_rule():
        _load_into_widgets(rule_scenario(ctx, st.session_state["sc_regel"]), cands)

    def do_optimal():
        try:
            sc, rep = optimal_scenario(ctx, st.session_state["sc_doel"], "fiets",
                                       st.session_state.get("sc_opt_norm"))
        except GebiedError as exc:
            st.session_state["sc_msg"] = ("error", exc.nl)
            return
        _load_into_widgets(sc, cands)
        st.session_state["sc_msg"] = ("info", f"Optimaal ({rep.status}), gap {rep.gap:.2%}, {rep.solve_s:.2f} s.")

    def do_load():
        name = st.session_state.get("sc_laad")
        if name in saved:
            _load_into_widgets(load_scenario(saved[name], area), cands)

    def do_reset():
        for kern in cands["kern_id"].unique():
            st.session_state[f"sc_kern_{kern}"] = ONGEWIJZIGD
        st.session_state["sc_naam"] = "Nieuw scenario"

    with st.expander("Scenario maken of laden", expanded=True):
        c = st.columns([2, 1, 2, 1, 2, 1])
        c[0].selectbox("Regel", list(REGELS), key="sc_regel", format_func=lambda r: REGELS[r])
        c[1].button("Genereer", on_click=do_rule, key="sc_btn_regel")
        c[2].selectbox("Optimaliseer op", ["reistijd", "dekking"], key="sc_doel",
                       format_func=lambda d: {"reistijd": "kortste reistijd (fiets)",
                                              "dekking": "meeste inwoners binnen norm"}[d])
        c[2].number_input("Norm dekking (min)", 1.0, 60.0, 5.0, key="sc_opt_norm")
        c[3].button("Optimaliseer", on_click=do_optimal, key="sc_btn_opt")
        c[4].selectbox("Opgeslagen scenario", list(saved) or ["(geen)"], key="sc_laad")
        c[5].button("Laden", on_click=do_load, key="sc_btn_laad", disabled=not saved)
        st.button("Alles ongewijzigd", on_click=do_reset, key="sc_btn_reset")
    if "sc_msg" in st.session_state:
        kind, text = st.session_state.pop("sc_msg")
        getattr(st, kind)(text)

    st.session_state.setdefault("sc_naam", "Nieuw scenario")
    st.text_input("Naam van het scenario", key="sc_naam")
    with st.expander("Locatie per kern", expanded=False):
        cols = st.columns(3)
        for i, (kern, group) in enumerate(cands.groupby("kern_id", sort=False)):
            options = [ONGEWIJZIGD, GEEN, *group["accommodatie_id"]]
            cols[i % 3].selectbox(kern_names.get(kern, kern), options, key=f"sc_kern_{kern}",
                                  format_func=lambda o: {ONGEWIJZIGD: "ongewijzigd (alles blijft)",
                                                         GEEN: "geen locatie"}.get(o, names.get(o, o)))
    scenario = _scenario_from_widgets(area, cands)
    ev = evaluate(scenario, ctx)
    t = ev.totaal
    m = st.columns(5)
    m[0].metric("Accommodaties open", nl(t["accommodaties_na"]), delta=f"-{nl(t['gesloten'])}" if t["gesloten"] else None)
    m[1].metric("m² afgestoten", nl(t["m2_afgestoten"]))
    m[2].metric("Besparing per jaar", f"€ {nl(t['besparing'])}")
    m[3].metric("Verlies binnen norm", nl(t["verliest_voorziening_binnen_norm"]),
                help="Inwoners die een voorziening binnen de norm verliezen")
    m[4].metric("Ontmoetingsplek weg", str(t["kernen_verliezen_ontmoetingsplek"]),
                help="Kernen die hun ontmoetingsplek verliezen")
    from gebied.smallmultiples import KLEUR_DICHT, KLEUR_ONGEMOEID, KLEUR_OPEN

    colours = status_colours(area, ev)
    layers = list(get_base(data_key()[0])) + [mapview.kernen_layer(area, cat),
                                               mapview.scenario_layer(area, cat, colours)]
    legend = [mapview.LegendItem("blijft (locatie)", KLEUR_OPEN, "punt"),
              mapview.LegendItem("gaat dicht", KLEUR_DICHT, "punt"),
              mapview.LegendItem("ongemoeid", KLEUR_ONGEMOEID, "punt")]
    st.caption("Klik op een accommodatie op de kaart om haar de locatie van haar kern te maken.")
    show_map(layers, mapview.view_state(area.grens), legend, key="sc_map", on_select="rerun")
    st.markdown("**Per kern: voor → na**")
    st.dataframe(ev.per_kern, hide_index=True, width="stretch")

    c = st.columns([2, 1, 2, 1, 1])

    def act(action, message):
        try:
            action()
        except GebiedError as exc:
            st.session_state["sc_msg"] = ("error", exc.nl)
        else:
            st.session_state["sc_msg"] = ("success", message)

    def do_rename():
        new = st.session_state.get("sc_nieuwe_naam", "").strip()
        act(lambda: scenario_store.rename(folder, scenario.naam, new), f"Hernoemd tot '{new}'.")
        if st.session_state["sc_msg"][0] == "success":
            st.session_state["sc_naam"] = new

    c[1].button("Opslaan", key="sc_btn_save",
                on_click=lambda: act(lambda: scenario_store.save(scenario, folder), f"Opgeslagen: '{scenario.naam}'."))
    c[2].text_input("Nieuwe naam", key="sc_nieuwe_naam")
    c[3].button("Hernoem", key="sc_btn_rename", disabled=scenario.naam not in saved, on_click=do_rename)
    c[4].button("Verwijder", key="sc_btn_delete", disabled=scenario.naam not in saved,
                on_click=lambda: act(lambda: scenario_store.delete(folder, scenario.naam),
                                     f"Scenario '{scenario.naam}' verwijderd."))
    export_buttons(area, ctx, scenario)


def export_buttons(area, ctx, scenario) -> None:
    """Make the print map, fact sheet and data package of a scenario, then offer them for download."""
    from gebied.export import export_factsheet, export_map, export_package
    from gebied.evaluate import evaluate

    st.markdown("**Exporteren voor het raadsvoorstel**")
    c = st.columns([1, 1, 1, 1])
    formaat = c[0].selectbox("Formaat", ["A4", "A3"], key="ex_formaat")
    staand = c[1].checkbox("Staand", key="ex_staand")
    if c[2].button("Maak exports", key="ex_maak"):
        with tempfile.TemporaryDirectory() as tmp, st.spinner("Exports maken …"):
            tmp = Path(tmp)
            export_map(area, tmp / "kaart.pdf", evaluate(scenario, ctx), formaat, staand)
            export_factsheet(area, ctx, scenario, tmp / "feitenblad.pdf")
            export_package(area, ctx, [scenario], tmp / "pakket.xlsx")
            st.session_state["ex_files"] = {n: (tmp / n).read_bytes() for n in ("kaart.pdf", "feitenblad.pdf", "pakket.xlsx")}
            st.session_state["ex_naam"] = scenario.naam
    files = st.session_state.get("ex_files")
    if files:
        from gebied.fmt import slug

        stem = slug(st.session_state["ex_naam"]) or "scenario"
        mime = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        d = st.columns(3)
        for col, (name, data) in zip(d, files.items()):
            col.download_button(f"Download {name}", data, file_name=f"{stem}-{name}", mime=mime[name.split('.')[-1]],
                                key=f"ex_dl_{name}")


def page_vergelijk(area) -> None:
    from gebied import scenario_store
    from gebied.evaluate import compare, evaluate, kern_difference
    from gebied.scenario import baseline, load_scenario
    from gebied.smallmultiples import small_multiples

    st.subheader("Scenario's vergelijken")
    ctx = get_context(*data_key())
    saved = scenario_store.list_scenarios(scenario_store.user_dir(area.config.id))
    if not saved:
        st.info("Nog geen opgeslagen scenario's. Maak er een op de pagina Scenario's.")
        return
    chosen = st.multiselect("Scenario's", list(saved), default=list(saved)[:3], key="vg_keuze")
    evs = [evaluate(baseline(area), ctx)]
    for name in chosen:
        try:
            evs.append(evaluate(load_scenario(saved[name], area), ctx))
        except GebiedError as exc:
            st.error(f"{name}: {exc.nl} " + "; ".join(exc.problems))
    st.dataframe(compare(evs), width="stretch")
    st.pyplot(small_multiples(area, evs), width="stretch")
    st.caption(OSM_ATTRIBUTION)
    if len(evs) >= 3:
        st.markdown(f"**Verschil per kern: {evs[2].scenario.naam} t.o.v. {evs[1].scenario.naam}**")
        st.dataframe(kern_difference(evs[1], evs[2]), hide_index=True, width="stretch")


def page_kernprofiel(area) -> None:
    from gebied import mapview, scenario_store
    from gebied.evaluate import evaluate
    from gebied.profile import kern_profile

    cat = load_catalogue()
    ctx = get_context(*data_key())
    names = dict(zip(area.kernen["kern_id"], area.kernen["naam"]))
    kern = st.selectbox("Kern", list(area.kernen["kern_id"]), format_func=lambda k: names[k], key="kp_kern")
    evs = [evaluate(s, ctx) for s in scenario_store.load_fitting(scenario_store.user_dir(area.config.id), area)]
    prof = kern_profile(area, ctx, kern, evs)
    st.subheader(f"Dorpsscan {prof['naam']}")
    m = st.columns(4)
    m[0].metric("Inwoners", nl(prof["inwoners"]))
    m[1].metric("Bron inwonertal", prof["bevolking_bron"])
    m[2].metric("Accommodaties", len(prof["accommodaties"]))
    m[3].metric("Gemeente", prof["gemeente"] or "–")
    if prof["leeftijd"] is None:
        st.caption("Leeftijdsopbouw: niet bekend voor dit gebied (voeg CBS-kerncijfers toe via de gebiedsconfiguratie).")
    else:
        st.bar_chart(prof["leeftijd"])
    left, right = st.columns([3, 2])
    with left:
        layers = list(get_base(data_key()[0])) + [mapview.kernen_layer(area, cat, highlight=[kern]),
                                                   mapview.accommodaties_layer(area, cat)]
        st.pydeck_chart(mapview.deck(layers, mapview.view_state(area.kernen[area.kernen["kern_id"] == kern])),
                        height=420)
        st.caption(OSM_ATTRIBUTION)
    with right:
        st.markdown("**Accommodaties en voorzieningen**")
        st.dataframe(prof["accommodaties"], hide_index=True, width="stretch")
    st.markdown("**Reistijd naar de dichtstbijzijnde voorziening (gemiddeld, minuten)**")
    st.dataframe(prof["reistijden"], hide_index=True, width="stretch")
    st.markdown("**Wat doen de opgeslagen scenario's met deze kern?**")
    if prof["scenarios"].empty:
        st.info("Nog geen opgeslagen scenario's.")
    else:
        st.dataframe(prof["scenarios"], hide_index=True, width="stretch")


def page_gegevens(area) -> None:
    from gebied.summary import kern_table, network_table

    st.subheader(f"Gegevens — {area.config.naam}")
    m = st.columns(4)
    m[0].metric("Inwoners", nl(area.bevolking))
    m[1].metric("Kernen", len(area.kernen))
    m[2].metric("Accommodaties", len(area.accommodaties))
    m[3].metric("Voorzieningen", len(area.voorzieningen))
    st.dataframe(kern_table(area), hide_index=True, width="stretch")
    st.dataframe(network_table(area), hide_index=True)
    st.markdown("**Eigen gegevens uploaden** — overrides (CSV/XLSX) of een eigen accommodatielaag (GeoPackage/GeoJSON)")
    up = st.file_uploader("Bestand", type=["csv", "xlsx", "gpkg", "geojson"], key="upload_file")
    if up is not None:
        data = up.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        if st.session_state.get("upload_digest") != digest:
            try:
                get_area(st.session_state.get("area_id"), up.name, data)  # validates; raises on bad files
            except GebiedError as exc:
                st.error(f"**{exc.nl}**\n\n" + "\n".join(f"- {p}" for p in exc.problems))
            else:
                st.session_state.update(upload_name=up.name, upload=data, upload_digest=digest)
                st.rerun()
    if st.session_state.get("upload"):
        st.success(f"Uw gegevens uit '{st.session_state['upload_name']}' zijn toegepast (alleen in uw sessie).")
        if st.button("Eigen gegevens verwijderen", key="upload_reset"):
            for k in ("upload_name", "upload", "upload_digest"):
                st.session_state.pop(k, None)
            st.rerun()
    with st.expander("Opmerkingen bij de gegevens"):
        for line in area.rapport:
            st.write("• " + line)
    st.caption(" · ".join(area.config.bronnen) + " · " + OSM_ATTRIBUTION)


def _pick_grid(area, spacing_m: float = 250.0):
    """Invisible pickable points over the area, so a click anywhere gives a location for a note."""
    import geopandas as gpd
    import pydeck as pdk

    xmin, ymin, xmax, ymax = area.grens.total_bounds
    xs, ys = np.meshgrid(np.arange(xmin, xmax, spacing_m), np.arange(ymin, ymax, spacing_m))
    pts = gpd.GeoSeries(gpd.points_from_xy(xs.ravel(), ys.ravel()), crs=area.crs)
    pts = pts[pts.within(area.grens.geometry.iloc[0])].to_crs("EPSG:4326")
    rows = pd.DataFrame({"lon": pts.x.round(5), "lat": pts.y.round(5)})
    rows["tooltip"] = "Klik om hier een opmerking te plaatsen"
    return pdk.Layer("ScatterplotLayer", rows, id="prikbord", get_position=["lon", "lat"], get_radius=spacing_m / 2,
                     get_fill_color=[0, 0, 0, 1], pickable=True)


def _notes_layer(notes):
    import pydeck as pdk

    rows = notes.copy()
    rows["tooltip"] = [f"<b>{t}</b><br/>{x}" for t, x in zip(rows["thema"], rows["tekst"])]
    return pdk.Layer("ScatterplotLayer", rows, id="opmerkingen", get_position=["lon", "lat"], get_radius=60,
                     radius_min_pixels=7, get_fill_color=[255, 215, 0, 240], stroked=True,
                     get_line_color=[0, 0, 0, 255], line_width_min_pixels=1.5, pickable=True)


PRESENTATIE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] {display: none !important;}
.block-container {padding-top: 0.5rem !important; max-width: 100% !important;}
.verhaal-tekst {font-size: 1.55rem !important; line-height: 1.5;}
.verhaal-titel {font-size: 2.6rem !important;}
</style>
"""

KEYBOARD_JS = """
<script>
const doc = window.parent.document;
if (!doc.gebiedKeys) {
  doc.gebiedKeys = true;
  // capture phase: arrows step chapters even when a page radio button has focus (it would switch pages)
  doc.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && !['radio', 'checkbox'].includes(t.type))) return;
    const label = e.key === 'ArrowRight' ? 'Volgende' : e.key === 'ArrowLeft' ? 'Vorige' : null;
    if (!label) return;
    const btn = [...doc.querySelectorAll('button')].find(b => b.innerText.includes(label));
    if (!btn) return;
    e.preventDefault();
    e.stopPropagation();
    if (!btn.disabled) btn.click();
  }, true);
}
</script>
"""


def page_verhaal(area) -> None:
    from gebied import mapview, scenario_store
    from gebied.dorpsbiografie import kern_chapters
    from gebied.evaluate import evaluate
    from gebied.notes import THEMAS, add_note, empty_notes, export_notes
    from gebied.story import parse_story, stories_dir
    from gebied.story_render import chapter_view, export_story, markdown_html

    cat = load_catalogue()
    folder = stories_dir(area.config.id)
    files = sorted(folder.glob("*.md")) if folder.exists() else []
    stories, errors = {}, []
    for f in files:
        try:
            stories[f.stem] = parse_story(f, area)
        except GebiedError as exc:
            errors.append(f"**{f.name}**: {exc.nl}\n" + "\n".join(f"- {p}" for p in exc.problems))
    for e in errors:
        st.warning(e)
    presentatie = st.session_state.get("vh_presentatie", False)
    if presentatie:
        st.markdown(PRESENTATIE_CSS, unsafe_allow_html=True)
    top = st.columns([3, 2, 1])
    keuze = top[0].selectbox("Verhaal", [*stories, "__dorpen__"], key="vh_verhaal", on_change=lambda: st.session_state.update(vh_idx=0),
                             format_func=lambda k: stories[k].titel if k in stories else "Dorpsbiografieën (gegenereerd)")
    top[2].toggle("Presentatiemodus", key="vh_presentatie")
    ctx = get_context(*data_key())
    if keuze == "__dorpen__":
        evs = [evaluate(s, ctx) for s in scenario_store.load_fitting(scenario_store.user_dir(area.config.id), area)]
        chapters = kern_chapters(area, ctx, evs, folder / "kernen")
        story = None
    else:
        story = stories[keuze]
        chapters = story.hoofdstukken
    n = len(chapters)
    idx = min(st.session_state.get("vh_idx", 0), n - 1)
    st.session_state["vh_idx"] = idx

    def step(d: int) -> None:
        st.session_state["vh_idx"] = int(np.clip(st.session_state.get("vh_idx", 0) + d, 0, n - 1))

    nav = st.columns([1, 6, 1])
    nav[0].button("◀ Vorige", key="vh_vorige", disabled=idx == 0, on_click=step, args=(-1,))
    nav[2].button("Volgende ▶", key="vh_volgende", disabled=idx >= n - 1, on_click=step, args=(1,))
    nav[1].progress((idx + 1) / n, text=f"Hoofdstuk {idx + 1} van {n}")
    st.iframe(KEYBOARD_JS, height=1)
    h = chapters[idx]
    year = f" · {h.kaart.jaar}" if h.kaart.jaar is not None else ""
    st.markdown(f'<div class="verhaal-titel" style="font-size:2rem;font-weight:700">{h.titel}'
                f'<span style="color:#a33">{year}</span></div>', unsafe_allow_html=True)
    layers = list(get_base(data_key()[0]))
    if h.kaart.raster and story is not None:
        from gebied.raster import bitmap_layer, load_raster

        try:
            layers.append(bitmap_layer(load_raster(story.folder / h.kaart.raster), h.kaart.raster_dekking))
        except GebiedError as exc:
            st.warning(exc.nl)
    names = dict(zip(area.kernen["naam"], area.kernen["kern_id"]))
    highlight = [names[k] for k in h.kaart.markeer_kernen + ([h.kaart.kern] if h.kaart.kern else []) if k in names]
    if "kernen" in h.kaart.lagen:
        layers.append(mapview.kernen_layer(area, cat, highlight=highlight))
    if "accommodaties" in h.kaart.lagen:
        layers.append(mapview.accommodaties_layer(area, cat))
    notes = st.session_state.setdefault("vh_notes", empty_notes())
    layers.append(_pick_grid(area))
    if len(notes):
        layers.append(_notes_layer(notes))
    map_col, text_col = (st.container(), st.container()) if presentatie else st.columns([3, 2])
    with map_col:
        event = st.pydeck_chart(mapview.deck(layers, chapter_view(area, h)), height=620 if presentatie else 560,
                                key="vh_map", on_select="rerun", selection_mode="single-object")
        st.caption(OSM_ATTRIBUTION)
    with text_col:
        st.markdown(f'<div class="verhaal-tekst" style="font-size:1.15rem">'
                    f'{markdown_html(h.tekst, story.folder if story else folder)}</div>', unsafe_allow_html=True)
    picked = (event.selection.get("objects", {}) if event and event.selection else {}).get("prikbord")
    with st.expander("Opmerking vastprikken (werkplaats)", expanded=bool(picked)):
        if picked:
            st.session_state["vh_plek"] = (picked[0]["lon"], picked[0]["lat"])
        plek = st.session_state.get("vh_plek")
        st.write(f"Plek: {plek[1]:.5f} N, {plek[0]:.5f} O" if plek else "Klik op de kaart om een plek te kiezen.")
        c = st.columns([3, 1, 1])
        tekst = c[0].text_input("Opmerking", key="vh_tekst")
        thema = c[1].selectbox("Thema", THEMAS, key="vh_thema")
        if c[2].button("Vastprikken", key="vh_prik", disabled=plek is None):
            try:
                st.session_state["vh_notes"] = add_note(notes, plek[0], plek[1], tekst, thema)
                st.rerun()
            except GebiedError as exc:
                st.error(exc.nl)
        if len(notes):
            st.dataframe(notes, hide_index=True, width="stretch")
            with tempfile.TemporaryDirectory() as tmp:
                gj = export_notes(notes, Path(tmp) / "opmerkingen.geojson").read_bytes()
                csv = export_notes(notes, Path(tmp) / "opmerkingen.csv").read_bytes()
            d = st.columns(2)
            d[0].download_button("Download GeoJSON", gj, "opmerkingen.geojson", "application/geo+json", key="vh_dl_gj")
            d[1].download_button("Download CSV", csv, "opmerkingen.csv", "text/csv", key="vh_dl_csv")
    if story is not None and not presentatie:
        if st.button("Exporteer verhaal als HTML", key="vh_export"):
            with tempfile.TemporaryDirectory() as tmp, st.spinner("Verhaal exporteren …"):
                path = export_story(story, area, Path(tmp) / "verhaal.html")
                st.session_state["vh_html"] = path.read_bytes()
        if st.session_state.get("vh_html"):
            st.download_button("Download HTML", st.session_state["vh_html"], f"{keuze}.html", "text/html",
                               key="vh_dl_html")


PAGES = {
    "Kaart": page_kaart,
    "Bereikbaarheid": page_bereik,
    "Scenario's": page_scenarios,
    "Vergelijken": page_vergelijk,
    "Kern-profiel": page_kernprofiel,
    "Verhaal": page_verhaal,
    "Gegevens": page_gegevens,
}


def main() -> None:
    st.session_state.setdefault("area_id", st.query_params.get("gebied"))
    try:
        area = get_area(*data_key())
    except GebiedError as exc:
        st.error(f"**{exc.nl}**\n\n{exc.en}\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        st.stop()
    st.sidebar.title("gebied")
    st.sidebar.caption(f"Gebied: **{area.config.naam}**")
    page = st.sidebar.radio("Pagina", list(PAGES), key="pagina")
    PAGES[page](area)
    get_context(*data_key())  # after the page is shown: warm the travel-time matrices for the next page


main()
