"""Nearest voorziening, coverage and weighted quantiles."""

import numpy as np
import pandas as pd
import pytest
from helpers.networks import LINE, WALK, both, net

from gebied.bereik.dekking import dekking, nearest
from gebied.bereik.engine import graph_for, travel_matrix
from gebied.bereik.statistiek import weighted_quantile


def test_island_is_unreachable_and_counted_in_coverage():
    island = net({1: (0, 0), 2: (1000, 0), 8: (5000, 0), 9: (5100, 0)}, both(1, 2) + both(8, 9))
    g = graph_for(island, WALK)
    m = travel_matrix(g, [(0, 0), (5050, 0)], [(1000, 0)], point_ids=np.array(["a", "b"]),
                      target_ids=np.array(["school"]))
    vz = pd.DataFrame({"accommodatie_id": ["school"], "voorziening": ["basisonderwijs"]})
    near = nearest(m, vz)
    assert near.set_index("punt_id").loc["b", "bereikbaar"] == False  # noqa: E712
    pts = pd.DataFrame({"punt_id": ["a", "b"], "kern_id": ["K1", "K1"], "inwoners": [10.0, 5.0]})
    cov = dekking(near, pts, pd.DataFrame({"kern_id": ["K1"], "naam": ["Dorp"]}), 15)
    row = cov[cov["kern_id"] == "K1"].iloc[0]
    assert row["binnen"] == 10 and row["onbereikbaar"] == 5 and row["buiten"] == 0
    assert row["aandeel_binnen"] == pytest.approx(10 / 15)


def test_nearest_picks_the_closest_open_host():
    g = graph_for(LINE, WALK)
    m = travel_matrix(g, [(0, 0)], [(1000, 0), (1500, 0), (0, 0)], target_ids=np.array(["b", "c", "gym"]))
    vz = pd.DataFrame({"accommodatie_id": ["b", "c", "gym"],
                       "voorziening": ["basisonderwijs", "basisonderwijs", "sport"]})
    near = nearest(m, vz, ["basisonderwijs"]).iloc[0]
    assert near["accommodatie_id"] == "b" and near["minuten"] == pytest.approx(12.0)
    closed_b = nearest(m, vz, ["basisonderwijs"], open_mask=np.array([False, True, True])).iloc[0]
    assert closed_b["accommodatie_id"] == "c" and closed_b["minuten"] == pytest.approx(18.0)


def test_weighted_quantile():
    assert weighted_quantile(np.array([1.0, 2.0, 10.0]), np.array([1.0, 8.0, 1.0]), 0.9) == 2.0
    assert weighted_quantile(np.array([1.0, 2.0, 10.0]), np.array([1.0, 8.0, 1.1]), 0.9) == 10.0
    assert np.isnan(weighted_quantile(np.array([]), np.array([]), 0.9))


def test_travel_time_distribution_counts_every_inhabitant_once():
    from gebied.bereik.dekking import reistijd_verdeling

    minutes = np.array([0.0, 1.0, 2.5, 14.9, 15.0, 44.0, 45.0, 300.0, np.inf])
    inwoners = np.array([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0])
    v = reistijd_verdeling(minutes, inwoners, norm=15.0)
    assert v["inwoners"].sum() == inwoners.sum()
    by = v.set_index("klasse")["inwoners"]
    assert by["0–2,5 min"] == 1.0 + 2.0 + 4.0 and by["2,5–5 min"] == 0.0  # a class holds its upper bound
    assert by["12,5–15 min"] == 8.0 + 16.0 and by["15–17,5 min"] == 0.0  # exactly the norm is within it
    assert by["42,5–45 min"] == 32.0 + 64.0
    assert by["meer dan 45 min"] == 128.0 and by["onbereikbaar"] == 256.0
    assert v.loc[v["binnen_norm"], "tot"].max() == 15.0


def test_nearest_without_metres_finds_the_same_hosts_and_times(default_area):
    """The per-kern report skips the distances (a network search per host by car); nothing else changes."""
    from gebied.bereik.matrices import area_matrix

    m = area_matrix(default_area, "auto")
    full = nearest(m, default_area.voorzieningen, ["basisonderwijs", "sport"])
    quick = nearest(m, default_area.voorzieningen, ["basisonderwijs", "sport"], metres=False)
    pd.testing.assert_frame_equal(full.drop(columns="meters"), quick.drop(columns="meters"))
    assert full["meters"][full["bereikbaar"]].notna().all() and quick["meters"].isna().all()


