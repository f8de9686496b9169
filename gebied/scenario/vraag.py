"""A question for the optimiser: what to choose (:class:`Vraag`) over which data (:class:`Probleem`).

A :class:`Probleem` holds arrays only: the travel time from every demand point to every candidate location,
the inhabitants (and the doelgroep) at each point, the kern of each point and each candidate, and each
candidate's yearly running cost. :func:`probleem` builds one from an area's evaluation context; the solver
(:mod:`gebied.scenario.mip`) never looks at an area, so a test or a benchmark can hand it any matrix.

A :class:`Vraag` names one objective and any number of constraints; the doelen:

- ``reistijd``: least total travel time (minutes × inhabitants), the p-median;
- ``dekking``: most of the doelgroep within the norm (maximal coverage);
- ``minste_locaties``: the fewest locations (with ``max_buiten_norm_pct``: the set cover question);
- ``laagste_kosten``: the lowest known running cost of the kept locations, i.e. the largest saving;
- ``kleinste_maximum``: the smallest worst case, over every inhabitant or over each kern's median (p-center).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from gebied.core.errors import GebiedError

if TYPE_CHECKING:
    from gebied.area.model import Area
    from gebied.scenario.evaluate import Context

Doel = Literal["reistijd", "dekking", "minste_locaties", "laagste_kosten", "kleinste_maximum"]
DOELEN: dict[str, str] = {
    "reistijd": "kortste totale reistijd",
    "dekking": "meeste inwoners van de doelgroep binnen de norm",
    "minste_locaties": "zo min mogelijk locaties",
    "laagste_kosten": "laagste exploitatielasten (grootste besparing)",
    "kleinste_maximum": "kleinste langste reistijd",
}
PER_KERN: dict[str, str] = {
    "precies": "precies één locatie per kern",
    "hoogstens": "hoogstens één locatie per kern; een kern mag de locatie van een buurkern delen",
}


@dataclass(frozen=True)
class Vraag:
    """One question: an objective (:data:`DOELEN`) and its constraints.

    Attributes
    ----------
    doel
        The objective.
    per_kern
        ``precies``: every kern keeps exactly one location; ``hoogstens``: at most one (clusters of kernen);
        ``vrij``: no rule per kern (a plain location problem; only for arrays, a scenario has one per kern).
    aantal
        At most this many locations in all.
    budget
        At most this running cost (€ per year, known costs) of the kept locations.
    houden, sluiten
        Candidates the raad already decided to keep, or to close.
    norm
        Minutes: the norm of ``dekking``, of ``max_buiten_norm_pct`` and of ``minste_locaties``.
    max_buiten_norm_pct
        At most this share (%) of the doelgroep beyond the norm (with ``minste_locaties``: the set cover).
    max_kern_mediaan
        No kern's median travel time (of the doelgroep) beyond this many minutes.
    max_reistijd
        No inhabitant of the doelgroep beyond this many minutes.
    maximum_over
        ``kleinste_maximum`` over every ``inwoner`` or over each kern's median (``kernmediaan``).
    """

    doel: Doel = "reistijd"
    per_kern: Literal["precies", "hoogstens", "vrij"] = "precies"
    aantal: int | None = None
    budget: float | None = None
    houden: tuple[str, ...] = ()
    sluiten: tuple[str, ...] = ()
    norm: float | None = None
    max_buiten_norm_pct: float | None = None
    max_kern_mediaan: float | None = None
    max_reistijd: float | None = None
    maximum_over: Literal["inwoner", "kernmediaan"] = "inwoner"

    def zonder(self, **changes: object) -> Vraag:
        """This question with some fields changed (used to relax one constraint)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def check(self) -> None:
        """Refuse a question that misses what its objective or constraints need, in Dutch and English."""
        needs_norm = self.doel == "dekking" or self.max_buiten_norm_pct is not None
        if needs_norm and (self.norm is None or not self.norm > 0):
            raise GebiedError("Voor dekking of 'hoogstens X % buiten de norm' is een norm (minuten) nodig.",
                              "Coverage needs a norm (minutes).")
        if self.max_buiten_norm_pct is not None and not 0 <= self.max_buiten_norm_pct <= 100:
            raise GebiedError("Het aandeel buiten de norm ligt tussen 0 en 100 %.", "The share lies in 0–100 %.")
        if self.aantal is not None and self.aantal < 0:
            raise GebiedError("Het aantal locaties kan niet negatief zijn.", "The number cannot be negative.")
        if self.budget is not None and self.budget < 0:
            raise GebiedError("Het budget kan niet negatief zijn.", "The budget cannot be negative.")
        both = set(self.houden) & set(self.sluiten)
        if both:
            raise GebiedError(f"Tegelijk houden en sluiten: {', '.join(sorted(both))}.",
                              "Kept and closed at once.")


