"""First open hosts in sorted lists: at once, and from the answer for other hosts."""

import numpy as np

from gebied.bereik.treffers import MAX_VERSCHIL, PerDoel, Treffers, first_hit, first_hit_after


def test_first_hit_takes_the_fastest_open_entry():
    indptr = np.array([0, 3, 3, 5])
    indices = np.array([2, 0, 1, 1, 2], dtype=np.int32)
    data = np.array([10, 20, 30, 5, 6], dtype=np.float32)
    t, c = first_hit(indptr, indices, data, np.array([True, True, False]), np.arange(3))
    assert list(c) == [0, -1, 1] and list(t[[0, 2]]) == [20, 5] and np.isinf(t[1])


def _lists(rng, nodes: int, targets: int):
    """Per node a few destinations sorted by time, with many equal times (whole seconds)."""
    indptr, indices, data = [0], [], []
    for _ in range(nodes):
        cols = rng.choice(targets, size=rng.integers(0, 12), replace=False)
        secs = np.sort(rng.integers(0, 40, len(cols)).astype(np.float32))
        indices += cols.tolist()
        data += secs.tolist()
        indptr.append(len(indices))
    return np.array(indptr), np.array(indices, dtype=np.int32), np.array(data, dtype=np.float32)


def test_first_hit_after_another_answer_is_the_same_as_anew_ties_included():
    """A scenario after the one before it: a few hosts close, a few open (some at the same time as a node's host),
    one after the other; every answer equals :func:`first_hit`'s, host for host."""
    rng = np.random.default_rng(11)
    nodes, targets = 3000, 200
    indptr, indices, data = _lists(rng, nodes, targets)
    per_doel = PerDoel.of(indptr, indices, data, targets)
    every = np.arange(nodes)
    mask = rng.random(targets) < 0.4
    before = Treffers(mask, *first_hit(indptr, indices, data, mask, every))
    for step in range(40):
        mask = mask.copy()
        mask[rng.choice(targets, size=rng.integers(1, 6), replace=False)] ^= True
        got = first_hit_after(indptr, indices, data, mask, before, per_doel)
        want = first_hit(indptr, indices, data, mask, every)
        assert got is not None
        assert np.array_equal(got[1], want[1]) and np.array_equal(got[0], want[0]), step
        before = Treffers(mask, *got)


def test_first_hit_after_a_far_other_answer_declines():
    rng = np.random.default_rng(3)
    indptr, indices, data = _lists(rng, 50, MAX_VERSCHIL + 10)
    mask = np.zeros(MAX_VERSCHIL + 10, dtype=bool)
    before = Treffers(mask, *first_hit(indptr, indices, data, mask, np.arange(50)))
    per_doel = PerDoel.of(indptr, indices, data, len(mask))
    assert first_hit_after(indptr, indices, data, ~mask, before, per_doel) is None
