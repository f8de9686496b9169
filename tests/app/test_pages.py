"""Page logic with Streamlit's AppTest (no browser)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.figures import credits, figures

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def page(name: str) -> str:
    """A page script, relative to app.py (as AppTest.switch_page wants it)."""
    return f"gebied/app/pages/{name}.py"


def _first_run_after_preparation() -> AppTest:
    """A first run of the app on empty caches, after its background preparation has finished."""
    import threading

    import streamlit as st

    from gebied.app.vooraf import WARMUP_THREAD

    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    for thread in threading.enumerate():
        if thread.name == WARMUP_THREAD:
            thread.join(timeout=300)
    return at


@pytest.fixture(scope="module")
def at(app_files):  # the build and its map files exist, as after ``gebied build``
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def test_map_page_renders_with_legend_and_attribution(at):
    assert any(h.value.startswith("Kaart") for h in at.subheader)
    html = " ".join(m.value for m in at.markdown)
    assert "School" in html and "© OpenStreetMap contributors" in credits(at)
    assert figures(at)["Inwoners"]


def test_overview_page_shows_figures_from_gebied(at, default_area):
    from gebied.core.fmt import getal

    at.switch_page(page("gegevens")).run()
    assert not at.exception
    metrics = figures(at)
    assert metrics["Inwoners"] == getal(default_area.bevolking)
    assert metrics["Kernen"] == str(len(default_area.kernen))


def test_bereik_page_changes_figures_with_the_norm(at, default_area):
    from gebied.bereik.dekking import kern_report

    at.switch_page(page("bereik")).run()
    assert not at.exception, at.exception
    at.selectbox(key="bereik_soort").set_value("basisonderwijs").run()
    first = figures(at)["Binnen de norm"]
    expected = kern_report(default_area, "fiets", "basisonderwijs", 15.0)
    total = expected[expected["kern_id"] == "totaal"].iloc[0]
    assert first == f"{total['binnen_norm_pct']:.1f}%".replace(".", ",")
    at.number_input(key="bereik_norm_basisonderwijs").set_value(5).run()
    second = figures(at)["Binnen de norm"]
    assert second != first


def test_bereik_page_shows_a_kerns_inhabitants_by_travel_time(at, default_area):
    """A chosen kern gets its inhabitants by travel time beside the map: every inhabitant of the kern once, in
    the classes of the library's distribution of its points' times to the nearest."""
    import re

    from gebied.bereik.dekking import hosts, nearest_minutes, reistijd_verdeling
    from gebied.bereik.matrices import area_matrix, demand_points

    kern = default_area.kernen.sort_values("inwoners").iloc[-1]
    at.switch_page(page("bereik")).run()
    at.selectbox(key="bereik_soort").set_value("basisonderwijs").run()
    at.selectbox(key="bereik_kern").set_value(kern["kern_id"]).run()
    assert not at.exception, at.exception
    panel = next(m.value for m in at.markdown if f"Inwoners van {kern['naam']} naar reistijd" in m.value)
    shown = [int(v.replace(".", "")) for v in re.findall(r'<span style="width:3rem">([\d.]+)</span>', panel)]
    pts, m = demand_points(default_area), area_matrix(default_area, "fiets")
    sel = (pts["kern_id"] == kern["kern_id"]).to_numpy()
    minutes = nearest_minutes(m, hosts(default_area.voorzieningen, m.target_ids, "basisonderwijs"))[sel]
    expected = reistijd_verdeling(minutes, pts.loc[sel, "inwoners"].to_numpy(dtype=float), 15.0)["inwoners"]
    assert shown == [round(v) for v in expected.iloc[: len(shown)]] and sum(expected.iloc[len(shown):]) == 0
    assert abs(sum(shown) - pts.loc[sel, "inwoners"].sum()) <= len(shown)


def test_bereik_page_explains_inhabitants_without_a_car_route(at, default_area):
    """Balzers' car roads are not connected to the rest in the extract: its people have no car route to a
    school elsewhere, and the page says why."""
    from gebied.bereik.dekking import kern_report

    at.switch_page(page("bereik")).run()
    at.selectbox(key="bereik_modus").set_value("auto").run()
    at.selectbox(key="bereik_soort").set_value("voortgezet_onderwijs").run()
    assert not at.exception, at.exception
    total = kern_report(default_area, "auto", "voortgezet_onderwijs").set_index("kern_id").loc["totaal"]
    assert total["onbereikbaar"] > 1000
    html = " ".join(m.value for m in at.markdown)
    assert "2 delen die in het kaartbestand niet met elkaar verbonden zijn" in html
    at.selectbox(key="bereik_modus").set_value("fiets").run()
    assert "niet met elkaar verbonden" not in " ".join(m.value for m in at.markdown)


def _fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    return at


def test_scenario_page_generate_changes_totals_and_save_load_rename_delete(default_area, tmp_path, monkeypatch):
    from gebied.scenario.evaluate import evaluate, make_context
    from gebied.scenario.rules import rule_scenario

    at = _fresh(tmp_path, monkeypatch)
    at.switch_page(page("scenarios")).run()
    assert not at.exception, at.exception
    n = str(len(default_area.accommodaties))
    assert figures(at)["Accommodaties open"] == f"{n} van {n}"
    assert any(h.value == "Scenario: Nieuw scenario" for h in at.subheader)
    at.selectbox(key="sc_regel").set_value("grootste").run()
    at.button(key="sc_btn_regel").click().run()
    assert not at.exception, at.exception
    after = figures(at)
    expected = evaluate(rule_scenario(make_context(default_area), "grootste"), make_context(default_area)).totaal
    assert after["Accommodaties open"] == f"{int(expected['accommodaties_na'])} van {n}"
    assert after["Besparing per jaar"] == "€ " + f"{expected['besparing']:,.0f}".replace(",", ".")
    assert any(h.value.endswith("niet opgeslagen") for h in at.subheader)  # a draft, marked
    # a single kern choice changes the figures
    kern = next(iter(rule_scenario(make_context(default_area), "grootste").kernen))
    at.selectbox(key="sc_welke_kern").set_value(kern).run()
    at.selectbox(key=f"sc_kern_{kern}").set_value("__ongewijzigd__").run()
    assert figures(at)["Accommodaties open"] != after["Accommodaties open"]
    # the draft survives a visit to another page
    edited = figures(at)["Accommodaties open"]
    at.switch_page(page("bereik")).run()
    at.switch_page(page("scenarios")).run()
    assert figures(at)["Accommodaties open"] == edited
    # save, rename, delete: files in the user folder
    at.text_input(key="sc_naam").set_value("Proef A").run()
    at.button(key="sc_btn_save").click().run()
    folder = tmp_path / "scenarios" / default_area.config.id
    assert (folder / "proef-a.yaml").exists()
    at.text_input(key="sc_nieuwe_naam").set_value("Proef B").run()
    at.button(key="sc_btn_rename").click().run()
    assert (folder / "proef-b.yaml").exists() and not (folder / "proef-a.yaml").exists()
    at.selectbox(key="sc_laad").set_value("Proef B").run()
    at.button(key="sc_btn_laad").click().run()
    assert at.text_input(key="sc_naam").value == "Proef B"
    at.button(key="sc_btn_delete").click().run()
    assert not (folder / "proef-b.yaml").exists()
    assert not at.exception, at.exception


def test_optimise_button_makes_the_optimum_the_draft_and_answers_a_repeat_at_once(default_area, tmp_path,
                                                                                 monkeypatch):
    from gebied.scenario import optimise
    from gebied.scenario.evaluate import evaluate, make_context
    from gebied.scenario.optimise import optimal_scenario

    solves = []

    def counted(*args, **kwargs):
        solves.append(args[1:])
        return optimal_scenario(*args, **kwargs)

    monkeypatch.setattr(optimise, "optimal_scenario", counted)
    at = _fresh(tmp_path, monkeypatch)
    at.switch_page(page("scenarios")).run()
    at.slider(key="sc_opt_norm").set_value(7).run()
    at.button(key="sc_btn_opt").click().run()
    assert not at.exception, at.exception
    ctx = make_context(default_area)
    best, _ = optimal_scenario(ctx, "reistijd", "fiets", 7.0)
    expected = evaluate(best, ctx).totaal
    n = len(default_area.accommodaties)
    assert figures(at)["Accommodaties open"] == f"{int(expected['accommodaties_na'])} van {n}"
    assert any(h.value == f"Scenario: {best.naam} · niet opgeslagen" for h in at.subheader)
    assert any("Optimale keuze gevonden" in i.value for i in at.info)
    # another choice, then the same question again: the same optimum, without solving again
    before = len(solves)
    at.button(key="sc_btn_regel").click().run()
    assert not any(h.value.startswith(f"Scenario: {best.naam}") for h in at.subheader)
    at.button(key="sc_btn_opt").click().run()
    assert any(h.value.startswith(f"Scenario: {best.naam}") for h in at.subheader)
    assert figures(at)["Besparing per jaar"] == "€ " + f"{expected['besparing']:,.0f}".replace(",", ".")
    assert len(solves) == before


def test_scenario_page_for_one_gemeente_of_the_region(default_area, tmp_path, monkeypatch):
    """The default area holds 11 gemeenten: a rule for Schaan only closes Schaan's buildings; figures per gemeente."""
    from gebied.scenario.evaluate import evaluate, make_context
    from gebied.scenario.regio import per_gemeente
    from gebied.scenario.rules import rule_scenario

    at = _fresh(tmp_path, monkeypatch)
    at.switch_page(page("scenarios")).run()
    assert "gemeente Schaan" in at.selectbox(key="sc_gemeente").options
    at.selectbox(key="sc_gemeente").set_value("Schaan").run()
    at.button(key="sc_btn_regel").click().run()
    assert not at.exception, at.exception
    ctx = make_context(default_area)
    ev = evaluate(rule_scenario(ctx, at.selectbox(key="sc_regel").value, gemeente="Schaan"), ctx)
    n = str(len(default_area.accommodaties))
    assert figures(at)["Accommodaties open"] == f"{int(ev.totaal['accommodaties_na'])} van {n}"
    expected = per_gemeente(ev, ctx).set_index("gemeente")["gesloten"]
    shown = next(t.value for t in at.dataframe if "Gemeente" in t.value.columns)
    closed = dict(zip(shown["Gemeente"], shown["Gaan dicht"]))
    assert closed["Schaan"] == f"{int(expected['Schaan'])}" and closed["Vaduz"] == "0"
    assert closed["Totaal"] == closed["Schaan"]


