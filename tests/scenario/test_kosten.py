"""Costs by hand on the Oosterdorp example: the saving, the moved m², the one-off cost and the horizon."""

import pytest
from helpers.hand import oost

from gebied.scenario.evaluate import evaluate
from gebied.scenario.kosten import lasten, moved_m2, overzicht, regels
from gebied.scenario.model import Scenario


def test_costs_of_bundling_oosterdorp_in_its_school(hand):
    area, ids, ctx = hand
    ev = evaluate(Scenario(naam="Alles in de school", kernen={oost(area): ids["De Kleine Wereld"]}), ctx)
    # the dorpshuis (500 m², 40 %) and the gymzaal (400 m², 50 %) move their only voorziening: 200 + 200 m²
    m2, unknown = moved_m2(ev, ctx)
    assert m2 == pytest.approx(0.40 * 500 + 0.50 * 400, abs=2) and unknown == 0
    cfg = area.config.kosten
    k = overzicht(ev, ctx)
    assert k["besparing"] == 70_000
    if cfg.verhuizing_per_m2 is None:  # the hand area sets no rate: the one-off cost is unknown, not 0
        assert k["eenmalig"] is None and k["netto_horizon"] is None
        assert any("onbekend" in text for _, text in regels(k, ctx))
    area.config = area.config.model_copy(update={"kosten": cfg.model_copy(update={"verhuizing_per_m2": 100.0,
                                                                                   "horizon_jaren": 5})})
    try:
        k = overzicht(ev, ctx)
        assert k["eenmalig"] == pytest.approx(m2 * 100.0)
        assert k["netto_horizon"] == pytest.approx(5 * 70_000 - m2 * 100.0)
    finally:
        area.config = area.config.model_copy(update={"kosten": cfg})


def test_estimates_are_named_and_only_where_nothing_is_known(hand):
    area, _, _ = hand
    cost, estimated = lasten(area.accommodaties)
    known = area.accommodaties["exploitatielasten"].notna().to_numpy()
    assert (cost[known] == area.accommodaties["exploitatielasten"].to_numpy()[known]).all()
    assert not estimated[known].any() and estimated[~known].all()