@dataclass
class Probleem:
    """The data of a location question, as arrays (see the module docstring).

    Attributes
    ----------
    minutes
        (n_points, n_cand) travel time in minutes from each demand point to each candidate; ``inf``: unreachable.
    weights
        (n_points,) inhabitants at each point (the travel-time objective counts everyone).
    doelgroep
        (n_points,) the doelgroep's inhabitants at each point (coverage, medians, worst case).
    point_kern, cand_kern
        Kern index of each point and each candidate; -1: none (buitengebied; a candidate free of the kern rule).
    cand_ids
        Candidate ids.
    kosten
        (n_cand,) running cost (€ per year), known or estimated (:func:`gebied.scenario.kosten.lasten`); NaN: unknown.
    geschat
        (n_cand,) the cost is an estimate.
    kern_namen
        Name of each kern index.
    """

    minutes: np.ndarray
    weights: np.ndarray
    doelgroep: np.ndarray
    point_kern: np.ndarray
    cand_kern: np.ndarray
    cand_ids: np.ndarray
    kosten: np.ndarray
    geschat: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    kern_namen: list[str] = field(default_factory=list)
    uitgesloten_capaciteit: list[str] = field(default_factory=list)

    @classmethod
    def van_matrix(cls, minutes: np.ndarray, weights: np.ndarray) -> Probleem:
        """A plain problem from a cost matrix and weights (no kernen, no costs): as spopt takes one."""
        minutes = np.asarray(minutes, dtype=float)
        n_p, n_c = minutes.shape
        w = np.asarray(weights, dtype=float)
        return cls(minutes, w, w, np.full(n_p, -1), np.full(n_c, -1), np.arange(n_c).astype(str),
                   np.full(n_c, np.nan), np.zeros(n_c, dtype=bool))

    def positions(self, ids: tuple[str, ...] | list[str]) -> np.ndarray:
        """Positions of candidate ids; unknown ids are refused by name."""
        pos = {a: i for i, a in enumerate(self.cand_ids.tolist())}
        unknown = [a for a in ids if a not in pos]
        if unknown:
            raise GebiedError(f"Geen kandidaat-locatie: {', '.join(unknown)}.", "Not a candidate location.",
                              problems=[f"'{a}' is geen accommodatie die een scenario kan houden of sluiten"
                                        for a in unknown])
        return np.array([pos[a] for a in ids], dtype=np.int64)

    def buiten_pct(self, covered: float) -> float:
        """The ``max_buiten_norm_pct`` that requires at least ``covered`` of the doelgroep (a hair below it, so a
        choice covering exactly that much is allowed)."""
        total = max(float(self.doelgroep.sum()), 1e-12)
        return min(100.0, max(0.0, 100.0 * (1.0 - (covered - 1e-7 * total) / total)))

    def groups(self) -> list[np.ndarray]:
        """Candidate positions per kern (kernen with candidates, in index order)."""
        kern = self.cand_kern
        return [np.flatnonzero(kern == k) for k in np.unique(kern[kern >= 0])]


def probleem(ctx: Context, modus: str = "fiets", doelgroep: str | None = None, gemeente: str | None = None,
             max_bezetting: float = 100.0) -> Probleem:
    """The location problem of an area (or one ``gemeente``): its demand points and candidate locations.

    Times are the points' own (network time plus the walk to and from the network), so what the optimiser
    counts is what :func:`gebied.scenario.evaluate.evaluate` reports for the nearest kept location.
    Candidates too small for their kern's bundled use (see :func:`capacity_excluded`) are left out.
    """
    from gebied.scenario.kosten import lasten
    from gebied.scenario.rechtvaardigheid import doelgroep_weights
    from gebied.scenario.rules import candidates

    area = ctx.area
    if modus not in ctx.matrices:
        raise GebiedError(f"Onbekende vervoerswijze '{modus}'; kies uit {', '.join(ctx.matrices)}.",
                          f"Unknown mode '{modus}'.")
    cand = candidates(area, ctx.catalogue, gemeente)
    excluded = capacity_excluded(area, cand, max_bezetting)
    cand = cand[~cand["accommodatie_id"].isin(excluded)]
    mat = ctx.matrices[modus]
    rows = np.arange(len(ctx.points))
    if gemeente is not None:
        rows = np.flatnonzero((ctx.points["gemeente"] == gemeente).to_numpy())
    minutes = mat.columns(mat.columns_of(cand["accommodatie_id"]), rows) / 60.0
    kern_ids = area.kernen["kern_id"].tolist()
    kpos = {k: i for i, k in enumerate(kern_ids)}
    point_kern = np.array([kpos.get(k, -1) for k in ctx.points["kern_id"].iloc[rows].tolist()], dtype=np.int64)
    cost, estimated = lasten(area.accommodaties)
    cost = np.round(cost)  # whole euros: the fronts step by one euro (see gebied.scenario.pareto)
    at = area.accommodaties.index.get_indexer(cand.index)
    return Probleem(minutes, ctx.points["inwoners"].to_numpy(dtype=float)[rows],
                    doelgroep_weights(ctx, doelgroep, ctx.catalogue)[rows], point_kern,
                    np.array([kpos[k] for k in cand["kern_id"]], dtype=np.int64),
                    cand["accommodatie_id"].to_numpy(dtype=object), cost[at], estimated[at],
                    list(area.kernen["naam"]), list(excluded))


def capacity_excluded(area: Area, cand: pd.DataFrame, max_bezetting: float) -> list[str]:
    """Candidates too small to hold their kern's bundled use (bezettingsgraad × m²) within the cap (%).

    Only candidates with a known floor area are excluded; where no known candidate of a
    kern fits, the largest known one stays allowed (the evaluation flags it overbezet).
    """
    acc = area.accommodaties
    used = (acc["bezettingsgraad"].astype(float) / 100.0 * acc["m2"].astype(float))
    in_scope = acc["accommodatie_id"].isin(cand["accommodatie_id"])
    per_kern = used[in_scope].groupby(acc.loc[in_scope, "kern_id"]).sum(min_count=1)
    out = []
    for kern, rows in cand.groupby("kern_id"):
        need = per_kern.get(kern, np.nan)
        if not np.isfinite(need):
            continue
        m2 = rows["m2"].astype(float)
        small = m2.notna() & (m2 * max_bezetting / 100.0 < need)
        if small.all() or (small.sum() == m2.notna().sum() and m2.notna().any()):
            # no candidate with known floor area fits: keep the largest known one (it will show as overbezet)
            small &= m2 != m2.max()
        out += list(rows.loc[small, "accommodatie_id"])
    return out
