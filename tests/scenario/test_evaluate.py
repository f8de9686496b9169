"""Scenario files, evaluation on a hand-checked example, and bad input."""

from pathlib import Path

import numpy as np
import pytest
from helpers.hand import oost

from gebied.core.catalogue import load_catalogue
from gebied.scenario.evaluate import evaluate, resolve
from gebied.scenario.model import Scenario, Verplaatsing, baseline

REPO = Path(__file__).resolve().parents[2]


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
    assert (
        rt.loc[("totaal", "fiets", "basisonderwijs"), "gem_na"]
        == rt.loc[("totaal", "fiets", "basisonderwijs"), "gem_voor"]
    )


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




def test_what_a_context_remembers_changes_no_answer(default_area, ctx):
    """Scenarios tried one after another (one kern changed each time) share their unchanged kinds' nearest
    times, hosts and statistics through the context's memory; every answer equals one computed from nothing."""
    import dataclasses

    import pandas as pd

    from gebied.scenario.jaren import evaluate_jaren
    from gebied.scenario.rules import rule_scenario
    from gebied.toekomst.prognose import basisjaar, bevolking

    bev = bevolking(default_area, [basisjaar(default_area), basisjaar(default_area) + 10])
    base = rule_scenario(ctx, "grootste")
    tried = [base] + [base.model_copy(update={"kernen": {**base.kernen, k: None}}) for k in list(base.kernen)[:4]]
    for sc in tried:
        warm, jwarm = evaluate(sc, ctx), evaluate_jaren(sc, ctx, bev)
        cold_ctx = dataclasses.replace(ctx, memo={})
        cold, jcold = evaluate(sc, cold_ctx), evaluate_jaren(sc, cold_ctx, bev)
        pd.testing.assert_frame_equal(warm.per_kern, cold.per_kern)
        pd.testing.assert_frame_equal(warm.reistijd, cold.reistijd)
        assert np.array_equal(warm.verliest, cold.verliest) and warm.totaal == cold.totaal
        pd.testing.assert_frame_equal(jwarm.per_locatie, jcold.per_locatie)
        pd.testing.assert_frame_equal(jwarm.per_jaar, jcold.per_jaar)
    assert any(key[0] == "minuten" for key in ctx.memo)


def test_a_context_forgets_the_oldest_beyond_its_limit(ctx, monkeypatch):
    import dataclasses

    from gebied.scenario import context as module

    monkeypatch.setattr(module, "MEMO_BYTES", 3 * 8000)
    c = dataclasses.replace(ctx, memo={})
    calls = []

    def compute(i: int) -> np.ndarray:
        calls.append(i)
        return np.zeros(1000)  # 8,000 bytes

    for i in range(5):
        module.remembered(c, ("x", i), compute, i)
    assert [k[1] for k in c.memo] == [2, 3, 4]  # the oldest forgotten first
    shared = module.remembered(c, ("x", 4), compute, 4)
    assert calls == [0, 1, 2, 3, 4]  # remembered: not computed again
    assert not shared.flags.writeable  # shared between evaluations: read-only