def test_compare_and_kern_profile_pages(default_area, tmp_path, monkeypatch):
    from gebied.scenario import store as scenario_store
    from gebied.scenario.evaluate import make_context
    from gebied.scenario.rules import rule_scenario

    ctx = make_context(default_area)
    folder = tmp_path / "scenarios" / default_area.config.id
    for regel in ("grootste", "centraalst"):
        scenario_store.save(rule_scenario(ctx, regel), folder)
    at = _fresh(tmp_path, monkeypatch)
    at.switch_page(page("vergelijken")).run()
    assert not at.exception, at.exception
    assert len(at.dataframe) >= 3  # now, and the years ahead
    assert any("In de toekomst" in m.value for m in at.markdown)
    at.switch_page(page("kernprofiel")).run()
    assert not at.exception, at.exception
    assert any("Dorpsscan" in h.value for h in at.subheader)
    from gebied.toekomst.prognose import basisjaar

    base = basisjaar(default_area)
    at.slider(key="jaar").set_value(base + 10).run()
    assert not at.exception, at.exception
    assert any(f"Leeftijdsopbouw {base} en {base + 10}" in m.value for m in at.markdown)
    assert f"Inwoners in {base + 10}" in figures(at)
    doel = next(d.value for d in at.dataframe if "Doelgroep × deelname" in d.value.columns)
    assert doel["Doelgroep × deelname"].str.contains("(afgeleid)", regex=False).any()


