"""A region in one area: scenarios of one gemeente or of the whole region, figures per gemeente."""

import numpy as np
import pytest

from gebied.core.errors import GebiedError
from gebied.scenario.evaluate import evaluate, make_context
from gebied.scenario.model import Scenario, validate_scenario
from gebied.scenario.optimise import optimal_scenario
from gebied.scenario.regio import gemeenten, per_gemeente
from gebied.scenario.rules import rule_scenario


@pytest.fixture(scope="module")
def rctx(default_area):
    return make_context(default_area)


def test_the_default_area_is_a_region_of_eleven_gemeenten(default_area):
    assert len(gemeenten(default_area)) == 11
    kern_gem = dict(zip(default_area.kernen["kern_id"], default_area.kernen["gemeente"]))
    acc = default_area.accommodaties
    inside = acc["kern_id"].notna()
    assert (acc.loc[inside, "gemeente"] == acc.loc[inside, "kern_id"].map(kern_gem)).all()


def test_a_gemeente_scenario_touches_only_that_gemeente(rctx):
    area = rctx.area
    sc = rule_scenario(rctx, "grootste", gemeente="Schaan")
    kern_gem = dict(zip(area.kernen["kern_id"], area.kernen["gemeente"]))
    assert sc.gemeente == "Schaan" and sc.kernen and {kern_gem[k] for k in sc.kernen} == {"Schaan"}
    assert validate_scenario(sc, area) == []
    ev = evaluate(sc, rctx)
    table = per_gemeente(ev, rctx).set_index("gemeente")
    closed = table["gesloten"]
    assert closed["Schaan"] > 0 and closed.drop(["Schaan", "Totaal"]).sum() == 0
    # per gemeente adds up to the per-kern totals
    for col in ("gesloten", "besparing", "m2_na", "verliest_voorziening_binnen_norm"):
        assert table.loc["Totaal", col] == pytest.approx(ev.totaal[col if col != "m2_na" else "m2_na"])
    assert table.loc["Totaal", "inwoners"] == pytest.approx(rctx.points["inwoners"].sum())


def test_region_scenario_per_gemeente_and_checks(rctx):
    area = rctx.area
    ev = evaluate(rule_scenario(rctx, "grootste"), rctx)
    table = per_gemeente(ev, rctx)
    assert (table.set_index("gemeente").drop("Totaal")["gesloten"] > 0).sum() >= 5
    wrong = Scenario(naam="x", gemeente="Vaduz", kernen={area.kernen["kern_id"].iloc[0]: None})  # Triesen's kern
    assert any("ligt niet in gemeente Vaduz" in p for p in validate_scenario(wrong, area))
    assert any("gemeente 'Atlantis'" in p for p in validate_scenario(Scenario(naam="x", gemeente="Atlantis"), area))
    with pytest.raises(GebiedError, match="geen kernen"):
        rule_scenario(rctx, "grootste", gemeente="Atlantis")


def test_optimal_for_one_gemeente(rctx):
    sc, rep = optimal_scenario(rctx, "reistijd", "fiets", gemeente="Triesenberg")
    kern_gem = dict(zip(rctx.area.kernen["kern_id"], rctx.area.kernen["gemeente"]))
    assert rep.status == "Optimaal" or rep.gap < 1e-6
    assert {kern_gem[k] for k in sc.kernen} == {"Triesenberg"} and sc.gemeente == "Triesenberg"
    from gebied.scenario.rules import candidates

    # every Triesenberg kern with a candidate keeps exactly one of its own
    cand = candidates(rctx.area, rctx.catalogue, "Triesenberg")
    assert set(sc.kernen) == set(cand["kern_id"])
    assert all(cand.set_index("accommodatie_id").loc[a, "kern_id"] == k for k, a in sc.kernen.items())
    assert np.isfinite(rep.objective) and rep.n_units < len(rctx.points)
