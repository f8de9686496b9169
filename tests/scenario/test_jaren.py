"""A scenario year by year on the hand-checked Oosterdorp example: every number by hand."""

import pytest
from helpers.hand import oost
from helpers.toekomst import future_area, write_tabel

from gebied.scenario.evaluate import make_context
from gebied.scenario.jaren import ONDER_NORM, OVERBEZET, evaluate_jaren
from gebied.scenario.model import Scenario
from gebied.toekomst.prognose import bevolking, read_prognose


@pytest.fixture(scope="module")
def future(hand, tmp_path_factory):
    area, ids, _ = hand
    area = future_area(area, opheffingsnorm=70, deelname={"sport": 0.5, "ontmoeting": 0.0})
    ctx = make_context(area)
    table = read_prognose(write_tabel(tmp_path_factory.mktemp("p") / "p.csv"), area)
    return area, ids, ctx, bevolking(area, [2025, 2030, 2035], prognose=table)


def test_every_year_by_hand(future):
    area, ids, ctx, bev = future
    sc = Scenario(naam="Alles in de school", kernen={oost(area): ids["De Kleine Wereld"]})
    ev = evaluate_jaren(sc, ctx, bev)
    school = ev.per_locatie[ev.per_locatie["accommodatie_id"] == ids["De Kleine Wereld"]].set_index(
        ["voorziening", "jaar"])
    # pupils: 4-11 = 8/15 of 0-14 of every kern (the only school): Oosterdorp 150/120/90, Westerdorp 20, buiten 0
    pupils = {2025: 8 / 15 * 170, 2030: 8 / 15 * 140, 2035: 8 / 15 * 110}
    # sport moved into the school: half of everybody (892 in 2025, 907 in 2030, 922 in 2035)
    sport = {2025: 0.5 * 892, 2030: 0.5 * 907, 2035: 0.5 * 922}
    for y in (2025, 2030, 2035):
        assert school.loc[("basisonderwijs", y), "gebruikers"] == pytest.approx(pupils[y])
        assert school.loc[("sport", y), "gebruikers"] == pytest.approx(sport[y])
        # occupancy after bundling (940 / 900 m²) follows the users of the location
        occ = 940 / 900 * 100 * (pupils[y] + sport[y]) / (pupils[2025] + sport[2025])
        assert school.loc[("basisonderwijs", y), "bezetting_pct"] == pytest.approx(occ)
    assert school.loc[("basisonderwijs", 2025), "signaal"] == OVERBEZET  # 104,4 %
    assert school.loc[("basisonderwijs", 2035), "signaal"] == f"{OVERBEZET}, {ONDER_NORM}"  # 58,7 < 70 pupils
    assert ONDER_NORM not in school.loc[("basisonderwijs", 2030), "signaal"]  # 74,7 pupils
    first = ev.eerste_probleem.set_index("accommodatie_id").loc[ids["De Kleine Wereld"]]
    assert first["eerste_jaar"] == 2025 and OVERBEZET in first["signaal"]
    totals = ev.per_jaar.set_index("jaar")
    assert totals.loc[2030, "inwoners"] == pytest.approx(907)
    assert totals.loc[2035, "leeftijd_65+"] == pytest.approx(252)
    assert totals.loc[2030, "gebruikers_basisonderwijs"] == pytest.approx(pupils[2030])
    assert totals.loc[2025, "locaties_met_signaal"] == 1


def test_no_scenario_keeps_the_gymzaal_for_sport(future):
    area, ids, ctx, bev = future
    ev = evaluate_jaren(Scenario(naam="Huidig"), ctx, bev, [2035])
    gym = ev.per_locatie.set_index(["accommodatie_id", "voorziening"]).loc[(ids["Gymzaal Oost"], "sport")]
    assert gym["gebruikers"] == pytest.approx(0.5 * 922)
    assert gym["bezetting_pct"] == pytest.approx(40 * 922 / 892)  # 40 % now, demand grows with the inhabitants


def test_a_meeting_place_that_loses_its_users_is_a_knelpunt(hand, tmp_path):
    from gebied.scenario.jaren import TE_STIL

    area, ids, _ = hand
    area = future_area(area, min_ontmoeting=3)  # ontmoeting: 65+ × 25 %
    ctx = make_context(area)
    table = read_prognose(write_tabel(tmp_path / "p.csv"), area)
    bev = bevolking(area, [2025, 2035], prognose=table)
    ev = evaluate_jaren(Scenario(naam="Huidig"), ctx, bev)
    meet = ev.per_locatie[ev.per_locatie["voorziening"] == "ontmoeting"].set_index(["accommodatie_id", "jaar"])
    total = meet["gebruikers"].groupby(level="jaar").sum()
    assert total[2025] == pytest.approx(0.25 * (150 + 11 + 1)) and total[2035] == pytest.approx(0.25 * (240 + 11 + 1))
    quiet = meet[meet["gebruikers"] < 3]
    assert len(quiet) and (quiet["signaal"] == TE_STIL).all()  # Westerdorp's dorpshuis: ~2,75 users
    assert (meet[meet["gebruikers"] >= 3]["signaal"] == "").all()


def test_users_per_year_are_each_points_share_summed_per_host(future):
    """:func:`gebruikers_per_jaar` sums per host and kern first; the same as spreading each kern's users over its
    points by inhabitants and adding every point to its nearest host, year by year."""
    import numpy as np

    from gebied.scenario.jaren import gebruikers_per_jaar, toewijzing

    area, ids, ctx, bev = future
    tw = toewijzing(Scenario(naam="Alles in de school", kernen={oost(area): ids["De Kleine Wereld"]}), ctx)
    got = gebruikers_per_jaar(tw, ctx, bev, bev.jaren)
    w = ctx.points["inwoners"].to_numpy(dtype=float)
    kern = [bev.kernen.index(k) if k in bev.kernen else len(bev.kernen) - 1
            for k in np.array(ctx.kern_labels)[ctx.kern_index]]
    for y, jaar in enumerate(bev.jaren):
        users = bev.waarden[bev.jaren.index(jaar)] @ tw.gebruik  # (kernen, soorten)
        want = np.zeros((len(tw.soorten), len(area.accommodaties)))
        for p, k in enumerate(kern):
            in_kern = w[[q for q, kk in enumerate(kern) if kk == k]].sum()
            for i in range(len(tw.soorten)):
                if tw.host[i][p] >= 0 and in_kern > 0:
                    want[i, tw.host[i][p]] += users[k, i] * w[p] / in_kern
        assert np.allclose(got[y], want)
        assert got[y].sum() > 0
