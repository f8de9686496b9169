"""Who may open which page, checked by the shell on the server (AppTest): local planner, login, roles, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gebied.toegang.accounts import Accounts
from gebied.werkplaats.store import Store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PW = "een lang wachtwoord"


def page(name: str) -> str:
    return f"gebied/app/pages/{name}.py"


def texts(at: AppTest) -> str:
    parts = [*(m.value for m in at.markdown), *(e.value for e in at.error), *(w.value for w in at.warning),
             *(i.value for i in at.info), *(s.value for s in at.success), *(c.value for c in at.caption),
             *(t.value for t in at.title), *(h.value for h in at.subheader)]
    return "\n".join(map(str, parts))


@pytest.fixture
def accounts(tmp_path, monkeypatch, app_files):
    """A gemeente with accounts: every page asks who you are."""
    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    store = Store()
    acc = Accounts(store)
    acc.toevoegen("petra", "planner", PW)
    acc.toevoegen("raadslid", "lezer", PW)
    acc.toevoegen("bea", "beheerder", PW)
    return store


def app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()



def _submit(at: AppTest) -> AppTest:
    [button] = [b for b in at.button if b.label == "Inloggen"]
    return button.click().run()


def test_without_accounts_on_this_machine_the_app_is_the_single_local_planner_and_says_so(tmp_path, monkeypatch,
                                                                                         app_files):
    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    at = app()
    assert not at.exception, at.exception
    assert any(h.value.startswith("Kaart") for h in at.subheader)
    assert "Lokaal gebruik" in texts(at)


def test_with_accounts_every_page_asks_for_a_login_and_an_address_typed_by_hand_is_refused(accounts):
    at = app()
    assert not at.exception, at.exception
    assert "inloggen" in texts(at) and not any(h.value.startswith("Kaart") for h in at.subheader)
    for name in ("scenarios", "afweging", "werkplaats", "gegevens", "beheer", "vergelijken"):
        at.switch_page(page(name)).run()
        assert not at.exception, at.exception
        assert "alleen voor medewerkers" in texts(at), name
        assert not [b for b in at.button if b.key in ("sc_btn_save", "sc_btn_delete", "af_btn_save")]


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_planners_pages(accounts):
    at = app()
    at = _login(at, "petra", "fout wachtwoord")
    assert "Onbekende naam of verkeerd wachtwoord" in texts(at)
    at = _login(at, "petra", PW)
    assert not at.exception, at.exception
    assert any(h.value.startswith("Kaart") for h in at.subheader)
    assert "Ingelogd: **petra** (planner)" in texts(at)
    at.switch_page(page("scenarios")).run()
    assert at.button(key="sc_btn_save")
    at.switch_page(page("afweging")).run()
    assert not at.exception, at.exception
    assert at.button(key="af_btn_save")


def _login(at: AppTest, naam: str, pw: str) -> AppTest:
    at.text_input(key="login_naam").input(naam)
    at.text_input(key="login_wachtwoord").input(pw)
    return _submit(at)


def test_a_lezer_sees_every_page_but_nothing_that_writes_and_is_refused_the_planners_own(accounts):
    at = _login(app(), "raadslid", PW)
    for name in ("kaart", "bereik", "scenarios", "afweging", "vergelijken", "kernprofiel", "verhaal", "gegevens"):
        at.switch_page(page(name)).run()
        assert not at.exception, (name, at.exception)
        assert "Geen toegang" not in texts(at), name
    at.switch_page(page("afweging")).run()
    assert not [b for b in at.button if b.key == "af_btn_save"]  # a lezer may look and export, not save
    at.switch_page(page("scenarios")).run()
    assert not [b for b in at.button if b.key in ("sc_btn_save", "sc_btn_rename", "sc_btn_delete")]
    assert "niet opslaan" in texts(at)
    at.switch_page(page("gegevens")).run()
    assert not at.get("file_uploader")
    for name in ("werkplaats", "beheer"):
        at.switch_page(page(name)).run()
        assert "Geen toegang" in texts(at), name
        assert not at.get("form") or "wp_open" not in str(at.get("form"))


def test_the_beheerder_sees_accounts_and_the_logboek_of_logins_and_writes(accounts):
    at = _login(app(), "bea", PW)
    at.switch_page(page("beheer")).run()
    assert not at.exception, at.exception
    shown = [df.value for df in at.dataframe]
    assert set(shown[0]["Naam"]) == {"petra", "raadslid", "bea"}


def test_an_expired_session_asks_for_a_login_again(accounts):
    import datetime as dt

    at = _login(app(), "petra", PW)
    at.session_state["login"]["laatst"] -= dt.timedelta(hours=3)
    at.run()
    assert "verlopen" in texts(at) and not any(h.value.startswith("Kaart") for h in at.subheader)


def test_an_account_removed_or_demoted_counts_at_once(accounts):
    at = _login(app(), "petra", PW)
    at.switch_page(page("werkplaats")).run()
    assert "Geen toegang" not in texts(at)
    Accounts(accounts).zet_rol("petra", "lezer")
    at.run()
    assert "Geen toegang" in texts(at)
    Accounts(accounts).verwijder("petra")
    at.run()
    assert "alleen voor medewerkers" in texts(at)


@pytest.mark.parametrize("value", ["/etc/passwd", "../../data/liechtenstein", "/tmp/x.yaml", "x" * 300, "a\0b"])
def test_the_area_in_the_address_must_be_a_known_id_never_a_path(tmp_path, monkeypatch, app_files, value):
    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    at = app({"gebied": value})
    assert not at.exception, at.exception
    assert "Onbekend gebied" in texts(at)
    assert "sleutel" not in texts(at)


def test_a_participant_with_a_meedoen_link_reaches_meedoen_only(accounts):
    code, _ = accounts.open_sessie("Bewonersavond", "liechtenstein", None, [])
    at = app({"code": code})
    at.switch_page(page("meedoen")).run()
    assert not at.exception, at.exception
    assert "Bewonersavond" in texts(at) and at.button(key="wp_plaats")
    for name in ("scenarios", "afweging", "werkplaats", "scherm", "kaart"):
        at.switch_page(page(name)).run()
        assert "alleen voor medewerkers" in texts(at), name


def test_the_projector_link_opens_scherm_of_its_session_only(accounts):
    code, token = accounts.open_sessie("Bewonersavond", "liechtenstein", None, [])
    other, _ = accounts.open_sessie("Andere", "liechtenstein", None, [])
    key = accounts.scherm_sleutel(code, token)
    at = app({"code": code, "sleutel": key})
    at.switch_page(page("scherm")).run()
    assert not at.exception, at.exception
    assert f"code <b>{code}</b>" in texts(at) and "alleen voor medewerkers" not in texts(at)
    at = app({"code": other, "sleutel": key})
    at.switch_page(page("scherm")).run()
    assert "alleen voor medewerkers" in texts(at)
    at = app({"code": code, "sleutel": key})
    at.switch_page(page("werkplaats")).run()
    assert "alleen voor medewerkers" in texts(at)


def test_a_planner_restores_an_earlier_version_and_a_deleted_scenario_and_the_logboek_says_who(accounts):
    from gebied.scenario import store as scenarios
    from gebied.toegang import logboek

    at = _login(app(), "petra", PW)
    at.switch_page(page("scenarios")).run()
    at.text_input(key="sc_naam").input("Raadsvoorstel").run()
    at.button(key="sc_btn_save").click().run()
    at.selectbox(key="sc_regel").set_value(at.selectbox(key="sc_regel").options[1]).run()
    at.button(key="sc_btn_regel").click().run()
    at.text_input(key="sc_naam").input("Raadsvoorstel").run()
    at.button(key="sc_btn_save").click().run()
    folder = scenarios.user_dir("liechtenstein")
    from gebied.scenario.model import load_scenario

    second = load_scenario(folder / "raadsvoorstel.yaml").kernen
    assert second and len(scenarios.versions(folder, "Raadsvoorstel")) == 1
    at.button(key="sc_btn_versie").click().run()
    assert not at.exception, at.exception
    assert load_scenario(folder / "raadsvoorstel.yaml").kernen == {}  # the first save is back
    at.button(key="sc_btn_delete").click().run()
    assert "Raadsvoorstel" not in scenarios.list_scenarios(folder)
    at.button(key="sc_btn_terug").click().run()
    assert "Raadsvoorstel" in scenarios.list_scenarios(folder)
    log = logboek.lees(accounts.engine)
    assert list(log["actie"])[:4] == ["scenario.herstellen", "scenario.verwijderen", "scenario.herstellen",
                                      "scenario.opslaan"]
    assert set(log["wie"]) == {"petra"}


def test_someone_elses_draft_address_opens_a_copy_and_leaves_the_owners_draft_alone(accounts):
    from gebied.scenario import store as scenarios

    owner = _login(app(), "petra", PW)
    owner.switch_page(page("scenarios")).run()
    owner.text_input(key="sc_naam").input("Petra's concept").run()
    draft = owner.session_state["concept_id"]
    mine = scenarios.load_draft("liechtenstein", draft, owner="petra")
    assert mine.naam == "Petra's concept"
    other = _login(app({"concept": draft}), "bea", PW)
    other.switch_page(page("scenarios")).run()
    assert other.session_state["concept_id"] != draft
    assert other.text_input(key="sc_naam").value == "Petra's concept"  # a copy to continue from
    other.text_input(key="sc_naam").input("Overschreven").run()
    other.button(key="sc_btn_reset").click().run()
    assert scenarios.load_draft("liechtenstein", draft, owner="petra") == mine
