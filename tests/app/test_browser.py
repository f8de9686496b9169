"""The app in a real headless Chromium: the map canvas renders, pages switch."""

import pytest
from helpers.browser import ARTIFACTS, CHROMIUM, FLAGS, non_blank_share, running_app

pytestmark = pytest.mark.browser

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def page(default_area):
    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (python3 run.py test installs it)")
    ARTIFACTS.mkdir(exist_ok=True)
    with running_app() as url, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1500, "height": 950})
        pg.goto(url)
        yield pg
        browser.close()


def test_map_canvas_renders_offline(page):
    page.wait_for_selector("canvas", timeout=90_000)
    page.wait_for_timeout(4000)
    canvas = page.locator("canvas").first
    share, colours = non_blank_share(canvas.screenshot())
    page.screenshot(path=str(ARTIFACTS / "kaart.png"))
    assert share > 0.05, "map canvas is (nearly) blank"
    assert colours > 20, "map canvas shows too few colours to be a drawn map"
    assert page.get_by_text("© OpenStreetMap contributors (ODbL)").first.is_visible()


def test_switch_to_overview(page):
    page.get_by_text("Gegevens", exact=True).click()
    page.get_by_text("Inwoners").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "overzicht.png"))
    assert page.get_by_text("Vaduz").first.is_visible() or page.locator("[data-testid='stDataFrame']").count() > 0


def test_bereikbaarheid_page_draws_isochrones(page):
    page.get_by_text("Bereikbaarheid", exact=True).first.click()
    page.get_by_text("Binnen de norm").first.wait_for(timeout=60_000)
    page.wait_for_selector("canvas", timeout=60_000)
    page.wait_for_timeout(5000)
    page.screenshot(path=str(ARTIFACTS / "bereikbaarheid.png"))
    share, colours = non_blank_share(page.locator("canvas").first.screenshot())
    assert share > 0.05 and colours > 20


def _metric(page, label):
    box = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text()


def test_scenario_change_changes_totals(page):
    page.get_by_text("Scenario's", exact=True).first.click()
    page.get_by_text("Accommodaties open").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    before = _metric(page, "Accommodaties open")
    page.get_by_role("button", name="Genereer").click()
    page.wait_for_function(
        "(b) => { const m = [...document.querySelectorAll('[data-testid=stMetric]')]"
        ".find(e => e.innerText.includes('Accommodaties open'));"
        " return m && !m.innerText.includes(b); }", arg=before, timeout=60_000)
    page.wait_for_timeout(3000)
    after = _metric(page, "Accommodaties open")
    page.screenshot(path=str(ARTIFACTS / "scenario.png"), full_page=True)
    assert after != before
    share, colours = non_blank_share(page.locator("canvas").first.screenshot())
    assert share > 0.05 and colours > 20


def test_bad_upload_gives_dutch_message(page, tmp_path):
    page.get_by_text("Gegevens", exact=True).first.click()
    page.get_by_text("Eigen gegevens uploaden").first.wait_for(timeout=30_000)
    bad = tmp_path / "kapot.csv"
    bad.write_text("nummer;kosten\n1;2\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text("Er is niets gewijzigd").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "upload-fout.png"), full_page=True)
    assert page.get_by_text("accommodatie_id").first.is_visible()


def test_story_mode_keyboard_and_presentation(page):
    page.get_by_text("Verhaal", exact=True).first.click()
    page.get_by_text("Een land in het Rijndal").first.wait_for(timeout=60_000)
    page.wait_for_selector("canvas", timeout=60_000)
    page.wait_for_timeout(2000)
    # the "Verhaal" radio button keeps focus after the click, as for a real user: arrows must step chapters
    page.keyboard.press("ArrowRight")
    page.get_by_text("Twee heerlijkheden, één vorstendom").first.wait_for(timeout=30_000)
    assert page.get_by_text("Hoofdstuk 2 van").first.is_visible()
    page.get_by_text("Presentatiemodus").first.click()
    page.wait_for_timeout(4000)
    page.screenshot(path=str(ARTIFACTS / "presentatie.png"))
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    share, colours = non_blank_share(page.locator("canvas").first.screenshot())
    assert share > 0.05 and colours > 20
    page.get_by_text("Presentatiemodus").first.click()  # back to normal for the next tests
    page.wait_for_timeout(1500)
