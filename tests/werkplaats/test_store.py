"""The workshop store on SQLite and PostgreSQL: roles, limits, durability, concurrency, migrations."""

import multiprocessing as mp
import subprocess
import sys

import pytest

from gebied.werkplaats.store import Store, WerkplaatsError


def _session(url):
    store = Store(url)
    code, token = store.open_sessie("Dorpsavond", "liechtenstein", "gebiedsbiografie", ["Grootste", "Centraal"])
    return store, code, token


def test_schema_is_migrated_to_the_newest_revision(url):
    assert Store(url).revision() == "0002"
    assert Store(url).revision() == "0002"  # opening again changes nothing


def test_the_newest_schema_is_alembics_head_and_opens_without_alembic(url):
    """``SCHEMA_HEAD`` is the newest migration; a store already there opens without loading Alembic (it is
    loaded, and the schema upgraded, only where the database is behind)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from gebied.werkplaats.store import MIGRATIONS, SCHEMA_HEAD

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD
    Store(url)  # migrated once
    code = ("import sys; from gebied.werkplaats.store import Store; s = Store(sys.argv[1]); "
            "print(s.revision(), 'alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True, check=True).stdout
    assert out.split() == [SCHEMA_HEAD, "False"]


def test_participants_add_and_only_the_facilitator_steers(url):
    store, code, token = _session(url)
    nid = store.add_opmerking(code, "p1", "voorzieningen", "Het dorpshuis is ons hart", 9.52, 47.10, naam="Anna")
    store.add_reactie(code, "p1", "Grootste", "voor")
    store.add_reactie(code, "p2", "Grootste", "tegen", kern="K01", reden="te ver fietsen")
    store.add_reactie(code, "p1", "Grootste", "kan_leven")  # a participant's latest view counts
    with pytest.raises(WerkplaatsError, match="geen vraag"):
        store.add_antwoord(code, "p1", "iets")
    with pytest.raises(WerkplaatsError, match="begeleider"):
        store.zet_vraag(code, "verkeerd", "Wat mist u?")
    store.zet_vraag(code, token, "Wat mist u in het dorp?")
    store.add_antwoord(code, "p3", "Een bakker")
    tallies = store.tallies(code).set_index(["scenario", "kern"])
    assert tallies.loc[("Grootste", ""), ["voor", "kan_leven", "tegen"]].tolist() == [0, 1, 0]
    assert tallies.loc[("Grootste", "K01"), "tegen"] == 1
    assert store.antwoorden(code).iloc[0]["vraag"] == "Wat mist u in het dorp?"
    with pytest.raises(WerkplaatsError, match="begeleider"):
        store.verberg(code, "", nid)
    store.verberg(code, token, nid)
    assert store.opmerkingen(code).empty and len(store.opmerkingen(code, ook_verborgen=True)) == 1
    with pytest.raises(WerkplaatsError, match="agenda"):
        store.add_reactie(code, "p1", "Onbekend", "voor")
    store.sluit(code, token)
    with pytest.raises(WerkplaatsError, match="gesloten"):
        store.add_opmerking(code, "p4", "wonen", "te laat", 9.5, 47.1)
    assert store.sessie(code).gesloten


def test_texts_are_limited_and_participants_rate_limited(url):
    store = Store(url, per_minuut=5)
    code, _ = store.open_sessie("Avond", "liechtenstein", None, ["A"])
    with pytest.raises(WerkplaatsError, match="te lang"):
        store.add_opmerking(code, "p1", "wonen", "x" * 501, 9.5, 47.1)
    with pytest.raises(WerkplaatsError, match="thema"):
        store.add_opmerking(code, "p1", "<b>", "tekst", 9.5, 47.1)
    for i in range(5):
        store.add_opmerking(code, "p1", "wonen", f"nummer {i}", 9.5, 47.1)
    with pytest.raises(WerkplaatsError, match="snel"):
        store.add_reactie(code, "p1", "A", "voor")
    store.add_reactie(code, "p2", "A", "voor")  # another participant is not slowed down
    with pytest.raises(WerkplaatsError, match="Geen werksessie"):
        store.add_opmerking("ZZZZZZ", "p1", "wonen", "x", 9.5, 47.1)


def _writer(args):  # runs in a forked process: a fresh engine of its own, nothing shared but the URL
    url, code, who = args
    store = Store(url)
    ids = [store.add_opmerking(code, who, "wonen", f"{who} {i}", 9.5 + i / 1000, 47.1) for i in range(25)]
    store.close()
    return ids


def test_twenty_processes_writing_at_once_lose_nothing(url):
    store, code, _ = _session(url)
    with mp.get_context("fork").Pool(20) as pool:
        results = pool.map(_writer, [(url, code, f"p{i:02d}") for i in range(20)])
    ids = [i for r in results for i in r]
    stored = store.opmerkingen(code)
    assert len(ids) == 500 and len(set(ids)) == 500
    assert len(stored) == 500 and set(stored["id"]) == set(ids)
    assert stored.groupby("deelnemer").size().eq(25).all()


def test_a_restart_between_two_contributions_loses_neither(url, request):
    store, code, _ = _session(url)
    store.add_reactie(code, "p1", "Grootste", "voor")
    store.close()
    if url.startswith("postgresql"):
        request.getfixturevalue("postgres").restart()  # the database server itself restarts
    # a new server process of the app, as after a restart
    script = ("import sys; from gebied.werkplaats.store import Store; "
              "Store(sys.argv[1]).add_reactie(sys.argv[2], 'p1', 'Centraal', 'tegen')")
    subprocess.run([sys.executable, "-c", script, url, code], check=True, timeout=120)
    r = Store(url).reacties(code)
    assert sorted(r["scenario"]) == ["Centraal", "Grootste"]