def test_export_button_makes_downloadable_files(default_area, tmp_path, monkeypatch):
    at = _fresh(tmp_path, monkeypatch)
    at.switch_page(page("scenarios")).run()
    at.button(key="sc_btn_regel").click().run()
    at.button(key="ex_maak").click().run()
    assert not at.exception, at.exception
    files = at.session_state["ex_files"]
    assert files["kaart.pdf"].startswith(b"%PDF") and files["feitenblad.pdf"].startswith(b"%PDF")
    assert files["pakket.xlsx"][:2] == b"PK"


def test_story_page_steps_through_chapters(default_area, tmp_path, monkeypatch):
    from gebied.verhaal.model import parse_verhaal, verhalen_dir

    story = parse_verhaal(verhalen_dir(default_area.config.id) / "gebiedsbiografie.md", default_area)
    at = _fresh(tmp_path, monkeypatch)
    at.switch_page(page("verhaal")).run()
    assert not at.exception, at.exception
    assert any(story.hoofdstukken[0].titel in m.value for m in at.markdown)
    at.button(key="vh_volgende").click().run()
    assert any(story.hoofdstukken[1].titel in m.value for m in at.markdown)
    at.button(key="vh_vorige").click().run()
    assert at.session_state["vh_idx"] == 0
    at.toggle(key="vh_presentatie").set_value(True).run()
    assert not at.exception
    assert any("stSidebar" in m.value for m in at.markdown)  # presentation CSS hides the sidebar
    from gebied.verhaal import dorpsbiografie

    made: list[str] = []  # the page makes the chapter it shows, not a province's hundreds each run
    real = dorpsbiografie.kern_chapter
    monkeypatch.setattr(dorpsbiografie, "kern_chapter", lambda *a, **k: made.append(a[2]) or real(*a, **k))
    at.selectbox(key="vh_verhaal").set_value("__dorpen__").run()
    assert not at.exception, at.exception
    ids = dorpsbiografie.kern_volgorde(default_area)
    names = dict(zip(default_area.kernen["kern_id"], default_area.kernen["naam"]))
    assert made == ids[:1]
    assert any(f"Dorpsbiografie {names[ids[0]]}" in m.value for m in at.markdown)
    at.button(key="vh_volgende").click().run()
    assert made == ids[:2]
    assert any(f"Dorpsbiografie {names[ids[1]]}" in m.value for m in at.markdown)
    assert any(f"Hoofdstuk 2 van {len(ids)}" in (p.text or "") for p in at.get("progress")), "progress"


