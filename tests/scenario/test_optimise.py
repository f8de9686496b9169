"""The optimiser finds known optima: a hand-checkable instance for every question, brute force on random ones,
and optimal scenario's of the default area that respect their constraints."""

import itertools

import numpy as np
import pytest

from gebied.core.errors import GebiedError
from gebied.scenario.evaluate import evaluate
from gebied.scenario.model import validate_scenario
from gebied.scenario.optimise import capacity_excluded, los_op, optimal_scenario, waarde
from gebied.scenario.rules import REGELS, candidates, rule_scenario
from gebied.scenario.vraag import Probleem, Vraag


def hand() -> Probleem:
    """Four kernen A–D in a row, one demand point each; six locations (two in A, one in B, two in C, one in D).

    Times (minutes)  a1  a2  b1  c1  c2  d1      weights: A 100, B 20, C 100, D 10
    point A           1   3   6  12  14  20      costs (k€): a1 100, a2 60, b1 50, c1 80, c2 90, d1 40
    point B           5   4   1   7   6  15
    point C          12  10   7   2   1   9
    point D          20  18  15   8   9   1
    """
    t = np.array([[1, 3, 6, 12, 14, 20], [5, 4, 1, 7, 6, 15], [12, 10, 7, 2, 1, 9], [20, 18, 15, 8, 9, 1]], float)
    w = np.array([100, 20, 100, 10], float)
    return Probleem(t, w, w, np.arange(4), np.array([0, 0, 1, 2, 2, 3]),
                    np.array(["a1", "a2", "b1", "c1", "c2", "d1"], dtype=object),
                    np.array([100, 60, 50, 80, 90, 40], float) * 1000, np.zeros(6, dtype=bool), list("ABCD"))


def kept(keep: np.ndarray) -> set[str]:
    return set(hand().cand_ids[keep])


@pytest.mark.parametrize(("vraag", "expected", "value"), [
    # one per kern: everyone at their own kern's nearest location, 100 + 20 + 100 + 10 minutes
    (Vraag("reistijd"), {"a1", "b1", "c2", "d1"}, 230.0),
    # a cluster: two locations for four kernen; B shares A's location, D shares C's
    (Vraag("reistijd", "hoogstens", aantal=2), {"a1", "c2"}, 100 + 5 * 20 + 100 + 9 * 10),
    # the raad keeps c1: the best second location is a1
    (Vraag("reistijd", "hoogstens", aantal=2, houden=("c1",)), {"a1", "c1"}, 100 + 100 + 200 + 80),
    # a budget of € 150,000: a2 + c2 (the cheapest pair near both large kernen)
    (Vraag("reistijd", "hoogstens", budget=150_000), {"a2", "c2"}, 300 + 80 + 100 + 90),
    # set cover: everyone within 5 minutes needs A, C and D covered: three locations
    (Vraag("minste_locaties", "hoogstens", norm=5, max_buiten_norm_pct=0), None, 3.0),
    # ... and with 10 % allowed beyond the norm, D (10 of 230) may be: two
    (Vraag("minste_locaties", "hoogstens", norm=5, max_buiten_norm_pct=10), None, 2.0),
    # p-center with two locations: b1 + d1 keep everyone within 7 minutes (C's point)
    (Vraag("kleinste_maximum", "hoogstens", aantal=2), {"b1", "d1"}, 7.0),
    # the cheapest keeping A, B and C within 5 minutes: a2 (covers A and B) + c1
    (Vraag("laagste_kosten", "hoogstens", norm=5, max_buiten_norm_pct=10), {"a2", "c1"}, 140_000.0),
    (Vraag("dekking", norm=5), None, 230.0),
])
def test_every_question_has_its_hand_computed_optimum(vraag, expected, value):
    p = hand()
    keep, rep = los_op(p, vraag)
    assert rep.status == "Optimal" and rep.gap == 0.0
    assert rep.objective == pytest.approx(value)
    if expected is not None:
        assert kept(keep) == expected
    if vraag.per_kern == "precies":
        assert all(keep[g].sum() == 1 for g in p.groups())


def test_kern_median_as_a_worst_case_and_as_a_constraint():
    p = hand()
    keep, rep = los_op(p, Vraag("kleinste_maximum", "hoogstens", aantal=1, maximum_over="kernmediaan"))
    assert kept(keep) == {"c1"} and rep.objective == pytest.approx(12.0)  # max(12, 7, 2, 8)
    keep, _ = los_op(p, Vraag("reistijd", "hoogstens", aantal=2, max_kern_mediaan=7))
    assert kept(keep) == {"b1", "d1"}  # the only pair with every kern within 7 minutes


@pytest.mark.parametrize(("vraag", "line"), [
    # one location cannot keep everyone within 5 minutes: a1 or a2 reach A and B, 120 of 230 → 47.8 % beyond
    (Vraag("reistijd", "hoogstens", aantal=1, norm=5, max_buiten_norm_pct=0),
     "hoogstens 0,0 % buiten 5 min: met de andere eisen blijft minstens 47,8 % buiten de norm (47,8 procentpunt "
     "te veel)"),
    (Vraag("reistijd", "hoogstens", aantal=1, max_kern_mediaan=5),
     "geen kernmediaan boven 5,0 min: met de andere eisen is het kleinste haalbare 12,0 min (7,0 min te streng)"),
    (Vraag("reistijd", "hoogstens", budget=100_000, norm=5, max_buiten_norm_pct=10),
     "budget: € 100.000 per jaar; met de andere eisen is minstens € 140.000 nodig (€ 40.000 tekort)"),
    (Vraag("reistijd", "precies", aantal=3), "vragen er al 4"),
    (Vraag("reistijd", "hoogstens", houden=("a1", "a2")), "kern A: 2 locaties vast open, maar hoogstens één per kern"),
])
def test_an_infeasible_question_says_which_constraint_and_by_how_much(vraag, line):
    with pytest.raises(GebiedError) as exc:
        los_op(hand(), vraag)
    assert any(line in p for p in exc.value.problems), exc.value.problems
    assert exc.value.nl.startswith("Deze vraag heeft geen oplossing")


