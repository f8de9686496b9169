"""The optimiser model's reductions: points grouped by equal rows, by hash and checked."""

from __future__ import annotations

import numpy as np

from gebied.scenario import mip


def _grouping(first: np.ndarray, inv: np.ndarray) -> set[tuple[int, ...]]:
    return {tuple(np.flatnonzero(inv == g)) for g in range(len(first))}


def test_same_rows_groups_exactly_the_equal_rows_in_order_of_their_first():
    rng = np.random.default_rng(3)
    base = np.round(rng.random((40, 12)) * 30, 6)
    base[5, 3] = np.inf
    a = base[rng.integers(0, 40, 500)]
    first, inv = mip.same_rows(a)
    _, ref_first, ref_inv = np.unique(a, axis=0, return_index=True, return_inverse=True)
    assert _grouping(first, inv) == _grouping(ref_first, ref_inv.ravel())
    assert (np.diff(first) > 0).all() and (a[first[inv]] == a).all()
    assert inv[0] == 0


def test_same_rows_counts_negative_zero_as_zero():
    a = np.array([[0.0, 1.0], [-0.0, 1.0], [0.0, 2.0]])
    first, inv = mip.same_rows(a)
    assert list(inv) == [0, 0, 1] and list(first) == [0, 2]


def test_rows_that_share_a_hash_are_still_told_apart(monkeypatch):
    """Every row given the same hash: the check finds different rows in one group and the rows are sorted out
    exactly."""
    a = np.array([[1.0, 2.0], [3.0, 4.0], [1.0, 2.0], [5.0, np.inf]])
    monkeypatch.setattr(mip, "row_keys", lambda x: np.zeros(len(x), dtype=np.uint64))
    first, inv = mip.same_rows(a)
    assert list(inv) == [0, 1, 0, 2] and list(first) == [0, 1, 3]


def test_offset_units_groups_points_whose_times_differ_by_a_constant():
    t = np.array([[1.0, 4.0, np.inf], [3.0, 6.0, np.inf], [2.0, 1.0, 5.0], [9.0, 9.0, 9.0], [np.inf] * 3])
    w = np.array([1.0, 2.0, 1.0, 0.0, 4.0])
    rep, group, offset = mip.offset_units(t, w)
    assert list(group) == [0, 0, 1, -1, -1]  # no weight, or nothing reachable: no group
    assert list(rep) == [0, 2] and list(offset[:3]) == [1.0, 3.0, 1.0]
