"""The app in a real headless Chromium, as a planner and a facilitator use it.

One app server for the module (user folder in a temporary directory); a tab at 1920×1080 and one at
1366×768. Every request either tab makes is checked: nothing may leave the machine. Screenshots go to
``test-artifacts/``.
"""

import json
import os
import re

import pytest
from helpers.browser import CHROMIUM, AppBrowser, non_blank_share, running_app

pytestmark = pytest.mark.browser

playwright = pytest.importorskip("playwright.sync_api")

PAGES = ["Kaart", "Bereikbaarheid", "Scenario's", "Afweging", "Vergelijken", "Kern-profiel", "Verhaal", "Gegevens"]


@pytest.fixture(scope="module")
def app(app_files, default_area, tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (python3 run.py test installs it)")
    user = tmp_path_factory.mktemp("gebruiker")
    with running_app(env={"GEBIED_USER_DIR": str(user)}) as url, playwright.sync_playwright() as pw:
        yield pw, url


@pytest.fixture(scope="module")
def tab(app):
    b = AppBrowser(*app)
    b.open()
    yield b
    b.close()


@pytest.fixture(scope="module")
def small_tab(app):
    b = AppBrowser(*app, width=1366, height=768)
    b.open()
    yield b
    b.close()


def _map_box(b: AppBrowser) -> dict:
    return b.page.locator("[data-testid=stDeckGlJsonChart] canvas, [data-testid=stImage] img").first.bounding_box()


def _drawn(b: AppBrowser) -> None:
    share, colours = non_blank_share(b.page.locator("[data-testid=stDeckGlJsonChart] canvas").first.screenshot())
    assert share > 0.05, "map canvas is (nearly) blank"
    assert colours > 20, "map canvas shows too few colours to be a drawn map"


def test_first_page_is_a_drawn_map_with_credits_and_figures(tab, default_area):
    from gebied.core.fmt import getal

    tab.page.wait_for_timeout(1500)
    tab.shot("kaart-1920")
    _drawn(tab)
    assert tab.page.get_by_text("© OpenStreetMap contributors (ODbL)").first.is_visible()
    assert tab.figure("Inwoners") == getal(default_area.bevolking)
    box = _map_box(tab)
    assert box["height"] > 0.7 * 1080 and box["width"] > 0.5 * 1920, "the map is not the largest thing on screen"
    assert not tab.page.get_by_text("Deploy", exact=True).count()


@pytest.mark.parametrize("title", PAGES)
def test_every_page_opens_without_error_and_shows_its_map(tab, title):
    tab.nav(title)
    tab.page.wait_for_timeout(500)
    tab.shot(f"pagina-{title.lower().replace(chr(39), '')}-1920")
    assert not tab.page.locator("[data-testid=stException]").count()
    assert not tab.page.locator("[data-testid=stAlertContentError]").count()
    assert not tab.page.get_by_text("Choose an option").count()
    assert not tab.page.get_by_text("Traceback").count()
    box = _map_box(tab)
    assert box["y"] < 300, "the map starts below the first screen"
    if title != "Vergelijken":  # small multiples are an image
        _drawn(tab)
        assert box["height"] > 600


def test_the_map_is_kept_across_page_switches(tab):
    """One map element for every map page: the browser keeps its WebGL context, shaders and base picture."""
    tab.nav("Kaart")
    tab.page.evaluate("() => { document.querySelector('[data-testid=stDeckGlJsonChart] canvas').gebiedKaart = 1; }")
    for title, legend in [("Bereikbaarheid", "Binnen 5 min"), ("Scenario's", "gaat dicht"),
                          ("Verhaal", "Presentatiemodus"), ("Kern-profiel", "Dorpsscan"), ("Kaart", "Kernen")]:
        tab.nav(title)
        assert tab.page.locator("[data-testid=stDeckGlJsonChart] canvas").count() == 1
        assert tab.page.evaluate(
            "() => document.querySelector('[data-testid=stDeckGlJsonChart] canvas').gebiedKaart === 1"), \
            f"{title}: a new map was built"
        assert tab.page.get_by_text(legend).first.is_visible(), f"{title}: the page's own panel is missing"
        _drawn(tab)


def test_a_choice_draws_the_map_once_at_its_new_view(tab, default_area):
    """Choosing a kern moves the map to it (a new view, new layers, the kern's files): the map waits for the view
    and the files and draws once, at the kern, with its data; so does a new scenario (a new data file)."""
    from gebied.area.summary import kern_labels

    def counts() -> dict:
        return tab.page.evaluate("() => ({...window.gebiedKaart})")

    tab.nav("Bereikbaarheid")
    largest = default_area.kernen.sort_values("inwoners", ascending=False)["kern_id"].head(2)
    for kern in (kern_labels(default_area)[k] for k in largest):
        before = counts()
        tab.select("bereik_kern", kern)
        after = counts()
        assert after["getekend"] - before["getekend"] == 1, f"{kern}: the map drew more than once"
    _drawn(tab)
    tab.nav("Scenario's")
    before = counts()
    tab.button("sc_btn_regel")
    assert counts()["getekend"] - before["getekend"] == 1
    _drawn(tab)


def test_the_map_stays_shown_while_a_page_runs(tab):
    """The map keeps its place and size while the page reruns (a choice, a page switch): hidden in between, its
    canvas would be sized anew when the run ends, and the map drawn once more for it (~0.1 s a frame without a
    graphics card)."""
    tab.nav("Bereikbaarheid")
    tab.page.evaluate("""() => {
        window.gebiedSmalste = Infinity;
        const app = document.querySelector('[data-testid=stApp]');
        const tick = () => {
            const canvas = document.querySelector('[data-testid=stDeckGlJsonChart] canvas');
            if (app.getAttribute('data-test-script-state') === 'running')
                window.gebiedSmalste = Math.min(window.gebiedSmalste, canvas ? canvas.clientWidth : 0);
            if (!window.gebiedSmalsteKlaar) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick); }""")
    tab.select("bereik_modus", "Fiets")
    tab.nav("Scenario's")
    tab.button("sc_btn_regel")
    seen = tab.page.evaluate("() => { window.gebiedSmalsteKlaar = true; return window.gebiedSmalste; }")
    assert 0 < seen < float("inf"), "the map was hidden during a run" if seen == 0 else "no run was seen"


def test_a_click_on_the_story_map_reaches_the_page(tab):
    """The map is drawn by the app's frame, the page reads the click: a place on Verhaal's map is chosen."""
    tab.nav("Verhaal")
    box = tab.page.locator("[data-testid=stDeckGlJsonChart] canvas").bounding_box()
    chosen = tab.page.get_by_text("Plek: ", exact=False)
    for attempt in range(5):  # as a person would: click again a little further until the page says so
        x, y = box["x"] + box["width"] / 2 + 15 * attempt, box["y"] + box["height"] / 2 - 10 * attempt
        tab.page.mouse.move(x, y)  # deck.gl picks what is under the pointer, then the click chooses it
        tab.page.wait_for_timeout(300)
        before = tab.runs()
        tab.page.mouse.click(x, y)
        try:
            tab.settled(before, timeout_s=15)
            chosen.first.wait_for(timeout=3_000)
            break
        except Exception:
            continue
    assert chosen.first.is_visible(), "five clicks on the story map chose no place"
    assert " N, " in chosen.first.inner_text()
    # the map marks the place itself, in the catalogue's colour, and is not greyed as a selection
    from gebied.core.catalogue import load_catalogue

    tab.page.mouse.move(5, 5)
    tab.page.wait_for_timeout(500)
    ring = load_catalogue().layer("opmerkingen").stijl["gekozen"]
    assert _colour_near(tab, "verhaal-plek", x, y, ring, 14), "the chosen place is not marked on the map"


def _colour_near(b: AppBrowser, name: str, x: float, y: float, colour: str, r: int) -> bool:
    """Whether the screen shows ``colour`` (hex, within 40 per channel) within ``r`` px of ``(x, y)``."""
    import numpy as np
    from PIL import Image

    from gebied.core.catalogue import hex_to_rgba

    want = np.array(hex_to_rgba(colour)[:3])
    shot = np.asarray(Image.open(b.shot(name)).convert("RGB"), dtype=int)
    spot = shot[int(y) - r:int(y) + r + 1, int(x) - r:int(x) + r + 1].reshape(-1, 3)
    return bool((np.abs(spot - want).max(axis=1) < 40).any())


def _screen_of(b: AppBrowser, view, lon: float, lat: float) -> tuple[float, float]:
    """Where a place lies on the map's canvas (Web Mercator at the view's zoom; 512 px tiles, as deck.gl)."""
    import math

    box = _map_box(b)
    world = 512 * 2 ** view.zoom

    def merc(lo: float, la: float) -> tuple[float, float]:
        y = math.log(math.tan(math.pi / 4 + math.radians(la) / 2))
        return world * (lo + 180) / 360, world * (1 - y / math.pi) / 2

    (x, y), (cx, cy) = merc(lon, lat), merc(view.longitude, view.latitude)
    return box["x"] + box["width"] / 2 + x - cx, box["y"] + box["height"] / 2 + y - cy


def test_a_kern_tooltip_is_plain_dutch_text(tab, default_area):
    """Hovering over the largest kern shows its name and inhabitants as lines of text, not as markup."""
    from gebied.core.fmt import getal
    from gebied.maps.deck import lonlat_bounds, view_of

    tab.nav("Kaart")
    kern = default_area.kernen.sort_values("inwoners").iloc[-1]
    spot = default_area.kernen[default_area.kernen["kern_id"] == kern["kern_id"]].to_crs("EPSG:4326")
    point = spot.geometry.iloc[0].representative_point()
    x, y = _screen_of(tab, view_of(lonlat_bounds(default_area.grens)), point.x, point.y)
    tip = tab.page.locator(".deck-tooltip")
    for dx in (0, 4, -4, 8):  # an accommodatie on the spot has its own tooltip: a step aside finds the kern
        tab.page.mouse.move(x + dx, y)
        tab.page.wait_for_timeout(400)
        # a hidden tooltip keeps its last text, without its line breaks (the text of an element not drawn)
        text = tip.first.inner_text() if tip.count() and tip.first.is_visible() else ""
        if text.startswith(kern["naam"]):
            break
    tab.shot("tooltip-kern")
    lines = text.split("\n")
    assert lines[:2] == [kern["naam"], f"Kern · {getal(kern['inwoners'])} inwoners ({kern['bevolking_bron']})"]
    assert "<" not in text and "&lt;" not in text
    tab.page.mouse.move(5, 5)


def test_a_click_on_an_accommodatie_makes_it_the_location_of_its_kern(tab, default_area):
    """Scenario's: clicking a building on the map chooses it for its kern; the chooser beside the map shows
    the kern and the building, the kern's other buildings close, and the scenario is a draft not saved."""
    import numpy as np

    from gebied.area.summary import accommodatie_labels, kern_labels
    from gebied.core.catalogue import load_catalogue
    from gebied.maps.deck import lonlat_bounds, view_of
    from gebied.scenario.rules import candidates

    cat = load_catalogue()
    acc = default_area.accommodaties.to_crs("EPSG:4326")
    view = view_of(lonlat_bounds(default_area.grens))
    tab.nav("Scenario's")
    tab.button("sc_btn_reset")
    everything = tab.figure("Accommodaties open")
    screen = np.array([_screen_of(tab, view, p.x, p.y) for p in acc.geometry])
    apart = np.sort(np.hypot(*(screen[:, None, :] - screen[None, :, :]).transpose(2, 0, 1)), axis=1)[:, 1]
    cands = candidates(default_area, cat)
    ids = acc["accommodatie_id"].tolist()
    shared = cands[cands.duplicated("kern_id", keep=False)]  # a kern with more than one building: others close
    choice = max((i for i in range(len(ids)) if ids[i] in set(shared["accommodatie_id"])), key=lambda i: apart[i])
    aid, kern = ids[choice], cands.set_index("accommodatie_id").loc[ids[choice], "kern_id"]
    x, y = screen[choice]
    naam = acc["naam"].iloc[choice]
    tip = tab.page.locator(".deck-tooltip")
    for dx, dy in [(0, 0), (3, 0), (-3, 0), (0, 3), (0, -3), (5, 5), (-5, -5)]:  # as a person would: the
        tab.page.mouse.move(x + dx, y + dy)  # pointer on the building until its tooltip names it
        tab.page.wait_for_timeout(400)
        if tip.count() and tip.first.is_visible() and tip.first.inner_text().startswith(naam):
            break
    before = tab.runs()
    tab.page.mouse.click(x + dx, y + dy)
    tab.settled(before)
    chooser = tab.page.locator(".st-key-sc_welke_kern [role=combobox]")
    tab.shot("scenario-klik-op-kaart")
    assert chooser.input_value() == kern_labels(default_area)[kern]
    assert tab.page.locator(f".st-key-sc_kern_{kern} [role=combobox]").input_value() == \
        accommodatie_labels(default_area, cat)[aid]
    assert "niet opgeslagen" in tab.heading()
    assert tab.figure("Accommodaties open") != everything
    tab.page.mouse.move(5, 5)
    tab.page.wait_for_timeout(500)
    # the map shows the building in the colour of a kept location (not greyed out as a selection)
    assert _colour_near(tab, "scenario-klik-op-kaart-daarna", x, y, cat.layer("scenario").stijl["kleuren"]["open"], 3)


def test_every_voorziening_kind_is_loaded_with_the_first_visit_of_bereikbaarheid(tab, default_area):
    """The map loads the files of every voorziening kind and mode when Bereikbaarheid is first shown, without
    drawing them; choosing another kind or mode then downloads nothing and shows it."""
    import re
    import time

    from gebied.bereik.modes import modes
    from gebied.core.catalogue import load_catalogue

    cat = load_catalogue()
    present = set(default_area.voorzieningen["voorziening"])
    kinds = {v.id: v.label for v in cat.voorzieningen if v.id in present}
    mode_labels = [m.label for m in modes(default_area.config.snelheden).values()]
    tab.nav("Kaart")
    tab.reload()  # a new page: the list of files it loaded starts empty

    def loaded() -> list[str]:
        return tab.page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name.split('/').pop())")

    def files(kind: str) -> list[str]:
        return [f for f in loaded() if re.fullmatch(rf"(vakken-{kind}|isochronen-{kind}-\d+)\.json", f)]

    everything = {f"vakken-{k}.json" for k in kinds} | {
        f"isochronen-{k}-{i}.json" for k in kinds for i in range(len(mode_labels))}
    tab.nav("Bereikbaarheid")
    end = time.time() + 30
    while not everything <= set(loaded()) and time.time() < end:
        time.sleep(0.2)
    assert everything - set(loaded()) == set()
    shown = tab.page.locator(".st-key-bereik_soort [role=combobox]").input_value()
    other = next(k for k, label in kinds.items() if label != shown)
    before = files(other)
    tab.select("bereik_soort", kinds[other])
    assert kinds[other].lower() in tab.heading()
    mode = tab.page.locator(".st-key-bereik_modus [role=combobox]").input_value()
    other_mode = next(m for m in mode_labels if m != mode)
    tab.select("bereik_modus", other_mode)
    assert other_mode.lower() in tab.heading()
    assert files(other) == before
    _drawn(tab)


