"""A backup restored into an empty werkmap gives the same scenarios, sessions, contributions and accounts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gebied.core.errors import GebiedError
from gebied.scenario import store as scenarios
from gebied.scenario.model import Scenario, load_scenario
from gebied.toegang.accounts import Accounts
from gebied.werkplaats.backup import backup, herstel
from gebied.werkplaats.store import Store

REPO = Path(__file__).resolve().parents[2]
PW = "een lang wachtwoord"


def fill(werkmap: Path, monkeypatch) -> Store:
    """A gemeente's werkmap after some weeks: an area of its own, a story, scenarios with versions and one deleted,
    an evening with contributions, and accounts."""
    monkeypatch.setenv("GEBIED_WERKMAP", str(werkmap))
    monkeypatch.delenv("GEBIED_USER_DIR", raising=False)
    monkeypatch.delenv("GEBIED_DB_URL", raising=False)
    (werkmap / "gebieden").mkdir(parents=True)
    text = (REPO / "data" / "liechtenstein.yaml").read_text(encoding="utf-8")
    extract = (REPO / "data" / "../../shared/data/liechtenstein.osm.pbf").resolve()
    text = text.replace("../../shared/data/liechtenstein.osm.pbf", os.path.relpath(extract, werkmap / "gebieden"))
    (werkmap / "gebieden" / "eigen.yaml").write_text(text.replace("liechtenstein_overrides.csv", "eigen.csv"))
    shutil.copy(REPO / "data" / "liechtenstein_overrides.csv", werkmap / "gebieden" / "eigen.csv")
    (werkmap / "verhalen" / "eigen").mkdir(parents=True)
    (werkmap / "verhalen" / "eigen" / "dorp.md").write_text("---\ntitel: Ons dorp\n---\n# Begin\nTekst.\n")
    folder = scenarios.user_dir("eigen")
    scenarios.save(Scenario(naam="Eén school", gebied="eigen", kernen={"k1": "a1"}), folder)
    scenarios.save(Scenario(naam="Eén school", gebied="eigen", kernen={"k1": "a2"}), folder)
    scenarios.save(Scenario(naam="Weg", gebied="eigen"), folder)
    scenarios.delete(folder, "Weg")
    store = Store()
    code, token = store.open_sessie("Bewonersavond", "eigen", None, ["Eén school"])
    store.add_opmerking(code, "p1", "wonen", "Hier wil ik wonen", 9.52, 47.14, naam="Bert")
    store.add_reactie(code, "p1", "Eén school", "tegen", reden="te ver")
    store.zet_vraag(code, token, "Wat mist u?")
    store.add_antwoord(code, "p2", "Een bakker")
    Accounts(store).toevoegen("petra", "planner", PW)
    return store


def state(werkmap: Path, store: Store) -> dict:
    folder = werkmap / "scenarios" / "eigen"
    code = _code(store)
    return {
        "scenarios": {n: load_scenario(p).model_dump() for n, p in scenarios.list_scenarios(folder).items()},
        "versies": [load_scenario(p).model_dump() for p in sorted((folder / ".versies").rglob("*.yaml"))],
        "verwijderd": [n for _, n, _ in scenarios.deleted(folder)],
        "sessie": store.sessie(code),
        "opmerkingen": store.opmerkingen(code).drop(columns="tijd").to_dict("records"),
        "reacties": store.reacties(code).drop(columns="tijd").to_dict("records"),
        "antwoorden": store.antwoorden(code).drop(columns="tijd").to_dict("records"),
        "accounts": [(a.naam, a.rol) for a in Accounts(store).lijst()],
        "verhaal": (werkmap / "verhalen" / "eigen" / "dorp.md").read_text(),
    }


def _code(store: Store) -> str:
    from sqlalchemy import text

    with store.engine.connect() as c:
        return c.execute(text("SELECT code FROM werksessie")).scalar_one()


def test_the_commands_back_up_a_werkmap_and_restore_it_into_an_empty_one(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    store = fill(a, monkeypatch)
    before = state(a, store)
    env = {**os.environ, "GEBIED_WERKMAP": str(a)}
    archive = tmp_path / "backup.tar.gz"
    run = subprocess.run([sys.executable, "-m", "gebied.cli", "backup", "--uit", str(archive)], env=env,
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    env["GEBIED_WERKMAP"] = str(b)
    run = subprocess.run([sys.executable, "-m", "gebied.cli", "herstel", str(archive)], env=env,
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    monkeypatch.setenv("GEBIED_WERKMAP", str(b))
    restored = Store()
    assert state(b, restored) == before
    assert Accounts(restored).inloggen("petra", PW).rol == "planner"
    from gebied.core.config import load_config

    cfg = load_config("eigen")  # found in the new werkmap, its extract still found, its overrides beside it
    assert cfg.extract.exists() and cfg.overrides == (b / "gebieden" / "eigen.csv").resolve()
    again = subprocess.run([sys.executable, "-m", "gebied.cli", "herstel", str(archive)], env=env,
                           capture_output=True, text=True, cwd=REPO)
    assert again.returncode == 2 and "niet leeg" in again.stderr and "Traceback" not in again.stderr
    assert state(b, restored) == before


def test_a_sqlite_backup_restores_into_postgresql_too(tmp_path, monkeypatch, url):
    a = tmp_path / "a"
    store = fill(a, monkeypatch)
    before = state(a, store)
    archive = backup(tmp_path / "b.tar.gz", store)
    target = Store(url)
    herstel(archive, tmp_path / "b", target)
    monkeypatch.setenv("GEBIED_WERKMAP", str(tmp_path / "b"))
    assert state(tmp_path / "b", target) == before
    target.open_sessie("Nog een avond", "eigen")  # the ids go on after the restored ones


def test_a_damaged_or_foreign_archive_is_refused_in_plain_words(tmp_path):
    bad = tmp_path / "x.tar.gz"
    bad.write_bytes(b"geen archief")
    with pytest.raises(GebiedError, match="geen .*backup"):
        herstel(bad, tmp_path / "leeg")
    assert not (tmp_path / "leeg").exists() or not any((tmp_path / "leeg").iterdir())
