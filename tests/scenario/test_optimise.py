"""The optimiser finds known optima; generated scenarios respect their constraints."""

import itertools

import numpy as np
import pytest

from gebied.scenario.evaluate import evaluate
from gebied.scenario.model import validate_scenario
from gebied.scenario.optimise import Instance, capacity_excluded, optimal_scenario, solve
from gebied.scenario.rules import REGELS, candidates, rule_scenario


def brute(inst: Instance, objective):
    best = None
    n_c = inst.minutes.shape[1]
    if inst.groups:
        choices = itertools.product(*inst.groups)
    else:
        choices = itertools.combinations(range(n_c), inst.p)
    for combo in choices:
        value = objective(np.array(combo))
        if best is None or value < best[0]:
            best = (value, set(combo))
    return best


def p_median_value(inst):
    return lambda open_: float(np.dot(inst.weights, inst.minutes[:, open_].min(axis=1)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_one_per_group_finds_the_brute_force_optimum(seed):
    rng = np.random.default_rng(seed)
    t = rng.uniform(1, 30, size=(25, 7))
    inst = Instance(rng.uniform(1, 100, 25), t, np.array([f"a{i}" for i in range(7)]),
                    [np.array([0, 1, 2]), np.array([3, 4]), np.array([5, 6])], rng.integers(-1, 3, 25))
    x, rep = solve(inst)
    value, combo = brute(inst, p_median_value(inst))
    assert set(np.flatnonzero(x)) == combo
    assert rep.objective == pytest.approx(value) and rep.gap <= 1e-9


def test_plain_p_median_finds_the_brute_force_optimum():
    rng = np.random.default_rng(11)
    t = rng.uniform(1, 30, size=(30, 8))
    inst = Instance(rng.uniform(1, 50, 30), t, np.arange(8).astype(str), [], np.full(30, -1), p=3)
    x, rep = solve(inst)
    value, combo = brute(inst, p_median_value(inst))
    assert set(np.flatnonzero(x)) == combo and rep.objective == pytest.approx(value)
    assert not rep.lp_integral  # the relaxation splits locations here: the MIP found the optimum


def test_maximal_coverage_finds_the_brute_force_optimum():
    rng = np.random.default_rng(5)
    t = rng.uniform(1, 30, size=(40, 6))
    inst = Instance(rng.uniform(1, 50, 40), t, np.arange(6).astype(str), [np.array([0, 1, 2]), np.array([3, 4, 5])],
                    np.full(40, -1))
    x, rep = solve(inst, "dekking", norm=10)
    covered = lambda o: -float(inst.weights[(inst.minutes[:, o] <= 10).any(axis=1)].sum())  # noqa: E731
    value, _ = brute(inst, covered)
    assert rep.objective == pytest.approx(-value)
    assert covered(np.flatnonzero(x)) == pytest.approx(value)


def test_optimal_scenario_respects_one_per_kern_and_capacity(ctx):
    sc, rep = optimal_scenario(ctx)
    area = ctx.area
    assert validate_scenario(sc, area) == []
    cand = candidates(area)
    assert set(sc.kernen) == set(cand["kern_id"])  # every kern with candidates keeps exactly one location
    assert not set(sc.kernen.values()) & set(rep.uitgesloten_capaciteit)
    assert rep.status == "Optimal" and rep.gap < 1e-6
    ev = evaluate(sc, ctx)
    kept_in_scope = ev.open_mask & area.accommodaties["accommodatie_id"].isin(cand["accommodatie_id"]).to_numpy()
    assert kept_in_scope.sum() == len(sc.kernen)
    # the optimum is at least as good as every rule on its own objective
    for regel in REGELS:
        other = rule_scenario(ctx, regel)
        open_other = set(other.kernen.values())
        assert rep.objective <= _objective(ctx, open_other) + 1e-6


@pytest.mark.parametrize(("doel", "norm"), [("reistijd", None), ("dekking", 5.0), ("dekking", 12.0)])
def test_a_whole_relaxed_optimum_is_the_mip_optimum(ctx, doel, norm):
    """Where the linear relaxation already keeps whole locations (every question on the default area), its
    answer is the one the full MIP gives."""
    import highspy

    from gebied.scenario.optimise import _allowed, _model, build_instance

    inst, _ = build_instance(ctx, "fiets")
    x, rep = solve(inst, doel, norm)
    assert rep.lp_integral and rep.gap == 0.0
    ui, cj = np.nonzero(_allowed(inst))
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(_model(inst, doel, norm, ui, cj))
    h.run()
    x_mip = np.array(h.getSolution().col_value[: len(inst.cand_ids)]) > 0.5
    best = inst.minutes[:, x_mip].min(axis=1)
    mip = float(np.dot(inst.weights, best)) if doel == "reistijd" else float(inst.weights[best <= norm].sum())
    assert rep.objective == pytest.approx(mip, rel=1e-9)
    tie_break = 0.0 if doel == "reistijd" else 1e-6 * float(np.dot(inst.weights, best))  # 'dekking' prefers near
    assert abs(rep.bound - mip) <= tie_break + 1e-6 * mip  # bound and objective meet: proven optimal


def _objective(ctx, open_ids):
    from gebied.scenario.optimise import build_instance

    inst, _ = build_instance(ctx, "fiets", 100.0)
    cols = [i for i, a in enumerate(inst.cand_ids) if a in open_ids]
    if len(cols) < len(open_ids):
        return np.inf  # a rule picked a location the capacity rule excludes
    return float(np.dot(inst.weights, inst.minutes[:, cols].min(axis=1)))


def test_capacity_excludes_only_buildings_known_to_be_too_small(default_area):
    cand = candidates(default_area)
    out = capacity_excluded(default_area, cand, 100.0)
    acc = default_area.accommodaties.set_index("accommodatie_id")
    assert all(np.isfinite(acc.loc[a, "m2"]) for a in out)
    for _kern, ids in cand.groupby("kern_id")["accommodatie_id"]:
        assert not set(ids) <= set(out)  # every kern keeps at least one option