def test_without_a_graphics_card_the_map_draws_lighter(tab):
    """Chromium here draws WebGL in software (SwiftShader): the app then asks for no anti-aliasing."""
    renderer, attrs = tab.page.evaluate("""() => {
        const gl = document.querySelector('[data-testid=stDeckGlJsonChart] canvas').getContext('webgl2');
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        return [gl.getParameter(info.UNMASKED_RENDERER_WEBGL), gl.getContextAttributes()]; }""")
    assert "SwiftShader" in renderer
    assert attrs["antialias"] is False and attrs["preserveDrawingBuffer"] is False
    _drawn(tab)


def test_the_preloaded_code_is_downloaded_once(tab):
    """The page head starts loading Streamlit's map code, its style sheet and the side panel's element code when
    a run begins; Streamlit's own imports of them later find them loaded (one download each, not two)."""
    from gebied.app.page import BROWSER_JS

    chunks, style = json.loads(re.search(r"const \[chunks, style\] = (\[.*\]);", BROWSER_JS).group(1))
    names = [f.rsplit("/", 1)[-1] for f in [*chunks, style]]
    loads = tab.page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name.split('/').pop())")
    assert sorted(n for n in loads if n in names) == sorted(names)


def test_scenario_draft_survives_page_switch_and_reload(tab):
    tab.nav("Scenario's")
    tab.button("sc_btn_regel")
    made = tab.figure("Accommodaties open")
    assert "niet opgeslagen" in tab.heading()
    tab.nav("Bereikbaarheid")
    assert tab.page.locator(".gebied-concept").filter(has_text="niet opgeslagen").is_visible()  # every page says so
    tab.nav("Scenario's")
    assert tab.figure("Accommodaties open") == made and "niet opgeslagen" in tab.heading()
    tab.reload()
    tab.shot("scenario-na-herladen-1920")
    assert tab.figure("Accommodaties open") == made and "niet opgeslagen" in tab.heading()
    tab.button("sc_btn_save")
    assert "niet opgeslagen" not in tab.heading()
    assert tab.page.get_by_text("Opgeslagen:").first.is_visible()


