"""Exact fronts of saving against coverage: one part enumerated whole, and independent parts added up, both equal
to the front found by trying every choice."""

import itertools

import numpy as np
import pytest

from gebied.scenario.pareto import delen, front, regio_front
from gebied.scenario.vraag import Probleem, Vraag


def two_villages(seed: int) -> Probleem:
    """Two groups of kernen 40 minutes apart (nobody reaches the other group within 10 minutes): 8 candidates,
    four kernen of two candidates each, whole-euro costs."""
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, 6, size=(24, 1)) + np.repeat([0.0, 40.0], 12)[:, None]
    cand = np.array([1, 2, 3, 4, 41, 42, 43, 44], dtype=float)
    t = np.abs(pts - cand[None, :]) * rng.uniform(1.5, 3.0, size=(24, 8))
    w = rng.integers(1, 30, 24).astype(float)
    kern = np.repeat([0, 1, 2, 3], 6)
    return Probleem(t, w, w, kern, np.array([0, 0, 1, 1, 2, 2, 3, 3]), np.array(list("abcdefgh"), dtype=object),
                    rng.integers(10, 90, 8).astype(float) * 1000, np.zeros(8, dtype=bool), list("ABCD"))


def brute_front(p: Probleem, norm: float) -> list[tuple[float, float]]:
    """Every choice with at most one candidate per kern; the non-dominated (cost, covered) pairs, cheapest first."""
    options = [[None, *g.tolist()] for g in p.groups()]
    pairs = set()
    for combo in itertools.product(*options):
        keep = np.zeros(len(p.cand_ids), dtype=bool)
        keep[[c for c in combo if c is not None]] = True
        t = p.minutes[:, keep].min(axis=1) if keep.any() else np.full(len(p.minutes), np.inf)
        pairs.add((float(p.kosten[keep].sum()), round(float(p.doelgroep[t <= norm].sum()), 6)))
    out: list[tuple[float, float]] = []
    for cost, cov in sorted(pairs, key=lambda q: (q[0], -q[1])):
        if not out or cov > out[-1][1]:
            out.append((cost, cov))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_front_of_one_part_and_of_independent_parts_is_the_brute_force_front(seed):
    p = two_villages(seed)
    v = Vraag("laagste_kosten", "hoogstens", norm=10.0)
    parts = delen(p, 10.0)
    assert sorted(len(c) for c, _ in parts) == [4, 4]  # the two villages
    expected = brute_front(p, 10.0)
    whole, _ = regio_front(p, v)
    assert [(c, round(cov, 6)) for c, cov, _ in whole] == expected
    one, _ = front(p, v)  # the same problem enumerated as one part
    assert [(c, round(cov, 6)) for c, cov, _ in one] == expected
    for cost, cov, keep in whole:  # each point's kept locations give its figures
        t = p.minutes[:, keep].min(axis=1) if keep.any() else np.full(len(p.minutes), np.inf)
        assert p.kosten[keep].sum() == cost and p.doelgroep[t <= 10.0].sum() == pytest.approx(cov)


def test_a_question_that_couples_the_parts_is_not_split():
    p = two_villages(1)
    assert regio_front(p, Vraag("laagste_kosten", "hoogstens", norm=10.0, aantal=2)) is None