def test_coverage_finds_each_points_kern_whatever_the_order_of_the_points(default_area):
    """The points' kern and inhabitants are taken by position when both frames list the same points in the same
    order, else by id: the same coverage either way, and a point missing from the points is in no kern, its
    inhabitants unknown (as a left merge on punt_id gives)."""
    from gebied.bereik.dekking import demand_points
    from gebied.bereik.matrices import area_matrix

    pts = demand_points(default_area)
    near = nearest(area_matrix(default_area, "fiets"), default_area.voorzieningen, ["basisonderwijs", "sport"])
    assert (near["punt_id"].to_numpy()[: len(pts)] == pts["punt_id"].to_numpy()).all()  # the same order
    kernen = default_area.kernen
    same = dekking(near[near["voorziening"] == "sport"].reset_index(drop=True), pts, kernen, 10.0)
    shuffled = pts.sample(frac=1.0, random_state=7)
    pd.testing.assert_frame_equal(dekking(near[near["voorziening"] == "sport"].reset_index(drop=True), shuffled,
                                          kernen, 10.0), same)
    both_kinds = dekking(near, shuffled, kernen, {"basisonderwijs": 15.0, "sport": 10.0})
    pd.testing.assert_frame_equal(both_kinds[both_kinds["voorziening"] == "sport"].reset_index(drop=True), same)
    half = pts.iloc[: len(pts) // 2]  # the other half's points: no kern (buitengebied), inhabitants unknown
    partial = dekking(near[near["voorziening"] == "sport"].reset_index(drop=True), half, kernen, 10.0)
    per_kern = partial[~partial["kern_id"].isin(["buitengebied", "totaal"])].set_index("kern_id")["inwoners"]
    expected = half[half["kern_id"].notna()].groupby("kern_id")["inwoners"].sum()
    pd.testing.assert_series_equal(per_kern.sort_index(), expected.sort_index().astype(float), check_names=False)


@pytest.mark.parametrize("modus", ["lopen", "auto"])
def test_kern_report_is_the_coverage_of_each_points_nearest(default_area, modus):
    """The per-kern report (group statistics over every point's minutes) equals :func:`dekking` over
    :func:`nearest`'s table, rounded as shown; the same from the minutes and groups a caller already has, from
    the points in another order, and a point the matrix lacks counts as unreachable."""
    from gebied.bereik.dekking import hosts, kern_groepen, kern_report
    from gebied.bereik.matrices import area_matrix, demand_points

    pts, kernen = demand_points(default_area), default_area.kernen
    m = area_matrix(default_area, modus)
    for soort in ("basisonderwijs", "sport"):
        report = kern_report(default_area, modus, soort, 12.0, matrix=m, points=pts)
        cov = dekking(nearest(m, default_area.voorzieningen, [soort], metres=False), pts, kernen, 12.0)
        expected = cov.set_index("kern_id").loc[report["kern_id"]]
        assert set(report["kern_id"]) == set(cov["kern_id"])
        order = [*kernen["kern_id"], "buitengebied", "totaal"]
        assert list(report["kern_id"]) == [k for k in order if k in set(cov["kern_id"])]
        assert list(report["kern"]) == list(expected["kern"])
        for col, (src, digits) in {"inwoners": ("inwoners", 0), "buiten_norm": ("buiten", 0),
                                   "onbereikbaar": ("onbereikbaar", 0), "gem_minuten": ("gem_minuten", 1),
                                   "p90_minuten": ("p90_minuten", 1), "max_minuten": ("max_minuten", 1)}.items():
            np.testing.assert_allclose(report[col], expected[src].round(digits), atol=1e-9, err_msg=col)
        np.testing.assert_allclose(report["binnen_norm_pct"], (expected["aandeel_binnen"] * 100).round(1))
        given = kern_report(default_area, modus, soort, 12.0, points=pts, groepen=kern_groepen(pts, kernen),
                            minutes=m.nearest_minutes(hosts(default_area.voorzieningen, m.target_ids, soort)))
        pd.testing.assert_frame_equal(given, report)
        shuffled = kern_report(default_area, modus, soort, 12.0, matrix=m, points=pts.sample(frac=1, random_state=3))
        pd.testing.assert_frame_equal(shuffled, report, check_exact=False, atol=0.051)
    extra = pd.concat([pts, pd.DataFrame({"punt_id": ["nergens"], "kern_id": [None], "inwoners": [7.0]})],
                      ignore_index=True)
    more = kern_report(default_area, modus, "sport", 12.0, matrix=m, points=extra).set_index("kern_id")
    assert more.at["totaal", "onbereikbaar"] == report.set_index("kern_id").at["totaal", "onbereikbaar"] + 7