def test_story_arrow_keys_step_chapters_after_visiting_other_pages(tab, default_area):
    from gebied.verhaal.model import parse_verhaal, verhalen_dir

    story = parse_verhaal(verhalen_dir(default_area.config.id) / "gebiedsbiografie.md", default_area)
    titles = [h.titel for h in story.hoofdstukken]
    for visit in range(2):  # the second visit is where keys used to switch pages
        tab.nav("Gegevens")
        tab.nav("Verhaal")
        if visit:
            tab.button("vh_vorige") if tab.page.locator(".st-key-vh_vorige button").is_enabled() else None
        tab.page.get_by_text(titles[0]).first.wait_for(timeout=30_000)
        before = tab.runs()
        focus = tab.page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
        tab.page.keyboard.press("ArrowRight")
        try:
            tab.settled(before, timeout_s=20)
        except TimeoutError as exc:
            raise AssertionError(f"ArrowRight did nothing on visit {visit + 1}; focus on {focus}") from exc
        assert "verhaal" in tab.page.url, "the arrow key left the story"
        tab.page.get_by_text(titles[1]).first.wait_for(timeout=30_000)
        before = tab.runs()
        tab.page.keyboard.press("ArrowLeft")
        tab.settled(before)
        tab.page.get_by_text(titles[0]).first.wait_for(timeout=30_000)
    tab.page.locator(".st-key-vh_presentatie label").click()
    tab.settled(tab.runs() - 1)
    tab.page.wait_for_timeout(1500)
    tab.shot("presentatie-1920")
    assert not tab.page.locator("[data-testid=stSidebar]").is_visible()
    box = _map_box(tab)
    assert box["width"] > 1100 and box["height"] > 900, "presentation map does not fill the projector"
    _drawn(tab)
    tab.page.locator(".st-key-vh_presentatie label").click()
    tab.settled(tab.runs() - 1)


