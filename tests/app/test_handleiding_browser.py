"""The handleiding's pictures, taken from the real app in Chromium, so they never drift from it.

``python3 run.py schermafbeeldingen`` runs this test with ``GEBIED_SCHERMAFBEELDINGEN=1`` and writes the pictures
to ``docs/img/``; the test run writes them to ``test-artifacts/handleiding/`` and checks that every picture the
documentation shows is one this test makes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers.avond import avond
from helpers.browser import ARTIFACTS, CHROMIUM, AppBrowser, non_blank_share, running_app

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")
DOCS = Path(__file__).resolve().parents[2] / "docs"
SHOTS = ("kaart", "bereik", "scenarios", "afweging", "verhaal", "scherm", "meedoen")


def referenced() -> set[str]:
    """Every picture under img/ that a page of the documentation or the README shows."""
    texts = [p.read_text(encoding="utf-8") for p in [*DOCS.rglob("*.md"), DOCS.parent / "README.md"]]
    return {m for t in texts for m in re.findall(r"img/([\w-]+)\.png", t)}


def test_every_picture_the_documentation_shows_is_taken_from_the_app(app_files, default_area, tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (python3 run.py test installs it)")
    assert referenced() <= set(SHOTS), f"pictures no test takes: {referenced() - set(SHOTS)}"
    out = DOCS / "img" if os.environ.get("GEBIED_SCHERMAFBEELDINGEN") else ARTIFACTS / "handleiding"
    out.mkdir(parents=True, exist_ok=True)
    code, _, key = avond(tmp_path, default_area, "Eén locatie: de grootste",
                         [("De bakker in Vaduz moet blijven", 9.5209, 47.1410),
                          ("Hier oversteken is gevaarlijk voor kinderen", 9.5270, 47.0860),
                          ("Het dorpshuis is onze huiskamer", 9.5590, 47.1040)], "kan_leven")
    with running_app(env={"GEBIED_USER_DIR": str(tmp_path)}) as url, playwright.sync_playwright() as pw:
        b = AppBrowser(pw, url, 1440, 900)
        for name, path in (("kaart", "/"), ("bereik", "/bereik"), ("verhaal", "/verhaal")):
            b.open(path)
            b.shot(name)
        b.open("/scenarios")
        n = b.runs()
        b.page.get_by_role("button", name="Maak scenario met deze regel").click()
        b.settled(n)
        b.shot("scenarios")
        b.open("/afweging")
        b.shot("afweging")
        b.open(f"/scherm?code={code}&sleutel={key}")
        b.page.get_by_text("De bakker in Vaduz").first.wait_for(timeout=30_000)
        b.shot("scherm")
        b.close()
        phone = AppBrowser(pw, url, 390, 844)
        phone.open(f"/meedoen?code={code}")
        phone.shot("meedoen")
        phone.close()
    for name in SHOTS:
        png = (ARTIFACTS / f"{name}.png").read_bytes()
        share, colours = non_blank_share(png)
        assert share > 0.05 and colours > 50, f"{name}: an empty picture"
        (out / f"{name}.png").write_bytes(png)
