"""What every evaluation of one area reuses (:class:`Context`), and what it remembers between evaluations:
scenario's a planner tries one after another differ in a kern or two, so most voorziening kinds keep their hosts,
and the kinds that change are computed from what was computed before (see the architecture page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from gebied.area.model import Area
from gebied.bereik.dekking import host_matrix, kern_groepen, nearest_minutes
from gebied.bereik.interface import Bereik
from gebied.bereik.matrices import area_matrix, demand_points
from gebied.bereik.statistiek import Groepen, Tijdstats, group_stats, stats_of, update_stats
from gebied.core.catalogue import Catalogue, load_catalogue

MODI = ("lopen", "fiets")
#: What a :class:`Context` remembers of earlier evaluations (bytes of arrays), see :func:`remembered`.
MEMO_BYTES = 128 * 2**20
#: Per voorziening kind and mode, the statistics of its last few evaluated time sets (to update the next from).
KEEP_STATS = 3
T = TypeVar("T")


@dataclass
class Context:
    """What every evaluation of one area reuses: demand points and travel-time matrices."""

    area: Area
    catalogue: Catalogue
    points: pd.DataFrame
    matrices: dict[str, Bereik]
    soorten: list[str]
    baseline: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)  # modus -> soort -> minutes
    kern_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # per point: kern_labels pos
    kern_labels: list[str] = field(default_factory=list)  # kern ids + "buitengebied"
    baseline_stats: dict[tuple[str, str], dict[str, np.ndarray]] = field(default_factory=dict)
    hosts: dict[str, np.ndarray] = field(default_factory=dict)  # modus -> (n_soorten, n_targets) current hosts
    memo: dict[Any, tuple[Any, int]] = field(default_factory=dict, repr=False, compare=False)  # see remembered()
    groepen: Groepen | None = None  # the points per kern (kern_index), for statistics of a few kernen
    laatste: dict[tuple[str, str, float], list[Tijdstats]] = field(default_factory=dict, repr=False, compare=False)


def make_context(area: Area, catalogue: Catalogue | None = None, modi: tuple[str, ...] = MODI) -> Context:
    """Compute the matrices (walking and cycling) and the current nearest times once."""
    catalogue = catalogue or load_catalogue()
    points = demand_points(area)
    mats = {m: area_matrix(area, m, points=points) for m in modi}
    soorten = [v for v in catalogue.voorziening_ids() if v in set(area.voorzieningen["voorziening"])]
    ctx = Context(area, catalogue, points, mats, soorten)
    ctx.kern_index, ctx.kern_labels = kern_groepen(points, area.kernen)
    ctx.groepen = Groepen.of(ctx.kern_index, len(ctx.kern_labels))
    w = ctx.points["inwoners"].to_numpy(dtype=float)
    for m, mat in mats.items():
        ctx.hosts[m] = host_matrix(area.voorzieningen, mat.target_ids, soorten)
        ctx.baseline[m] = {s: nearest_minutes(mat, row) for s, row in zip(soorten, ctx.hosts[m])}
        for s in soorten:
            ctx.baseline_stats[(m, s)] = group_stats(ctx.kern_index, len(ctx.kern_labels), w, ctx.baseline[m][s],
                                                      norm_limit(area, s))
    return ctx


def norm_limit(area: Area, soort: str) -> float:
    """The norm (minutes) of ``soort`` in the area, ``inf`` where it has none."""
    norm = area.config.normen.get(soort)
    return float(norm.minuten) if norm is not None else np.inf


def remembered(ctx: Context, key: tuple, compute: Callable[..., T], *args: Any) -> T:
    """``compute(*args)``, remembered in ``ctx`` under ``key`` (up to :data:`MEMO_BYTES` of arrays, oldest forgotten
    first). Scenarios a planner tries one after another differ in a kern or two, so most voorziening kinds keep
    their hosts: their nearest times, hosts and statistics are not computed again. Safe for several threads
    (at worst a value is computed twice). The arrays of a remembered value are made read-only: they are shared."""
    hit = ctx.memo.get(key)
    if hit is not None:
        return hit[0]
    value = compute(*args)
    ctx.memo[key] = (value, _nbytes(value, freeze=True))
    total = sum(n for _, n in list(ctx.memo.values()))
    for old in list(ctx.memo):
        if total <= MEMO_BYTES:
            break
        total -= ctx.memo.pop(old, (None, 0))[1]
    return value


def nearest_of(ctx: Context, modus: str, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Seconds (s) and column of every point's nearest host in ``mask`` by ``modus`` (remembered, read-only)."""
    return remembered(ctx, ("dichtstbij", modus, mask.tobytes()), ctx.matrices[modus].nearest, mask)


def minutes_of(ctx: Context, modus: str, mask: np.ndarray) -> np.ndarray:
    """Minutes from every point to its nearest host in ``mask`` by ``modus`` (do not modify). From
    :func:`nearest_of`, which a scenario's year by year evaluation asks too, unless the store takes the minimum
    alone for less (a dense matrix)."""
    mat = ctx.matrices[modus]
    if mat.minimum_only_cheaper:
        return remembered(ctx, ("minuten", modus, mask.tobytes()), nearest_minutes, mat, mask)
    return nearest_of(ctx, modus, mask)[0] / 60.0  # not remembered twice: a division costs nothing


def _nbytes(value: Any, freeze: bool = False) -> int:
    """Bytes of the arrays in ``value`` (arrays, tuples, lists, dicts of them, data frames); ``freeze``: make its
    arrays read-only."""
    if isinstance(value, np.ndarray):
        if freeze:
            value.flags.writeable = False
        return int(value.nbytes)
    if isinstance(value, (tuple, list)):
        return sum(_nbytes(v, freeze) for v in value)
    if isinstance(value, dict):
        return sum(_nbytes(v, freeze) for v in value.values())
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(deep=False).sum())
    return 64


def kind_stats(ctx: Context, modus: str, soort: str, t: np.ndarray, limit: float) -> dict[str, np.ndarray]:
    """Per kern :func:`~gebied.bereik.statistiek.group_stats` of the times ``t`` of ``soort`` by ``modus``: updated
    from the kind's recent statistics closest to ``t`` (a scenario after the one before it moves the times of a few
    kernen, also when the optimiser's answers came in between), else computed anew."""
    assert ctx.groepen is not None
    w = ctx.points["inwoners"].to_numpy(dtype=float)
    recent = ctx.laatste.get((modus, soort, limit), [])
    before = min(recent, key=lambda b: int(np.count_nonzero(b.t != t)), default=None)  # fewest points changed
    now = stats_of(ctx.groepen, w, t, limit) if before is None else update_stats(ctx.groepen, w, t, limit, before)
    ctx.laatste[(modus, soort, limit)] = [*recent, now][-KEEP_STATS:]
    return now.stats
