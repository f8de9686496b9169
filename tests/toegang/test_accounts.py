"""Local accounts on SQLite and PostgreSQL: argon2 hashes, roles, and failed logins slowed down."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from gebied.core.errors import GebiedError
from gebied.toegang.accounts import Accounts, InlogFout, wachttijd
from gebied.werkplaats.store import Store

PW = "correct paard batterij"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 3, 20, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def later(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def test_an_account_logs_in_with_its_password_only_and_the_password_is_stored_as_an_argon2_hash(url):
    store = Store(url)
    acc = Accounts(store)
    assert acc.aantal() == 0
    acc.toevoegen("anna", "planner", PW)
    wie = acc.inloggen("anna", PW, "10.0.0.1")
    assert (wie.naam, wie.rol, wie.bron) == ("anna", "planner", "account")
    with pytest.raises(InlogFout):
        acc.inloggen("anna", PW + "!", "10.0.0.1")
    with pytest.raises(InlogFout):
        acc.inloggen("niemand", PW, "10.0.0.1")
    with store.engine.connect() as c:
        stored = c.execute(text("SELECT wachtwoord_hash FROM account WHERE naam = 'anna'")).scalar_one()
    assert stored.startswith("$argon2id$") and PW not in stored


def test_roles_change_and_accounts_go_and_bad_names_roles_and_passwords_are_refused(url):
    acc = Accounts(Store(url))
    acc.toevoegen("raadslid@gemeente.nl", "lezer", None)  # an OIDC identity: no password, a role from the store
    acc.toevoegen("bert", "planner", PW)
    assert acc.zet_rol("bert", "beheerder") == "planner"
    assert acc.rol_van("bert") == "beheerder" and acc.rol_van("raadslid@gemeente.nl") == "lezer"
    with pytest.raises(InlogFout):  # no password: cannot log in locally
        acc.inloggen("raadslid@gemeente.nl", "", "1.2.3.4")
    for naam, rol, pw in [("../../x", "planner", PW), ("/etc/passwd", "planner", PW), ("a\0b", "planner", PW),
                          ("x" * 300, "planner", PW), ("carla", "koning", PW), ("carla", "planner", "kort"),
                          ("bert", "planner", PW)]:
        with pytest.raises(GebiedError):
            acc.toevoegen(naam, rol, pw)
    acc.verwijder("bert")
    assert acc.rol_van("bert") is None and [a.naam for a in acc.lijst()] == ["raadslid@gemeente.nl"]


def test_ten_wrong_passwords_slow_the_account_down_even_for_the_right_one_until_the_wait_is_over(tmp_path):
    clock = Clock()
    acc = Accounts(Store(f"sqlite:///{tmp_path / 's.sqlite'}"), klok=clock)
    acc.toevoegen("anna", "planner", PW)
    refused_waiting = 0
    for i in range(10):
        with pytest.raises(InlogFout) as exc:
            acc.inloggen("anna", f"fout-{i}", "10.0.0.1")
        refused_waiting += exc.value.wacht_s > 0
        clock.later(0.5)
    assert refused_waiting >= 5  # from the fourth attempt on, half are refused before the password is checked
    wait = acc.wacht("anna", "10.0.0.9")
    assert wait > 0
    with pytest.raises(InlogFout, match="Te veel mislukte pogingen"):
        acc.inloggen("anna", PW, "10.0.0.9")  # the right password from another address: still waiting
    clock.later(wait + 1)
    assert acc.inloggen("anna", PW, "10.0.0.9").rol == "planner"
    assert acc.wacht("anna", "10.0.0.9") == 0  # a success starts the count anew


def test_one_address_trying_many_names_is_slowed_down_too(tmp_path):
    clock = Clock()
    acc = Accounts(Store(f"sqlite:///{tmp_path / 's.sqlite'}"), klok=clock)
    acc.toevoegen("anna", "planner", PW)
    for i in range(5):
        with pytest.raises(InlogFout):
            acc.inloggen(f"naam{i}", "x", "192.0.2.7")
    with pytest.raises(InlogFout, match="Te veel"):
        acc.inloggen("anna", PW, "192.0.2.7")
    assert acc.inloggen("anna", PW, "192.0.2.8").naam == "anna"  # another address is not slowed down


def test_the_wait_doubles_and_is_capped():
    assert [wachttijd(n) for n in range(6)] == [0, 0, 0, 1, 2, 4]
    assert wachttijd(40) == 300
