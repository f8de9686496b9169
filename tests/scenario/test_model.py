"""Scenario files: round trip, atomic save, validation listing every problem."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.hand import oost

from gebied.core.errors import GebiedError
from gebied.core.io import write_atomic
from gebied.scenario.model import Scenario, Verplaatsing, diff, load_scenario, save_scenario, scenario_text

REPO = Path(__file__).resolve().parents[2]


def test_file_round_trip_yaml_and_json(hand, tmp_path):
    area, ids, _ = hand
    sc = Scenario(naam="Rondje", gebied="hand", kernen={oost(area): ids["Dorpshuis Oost"]},
                  regionaal=[ids["Gymzaal Oost"]],
                  verplaatsingen=[Verplaatsing(van=ids["De Kleine Wereld"], voorziening="basisonderwijs", naar=None)])
    for name in ("s.yaml", "s.json"):
        p = save_scenario(sc, tmp_path / name)
        assert load_scenario(p, area) == sc
    assert "schema_versie: 1" in scenario_text(sc)
    other = sc.model_copy(update={"naam": "Ander", "kernen": {oost(area): ids["De Kleine Wereld"]}})
    lines = diff(sc, other, area)
    assert any("Dorpshuis Oost → De Kleine Wereld" in x for x in lines)


def test_the_same_choices_in_another_order_are_the_same_scenario():
    """Choices per kern are kept in the order of the kern ids: made in any order (or one taken back and made again),
    they give the same scenario, file text and JSON (the key under which the app keeps its evaluation)."""
    a = Scenario(naam="S", kernen={"K2": "a2", "K10": None, "K1": "a1"})
    b = Scenario(naam="S", kernen={"K1": "a1", "K10": None, "K2": "a2"})
    assert a.model_dump_json() == b.model_dump_json() and scenario_text(a) == scenario_text(b)
    assert list(a.kernen) == ["K1", "K10", "K2"]


def test_failed_save_leaves_previous_file_intact(hand, tmp_path):
    area, ids, _ = hand
    p = save_scenario(Scenario(naam="Eerste"), tmp_path / "s.yaml")
    before = p.read_text(encoding="utf-8")

    def broken(tmp):
        Path(tmp).write_text("half", encoding="utf-8")
        raise OSError("schijf vol")

    with pytest.raises(GebiedError):
        write_atomic(p, broken)
    assert p.read_text(encoding="utf-8") == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["s.yaml"]  # no temp file left behind


def test_every_problem_is_listed(hand, tmp_path):
    area, ids, _ = hand
    k = oost(area)
    west_kern = area.kernen.set_index("naam").loc["Westerdorp", "kern_id"]
    p = tmp_path / "fout.yaml"
    p.write_text(f"""schema_versie: 1
naam: Fout
kernen:
  KXX: {ids['De Kleine Wereld']}
  {west_kern}: {ids['De Kleine Wereld']}
  {k}: w000
verplaatsingen:
  - {{van: {ids['Gymzaal Oost']}, voorziening: sport, naar: {ids['Dorpshuis Oost']}}}
  - {{van: {ids['Gymzaal Oost']}, voorziening: yoga, naar: null}}
""", encoding="utf-8")
    with pytest.raises(GebiedError) as err:
        load_scenario(p, area)
    text = "\n".join(err.value.problems)
    assert "KXX" in text  # unknown kern
    assert "ligt niet in deze kern" in text  # location outside its kern
    assert "w000" in text  # unknown accommodatie
    assert "gaat dicht" in text  # moved to a closing accommodatie
    assert "yoga" in text  # unknown voorziening
    assert len(err.value.problems) == 5


def test_two_locations_in_one_kern_and_newer_schema(hand, tmp_path):
    area, ids, _ = hand
    k = oost(area)
    p = tmp_path / "twee.yaml"
    p.write_text(f"naam: Twee\nkernen:\n  - {{kern: {k}, locatie: {ids['De Kleine Wereld']}}}\n"
                 f"  - {{kern: {k}, locatie: {ids['Dorpshuis Oost']}}}\n", encoding="utf-8")
    with pytest.raises(GebiedError, match="niet met het gebied") as err:
        load_scenario(p, area)
    assert any("2 locaties" in x for x in err.value.problems)
    q = tmp_path / "nieuw.json"
    q.write_text('{"schema_versie": 7, "naam": "Toekomst"}', encoding="utf-8")
    with pytest.raises(GebiedError, match="nieuwer"):
        load_scenario(q, area)
    r = tmp_path / "kapot.yaml"
    r.write_text("naam: [", encoding="utf-8")
    with pytest.raises(GebiedError, match="niet lezen"):
        load_scenario(r, area)


def test_cli_evalueer_bad_file_exits_2_with_every_problem(default_area, tmp_path):
    p = tmp_path / "fout.yaml"
    p.write_text("naam: Fout\nkernen:\n  KXX: w1\n  K01: w2\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "gebied.cli", "scenario", "evalueer", str(p)], capture_output=True,
                         text=True, cwd=REPO, env={**os.environ}, timeout=300)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "KXX" in res.stderr and "w2" in res.stderr and "fout.yaml" in res.stderr


def test_a_misspelt_key_is_refused_and_named(hand, tmp_path):
    area, ids, _ = hand
    p = tmp_path / "typo.yaml"
    p.write_text("naam: Proef\nverplaatsingn:\n  - {van: x, voorziening: sport}\n", encoding="utf-8")
    with pytest.raises(GebiedError) as e:
        load_scenario(p, area)
    assert any("verplaatsingn" in line and "verplaatsingen" in line for line in e.value.problems)


def test_drafts_survive_and_know_whether_they_are_saved(hand, tmp_path, monkeypatch):
    from gebied.scenario import store

    monkeypatch.setenv("GEBIED_USER_DIR", str(tmp_path))
    area, ids, _ = hand
    k = oost(area)
    did = store.new_draft_id()
    sc = Scenario(naam="één locatie per kern", gebied=area.config.id, kernen={k: ids["Dorpshuis Oost"]})
    store.save_draft(area.config.id, did, sc)
    back = store.load_draft(area.config.id, did, area)
    assert back == sc
    assert store.load_draft(area.config.id, store.new_draft_id(), area) is None
    with pytest.raises(GebiedError):
        store.save_draft(area.config.id, "../../etc", sc)  # ids come from the address bar: only safe ones
    folder = store.user_dir(area.config.id)
    assert not store.is_saved(folder, sc)
    path = store.save(sc, folder)
    assert path.name == "een-locatie-per-kern.yaml"  # no letter lost
    assert store.is_saved(folder, sc)
    assert not store.is_saved(folder, sc.model_copy(update={"kernen": {}}))
