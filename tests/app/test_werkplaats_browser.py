"""A workshop evening in real Chromium: a facilitator, a projector and three phones (one 360×740).

What a participant pins appears on the projector by itself; a reaction is counted; text with HTML in it
is shown as text; nothing leaves the machine.
"""

import os

import pytest
from helpers.browser import CHROMIUM, AppBrowser, running_app

pytestmark = pytest.mark.browser

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def evening(app_files, default_area, tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (python3 run.py test installs it)")
    from gebied.scenario import store as scenario_store
    from gebied.scenario.evaluate import make_context
    from gebied.scenario.rules import rule_scenario

    user = tmp_path_factory.mktemp("werkplaats")
    os.environ["GEBIED_USER_DIR"] = str(user)  # for scenario_store.user_dir below only
    try:
        folder = scenario_store.user_dir(default_area.config.id)
    finally:
        os.environ.pop("GEBIED_USER_DIR")
    scenario_store.save(rule_scenario(make_context(default_area), "grootste", "Grootste blijft"), folder)
    with running_app(env={"GEBIED_USER_DIR": str(user)}) as url, playwright.sync_playwright() as pw:
        yield pw, url


def _open_session(b: AppBrowser) -> str:
    b.open("/werkplaats", drawn=False)
    b.page.get_by_label("Naam van de werksessie").fill("Bewonersavond Triesen")
    before = b.runs()
    b.page.get_by_role("button", name="Open werksessie").click()
    b.settled(before, drawn=False)
    b.page.wait_for_function("() => location.search.includes('token=')", timeout=30_000)
    b.settled(b.runs() - 1, drawn=False)
    from urllib.parse import parse_qs, urlparse

    return parse_qs(urlparse(b.page.url).query)["code"][0]


def _phone_note(b: AppBrowser, code: str, text: str) -> None:
    b.open(f"/meedoen?code={code}")
    canvas = b.page.locator("[data-testid=stDeckGlJsonChart] canvas").first
    chosen = b.page.get_by_text("Gekozen plek:")
    for attempt in range(5):  # as a person would: look again and tap a little further until the page says so
        box = canvas.bounding_box()  # where the map is now (the page may have moved since it opened)
        x, y = box["x"] + box["width"] / 2 + 12 * attempt, box["y"] + box["height"] / 2 + 9 * attempt
        b.page.mouse.move(x, y)  # deck.gl picks what is under the pointer, then the tap chooses it
        b.page.wait_for_timeout(300)
        before = b.runs()
        b.page.mouse.down()
        b.page.mouse.up()
        try:
            b.settled(before, timeout_s=15)
            chosen.wait_for(timeout=5_000)
            break
        except (TimeoutError, playwright.TimeoutError):
            continue
    assert chosen.is_visible(), "five taps on the map chose no place"
    b.page.get_by_label("Uw opmerking", exact=True).fill(text)
    before = b.runs()
    b.page.get_by_role("button", name="Opmerking plaatsen").click()
    b.settled(before)
    b.page.get_by_text("Uw opmerking staat op de kaart").wait_for(timeout=30_000)


def test_a_note_from_a_phone_appears_on_the_projector(evening):
    pw, url = evening
    leader = AppBrowser(pw, url)
    code = _open_session(leader)
    assert leader.page.get_by_text(code).first.is_visible()
    assert leader.page.locator("svg").filter(has=leader.page.locator("path")).count() >= 1  # the QR code
    leader.shot("werkplaats-begeleider-1920")
    assert leader.outside == [], leader.outside
    leader.close()  # its page refreshes every 5 s; on two cores four browsers drawing maps starve each other
    screen = AppBrowser(pw, url)
    screen.open(f"/scherm?code={code}")
    screen.page.get_by_text("0 opmerkingen op de kaart").wait_for(timeout=30_000)
    phones = [AppBrowser(pw, url, width=360, height=740), AppBrowser(pw, url, width=412, height=915),
              AppBrowser(pw, url, width=390, height=844)]
    try:
        _phone_note(phones[0], code, "Het dorpshuis moet blijven, hier komen wij samen")
        phones[0].shot("meedoen-360")
        width = phones[0].page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 362, "the phone page scrolls sideways at 360 px"
        # the projector shows it by itself, without anyone touching it
        screen.page.get_by_text("Het dorpshuis moet blijven").first.wait_for(timeout=20_000)
        assert screen.page.get_by_text("1 opmerking op de kaart").is_visible()
        # another phone reacts to the scenario
        p = phones[1]
        p.open(f"/meedoen?code={code}")
        p.page.get_by_role("tab", name="Scenario's").click()
        p.page.get_by_text("Heeft de voorkeur").click()
        before = p.runs()
        p.page.get_by_role("button", name="Reactie geven").click()
        p.settled(before)
        p.page.get_by_text("Uw reactie is meegeteld").wait_for(timeout=30_000)
        # a third posts HTML: it is shown as text, nothing is injected
        _phone_note(phones[2], code, "<img src=x onerror=alert(1)> <b>vet</b>")
        screen.page.get_by_text("<img src=x onerror=alert(1)>").first.wait_for(timeout=20_000)
        assert screen.page.locator("img[src=x]").count() == 0
        screen.page.get_by_text("1 voorkeur").first.wait_for(timeout=20_000)
        assert screen.page.get_by_text("Grootste blijft").first.is_visible()
        screen.shot("scherm-1920")
        for b in [screen, *phones]:
            assert b.outside == [], b.outside
    finally:
        for b in [screen, *phones]:
            b.close()
