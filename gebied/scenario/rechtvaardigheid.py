"""Who bears the burden: fairness figures of a scenario's travel times, per voorziening kind and doelgroep.

Every figure is over inhabitants (weights), with travel time as the burden:

- **buiten de norm**: the share of the group whose nearest voorziening lies beyond the norm (or cannot be
  reached);
- **slechtste kern**: the kern whose people travel longest (highest median), with its median and 90th
  percentile;
- **Gini**: how unequal travel times are, 0 (everyone the same) to 1 (one person travels all of it);
- **Palma**: the travel time of the 10 % who travel longest, divided by that of the 40 % who travel least.

Unreachable inhabitants count beyond the norm; in the Gini, Palma and percentiles they count at the largest
finite time (a stated floor, never dropped).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from gebied.core.catalogue import Catalogue, load_catalogue
from gebied.scenario.model import Scenario

if TYPE_CHECKING:
    from gebied.scenario.evaluate import Context
    from gebied.toekomst.prognose import Bevolking

#: One sentence per figure, shown where the figure is shown.
UITLEG: dict[str, str] = {
    "buiten_norm_pct": "aandeel van de groep dat de dichtstbijzijnde voorziening niet binnen de norm bereikt (%)",
    "slechtste_kern": "de kern waarvan de inwoners het langst onderweg zijn (hoogste mediaan)",
    "slechtste_mediaan": "mediane reistijd in die kern (minuten)",
    "slechtste_p90": "reistijd waarbinnen 90 % van die kern de voorziening bereikt (minuten)",
    "gini": "ongelijkheid van de reistijden, 0 = iedereen even ver, 1 = één persoon draagt alles",
    "palma": "reistijd van de 10 % die het verst weg wonen gedeeld door die van de 40 % die het dichtst bij wonen",
}


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The ``q`` quantile (0–1) of ``values`` with ``weights`` (the smallest value whose cumulative weight
    reaches ``q`` of the total); NaN without weight."""
    v, w = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    keep = w > 0
    if not keep.any():
        return float("nan")
    order = np.argsort(v[keep], kind="stable")
    v, cum = v[keep][order], np.cumsum(w[keep][order])
    return float(v[np.searchsorted(cum, q * cum[-1] - 1e-12)])


def gini(values: np.ndarray, weights: np.ndarray) -> float:
    """Weighted Gini coefficient of non-negative ``values`` (0 equal … 1 all with one); NaN without burden."""
    v, w = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    keep = w > 0
    v, w = v[keep], w[keep]
    order = np.argsort(v, kind="stable")
    v, w = v[order], w[order]
    total_w, total = w.sum(), (w * v).sum()
    if total_w <= 0 or total <= 0:
        return float("nan")
    # area between the line of equality and the Lorenz curve (trapezoids over the weighted points)
    cum = np.cumsum(w * v) / total
    prev = np.concatenate([[0.0], cum[:-1]])
    return float(1.0 - np.sum((w / total_w) * (cum + prev)))


def palma(values: np.ndarray, weights: np.ndarray) -> float:
    """Weighted Palma ratio of a burden: the share of the total borne by the top 10 % of people (longest) over
    the share borne by the bottom 40 % (shortest); inf when the bottom 40 % bear nothing."""
    v, w = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    order = np.argsort(v, kind="stable")
    v, w = v[order], w[order]
    cum = np.cumsum(w)
    total_w = cum[-1]

    def burden(lo: float, hi: float) -> float:
        """Burden of the people between cumulative shares lo and hi (fractions of a person's weight counted)."""
        start = np.concatenate([[0.0], cum[:-1]])
        part = np.clip(np.minimum(cum, hi * total_w) - np.maximum(start, lo * total_w), 0, None)
        return float((part * v).sum())

    bottom, top = burden(0.0, 0.4), burden(0.9, 1.0)
    return float("inf") if bottom <= 0 else top / bottom


