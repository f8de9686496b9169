"""The app on a province: the default extract tiled four times (k = 4, ~210,000 inhabitants in 44 gemeenten),
opened with nothing built, every page drawn as a planner sees it.

It takes ~5 minutes (the province is built by the app as it is used), too long for the suite of every change:
it runs with ``GEBIED_PROVINCIE=1`` and in ``benchmarks/bench_provincie.py``, which reports it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import playwright.sync_api as playwright
import pytest
import yaml
from helpers.browser import CHROMIUM, AppBrowser, non_blank_share, running_app

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from provincie_extract import tile_extract  # noqa: E402

#: The pages a local planner opens, in the navigation's order; Scherm last (the projector's page leaves the
#: planner's navigation behind; Meedoen, the participants' phone page, does too and is tested on its own).
PAGES = ["Kaart", "Bereikbaarheid", "Scenario's", "Afweging", "Vergelijken", "Kern-profiel", "Verhaal", "Gegevens",
         "Werkplaats", "Toegankelijkheid", "Scherm"]
#: Pages without a map.
NO_MAP = {"Werkplaats", "Meedoen", "Scherm", "Toegankelijkheid"}
#: Pages whose map is an image (small multiples) or that have none.
NO_DECK = {"Vergelijken", *NO_MAP}


pytestmark = pytest.mark.skipif(not os.environ.get("GEBIED_PROVINCIE"),
                                reason="~5 min: GEBIED_PROVINCIE=1 (bench_provincie.py runs it)")


@pytest.fixture(scope="module")
def provincie(tmp_path_factory):
    """A werkmap with the province's area config, as a planner writes one for a provincial extract."""
    werkmap = tmp_path_factory.mktemp("werkmap")
    extract = werkmap / "provincie-4.osm.pbf"
    tile_extract(4, extract)
    base = yaml.safe_load((REPO / "data" / "liechtenstein.yaml").read_text(encoding="utf-8"))
    config = {**{k: base[k] for k in ("land", "crs", "huishoudgrootte", "kern", "kosten")}, "naam": "Provincie 4",
              "extract": str(extract), "grens": {"naam": "Provincie 4", "admin_level": "4"}}
    (werkmap / "gebieden").mkdir()
    (werkmap / "gebieden" / "provincie-4.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return werkmap


@pytest.fixture(scope="module")
def tab(provincie):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (python3 run.py test installs it)")
    env = {"GEBIED_WERKMAP": str(provincie), "GEBIED_AREA": "provincie-4",
           "GEBIED_USER_DIR": str(provincie / "gebruikers")}
    with running_app(env=env, timeout=300) as url, playwright.sync_playwright() as pw:
        b = AppBrowser(pw, url)
        b.open()  # nothing built yet: the map comes once the layers are
        yield b
        b.close()


def test_every_page_of_a_province_is_drawn_without_error(tab, provincie, default_area, monkeypatch):
    from gebied.area.store import load_area
    from gebied.core.fmt import getal

    kernen, inwoners = tab.figure("Kernen"), tab.figure("Inwoners")
    for title in PAGES:
        seconds = tab.nav(title, drawn=title not in NO_MAP)
        print(f"{title}: {seconds:.1f} s")
        tab.page.wait_for_timeout(500)
        tab.shot(f"provincie-4-{title.lower().replace(chr(39), '')}")
        assert not tab.page.locator("[data-testid=stException]").count(), title
        assert not tab.page.locator("[data-testid=stAlertContentError]").count(), title
        assert not tab.page.get_by_text("Traceback").count(), title
        if title not in NO_DECK:
            share, colours = non_blank_share(tab.page.locator("[data-testid=stDeckGlJsonChart] canvas").first
                                             .screenshot())
            assert share > 0.05 and colours > 20, f"{title}: the map is not drawn"
    assert tab.outside == []  # no request left the machine
    monkeypatch.setenv("GEBIED_WERKMAP", str(provincie))
    area = load_area("provincie-4")  # built by the app meanwhile
    assert kernen == getal(len(area.kernen)) == getal(4 * len(default_area.kernen))
    assert inwoners == getal(area.bevolking) and area.bevolking > 3.9 * default_area.bevolking
    assert area.gemeenten.empty and area.kernen["gemeente"].nunique() == 4 * default_area.kernen["gemeente"].nunique()


def test_a_province_shows_coarse_squares_and_near_a_kern_the_fine_ones(tab, provincie, monkeypatch):
    """At the province's zoom the browser gets one file of 500 m squares per kind and coarse isochrones; a kern
    chosen, the tiles of 100 m squares and of fine isochrones its view covers, and the map is drawn with them."""
    import re

    from gebied.app import state
    from gebied.area.store import load_area
    from gebied.area.summary import kern_labels

    monkeypatch.setenv("GEBIED_WERKMAP", str(provincie))
    area = load_area("provincie-4")  # built by the app by now
    largest = kern_labels(area)[area.kernen.sort_values("inwoners", ascending=False)["kern_id"].iloc[0]]

    asked: list[str] = []
    tab.page.on("request", lambda r: asked.append(r.url) if "/vakken-" in r.url or "/isochronen-" in r.url else None)
    tab.open()  # the planner's pages again (Scherm, the last page before, leaves them)
    tab.nav("Bereikbaarheid")
    coarse = list(asked)
    tab.select(state.BEREIK_KERN, largest)
    tab.page.wait_for_timeout(1000)
    tab.shot("provincie-4-bereikbaarheid-kern")
    for name in ("vakken", "isochronen"):
        tile = re.compile(rf"{name}-[a-z_]+(-\d)?-t-?\d+_-?\d+\.json$")
        assert not any(tile.search(u) for u in coarse)  # at the province's zoom: no fine tiles
        assert any(tile.search(u) for u in asked[len(coarse):]), asked  # near the kern: fine tiles
    share, colours = non_blank_share(tab.page.locator("[data-testid=stDeckGlJsonChart] canvas").first.screenshot())
    assert share > 0.05 and colours > 20


def test_near_a_kern_the_overview_is_not_drawn_under_the_detail_picture(tab, provincie, monkeypatch):
    """A kern's view of a province shows its detail picture, which covers the whole map: the blurred overview
    under it is left out of the frame (without a graphics card a screen of picture costs ~35 ms). Dragged past
    the detail picture's edge, the map draws the overview again, so no part of the view is left empty."""
    from gebied.app import state
    from gebied.area.store import load_area
    from gebied.area.summary import kern_labels

    monkeypatch.setenv("GEBIED_WERKMAP", str(provincie))
    area = load_area("provincie-4")
    largest = kern_labels(area)[area.kernen.sort_values("inwoners", ascending=False)["kern_id"].iloc[0]]
    tab.open()
    tab.nav("Bereikbaarheid")
    tab.select(state.BEREIK_KERN, largest)
    drawn = """() => {
      const deck = window.gebiedKaart.deck, viewport = deck.getViewports()[0];
      const layers = deck.layerManager.getLayers();
      const overview = layers.find(l => l.props.overzicht), detail = layers.find(l => l.props.dekkend);
      return [Boolean(detail && detail.isLoaded), deck.props.layerFilter({layer: overview, viewport}),
              deck.props.layerFilter({layer: detail, viewport})];
    }"""
    assert tab.page.evaluate(drawn) == [True, False, True]  # the detail picture loaded and drawn, the overview not
    canvas = tab.page.locator("[data-testid=stDeckGlJsonChart] canvas").first
    box = canvas.bounding_box()
    y = box["y"] + box["height"] / 2
    for _ in range(2):  # two map widths to the east: past the detail picture's margin around the view
        tab.page.mouse.move(box["x"] + box["width"] - 20, y)
        tab.page.mouse.down()
        tab.page.mouse.move(box["x"] + 20, y, steps=8)
        tab.page.mouse.up()
    tab.page.wait_for_timeout(1000)
    tab.shot("provincie-4-bereikbaarheid-kern-verschoven")
    assert tab.page.evaluate(drawn)[1:] == [True, True]  # past the detail picture's edge: the overview under it
    share, colours = non_blank_share(canvas.screenshot())
    assert share > 0.05 and colours > 20
