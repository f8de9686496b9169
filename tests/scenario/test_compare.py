"""Comparing scenario's side by side."""


import pytest
from helpers.hand import oost

from gebied.scenario.compare import compare, kern_difference
from gebied.scenario.evaluate import evaluate
from gebied.scenario.model import Scenario


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
