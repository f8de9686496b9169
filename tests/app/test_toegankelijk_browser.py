"""WCAG 2.1 AA as residents and planners meet the app, in real Chromium: axe-core, the keyboard alone, a phone,
200 % zoom, 320 px, and the projector from the back of a village hall."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.avond import avond
from helpers.browser import ARTIFACTS, CHROMIUM, AppBrowser, axe_violations, running_app, tab_to

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

#: The toegankelijkheidsverklaring: its table of serious and critical axe findings per page is what this run
#: must find (the app's page shows it; a page with more findings than it says fails the run).
VERKLARING = Path(__file__).resolve().parents[2] / "docs" / "toegankelijkheid.md"
#: Planner's pages: the verklaring's name and the address.
PLANNER_PAGES = {"Kaart": "/", "Bereikbaarheid": "/bereik", "Scenario's": "/scenarios", "Afweging": "/afweging",
                 "Vergelijken": "/vergelijken", "Kern-profiel": "/kernprofiel", "Gegevens": "/gegevens",
                 "Werkplaats": "/werkplaats"}


def stated() -> dict[str, int]:
    """The verklaring's result table: page -> serious and critical findings."""
    rows = {}
    for line in VERKLARING.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[1].isdigit():
            rows[cells[0]] = int(cells[1])
    return rows


