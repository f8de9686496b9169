"""Logging in as a person does, in real Chromium: a local account's form (Enter logs in), and the OpenID Connect
round trip through ``st.login`` against a real local provider (oidc-provider-mock) that the test starts."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest
from helpers.browser import ARTIFACTS, CHROMIUM, AppBrowser, free_port, running_app

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")
PW = "een lang wachtwoord"


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (python3 run.py test installs it)")


def files_and_rows(user) -> dict[str, str]:
    """A fingerprint of everything under the user folder except the database, and of the database's rows."""
    from sqlalchemy import MetaData, create_engine, select

    out = {str(p.relative_to(user)): hashlib.sha256(p.read_bytes()).hexdigest()
           for p in sorted(user.rglob("*")) if p.is_file() and "sqlite" not in p.name}
    engine = create_engine(f"sqlite:///{user / 'werkplaats.sqlite'}")
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as c:
        for t in meta.sorted_tables:
            if t.name != "inlogpoging":
                out[t.name] = repr(sorted(map(tuple, c.execute(select(t)).all()), key=repr))
    engine.dispose()
    return out


def _log_in(b: AppBrowser, path: str, naam: str) -> AppBrowser:
    """Open ``path``, type the name and password in the login form and press Enter, as a person does."""
    b.open(path, drawn=False)
    b.page.get_by_label("Naam").fill(naam)
    b.page.get_by_label("Wachtwoord").fill(PW)
    n = b.runs()
    b.page.get_by_label("Wachtwoord").press("Enter")
    b.settled(n)
    return b


def test_a_participant_typing_a_planners_address_gets_the_login_page_and_a_planner_logs_in_with_enter(
        chromium, app_files, tmp_path):
    from gebied.scenario import store as scenarios
    from gebied.scenario.model import Scenario
    from gebied.toegang.accounts import Accounts
    from gebied.werkplaats.store import Store

    store = Store(f"sqlite:///{tmp_path / 'werkplaats.sqlite'}")
    Accounts(store).toevoegen("petra", "planner", PW)
    Accounts(store).toevoegen("raadslid", "lezer", PW)
    code, _ = store.open_sessie("Bewonersavond", "liechtenstein", None, [])
    store.close()
    folder = tmp_path / "scenarios" / "liechtenstein"
    scenarios.save(Scenario(naam="Regel: centraalst", gebied="liechtenstein"), folder)
    before = files_and_rows(tmp_path)
    with running_app(env={"GEBIED_USER_DIR": str(tmp_path)}) as url, playwright.sync_playwright() as pw:
        phone = AppBrowser(pw, url, 360, 740)
        phone.open(f"/meedoen?code={code}")
        assert phone.page.get_by_role("button", name="Opmerking plaatsen").count() == 1
        for path in ("/scenarios", "/werkplaats", "/gegevens", "/beheer", "/"):
            phone.open(path, drawn=False)
            phone.page.get_by_text("alleen voor medewerkers").wait_for(timeout=30_000)
            assert phone.page.locator("[data-testid=stSidebarNav]").count() == 0
            assert phone.page.get_by_role("button", name="Opslaan").count() == 0
        phone.shot("toegang-deelnemer-scenarios")
        assert phone.outside == []

        desk = _log_in(AppBrowser(pw, url), "/scenarios", "petra")
        desk.page.get_by_text("Ingelogd: petra").wait_for(timeout=30_000)
        desk.shot("toegang-planner-ingelogd")
        assert any(c["name"] == "_streamlit_xsrf" for c in desk.context.cookies())  # XSRF protection is on
        desk.browser.close()

        lezer = _log_in(AppBrowser(pw, url), "/", "raadslid")
        nav = lezer.page.locator("[data-testid=stSidebarNav]")
        assert nav.get_by_text("Werkplaats").count() == 0 and nav.get_by_text("Beheer").count() == 0
        lezer.page.get_by_role("link", name="Scenario's").click()
        lezer.page.get_by_text("niet opslaan").wait_for(timeout=60_000)
        assert lezer.page.get_by_role("button", name="Opslaan", exact=True).count() == 0
        lezer.page.get_by_role("link", name="Gegevens").click()
        lezer.page.get_by_text("Kernen").first.wait_for(timeout=60_000)
        assert lezer.page.locator("[data-testid=stFileUploader]").count() == 0
        lezer.shot("toegang-lezer-gegevens")
    assert files_and_rows(tmp_path) == before  # the participant and the lezer changed nothing


def _provider(port: int):
    env = {**os.environ, "AUTHLIB_INSECURE_TRANSPORT": "1"}
    log = open(ARTIFACTS / f"oidc-{port}.log", "w")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(port)], stdout=log,
                            stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/.well-known/openid-configuration", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    return proc, base, log


def _user(base: str, sub: str, claims: dict) -> None:
    req = urllib.request.Request(f"{base}/users/{sub}", data=json.dumps(claims).encode(), method="PUT",
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=5)


def test_openid_connect_round_trip_gives_the_role_from_a_claim_or_from_the_store(chromium, app_files, tmp_path):
    from gebied.toegang.accounts import Accounts
    from gebied.werkplaats.store import Store

    ARTIFACTS.mkdir(exist_ok=True)
    Accounts(Store(f"sqlite:///{tmp_path / 'werkplaats.sqlite'}")).toevoegen("petra@gemeente.nl", "planner", None)
    proc, base, log = _provider(free_port())
    port = free_port()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'''[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{'s' * 48}"
client_id = "gebied"
client_secret = "geheim"
server_metadata_url = "{base}/.well-known/openid-configuration"
''')
    _user(base, "raadslid@gemeente.nl", {"email": "raadslid@gemeente.nl", "gebied_rol": "lezer"})
    _user(base, "petra@gemeente.nl", {"email": "petra@gemeente.nl"})
    _user(base, "onbekend@elders.nl", {"email": "onbekend@elders.nl"})
    try:
        with running_app(env={"GEBIED_USER_DIR": str(tmp_path)}, port=port,
                         args=["--secrets.files", str(secrets)]) as url, playwright.sync_playwright() as pw:
            for sub, expect in [("raadslid@gemeente.nl", "Ingelogd: raadslid@gemeente.nl (lezer)"),
                                ("petra@gemeente.nl", "Ingelogd: petra@gemeente.nl (planner)"),
                                ("onbekend@elders.nl", "nog geen rol")]:
                b = AppBrowser(pw, url)
                b.open("/", drawn=False)
                b.page.get_by_role("button", name="Inloggen met uw organisatie-account").click()
                b.page.wait_for_url(f"{base}/**", timeout=30_000)
                b.page.locator("input[name=sub]").fill(sub)
                b.page.locator("input[name=sub]").press("Enter")
                b.page.wait_for_url(f"{url}/**", timeout=30_000)
                b.page.get_by_text(expect).first.wait_for(timeout=60_000)
                b.shot(f"toegang-oidc-{sub.split('@')[0]}")
                b.browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()