def _upload(tab: AppBrowser, path) -> None:
    """Choose a file and wait until the page is quiet: the new file is listed and no run follows for 0.7 s
    (replacing a file may take two runs: one without the old file, one with the new)."""
    before = tab.runs()
    tab.page.locator("[data-testid=stSidebar] input[type=file]").first.set_input_files(str(path))  # overrides
    tab.page.locator("[data-testid=stSidebar] [data-testid=stFileChipName]").filter(
        has_text=path.name).first.wait_for(timeout=30_000)
    for _ in range(20):
        tab.settled(before, drawn=False)
        before = tab.runs()
        tab.page.wait_for_timeout(700)
        state = tab.page.evaluate(
            "() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')")
        if tab.runs() == before and state == "notRunning":
            return  # else a run has started or finished since: settle on it


def _sidebar_alerts(tab: AppBrowser) -> tuple[str, str]:
    sb = tab.page.locator("[data-testid=stSidebar]")
    errors = " ".join(sb.locator("[data-testid=stAlertContentError]").all_inner_texts())
    ok = " ".join(sb.locator("[data-testid=stAlertContentSuccess]").all_inner_texts())
    return errors, ok


def _details(tab: AppBrowser) -> str:
    exp = tab.page.locator("[data-testid=stSidebar] [data-testid=stExpander]").filter(has_text="Details").first
    exp.locator("summary").click()
    tab.page.wait_for_timeout(300)
    return exp.inner_text()


