"""Fairness figures against hand computations, and on the default area for a real scenario."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gebied.scenario.rechtvaardigheid import UITLEG, fairness_table, figures, gini, palma, weighted_quantile


def test_gini_by_hand():
    assert gini(np.array([5.0, 5.0, 5.0]), np.ones(3)) == pytest.approx(0.0)
    # two people, one travels 10 min, the other 0: the classic maximum for n = 2 is 1/2
    assert gini(np.array([0.0, 10.0]), np.ones(2)) == pytest.approx(0.5)
    # 1, 2, 3, 4 minutes: sum |xi - xj| over all pairs = 20, mean 2.5, n = 4 -> 20 / (2 * 16 * 2.5) = 0.25
    assert gini(np.array([1.0, 2.0, 3.0, 4.0]), np.ones(4)) == pytest.approx(0.25)
    # weights are people: one point with 2 inhabitants is two people with the same time
    assert gini(np.array([1.0, 2.0, 4.0]), np.array([1.0, 2.0, 1.0])) == pytest.approx(
        gini(np.array([1.0, 2.0, 2.0, 4.0]), np.ones(4)))


def test_palma_by_hand():
    # ten people travelling 1..10 minutes: the top 10 % is the one at 10, the bottom 40 % are 1+2+3+4 = 10
    assert palma(np.arange(1.0, 11.0), np.ones(10)) == pytest.approx(10 / 10)
    # everyone the same: 10 % bears 1/4 of what 40 % bears
    assert palma(np.full(10, 7.0), np.ones(10)) == pytest.approx(0.25)
    assert math.isinf(palma(np.array([0.0, 0.0, 0.0, 0.0, 5.0]), np.ones(5)))


def test_weighted_quantile_by_hand():
    assert weighted_quantile(np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 1.0]), 0.5) == 2.0
    assert weighted_quantile(np.array([1.0, 10.0]), np.array([9.0, 1.0]), 0.9) == 1.0
    assert weighted_quantile(np.array([1.0, 10.0]), np.array([9.0, 1.0]), 0.95) == 10.0


def test_figures_of_four_people_in_two_kernen_by_hand():
    t = np.array([4.0, 6.0, 20.0, np.inf])  # the last cannot reach it at all
    w = np.array([1.0, 1.0, 1.0, 1.0])
    f = figures(t, w, np.array([0, 0, 1, 1]), ["dorp", "gehucht"], norm=15.0)
    assert f["buiten_norm_pct"] == pytest.approx(50.0)
    assert f["slechtste_kern"] == "gehucht"
    assert f["slechtste_mediaan"] == 20.0  # the unreachable counts at the largest finite time (20)
    assert f["gini"] == pytest.approx(gini(np.array([4.0, 6.0, 20.0, 20.0]), w))


def test_closing_raises_the_burden_on_the_default_area(ctx, default_area):
    from gebied.scenario.model import Scenario

    # every kern keeps no location: the school far away for everyone who had one close by
    kern_ids = [k for k in default_area.kernen["kern_id"]][:10]
    sc = Scenario(naam="Alles dicht in tien kernen", gebied=default_area.config.id, kernen={k: None for k in kern_ids})
    table = fairness_table(sc, ctx, "basisonderwijs", doelgroep="4-11").set_index("maat")
    assert list(table.index) == list(UITLEG)
    assert float(table.at["buiten_norm_pct", "scenario"]) >= float(table.at["buiten_norm_pct", "nu"])
    assert all(isinstance(u, str) and len(u) > 20 for u in table["uitleg"])
    from gebied.scenario.rechtvaardigheid import doelgroep_weights

    kids, everyone = doelgroep_weights(ctx, "4-11"), doelgroep_weights(ctx, None)
    # 4-11 is 8/15 of 0-14, a tenth or so of everyone: the group's own people, kern by kern
    assert 0.03 * everyone.sum() < kids.sum() < 0.2 * everyone.sum()
    assert np.all(kids <= everyone + 1e-9)


def test_per_year_weights_follow_the_prognose_of_each_kern(ctx):
    """In the base year the per-year weights are the base weights; later the doelgroep grows or shrinks per kern as
    the prognose says, spread over the kern's points as its inhabitants are today."""
    from gebied.scenario.rechtvaardigheid import doelgroep_weights
    from gebied.toekomst.prognose import basisjaar, bevolking

    base = basisjaar(ctx.area)
    bev = bevolking(ctx.area, [base, base + 10])
    for groep in (None, "75+", "4-11"):
        now = doelgroep_weights(ctx, groep)
        assert doelgroep_weights(ctx, groep, bev=bev, jaar=base) == pytest.approx(now, rel=1e-6, abs=1e-9)
    later = doelgroep_weights(ctx, "75+", bev=bev, jaar=base + 10)
    table = bev.jaar(base + 10)
    from gebied.toekomst.leeftijd import coefficients, groep_ids

    expected = table[groep_ids(ctx.catalogue)].to_numpy() @ coefficients(ctx.catalogue, "75+")
    per_kern = np.bincount(ctx.kern_index, weights=later, minlength=len(ctx.kern_labels))
    assert per_kern == pytest.approx(np.array([dict(zip(table.index, expected)).get(k, 0.0)
                                               for k in ctx.kern_labels]), rel=5e-4)  # buitengebied: points ≈ rest


def test_per_kind_and_side_by_side_agree_with_the_single_table(ctx):
    from gebied.scenario.model import baseline
    from gebied.scenario.rechtvaardigheid import per_soort, vergelijk
    from gebied.scenario.rules import rule_scenario
    from gebied.toekomst.prognose import basisjaar, bevolking

    sc = rule_scenario(ctx, "grootste")
    base = basisjaar(ctx.area)
    bev = bevolking(ctx.area, [base, base + 10])
    rows = per_soort(sc, ctx, bev, [base, base + 10]).set_index("voorziening")
    single = fairness_table(sc, ctx, "basisonderwijs", "4-11").set_index("maat")
    assert rows.loc["basisonderwijs", "doelgroep"] == "4-11"
    assert rows.loc["basisonderwijs", "buiten_norm"] == pytest.approx(single.loc["buiten_norm_pct", "scenario"])
    assert rows.loc["basisonderwijs", "buiten_norm_nu"] == pytest.approx(single.loc["buiten_norm_pct", "nu"])
    assert rows.loc["basisonderwijs", f"buiten_norm_{base}"] == pytest.approx(rows.loc["basisonderwijs",
                                                                                       "buiten_norm"], abs=1e-6)
    side = vergelijk([baseline(ctx.area), sc], ctx, "basisonderwijs", "4-11")
    assert list(side.columns) == ["Huidige situatie", sc.naam]  # the baseline scenario is today's column
    assert side.loc["gini", sc.naam] == pytest.approx(single.loc["gini", "scenario"])
    assert side.loc["gini", "Huidige situatie"] == pytest.approx(single.loc["gini", "nu"])
