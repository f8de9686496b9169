"""The security suite against the functions the pages and commands call: every role tries every action.

Forbidden: refused with a Dutch message, and the scenario files and the whole database byte-for-byte as before.
Allowed: done, and logged with who and when.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from gebied.core.errors import GebiedError
from gebied.scenario import store as scenarios
from gebied.scenario.model import Scenario
from gebied.toegang import acties, logboek
from gebied.toegang.accounts import Accounts
from gebied.toegang.rollen import Gebruiker, GeenToegang
from gebied.werkplaats.store import Store

PLANNER = Gebruiker("petra", "planner")
BEHEERDER = Gebruiker("bea", "beheerder")
LEZER = Gebruiker("raadslid", "lezer")


@pytest.fixture
def world(tmp_path):
    """A planner's saved scenarios, a werksessie with a note, two accounts — as a bewonersavond finds them."""
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    folder = tmp_path / "scenarios"
    for naam in ("Regel: centraalst", "Raadsvoorstel één school"):
        acties.scenario_opslaan(PLANNER, store, folder, Scenario(naam=naam, gebied="liechtenstein",
                                                                 kernen={"k1": "a1"}))
    acties.scenario_opslaan(PLANNER, store, folder, Scenario(naam="Raadsvoorstel één school",
                                                             gebied="liechtenstein", kernen={"k1": "a2"}))
    code, token = acties.werksessie_openen(PLANNER, store, "Bewonersavond", "liechtenstein", None,
                                           ["Raadsvoorstel één school"])
    other_code, other_token = acties.werksessie_openen(PLANNER, store, "Andere avond", "liechtenstein", None, [])
    store.add_opmerking(code, "d1", "voorzieningen", "Het dorpshuis moet blijven", 9.5, 47.1)
    Accounts(store).toevoegen("petra", "planner", "lang genoeg wachtwoord")
    return {"store": store, "folder": folder, "code": code, "token": token, "other": other_code,
            "other_token": other_token, "note": int(store.opmerkingen(code)["id"].iloc[0])}


def snapshot(w) -> tuple[dict[str, str], dict[str, list]]:
    """Every file's hash under the scenario folder, and every row of every table."""
    files = {str(p.relative_to(w["folder"])): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(w["folder"].rglob("*")) if p.is_file()}
    meta = MetaData()
    meta.reflect(w["store"].engine)
    with w["store"].engine.connect() as c:
        rows = {t.name: sorted(map(tuple, c.execute(select(t)).all()), key=repr) for t in meta.sorted_tables}
    return files, rows


def actions(w) -> dict[str, object]:
    """Every write (and export) of the app, as the page or command calls it."""
    s, f, code, token = w["store"], w["folder"], w["code"], w["token"]
    versie = scenarios.versions(f, "Raadsvoorstel één school")[0][0]
    return {
        "scenario opslaan (overschrijven)": lambda wie: acties.scenario_opslaan(
            wie, s, f, Scenario(naam="Raadsvoorstel één school", gebied="liechtenstein", kernen={"k1": None})),
        "versie terugzetten": lambda wie: acties.scenario_versie_herstellen(
            wie, s, f, "Raadsvoorstel één school", versie),
        "scenario hernoemen": lambda wie: acties.scenario_hernoemen(
            wie, s, f, "Raadsvoorstel één school", "Gemeente wil alles sluiten"),
        "scenario verwijderen": lambda wie: acties.scenario_verwijderen(wie, s, f, "Regel: centraalst"),
        "overrides uploaden": lambda wie: acties.upload(wie, s, "overrides", "overrides.csv", 1000),
        "prognose uploaden": lambda wie: acties.upload(wie, s, "prognose", "prognose.xlsx", 1000),
        "werksessie openen": lambda wie: acties.werksessie_openen(wie, s, "Niet van de gemeente", "liechtenstein",
                                                                  None, []),
        "vraag stellen": lambda wie: acties.werksessie_vraag(wie, s, code, token, "Wat mist u?"),
        "hoofdstuk kiezen": lambda wie: acties.werksessie_hoofdstuk(wie, s, code, token, 2),
        "opmerking verbergen": lambda wie: acties.opmerking_verbergen(wie, s, code, token, w["note"]),
        "werksessie sluiten": lambda wie: acties.werksessie_sluiten(wie, s, code, token),
        "account toevoegen": lambda wie: acties.gebruiker_toevoegen(wie, s, "mallory", "beheerder", "x" * 12),
        "rol wijzigen": lambda wie: acties.gebruiker_rol(wie, s, "petra", "lezer"),
        "account verwijderen": lambda wie: acties.gebruiker_verwijderen(wie, s, "petra"),
        "exporteren": lambda wie: acties.exporteren(wie),
    }