def test_bad_uploads_are_refused_in_dutch_and_stale_messages_cleared(tab, default_area, tmp_path):
    aid = default_area.accommodaties["accommodatie_id"].iloc[0]
    tab.nav("Gegevens")
    unknown = tmp_path / "onbekend.csv"
    unknown.write_text(f"accommodatie_id;m2\n{aid};500\nw999;10\n", encoding="utf-8")
    _upload(tab, unknown)
    errors, ok = _sidebar_alerts(tab)
    assert errors and not ok, "an unknown id must be refused, not applied"
    details = _details(tab)
    assert "w999" in details and "regel 3" in details
    tab.shot("upload-onbekend-1920")
    for name, content, fragment in [("te-vol.csv", f"accommodatie_id;bezettingsgraad\n{aid};178\n".encode(),
                                     "tussen 0 en 100"),
                                    ("leeg.csv", b"", "leeg"),
                                    ("foto.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "geen CSV")]:
        bad = tmp_path / name
        bad.write_bytes(content)
        _upload(tab, bad)
        errors, ok = _sidebar_alerts(tab)
        shown = errors + (_details(tab) if tab.page.get_by_text("Details").count() else "")
        assert fragment in shown and not ok, name
        assert "Traceback" not in shown and "Error" not in shown
    good = tmp_path / "goed.csv"
    good.write_text(f"accommodatie_id;m2\n{aid};500\n", encoding="utf-8")
    _upload(tab, good)
    errors, ok = _sidebar_alerts(tab)
    assert "toegepast" in ok and not errors, "the previous error must be gone"
    bad = tmp_path / "weer-fout.csv"
    bad.write_text("accommodatie_id;bezettingsgraad\nx;500\n", encoding="utf-8")
    _upload(tab, bad)
    errors, ok = _sidebar_alerts(tab)
    assert errors and not ok, "a failed upload must not sit beside the previous green message"


def test_small_screen_shows_the_map_first(small_tab):
    for title in ["Kaart", "Scenario's", "Bereikbaarheid"]:
        small_tab.nav(title)
        small_tab.page.wait_for_timeout(500)
        small_tab.shot(f"pagina-{title.lower().replace(chr(39), '')}-1366")
        box = _map_box(small_tab)
        assert box["y"] < 250 and box["y"] + box["height"] <= 768 + 5 and box["height"] > 450
        _drawn(small_tab)


def test_story_views_fit_the_story_map_on_a_small_screen(small_tab):
    """Chapter views are fitted to a map size; on 1366×768 the map must be at least that large, or the
    chapter's places fall off its edges (Balzers did, with views fitted to the large screen)."""
    from gebied.app.pages.verhaal import MAP_PX

    small_tab.nav("Verhaal")
    box = _map_box(small_tab)
    width, height = MAP_PX[False]
    assert box["width"] >= width and box["height"] >= height, (box, MAP_PX[False])
    small_tab.shot("verhaal-1366")


def test_no_request_leaves_the_machine(tab, small_tab):
    assert tab.outside == [] and small_tab.outside == [], tab.outside + small_tab.outside
    # the watch sees a request that would leave (and it fails: no outside name resolves)
    failed = tab.page.evaluate("() => fetch('https://tegels.voorbeeld.nl/1/2/3.png').then(() => false, () => true)")
    assert failed and tab.outside == ["https://tegels.voorbeeld.nl/1/2/3.png"]
    tab.outside.clear()


def test_year_slider_and_prognose_upload_move_the_figures(tab, default_area, tmp_path):
    from gebied.toekomst.prognose import basisjaar

    base = basisjaar(default_area)
    tab.nav("Scenario's")
    assert tab.figure(f"Inwoners in {base}")
    slider = tab.page.locator(".st-key-jaar input[type=range]")
    slider.focus()
    tab.timed(lambda: slider.press("End"))
    last = base + 15
    later = tab.figure(f"Inwoners in {last}")
    tab.shot("scenario-jaar-1920")
    tab.nav("Kern-profiel")  # the year is kept across pages
    assert tab.figure(f"Inwoners in {last}")
    tab.page.get_by_text(f"Leeftijdsopbouw {base} en {last}").first.wait_for(timeout=30_000)
    tab.shot("kernprofiel-jaar-1920", full_page=True)
    # a prognose table for Vaduz doubles its inhabitants; the other kernen follow the projection
    vaduz = default_area.kernen.set_index("naam").loc["Vaduz", "inwoners"]
    lines = ["kern;jaar;leeftijd;inwoners"] + [f"Vaduz;{y};{g};{vaduz * 2 * s:.0f}" for y in (base, last)
                                               for g, s in zip(["0-14", "15-24", "25-44", "45-64", "65+"],
                                                               [0.15, 0.12, 0.25, 0.28, 0.20])]
    tab.nav("Gegevens")
    bad = tmp_path / "prognose-fout.csv"
    bad.write_text("kern;jaar;leeftijd;inwoners\nAtlantis;2030;0-14;5\n", encoding="utf-8")
    inputs = tab.page.locator("[data-testid=stSidebar] input[type=file]")
    before = tab.runs()
    inputs.nth(1).set_input_files(str(bad))
    tab.settled(before, drawn=False)
    errors, _ = _sidebar_alerts(tab)
    assert "prognosebestand" in errors
    good = tmp_path / "prognose.csv"
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tab.runs()
    inputs.nth(1).set_input_files(str(good))
    tab.settled(before, drawn=False)
    tab.page.get_by_text("De prognose uit 'prognose.csv' wordt gebruikt").first.wait_for(timeout=30_000)
    tab.nav("Scenario's")
    assert tab.figure(f"Inwoners in {last}") != later
    assert tab.page.get_by_text("eigen prognosetabel").first.is_visible()


def test_page_settings_survive_page_switches(tab):
    """A setting left at its default and one the planner changed are both shown again, and used, after visiting
    another page (Streamlit forgets widgets that were not on the page it just showed)."""
    norm = tab.page.locator(".st-key-sc_opt_norm input[type=range]")
    tab.nav("Scenario's")
    tab.select("sc_doel", "meeste binnen norm")
    assert norm.input_value() == "5"
    tab.nav("Bereikbaarheid")
    tab.select("bereik_modus", "Auto")
    tab.nav("Scenario's")
    assert norm.input_value() == "5", "the untouched norm came back as another value"
    assert tab.page.locator(".st-key-sc_doel [role=combobox]").input_value() == "meeste binnen norm"
    tab.button("sc_btn_opt")
    assert "binnen 5 min" in tab.page.locator(".st-key-sc_naam input").input_value()  # the norm the server used
    tab.nav("Bereikbaarheid")
    assert tab.page.locator(".st-key-bereik_modus [role=combobox]").input_value() == "Auto"
    assert ", auto, " in tab.heading()
    tab.nav("Scenario's")
    tab.select("sc_doel", "kortste reistijd")
    tab.button("sc_btn_reset")


def test_the_server_log_stays_clean(app, tab):
    """After every page and the background preparation: no traceback and no warning in the server's log."""
    from helpers.browser import ARTIFACTS

    _, url = app
    tab.nav("Bereikbaarheid")
    log = (ARTIFACTS / f"streamlit-{url.rsplit(':', 1)[1]}.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert "missing ScriptRunContext" not in log
    assert " WARNING " not in log
    assert "Stack (most recent call last)" not in log  # Streamlit's warnings about widget state come with one


def test_a_click_on_a_point_of_the_curve_shows_that_scenario_on_the_map(tab):
    """Afweging: clicking a point of the afwegingscurve chooses it — the chooser, the figures and the map follow."""
    tab.nav("Afweging")
    tab.page.wait_for_timeout(800)
    chooser = tab.page.locator(".st-key-af_punt [role=combobox]")
    assert chooser.input_value().startswith("1 · ")
    canvas = tab.page.locator("[data-testid=stDeckGlJsonChart] canvas").first
    before, saving = canvas.screenshot(), tab.figure("Besparing per jaar")
    symbols = tab.page.locator("[data-testid=stVegaLiteChart] svg .mark-symbol path")
    assert symbols.count() >= 10
    tab.timed(lambda: symbols.nth(8).click(force=True))  # the ninth point of the curve (they are drawn first)
    tab.page.wait_for_timeout(800)
    assert chooser.input_value().startswith("9 · ")
    assert tab.figure("Besparing per jaar") != saving
    assert canvas.screenshot() != before, "the map did not change with the chosen point"
    tab.shot("afweging-punt-9")
    assert not tab.page.locator("[data-testid=stException]").count()
