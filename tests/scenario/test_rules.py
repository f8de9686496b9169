"""Rule-based scenario's."""



from gebied.scenario.model import validate_scenario
from gebied.scenario.rules import candidates, rule_scenario


def test_rules_pick_one_location_per_kern(ctx):
    area = ctx.area
    cand = candidates(area)
    big = rule_scenario(ctx, "grootste")
    for kern, loc in big.kernen.items():
        m2 = cand[cand["kern_id"] == kern].set_index("accommodatie_id")["m2"].fillna(0)
        assert m2[loc] == m2.max()
    staat = rule_scenario(ctx, "beste_staat")
    assert validate_scenario(staat, area) == []
