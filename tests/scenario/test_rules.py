"""Rule-based scenario's."""

import numpy as np
import pytest

from gebied.scenario.model import validate_scenario
from gebied.scenario.rules import candidates, own_minutes, rule_scenario


def test_rules_pick_one_location_per_kern(ctx):
    area = ctx.area
    cand = candidates(area)
    big = rule_scenario(ctx, "grootste")
    for kern, loc in big.kernen.items():
        m2 = cand[cand["kern_id"] == kern].set_index("accommodatie_id")["m2"].fillna(0)
        assert m2[loc] == m2.max()
    staat = rule_scenario(ctx, "beste_staat")
    assert validate_scenario(staat, area) == []


def test_centraalst_keeps_the_accommodatie_nearest_in_walking_minutes_to_its_own_inhabitants(ctx):
    """The inhabitant-minutes of every candidate, looked up as pairs for all kernen at once, equal the sum over
    its own kern's points of its column; per kern the rule keeps the smallest."""
    mat, pts, cand = ctx.matrices["lopen"], ctx.points, candidates(ctx.area)
    got = own_minutes(mat, pts, cand)
    col = {a: i for i, a in enumerate(mat.target_ids)}
    w = pts["inwoners"].to_numpy(dtype=float)
    for i, (aid, kern) in enumerate(zip(cand["accommodatie_id"], cand["kern_id"])):
        sel = np.flatnonzero((pts["kern_id"] == kern).to_numpy())
        assert got[i] == pytest.approx(float(np.dot(w[sel], mat.columns(np.array([col[aid]]), sel)[:, 0])) / 60.0)
    per = cand.assign(score=got)
    for kern, loc in rule_scenario(ctx, "centraalst").kernen.items():
        assert per.set_index("accommodatie_id").at[loc, "score"] == per.loc[per["kern_id"] == kern, "score"].min()