def test_a_first_page_run_loads_the_area_once(app_files, monkeypatch):
    """Every cached reader of the app asks for the area with the same arguments: Streamlit keys its cache by
    the arguments as given, and a reader passing fewer once loaded (and kept) a second copy of the area."""
    import streamlit as st

    from gebied.area import store

    loads: list[object] = []
    real = store.load_area
    monkeypatch.setattr(store, "load_area", lambda *a, **k: loads.append(a) or real(*a, **k))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    at.switch_page(page("bereik")).run()
    at.switch_page(page("scenarios")).run()
    assert not at.exception, at.exception
    assert len(loads) == 1, loads


def test_the_first_optimum_is_solved_in_the_background_and_a_norm_only_keys_dekking(app_files, monkeypatch):
    """The question the Scenario's page asks first (shortest travel time by bike) is solved by the background
    preparation (a gemeente's in the server: less than a second); the norm is part of a 'dekking' question only,
    so changing it does not solve 'reistijd' again."""
    from gebied.scenario import optimise

    solves: list[tuple[object, ...]] = []
    real = optimise.optimal_scenario

    def counted(ctx, doel="reistijd", modus="fiets", norm=None, *args, **kwargs):
        solves.append((doel, modus, norm))
        return real(ctx, doel, modus, norm, *args, **kwargs)

    monkeypatch.setattr(optimise, "optimal_scenario", counted)
    at = _first_run_after_preparation()
    assert solves == [("reistijd", "fiets", None)]
    at.switch_page(page("scenarios")).run()
    at.button(key="sc_btn_opt").click().run()
    assert not at.exception, at.exception
    assert len(solves) == 1 and at.text_input(key="sc_naam").value.startswith("Optimaal: kortste reistijd")
    at.slider(key="sc_opt_norm").set_value(7).run()
    at.button(key="sc_btn_opt").click().run()
    assert len(solves) == 1
    at.selectbox(key="sc_doel").set_value("dekking").run()
    at.button(key="sc_btn_opt").click().run()
    assert solves[1:] == [("dekking", "fiets", 7.0)]
    assert "binnen 7 min" in at.text_input(key="sc_naam").value


def layers(at) -> dict[str, bool]:
    """The map's layers (id -> shown) in the last run of ``at``."""
    import json

    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return {la["id"]: la.get("visible", True) for la in spec["layers"]}


