"""Scenario files, evaluation on a hand-checked example, and bad input."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gebied.area import derive_area, merge_overrides
from gebied.catalogue import load_catalogue
from gebied.config import AreaConfig
from gebied.errors import GebiedError
from gebied.evaluate import compare, evaluate, kern_difference, make_context, resolve
from gebied.io import write_atomic
from gebied.overrides import read_overrides
from gebied.scenario import (Scenario, Verplaatsing, baseline, diff, load_scenario, save_scenario,
                             scenario_text)

from osm_factory import scenario_area

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """Oosterdorp: school 900 m² (€100.000, 60%), dorpshuis 400 m² (€40.000, 50%), gymzaal 500 m² (€30.000, 40%)."""
    d = tmp_path_factory.mktemp("hand")
    area = derive_area(AreaConfig(id="hand", naam="Hand", extract=scenario_area(d / "hand.osm")))
    ids = area.accommodaties.set_index("naam")["accommodatie_id"]
    csv = d / "o.csv"
    csv.write_text("accommodatie_id;exploitatielasten;bezettingsgraad\n"
                   f"{ids['De Kleine Wereld']};100000;60\n{ids['Dorpshuis Oost']};40000;50\n"
                   f"{ids['Gymzaal Oost']};30000;40\n", encoding="utf-8")
    area = merge_overrides(area, read_overrides(csv, load_catalogue()))
    return area, ids, make_context(area)


def oost(area):
    return area.kernen.set_index("naam").loc["Oosterdorp", "kern_id"]


def test_hand_checked_evaluation(hand):
    area, ids, ctx = hand
    k = oost(area)
    sc = Scenario(naam="Alles in de school", kernen={k: ids["De Kleine Wereld"]})
    ev = evaluate(sc, ctx)
    row = ev.per_kern.set_index("kern_id").loc[k]
    assert row["accommodaties_voor"] == 3 and row["accommodaties_na"] == 1 and row["gesloten"] == 2
    assert row["m2_voor"] == pytest.approx(1800, abs=2)  # 900 + 400 + 500
    assert row["m2_na"] == pytest.approx(900, abs=1)
    assert row["m2_afgestoten"] == pytest.approx(900, abs=1)
    assert row["kosten_voor"] == 170_000 and row["kosten_na"] == 100_000 and row["besparing"] == 70_000
    # occupancy after bundling: (0.60*900 + 0.50*400 + 0.40*500) / 900 = 940 / 900 = 104.4 %
    assert row["bezetting_na"] == pytest.approx(940 / 900 * 100, rel=0.01)
    assert bool(row["overbezet"]) is True
    assert row["ontmoetingsplek_voor"] and row["ontmoetingsplek"]  # ontmoeting moved into the school
    assert row["locatie"] == "De Kleine Wereld"
    # the other kern is not named: unchanged
    west = ev.per_kern.set_index("kern")["locatie"]["Westerdorp"]
    assert west == "ongewijzigd"
    moves = ev.moves.set_index(["van", "voorziening"])["naar"]
    assert moves[(ids["Dorpshuis Oost"], "ontmoeting")] == ids["De Kleine Wereld"]
    assert moves[(ids["Gymzaal Oost"], "sport")] == ids["De Kleine Wereld"]
    assert ev.totaal["besparing"] == 70_000 and ev.totaal["overbezette_locaties"] == 1
    # travel times: sport now takes place in the school, so 'after' equals the time to the school
    mat = ctx.matrices["fiets"]
    col = list(mat.target_ids).index(ids["De Kleine Wereld"])
    rt = ev.reistijd.set_index(["kern_id", "modus", "voorziening"])
    w = ctx.points["inwoners"].to_numpy()
    expected = float(np.average(mat.minutes[:, col], weights=w))
    assert rt.loc[("totaal", "fiets", "sport"), "gem_na"] == pytest.approx(expected)
    # basisonderwijs is untouched
    assert rt.loc[("totaal", "fiets", "basisonderwijs"), "gem_na"] == rt.loc[("totaal", "fiets", "basisonderwijs"), "gem_voor"]


def test_moving_a_voorziening_elsewhere_or_stopping_it(hand):
    area, ids, ctx = hand
    k = oost(area)
    west = area.accommodaties.set_index("naam").loc["Dorpshuis De Linde", "accommodatie_id"]
    sc = Scenario(naam="x", kernen={k: ids["De Kleine Wereld"]}, verplaatsingen=[
        Verplaatsing(van=ids["Gymzaal Oost"], voorziening="sport", naar=west),
        Verplaatsing(van=ids["Dorpshuis Oost"], voorziening="ontmoeting", naar=None)])
    assert load_catalogue()  # catalogue available
    open_mask, vz, moves = resolve(sc, area)
    assert (west, "sport") in set(zip(vz["accommodatie_id"], vz["voorziening"]))
    assert (ids["De Kleine Wereld"], "ontmoeting") not in set(zip(vz["accommodatie_id"], vz["voorziening"]))
    ev = evaluate(sc, ctx)
    row = ev.per_kern.set_index("kern_id").loc[k]
    assert not row["ontmoetingsplek"] and ev.totaal["kernen_verliezen_ontmoetingsplek"] == 1
    # school keeps only its own use: 60 % (the gym's use moved west, the dorpshuis' stopped)
    assert row["bezetting_na"] == pytest.approx(60.0)


def test_no_location_closes_everything_in_scope(hand):
    area, ids, ctx = hand
    ev = evaluate(Scenario(naam="niets", kernen={oost(area): None}), ctx)
    row = ev.per_kern.set_index("kern_id").loc[oost(area)]
    assert row["accommodaties_na"] == 0 and row["locatie"] == "geen locatie"
    assert ev.totaal["verliest_voorziening_binnen_norm"] > 0


def test_baseline_changes_nothing(hand):
    _, _, ctx = hand
    ev = evaluate(baseline(ctx.area), ctx)
    assert ev.totaal["gesloten"] == 0 and ev.totaal["besparing"] == 0
    assert ev.totaal["verliest_voorziening_binnen_norm"] == 0
    r = ev.reistijd
    assert np.allclose(r["gem_voor"].fillna(-1), r["gem_na"].fillna(-1))


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


def test_compare_and_kern_difference(hand):
    area, ids, ctx = hand
    k = oost(area)
    a = evaluate(Scenario(naam="A", kernen={k: ids["De Kleine Wereld"]}), ctx)
    b = evaluate(Scenario(naam="B", kernen={k: ids["Dorpshuis Oost"]}), ctx)
    table = compare([a, b])
    assert list(table.columns) == ["A", "B"]
    assert table.loc["Besparing (€/jaar)", "A"] == 70_000 and table.loc["Besparing (€/jaar)", "B"] == 130_000
    d = kern_difference(a, b).set_index("kern_id")
    assert d.loc[k, "verschil_besparing"] == 60_000
    assert d.loc[k, "verschil_m2_na"] == pytest.approx(400 - 900, abs=2)


def test_cli_evalueer_bad_file_exits_2_with_every_problem(default_area, tmp_path):
    p = tmp_path / "fout.yaml"
    p.write_text("naam: Fout\nkernen:\n  KXX: w1\n  K01: w2\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "gebied.cli", "scenario", "evalueer", str(p)], capture_output=True,
                         text=True, cwd=REPO, env={**os.environ}, timeout=300)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "KXX" in res.stderr and "w2" in res.stderr and "fout.yaml" in res.stderr