def figures(minutes: np.ndarray, weights: np.ndarray, kern_index: np.ndarray, kern_labels: list[str],
            norm: float) -> dict[str, float | str]:
    """The fairness figures of one kind and group (see the module docstring).

    Parameters
    ----------
    minutes
        Travel time of each point to its nearest voorziening (minutes; ``inf`` = unreachable).
    weights
        The group's inhabitants at each point.
    kern_index
        Each point's position in ``kern_labels`` (the buitengebied is a label too, never the worst-off kern).
    norm
        The norm (minutes).
    """
    t = np.asarray(minutes, dtype=float)
    w = np.asarray(weights, dtype=float)
    finite = np.isfinite(t)
    floor = float(t[finite].max()) if finite.any() else 0.0
    tt = np.where(finite, t, floor)
    total = w.sum()
    out: dict[str, float | str] = {"buiten_norm_pct": float(100.0 * w[~(t <= norm)].sum() / total) if total else 0.0}
    worst, worst_med, worst_p90 = "", -1.0, float("nan")
    for i, label in enumerate(kern_labels):
        sel = kern_index == i
        if label == "buitengebied" or w[sel].sum() <= 0:
            continue
        med = weighted_quantile(tt[sel], w[sel], 0.5)
        if med > worst_med:
            worst, worst_med, worst_p90 = label, med, weighted_quantile(tt[sel], w[sel], 0.9)
    out.update({"slechtste_kern": worst, "slechtste_mediaan": worst_med if worst else float("nan"),
                "slechtste_p90": worst_p90, "gini": gini(tt, w), "palma": palma(tt, w)})
    return out


def doelgroep_weights(ctx: Context, doelgroep: str | None, cat: Catalogue | None = None,
                      bev: Bevolking | None = None, jaar: int | None = None) -> np.ndarray:
    """Per demand point: the inhabitants of ``doelgroep`` (an age group id of the catalogue; None: everyone), by
    the age structure of the point's kern in the base year — or, with a population ``bev`` and a ``jaar``, that
    kern's doelgroep in that year spread over its points as its inhabitants are today."""
    from gebied.toekomst.leeftijd import basis_leeftijd, coefficients, groep_ids

    w = ctx.points["inwoners"].to_numpy(dtype=float)
    if doelgroep is None and bev is None:
        return w
    cat = cat or load_catalogue()
    coef = coefficients(cat, doelgroep) if doelgroep is not None else np.ones(len(groep_ids(cat)))
    table = basis_leeftijd(ctx.area, cat)
    counts = table[groep_ids(cat)].astype(float)
    total = dict(zip(table.index, np.maximum(counts.sum(axis=1).to_numpy(), 1e-9)))
    if bev is not None and jaar is not None:
        counts = bev.jaar(jaar)[groep_ids(cat)].astype(float)
    share = dict(zip(counts.index, counts.to_numpy() @ coef))
    per_kern = np.array([share.get(k, 0.0) / total.get(k, 1e-9) for k in ctx.kern_labels])
    return w * per_kern[ctx.kern_index]


def point_minutes(scenario: Scenario | None, ctx: Context, modus: str, soort: str) -> np.ndarray:
    """Minutes from every demand point to its nearest ``soort`` by ``modus`` in ``scenario`` (None: today)."""
    from gebied.bereik.dekking import host_matrix
    from gebied.scenario.context import minutes_of
    from gebied.scenario.evaluate import resolved

    if scenario is None:
        return np.asarray(ctx.baseline[modus][soort])
    open_mask, vz_after, _ = resolved(scenario, ctx)
    mat = ctx.matrices[modus]
    mask = host_matrix(vz_after, mat.target_ids, [soort])[0] & open_mask
    return np.asarray(minutes_of(ctx, modus, mask))


def _kind_norm(ctx: Context, soort: str, modus: str | None = None, norm: float | None = None) -> tuple[str, float]:
    """The mode and minutes of ``soort``'s norm in the area (15 minutes by bike where it has none), unless given."""
    n = ctx.area.config.normen.get(soort)
    return modus or (n.modus if n else "fiets"), float(norm if norm is not None else (n.minuten if n else 15.0))


def _of(scenario: Scenario | None, ctx: Context, modus: str, soort: str, w: np.ndarray,
        norm: float) -> dict[str, float | str]:
    """The figures of ``scenario`` (None: today) for one kind, weights and norm."""
    return figures(point_minutes(scenario, ctx, modus, soort), w, ctx.kern_index, ctx.kern_labels, norm)


def _kern_names(ctx: Context) -> dict[str, str]:
    return {**dict(zip(ctx.area.kernen["kern_id"], ctx.area.kernen["naam"])), "": "–"}