def test_a_voorziening_kind_and_a_page_shown_before_stay_on_the_map_hidden(app_files):
    """Each voorziening kind has its own layers; after another kind, and on another page, the map keeps them
    hidden (showing them again needs no new files), while the current kind's are the ones shown."""
    from gebied.core.catalogue import load_catalogue

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(page("bereik")).run()
    ids = {v.label: v.id for v in load_catalogue().voorzieningen}
    first, second = at.selectbox(key="bereik_soort").options[:2]  # labels
    at.selectbox(key="bereik_soort").set_value(first).run()
    at.selectbox(key="bereik_soort").set_value(second).run()
    assert not at.exception, at.exception
    shown = layers(at)
    assert shown[f"inwoners-{ids[second]}"] and not shown[f"inwoners-{ids[first]}"]
    assert shown[f"accommodaties-{ids[second]}"] and shown[f"accommodaties-{ids[first]}"] is False
    others = [f"accommodaties-{v}" for label, v in ids.items() if label in at.selectbox(key="bereik_soort").options]
    assert all(o in shown for o in others)  # every kind's hosts loaded ahead: choosing a kind fetches nothing
    at.switch_page(page("kaart")).run()
    shown = layers(at)
    assert shown[f"inwoners-{ids[second]}"] is False and shown[f"inwoners-{ids[first]}"] is False
    assert shown[f"accommodaties-{ids[second]}"] is False
    assert shown["accommodaties"]  # the page's own layers are shown


def test_bereik_asks_no_files_again_for_the_kinds_the_map_keeps(app_files, monkeypatch):
    """Bereikbaarheid puts every other voorziening kind with ready files on the map, hidden; a later run asks
    only for the files of kinds the map does not hold yet, and the map still holds every kind it had."""
    from gebied.app import data

    asked: list[str] = []
    real = data.bereik_urls_ready
    monkeypatch.setattr(data, "bereik_urls_ready", lambda soort: asked.append(soort) or real(soort))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(page("bereik")).run()
    held = {k for k in layers(at) if k.startswith("inwoners-")}
    assert len(held) > 1 and not at.exception  # the kind shown, and others loaded ahead
    asked.clear()
    at.selectbox(key="bereik_modus").set_value(at.selectbox(key="bereik_modus").options[0]).run()
    assert not at.exception, at.exception
    assert not {f"inwoners-{k}" for k in asked} & held  # kinds on the map: no files asked for again
    assert held <= {k for k in layers(at) if k.startswith("inwoners-")}


def test_the_background_preparation_reports_every_kind_and_mode_at_its_first_norm(app_files, monkeypatch):
    """After the background preparation a new voorziening kind or mode on Bereikbaarheid (at the kind's first
    norm) computes no per-kern report of its own; a norm the planner types does."""
    from gebied.bereik import dekking

    reports: list[tuple[object, ...]] = []
    real = dekking.kern_report

    def counted(area, modus, soort, norm=None, **kwargs):
        reports.append((modus, soort, norm))
        return real(area, modus, soort, norm, **kwargs)

    monkeypatch.setattr(dekking, "kern_report", counted)
    at = _first_run_after_preparation()
    prepared = len(reports)
    assert prepared == len({(m, s) for m, s, _ in reports}) > 0  # each kind and mode once
    at.switch_page(page("bereik")).run()
    shown = [at.selectbox(key="bereik_soort").value]
    for index in (1, 2):
        at.selectbox(key="bereik_soort").select_index(index).run()
        at.selectbox(key="bereik_modus").set_value("lopen").run()
        shown.append(at.selectbox(key="bereik_soort").value)
    assert not at.exception, at.exception
    assert len(set(shown)) == 3 and at.selectbox(key="bereik_modus").value == "lopen"
    assert len(reports) == prepared
    kind = at.selectbox(key="bereik_soort").value
    at.number_input(key=f"bereik_norm_{kind}").set_value(7).run()
    assert len(reports) == prepared + 1 and reports[-1][2] == 7.0


def _province_on_bereik(monkeypatch) -> AppTest:
    """The app on Bereikbaarheid with the default area taken for an area in two levels of detail (a province);
    the caller clears ``data.get_frames`` and ``widgets.few_names`` after."""
    from gebied.app import data, widgets
    from gebied.maps import ondergrond

    monkeypatch.setattr(ondergrond, "DETAIL_VANAF_M", 0.0)  # as for a province
    data.get_frames.clear()
    widgets.few_names.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(page("bereik")).run()
    assert not at.exception, at.exception
    return at