ALLOWED = {
    "anoniem": set(),
    "deelnemer": set(),
    "scherm": set(),
    "lezer": {"exporteren"},
    "planner": {"scenario opslaan (overschrijven)", "scenario hernoemen", "scenario verwijderen", "versie terugzetten",
                "overrides uploaden", "prognose uploaden", "werksessie openen", "vraag stellen", "hoofdstuk kiezen",
                "opmerking verbergen", "werksessie sluiten", "exporteren"},
}
ALLOWED["beheerder"] = ALLOWED["planner"] | {"account toevoegen", "rol wijzigen", "account verwijderen"}


def who(rol: str, w) -> Gebruiker | None:
    return {"anoniem": None, "deelnemer": Gebruiker("d9", "deelnemer", "link", w["code"]),
            "scherm": Gebruiker("scherm", "scherm", "link", w["code"]), "lezer": LEZER, "planner": PLANNER,
            "beheerder": BEHEERDER}[rol]


@pytest.mark.parametrize("rol", list(ALLOWED))
def test_every_forbidden_action_is_refused_and_changes_nothing(world, rol):
    wie = who(rol, world)
    for name, action in actions(world).items():
        if name in ALLOWED[rol]:
            continue
        before = snapshot(world)
        with pytest.raises(GeenToegang) as exc:
            action(wie)
        assert exc.value.nl.startswith("Geen toegang"), name
        assert snapshot(world) == before, f"{rol}: '{name}' was refused but changed something"


@pytest.mark.parametrize("rol", ["lezer", "planner", "beheerder"])
def test_every_allowed_action_is_done_and_every_write_logged_with_who(world, rol):
    wie = who(rol, world)
    for name, action in actions(world).items():
        if name not in ALLOWED[rol]:
            continue
        n = len(logboek.lees(world["store"].engine, 10_000))
        before = snapshot(world)
        action(wie)
        if name != "exporteren":
            assert snapshot(world) != before, f"{rol}: '{name}' changed nothing"
            log = logboek.lees(world["store"].engine, 1)
            assert len(logboek.lees(world["store"].engine, 10_000)) == n + 1
            assert (log["wie"].iloc[0], log["rol"].iloc[0]) == (wie.naam, rol)


def test_a_participant_contributes_to_its_own_session_only(world):
    deelnemer = who("deelnemer", world)
    assert acties.bijdragen(deelnemer, world["store"], world["code"]) == "d9"
    with pytest.raises(GeenToegang, match="andere werksessie"):
        acties.bijdragen(deelnemer, world["store"], world["other"])
    with pytest.raises(GeenToegang):
        acties.bijdragen(None, world["store"], world["code"])
    with pytest.raises(GeenToegang):
        acties.bijdragen(who("scherm", world), world["store"], world["code"])


def test_no_facilitator_token_can_be_read_or_used_for_another_session(world):
    store = world["store"]
    _, rows = snapshot(world)
    dump = repr(rows)
    assert world["token"] not in dump and world["other_token"] not in dump  # only hashes are stored
    with pytest.raises(GebiedError):  # a planner with one session's token cannot steer another session
        acties.werksessie_vraag(PLANNER, store, world["other"], world["token"], "Overgenomen?")
    assert store.sessie(world["other"]).vraag is None
    key = store.scherm_sleutel(world["code"], world["token"])
    assert store.is_scherm(world["code"], key) and not store.is_scherm(world["other"], key)
    assert not store.is_begeleider(world["code"], key)  # the projector's key does not steer
    with pytest.raises(GebiedError):
        store.scherm_sleutel(world["code"], key)


def test_names_with_path_parts_control_characters_or_300_characters_are_refused_or_stay_in_the_folder(world):
    folder: Path = world["folder"]
    for naam in ["../../x", "/etc/passwd", "..\\\\..\\\\windows"]:
        path = acties.scenario_opslaan(PLANNER, world["store"], folder, Scenario(naam=naam, gebied="liechtenstein"))
        assert path.parent == folder and path.resolve().is_relative_to(folder.resolve())
    for naam in ["a\0b", "x" * 300, "regel\nerbij", "   "]:
        with pytest.raises(GebiedError):
            acties.scenario_opslaan(PLANNER, world["store"], folder,
                                    Scenario.model_construct(naam=naam, gebied="liechtenstein"))
        with pytest.raises(GebiedError):
            acties.scenario_hernoemen(PLANNER, world["store"], folder, "Regel: centraalst", naam)
    assert "Regel: centraalst" in scenarios.list_scenarios(folder)


def test_an_upload_over_the_limit_is_refused_in_megabytes(world):
    with pytest.raises(GebiedError, match=r"25\.0 MB; hoogstens 20 MB"):
        acties.upload(PLANNER, world["store"], "overrides", "groot.csv", 25 * 1024 * 1024)
