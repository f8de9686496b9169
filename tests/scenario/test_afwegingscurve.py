"""The afwegingscurve of the default area: a monotone front of valid scenario's, none dominated by a rule."""

import pytest

from gebied.scenario.afwegingscurve import afwegingscurve, meet
from gebied.scenario.model import validate_scenario
from gebied.scenario.rules import REGELS, rule_scenario
from gebied.scenario.vraag import Vraag


@pytest.fixture(scope="module")
def curve(ctx):
    return afwegingscurve(ctx, Vraag("laagste_kosten", "hoogstens", norm=15.0), "fiets", "75+", None, 15)


def test_the_curve_is_a_monotone_front_of_valid_scenarios(ctx, curve):
    assert 10 <= len(curve.punten) <= 15
    shares = [p.binnen_norm_pct for p in curve.punten]
    savings = [p.besparing for p in curve.punten]
    assert shares == sorted(shares, reverse=True) and savings == sorted(savings)
    assert len(set(zip(shares, savings))) == len(shares)
    for p in curve.punten:
        assert validate_scenario(p.scenario, ctx.area) == []
        again = meet(ctx, curve.probleem, p.scenario, 15.0)
        assert (again.besparing, again.binnen_norm_pct) == (p.besparing, p.binnen_norm_pct)


def test_no_rule_lies_beyond_the_front(ctx, curve):
    """For the share of the doelgroep a rule keeps within the norm, the optimiser's cheapest choice costs no more
    than the rule's locations: every rule lies on or under the front."""
    import numpy as np

    from gebied.scenario.optimise import los_op, waarde

    p = curve.probleem
    for regel in REGELS:
        kept = set(rule_scenario(ctx, regel).kernen.values())
        keep = np.array([a in kept for a in p.cand_ids])
        covered = waarde(p, Vraag("dekking", norm=15.0), keep)
        pct = 100.0 * (1.0 - (covered - 1e-6) / p.doelgroep.sum())
        best, rep = los_op(p, Vraag("laagste_kosten", "hoogstens", norm=15.0, max_buiten_norm_pct=pct))
        assert rep.gap == 0.0 and p.kosten[best].sum() <= p.kosten[keep].sum() + 1e-6
        assert waarde(p, Vraag("dekking", norm=15.0), best) >= covered - 1e-6