def fairness_table(scenario: Scenario, ctx: Context, soort: str, doelgroep: str | None = None,
                   modus: str | None = None, norm: float | None = None, bev: Bevolking | None = None,
                   jaar: int | None = None) -> pd.DataFrame:
    """Each fairness figure today and in ``scenario``, with its change and its one-sentence explanation, for one
    voorziening kind (its norm's mode and minutes unless given) and doelgroep (None: every inhabitant) — with the
    doelgroep of ``jaar`` in the population ``bev`` when given."""
    modus, norm = _kind_norm(ctx, soort, modus, norm)
    w = doelgroep_weights(ctx, doelgroep, ctx.catalogue, bev, jaar)
    names = _kern_names(ctx)
    rows = []
    today, after = _of(None, ctx, modus, soort, w, norm), _of(scenario, ctx, modus, soort, w, norm)
    for key, uitleg in UITLEG.items():
        a, b = today[key], after[key]
        change = (float(b) - float(a)) if not isinstance(a, str) else ("" if a == b else "anders")
        if isinstance(a, str):
            a, b = names.get(a, a), names.get(str(b), b)
        rows.append({"maat": key, "nu": a, "scenario": b, "verschil": change, "uitleg": uitleg})
    return pd.DataFrame(rows)


def eigen_doelgroep(cat: Catalogue, soort: str) -> str | None:
    """The doelgroep a voorziening kind serves when it is one age group (basisonderwijs: 4–11), else None."""
    groups = cat.voorziening(soort).doelgroep
    return groups[0] if len(groups) == 1 else None


def per_soort(scenario: Scenario, ctx: Context, bev: Bevolking | None = None,
              jaren: list[int] | None = None) -> pd.DataFrame:
    """Who bears the burden, one row per voorziening kind with a norm: its own doelgroep (everyone where it
    serves all ages), the share beyond the norm now and in the scenario, the worst-off kern, Gini and Palma —
    and with a population ``bev``, the scenario's share beyond the norm in each of ``jaren``."""
    cat = ctx.catalogue
    rows = []
    for soort in [s for s in ctx.soorten if s in ctx.area.config.normen]:
        n = ctx.area.config.normen[soort]
        groep = eigen_doelgroep(cat, soort)
        w = doelgroep_weights(ctx, groep, cat)
        now = _of(None, ctx, n.modus, soort, w, n.minuten)
        t_after = point_minutes(scenario, ctx, n.modus, soort)
        after = figures(t_after, w, ctx.kern_index, ctx.kern_labels, n.minuten)
        row: dict[str, object] = {"voorziening": soort, "doelgroep": groep or "iedereen",
                                  "norm": f"{n.minuten:g} min {n.modus}",
                                  "buiten_norm_nu": now["buiten_norm_pct"], "buiten_norm": after["buiten_norm_pct"],
                                  "slechtste_kern": after["slechtste_kern"], "slechtste_mediaan":
                                  after["slechtste_mediaan"], "gini_nu": now["gini"], "gini": after["gini"],
                                  "palma_nu": now["palma"], "palma": after["palma"]}
        for jaar in jaren or []:
            wj = doelgroep_weights(ctx, groep, cat, bev, jaar)
            row[f"buiten_norm_{jaar}"] = figures(t_after, wj, ctx.kern_index, ctx.kern_labels,
                                                 n.minuten)["buiten_norm_pct"]
        rows.append(row)
    names = _kern_names(ctx)
    out = pd.DataFrame(rows)
    if len(out):
        out["slechtste_kern"] = out["slechtste_kern"].map(lambda k: names.get(k, k))
    return out


def vergelijk(scenarios: list[Scenario], ctx: Context, soort: str, doelgroep: str | None = None,
              bev: Bevolking | None = None, jaar: int | None = None) -> pd.DataFrame:
    """Scenario's side by side on who bears the burden of one kind and doelgroep (optionally in ``jaar`` of
    ``bev``): one column per scenario (today first), one row per figure of :data:`UITLEG`."""
    modus, norm = _kind_norm(ctx, soort)
    w = doelgroep_weights(ctx, doelgroep, ctx.catalogue, bev, jaar)
    names = _kern_names(ctx)
    cols = {"Huidige situatie": _of(None, ctx, modus, soort, w, norm)}
    for sc in scenarios:
        if not sc.kernen and not sc.regionaal:
            continue  # today again (the baseline scenario): its column is already there
        name = sc.naam if sc.naam not in cols else f"{sc.naam} ({len(cols) + 1})"
        cols[name] = _of(sc, ctx, modus, soort, w, norm)
    out = pd.DataFrame(cols)
    out.loc["slechtste_kern"] = [names.get(str(v), v) for v in out.loc["slechtste_kern"]]
    return out.loc[list(UITLEG)]
