"""One multi-source search gives what the full matrix gives: each address's nearest accommodatie, its time,
and coverage within a norm."""

import numpy as np
import pytest
import shapely

from gebied.bereik.dichtstbij import covered_search, nearest_search
from gebied.bereik.matrices import demand_points


@pytest.fixture(scope="module")
def setting(default_area, fiets):
    g, mat = fiets
    pts = demand_points(default_area)
    return g, mat, pts[["x", "y"]].to_numpy(), shapely.get_coordinates(default_area.accommodaties.geometry.values)


def test_nearest_time_and_target_equal_the_matrix(setting):
    g, mat, pts, targets = setting
    secs, best = nearest_search(g, pts, targets)
    ref = mat.seconds.min(axis=1)
    assert np.array_equal(np.isfinite(secs), np.isfinite(ref))
    ok = np.isfinite(ref)
    assert secs[ok] == pytest.approx(ref[ok], abs=1e-6)
    # the target named is one at that time (ties may name another of equal time)
    assert mat.seconds[np.flatnonzero(ok), best[ok]] == pytest.approx(ref[ok], abs=1e-6)
    assert (best[~ok] == -1).all()


@pytest.mark.parametrize("minutes", [5, 15])
def test_a_search_with_a_cutoff_gives_the_coverage_of_the_norm(setting, minutes):
    g, mat, pts, targets = setting
    subset = np.arange(0, len(targets), 3)  # a third of the accommodaties, as one voorziening kind
    covered = covered_search(g, pts, targets[subset], minutes * 60.0)
    assert np.array_equal(covered, mat.seconds[:, subset].min(axis=1) <= minutes * 60.0 + 1e-9)
    secs, best = nearest_search(g, pts, targets[subset], minutes * 60.0)
    assert np.all(np.isinf(secs[~covered])) and np.all(best[~covered] == -1)


def test_no_targets_means_nobody_is_covered(setting):
    g, _, pts, _ = setting
    secs, best = nearest_search(g, pts, np.zeros((0, 2)))
    assert np.isinf(secs).all() and (best == -1).all()