@pytest.fixture(scope="module")
def evening(app_files, default_area, tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (python3 run.py test installs it)")
    user = tmp_path_factory.mktemp("toegankelijk")
    code, _, key = avond(user, default_area, "Grootste blijft", [("De bakker in Vaduz", 9.52, 47.14)])
    with running_app(env={"GEBIED_USER_DIR": str(user)}) as url, playwright.sync_playwright() as pw:
        yield {"pw": pw, "url": url, "code": code, "scherm": f"/scherm?code={code}&sleutel={key}"}


def _no_serious(b: AppBrowser, where: str) -> None:
    found = axe_violations(b.page)
    print(where, json.dumps(found, ensure_ascii=False))
    assert not found, f"{where}: {found}"
    if where in stated():
        assert stated()[where] == 0, f"the verklaring says {stated()[where]} for {where}; this run found none"


def test_resident_pages_and_the_story_export_have_no_serious_or_critical_axe_findings(evening, default_area,
                                                                                      tmp_path):
    pw, url, code = evening["pw"], evening["url"], evening["code"]
    for width, height in ((360, 740), (1920, 1080)):
        b = AppBrowser(pw, url, width, height)
        b.open(f"/meedoen?code={code}")
        assert b.page.evaluate("document.documentElement.lang") == "nl"
        _no_serious(b, f"Meedoen, {'telefoon ' if width == 360 else ''}{width} × {height}")
        b.page.get_by_role("tab", name="Scenario's").click()
        b.page.get_by_text("Uw oordeel").wait_for(timeout=30_000)
        _no_serious(b, f"Meedoen, scenario's {width}×{height}")
        b.close()
    b = AppBrowser(pw, url)
    b.open(evening["scherm"])
    b.page.get_by_text("De bakker in Vaduz").first.wait_for(timeout=30_000)
    _no_serious(b, "Scherm")
    b.open("/verhaal")
    _no_serious(b, "Verhaal")
    from gebied.verhaal.model import parse_verhaal, verhalen_dir
    from gebied.verhaal.render import export_verhaal

    story = parse_verhaal(verhalen_dir(default_area.config.id) / "gebiedsbiografie.md", default_area)
    html = export_verhaal(story, default_area, tmp_path / "verhaal.html", story.hoofdstukken[:2])
    b.page.goto(html.as_uri())
    assert b.page.evaluate("document.documentElement.lang") == "nl"
    assert b.page.locator("img:not([alt])").count() == 0 and b.page.locator("h1").count() == 1
    _no_serious(b, "Verhaal als HTML")
    b.close()


def test_planner_pages_axe_counts_are_printed_and_are_what_the_verklaring_states(evening):
    pw, url = evening["pw"], evening["url"]
    b = AppBrowser(pw, url)
    counts = {}
    for name, path in PLANNER_PAGES.items():
        b.open(path, drawn=name not in ("Werkplaats", "Vergelijken"))
        found = axe_violations(b.page)
        counts[name] = sum(v["nodes"] for v in found)
        print(name, counts[name], json.dumps(found, ensure_ascii=False))
    b.open("/toegankelijkheid", drawn=False)
    b.page.get_by_text("Bekende uitzonderingen").wait_for(timeout=30_000)  # the verklaring in the app
    b.open("/bestaat-niet")  # an address that is no page: Streamlit's own notice, in Dutch
    b.page.get_by_text("Pagina niet gevonden").wait_for(timeout=30_000)
    assert b.page.get_by_text("Page not found").count() == 0
    b.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-counts.json").write_text(json.dumps(counts, indent=1, ensure_ascii=False))
    said = stated()
    assert {n: said.get(n) for n in counts} == counts, f"the verklaring says {said}, this run found {counts}"


def test_a_participant_with_only_a_keyboard_pins_a_note_and_reacts_and_the_projector_shows_it(evening):
    pw, url, code = evening["pw"], evening["url"], evening["code"]
    b = AppBrowser(pw, url)
    b.open(f"/meedoen?code={code}")
    page = b.page
    tab_to(page, "el => el.getAttribute('aria-label') === 'Waar gaat uw opmerking over?' || "
                 "(el.labels && [...el.labels].some(l => l.textContent.includes('Waar gaat uw opmerking')))")
    page.keyboard.type("Kern Triesen")
    n = b.runs()
    page.keyboard.press("Enter")
    b.settled(n)
    page.get_by_text("Gekozen plek:").wait_for(timeout=30_000)
    tab_to(page, "el => el.tagName === 'TEXTAREA' && el.getAttribute('aria-label') === 'Uw opmerking'")
    page.keyboard.type("Het dorpshuis van Triesen moet blijven")
    tab_to(page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Opmerking plaatsen')")
    n = b.runs()
    page.keyboard.press("Enter")
    b.settled(n)
    thanks = page.locator("[role=status]").filter(has_text="Uw opmerking staat op de kaart")
    thanks.wait_for(timeout=30_000)
    assert thanks.get_attribute("aria-live") == "polite"  # announced by a screen reader
    tab_to(page, "el => el.getAttribute('role') === 'tab'")
    while page.evaluate("document.activeElement.textContent") != "Scenario's":
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    tab_to(page, "el => el.type === 'radio'")
    n = b.runs()
    page.keyboard.press("ArrowDown")  # from 'heeft de voorkeur' to 'kan ermee leven' (the page runs again)
    b.settled(n)
    tab_to(page, "el => el.tagName === 'BUTTON' && el.textContent.includes('Reactie geven')")
    n = b.runs()
    page.keyboard.press("Enter")
    b.settled(n)
    page.locator("[role=status]").filter(has_text="Uw reactie is meegeteld").wait_for(timeout=30_000)
    b.shot("toegankelijk-toetsenbord")
    b.close()
    screen = AppBrowser(pw, url)
    screen.open(evening["scherm"])
    screen.page.get_by_text("Het dorpshuis van Triesen moet blijven").first.wait_for(timeout=30_000)
    screen.page.get_by_text("1 kan ermee leven").first.wait_for(timeout=30_000)
    screen.close()


def test_meedoen_works_at_320_px_and_200_percent_zoom_without_sideways_scrolling(evening):
    pw, url, code = evening["pw"], evening["url"], evening["code"]
    for width, height, what in ((320, 640, "320 px"), (640, 400, "1280×800 at 200 %")):
        b = AppBrowser(pw, url, width, height)
        b.open(f"/meedoen?code={code}")
        over = b.page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        b.shot(f"toegankelijk-meedoen-{width}")
        assert over <= 1, f"Meedoen scrolls sideways at {what} ({over} px)"
        b.close()


def test_on_a_phone_one_swipe_that_starts_on_the_map_brings_the_send_button(evening):
    pw, url, code = evening["pw"], evening["url"], evening["code"]
    b = AppBrowser(pw, url, 360, 740, touch=True)
    b.open(f"/meedoen?code={code}")
    page = b.page
    box = page.locator("[data-testid=stDeckGlJsonChart] canvas").first.bounding_box()
    assert box["y"] + box["height"] < 740, "the map does not fit the first screen"
    scrolled = "() => document.querySelector('[data-testid=stMain]').scrollTop"
    assert page.evaluate(scrolled) == 0
    # one swipe up with a finger, starting in the middle of the map (touch events as a phone sends them)
    x, y = int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] * 0.8)
    cdp = b.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 21):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - i * 15}]})
        page.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(600)
    assert page.evaluate(scrolled) > 100, "a swipe on the map did not scroll the page"
    button = page.get_by_role("button", name="Opmerking plaatsen").bounding_box()
    assert button["y"] >= 0 and button["y"] + button["height"] <= 740, f"send button not on the screen: {button}"
    b.shot("toegankelijk-swipe-360")
    b.close()


def test_the_projector_is_readable_from_the_back_of_the_hall(evening):
    pw, url = evening["pw"], evening["url"]
    b = AppBrowser(pw, url)
    b.open(evening["scherm"])
    b.page.get_by_text("De bakker in Vaduz").first.wait_for(timeout=30_000)
    sizes = b.page.evaluate("""() => Object.fromEntries(['.scherm-notitie', '.scherm-stemmen', '.scherm-vraag',
        '.scherm-aantal', '.scherm-code'].map(s => [s, Math.min(...[...document.querySelectorAll(s)].map(
        e => parseFloat(getComputedStyle(e).fontSize)))]))""")
    assert all(v >= 28 for v in sizes.values()), sizes
    qr = b.page.locator(".scherm-qr svg path").first.bounding_box()  # the code as drawn, not its box
    assert qr["height"] >= 1080 / 4, f"the QR code is {qr['height']} px high"
    canvas = b.page.locator("[data-testid=stDeckGlJsonChart] canvas").first.bounding_box()
    assert canvas["height"] >= 0.8 * 1080 and canvas["width"] >= 0.45 * 1920, canvas
    b.shot("toegankelijk-scherm-1920")
    b.close()
