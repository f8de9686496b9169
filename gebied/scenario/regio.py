"""A region in one area: the gemeenten it holds and what a scenario does to each.

Every kern, accommodatie and demand point knows its gemeente (built with the area). A scenario may
hold one gemeente's choices (``Scenario.gemeente``) or the whole region's; the figures here add
up per gemeente what :func:`gebied.scenario.evaluate.evaluate` found per kern and per point.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gebied.area.model import Area
from gebied.scenario.context import remembered
from gebied.scenario.evaluate import Context, Evaluation

#: Label for points and accommodaties outside every gemeente of the area.
ONBEKEND = "(buiten de gemeenten)"


def gemeenten(area: Area) -> list[str]:
    """The gemeenten of an area's kernen, in order of first appearance (empty for an area without them)."""
    if "gemeente" not in area.kernen:
        return []
    return [g for g in dict.fromkeys(area.kernen["gemeente"]) if isinstance(g, str) and g]


def per_gemeente(ev: Evaluation, ctx: Context) -> pd.DataFrame:
    """Per gemeente (and ``Totaal``): inhabitants, accommodaties, m², running cost and saving, and the
    inhabitants who lose a voorziening within its norm — before and after the scenario.

    Columns: ``gemeente``, ``inwoners``, ``accommodaties_voor``, ``accommodaties_na``, ``gesloten``,
    ``m2_voor``, ``m2_na``, ``kosten_voor``, ``kosten_na``, ``besparing`` (€/year) and
    ``verliest_voorziening_binnen_norm`` (inhabitants).
    """
    acc = ctx.area.accommodaties
    names, ai, pi = remembered(ctx, ("gemeenten",), _gemeente_index, ctx)
    n = len(names)
    m2 = acc["m2"].astype(float).fillna(0.0).to_numpy()
    cost = acc["exploitatielasten"].astype(float).fillna(0.0).to_numpy()
    op = ev.open_mask.astype(float)
    w = ctx.points["inwoners"].to_numpy(dtype=float)
    lost = ev.verliest if len(ev.verliest) == len(w) else np.zeros(len(w), dtype=bool)

    def per(index: np.ndarray, values: np.ndarray) -> np.ndarray:
        return np.bincount(index, weights=values, minlength=n)

    out = pd.DataFrame({
        "gemeente": names, "inwoners": per(pi, w),
        "accommodaties_voor": per(ai, np.ones(len(acc))).astype(int), "accommodaties_na": per(ai, op).astype(int),
        "m2_voor": per(ai, m2), "m2_na": per(ai, m2 * op), "kosten_voor": per(ai, cost),
        "kosten_na": per(ai, cost * op), "verliest_voorziening_binnen_norm": per(pi, w * lost)})
    out.insert(4, "gesloten", out["accommodaties_voor"] - out["accommodaties_na"])
    out.insert(9, "besparing", out["kosten_voor"] - out["kosten_na"])
    out = out[(out["inwoners"] > 0) | (out["accommodaties_voor"] > 0)]
    total = out.drop(columns="gemeente").sum().to_dict()
    return pd.concat([out, pd.DataFrame([{"gemeente": "Totaal", **total}])], ignore_index=True)


def _gemeente_index(ctx: Context) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The gemeenten of the area's table (its own first) and the position of each accommodatie's and demand
    point's gemeente among them."""
    acc = ctx.area.accommodaties
    acc_gem = _labels(acc.get("gemeente"), len(acc))
    pts_gem = _labels(ctx.points.get("gemeente"), len(ctx.points))
    names = list(dict.fromkeys([*gemeenten(ctx.area), *sorted(set(acc_gem.unique()) | set(pts_gem.unique()))]))
    return (names, pd.Categorical(acc_gem, categories=names).codes.astype(np.int64),
            pd.Categorical(pts_gem, categories=names).codes.astype(np.int64))


def _labels(values: pd.Series | None, n: int) -> pd.Series:
    """The gemeente of each row, :data:`ONBEKEND` where it has none."""
    if values is None:
        return pd.Series([ONBEKEND] * n, dtype=object)
    s = pd.Series(values, copy=False).astype("string")
    return s.where(s.notna() & (s.str.len() > 0), ONBEKEND).astype(object)