def test_a_province_map_loads_ahead_only_the_kind_shown_and_names_that_do_not_crowd(app_files, monkeypatch):
    """On an area in two levels of detail (a province) Bereikbaarheid loads no other kind's layers ahead (36
    isochrone files of ~1 MB would be), and the map of the whole area shows fewer kern names, given inline."""
    import json

    from gebied.app import data, widgets
    from gebied.maps.adres import path_of

    widgets.few_names.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(page("bereik")).run()
    everyone = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    try:
        at = _province_on_bereik(monkeypatch)
        shown = at.selectbox(key="bereik_soort").value
        kinds = {k for k in layers(at) if k.startswith(("inwoners-", "isochronen-"))}
        assert kinds and all(k.startswith((f"inwoners-{shown}", f"isochronen-{shown}-")) for k in kinds)
        spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        names = next(la for la in spec["layers"] if la["id"] == "kernnamen")["data"]
        every = next(la for la in everyone["layers"] if la["id"] == "kernnamen")["data"]
        assert isinstance(every, str) and isinstance(names, list)  # every name: the file; a few: inline
        assert 0 < len(names) < len(json.loads(path_of(every).read_text(encoding="utf-8")))
    finally:
        data.get_frames.clear()
        widgets.few_names.clear()


def test_a_province_view_shows_its_kernen_coarse_and_a_closer_view_the_fine_ones(app_files, monkeypatch):
    """On an area in two levels of detail the map of the whole area draws the kernen from their coarse file (fewer
    points: a frame's time without a graphics card), a closer view the fine outlines of the kernen in view; the map
    keeps the coarse level hidden, so going back needs no new file."""
    import json

    from gebied.app import data, widgets
    from gebied.maps import vakken
    from gebied.maps.adres import path_of

    try:
        at = _province_on_bereik(monkeypatch)
        shown = layers(at)
        assert shown.get("kernen-grof") is True and "kernen" not in shown  # the whole area: ~55 m a pixel
        spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        url = next(la for la in spec["layers"] if la["id"] == "kernen-grof")["data"]
        coarse = json.loads(path_of(url).read_text(encoding="utf-8"))
        fine = data.frames()["kernen"]
        assert {r["kern_id"] for r in coarse} == set(fine["kern_id"])
        assert sum(len(r["polygon"]) for r in coarse) < sum(map(len, fine["polygon"]))
        monkeypatch.setattr(vakken, "FIJN_VANAF_M", 1000.0)  # the same view now counts as close
        at.run()
        shown = layers(at)
        assert shown["kernen"] is True and shown["kernen-grof"] is False
        spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        near = next(la for la in spec["layers"] if la["id"] == "kernen")["data"]
        assert isinstance(near, list) and {r["kern_id"] for r in near} <= set(fine["kern_id"])  # those in view
    finally:
        data.get_frames.clear()
        widgets.few_names.clear()


@pytest.mark.parametrize("inline_max", [None, 0])
def test_the_scenario_map_gets_its_accommodaties_inline_or_as_a_file_by_content(app_files, monkeypatch, inline_max):
    """The Scenario's page sends its accommodaties by status: a few in the page's message (the default area's),
    many as the address of a file by content. Either way every accommodatie, coloured and labelled by its status
    in the current scenario; another scenario gets other rows (another file)."""
    import json

    from gebied.app import data
    from gebied.core.catalogue import hex_to_rgba, load_catalogue
    from gebied.maps.adres import path_of

    if inline_max is not None:
        monkeypatch.setattr(data, "SCENARIO_INLINE_MAX", inline_max)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(page("scenarios")).run()
    assert not at.exception, at.exception
    stijl = load_catalogue().layer("scenario").stijl

    def statuses() -> tuple[object, list[str]]:
        spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        sent = next(la["data"] for la in spec["layers"] if la["id"].startswith("scenario#"))
        if inline_max is None:
            rows = sent
            assert isinstance(rows, list)
        else:
            assert isinstance(sent, str) and sent.startswith("/app/static/gebied/")
            rows = json.loads(path_of(sent).read_text(encoding="utf-8"))
        by_colour = {tuple(hex_to_rgba(k)): s for s, k in stijl["kleuren"].items()}
        out = [by_colour[tuple(r["kleur"])] for r in rows]
        assert all(r["tooltip"].endswith(stijl["labels"][s]) for r, s in zip(rows, out))
        return sent, out

    sent, before = statuses()
    assert len(before) == len(data.get_area(None, None, None).accommodaties) and "dicht" not in before
    assert (len(before) <= data.SCENARIO_INLINE_MAX) == (inline_max is None)
    at.button(key="sc_btn_regel").click().run()  # a scenario by rule: one location per kern
    assert not at.exception, at.exception
    sent2, after = statuses()
    assert sent2 != sent and "dicht" in after and "open" in after