def test_unknown_fixed_choice_is_refused_by_name():
    with pytest.raises(GebiedError, match="x9"):
        los_op(hand(), Vraag(houden=("x9",)))


def _brute(p: Probleem, v: Vraag, sizes) -> float:
    best = np.inf
    n = len(p.cand_ids)
    for r in sizes:
        for combo in itertools.combinations(range(n), r):
            keep = np.zeros(n, dtype=bool)
            keep[list(combo)] = True
            if v.per_kern == "precies" and any(keep[g].sum() != 1 for g in p.groups()):
                continue
            if v.per_kern == "hoogstens" and any(keep[g].sum() > 1 for g in p.groups()):
                continue
            value = waarde(p, v, keep)
            best = min(best, -value if v.doel == "dekking" else value)
    return -best if v.doel == "dekking" else best


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(("doel", "per_kern"), [("reistijd", "precies"), ("reistijd", "vrij"),
                                                ("dekking", "hoogstens"), ("kleinste_maximum", "vrij")])
def test_random_instances_match_brute_force(seed, doel, per_kern):
    rng = np.random.default_rng(seed)
    t = rng.uniform(1, 30, size=(40, 8))
    w = rng.uniform(1, 100, 40)
    p = Probleem(t, w, w, rng.integers(-1, 4, 40), np.array([0, 0, 1, 1, 2, 2, 3, 3]), np.arange(8).astype(str),
                 np.full(8, np.nan), np.zeros(8, dtype=bool), list("ABCD"))
    aantal = None if per_kern == "precies" else 3
    v = Vraag(doel, per_kern, aantal=aantal, norm=10.0 if doel == "dekking" else None)
    keep, rep = los_op(p, v)
    sizes = [4] if per_kern == "precies" else range(1, 4)
    assert rep.objective == pytest.approx(_brute(p, v, sizes))
    assert waarde(p, v, keep) == pytest.approx(rep.objective)


def test_plain_p_median_takes_a_cost_matrix_like_spopt():
    rng = np.random.default_rng(11)
    t = rng.uniform(1, 30, size=(30, 8))
    w = rng.uniform(1, 50, 30)
    p = Probleem.van_matrix(t, w)
    v = Vraag("reistijd", "vrij", aantal=3)
    keep, rep = los_op(p, v)
    assert keep.sum() == 3 and rep.objective == pytest.approx(_brute(p, v, [3]))


def test_optimal_scenario_respects_one_per_kern_and_capacity(ctx):
    sc, rep = optimal_scenario(ctx)
    area = ctx.area
    assert validate_scenario(sc, area) == []
    cand = candidates(area)
    assert set(sc.kernen) == set(cand["kern_id"])  # every kern with candidates keeps exactly one location
    assert all(loc is not None for loc in sc.kernen.values())
    assert not set(sc.kernen.values()) & set(rep.uitgesloten_capaciteit)
    assert rep.status == "Optimal" and rep.gap == 0.0
    ev = evaluate(sc, ctx)
    kept_in_scope = ev.open_mask & area.accommodaties["accommodatie_id"].isin(cand["accommodatie_id"]).to_numpy()
    assert kept_in_scope.sum() == len(sc.kernen)
    # the optimum is at least as good as every rule on its own objective (travel time to the kept locations)
    from gebied.scenario.vraag import probleem

    p = probleem(ctx)
    for regel in REGELS:
        other = set(rule_scenario(ctx, regel).kernen.values())
        keep = np.array([a in other for a in p.cand_ids])
        if keep.sum() == len(other):  # a rule may pick a location the capacity rule excludes
            assert rep.objective <= waarde(p, Vraag(), keep) + 1e-6


def test_a_cluster_scenario_moves_the_voorzieningen_of_kernen_without_a_location(ctx):
    sc, rep = optimal_scenario(ctx, Vraag("reistijd", "hoogstens", aantal=8))
    assert validate_scenario(sc, ctx.area) == []
    kept_locations = {a for a in sc.kernen.values() if a}
    assert len(kept_locations) <= 8 and rep.gap == 0.0
    without = {k for k, a in sc.kernen.items() if a is None}
    assert without and sc.verplaatsingen
    kern_of = dict(zip(ctx.area.accommodaties["accommodatie_id"], ctx.area.accommodaties["kern_id"]))
    assert {kern_of[m.van] for m in sc.verplaatsingen} <= without
    assert {m.naar for m in sc.verplaatsingen} <= kept_locations
    ev = evaluate(sc, ctx)
    assert ev.moves["naar"].notna().sum() >= len(sc.verplaatsingen)  # nothing of a clustered kern just stops


def test_capacity_excludes_only_buildings_known_to_be_too_small(default_area):
    cand = candidates(default_area)
    out = capacity_excluded(default_area, cand, 100.0)
    acc = default_area.accommodaties.set_index("accommodatie_id")
    assert all(np.isfinite(acc.loc[a, "m2"]) for a in out)
    for _kern, ids in cand.groupby("kern_id")["accommodatie_id"]:
        assert not set(ids) <= set(out)  # every kern keeps at least one option
