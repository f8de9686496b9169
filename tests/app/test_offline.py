"""The app server itself opens no connection outside the machine: at start, and while every page is used."""

import os
from pathlib import Path

import pytest
from helpers.browser import CHROMIUM, AppBrowser, running_app

pytestmark = pytest.mark.browser

playwright = pytest.importorskip("playwright.sync_api")
GUARD = Path(__file__).resolve().parents[1] / "helpers" / "netguard"


def test_the_server_makes_no_outside_connection(app_files, tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (python3 run.py test installs it)")
    log = tmp_path / "net.log"
    env = {"PYTHONPATH": os.pathsep.join([str(GUARD), os.environ.get("PYTHONPATH", "")]),
           "GEBIED_NETLOG": str(log), "GEBIED_USER_DIR": str(tmp_path)}
    with running_app(env=env, address=None) as url, playwright.sync_playwright() as pw:
        b = AppBrowser(pw, url)
        b.open()
        for title in ["Bereikbaarheid", "Scenario's", "Verhaal", "Gegevens"]:
            b.nav(title)
        b.close()
        assert b.outside == []
    assert not log.exists() or log.read_text() == "", f"the server connected outside: {log.read_text()}"
