"""The optimiser: answer a :class:`~gebied.scenario.vraag.Vraag` exactly with HiGHS, and make it a scenario.

:func:`los_op` solves one question over a :class:`~gebied.scenario.vraag.Probleem` (arrays only);
:func:`optimal_scenario` asks it of an area and returns the scenario with the solver's report. Every answer
is proven optimal (or the report says how far from it the time limit left it). Where objectives tie, a second
stage picks, among the optimal choices, the one with the least total travel time.

The model and its solving are in :mod:`gebied.scenario.mip` and :mod:`gebied.scenario.oplossen`; why a
question has no answer in :mod:`gebied.scenario.haalbaar`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np

from gebied.core.errors import GebiedError
from gebied.scenario.mip import OptimumReport
from gebied.scenario.model import Scenario, Verplaatsing
from gebied.scenario.oplossen import minimax, nearest, solve_once, waarde
from gebied.scenario.vraag import DOELEN, Probleem, Vraag, capacity_excluded, probleem

if TYPE_CHECKING:
    from gebied.scenario.evaluate import Context

__all__ = ["OptimumReport", "capacity_excluded", "los_op", "optimal_scenario", "optimum_of_area", "waarde"]


def _tied(v: Vraag, p: Probleem, value: float, keep: np.ndarray) -> tuple[Vraag, np.ndarray | None]:
    """The question of the tie-break stage, with ``v``'s objective held at ``value`` (reached by ``keep``):

    - most within the norm: the least total travel time among the choices that keep everyone ``keep`` reaches
      within the norm (so the coverage stays optimal);
    - fewest locations or lowest cost: the most of the doelgroep within the norm (when a norm is given: the
      afwegingscurve's second objective), else the least total travel time;
    - smallest worst case: the least total travel time within that worst case."""
    if v.doel == "dekking":
        if not keep.any():
            return v.zonder(doel="reistijd"), None
        return v.zonder(doel="reistijd"), (nearest(p, keep) <= (v.norm or 0) + 1e-9) & (p.doelgroep > 0)
    then = "dekking" if v.norm is not None else "reistijd"
    if v.doel == "minste_locaties":
        return v.zonder(doel=then, aantal=int(round(value))), None
    if v.doel == "laagste_kosten":
        return v.zonder(doel=then, budget=value + 1e-6 * max(abs(value), 1.0)), None
    key = "max_kern_mediaan" if v.maximum_over == "kernmediaan" else "max_reistijd"
    return v.zonder(doel="reistijd", **{key: value}), None


def los_op(p: Probleem, v: Vraag, time_limit: float = 60.0, tiebreak: bool = True
           ) -> tuple[np.ndarray, OptimumReport]:
    """Answer ``v`` over ``p``: the kept candidates (boolean mask) and the solver's report.

    Raises
    ------
    GebiedError
        The question cannot be met: which constraint, and by how much (see :mod:`gebied.scenario.haalbaar`).
    """
    from gebied.scenario.haalbaar import diagnose

    v.check()
    t0 = time.perf_counter()
    if v.doel == "kleinste_maximum":
        out, value, runs = minimax(p, v, time_limit)
        bound = value
    else:
        out, runs = solve_once(p, v, time_limit), 1
        value = waarde(p, v, out.keep)
        bound = -out.bound if v.doel == "dekking" else out.bound
    if out.status == "Infeasible":
        raise diagnose(p, v)
    if out.status not in ("Optimal", "Time limit reached"):
        raise GebiedError(f"De optimalisatie vond geen oplossing ({out.status}).",
                          f"The optimisation found no solution ({out.status}).")
    keep = out.keep
    if tiebreak and v.doel != "reistijd" and out.status == "Optimal":
        tied, binnen = _tied(v, p, value, out.keep)
        second = solve_once(p, tied, time_limit, start=out.keep, binnen=binnen)
        runs += 1
        if second.status == "Optimal":
            keep = second.keep
    gap = 0.0 if out.lp_integral or v.doel == "kleinste_maximum" else abs(value - bound) / max(abs(value), 1e-9)
    report = OptimumReport(status=out.status, doel=v.doel, objective=waarde(p, v, keep), bound=bound,
                           gap=0.0 if gap < 1e-9 else gap,
                           solve_s=time.perf_counter() - t0, lp_integral=out.lp_integral, n_vars=out.n_vars,
                           n_rows=out.n_rows, n_units=out.n_units, n_candidates=len(p.cand_ids),
                           uitgesloten_capaciteit=list(p.uitgesloten_capaciteit), oplossingen=runs)
    unreachable = float(p.weights[~np.isfinite(p.minutes).any(axis=1)].sum())
    if unreachable > 0:
        report.opmerkingen.append(f"{unreachable:.0f} inwoners bereiken geen enkele kandidaat-locatie (netwerk "
                                  "niet verbonden); zij tellen in de reistijd niet mee en zijn nooit binnen de norm.")
    return keep, report


def beschrijf(v: Vraag, modus: str, doelgroep: str | None = None) -> str:
    """The question in one Dutch sentence (a scenario's description, the report's heading)."""
    parts = [DOELEN[v.doel] + (f" (norm {v.norm:g} min)" if v.doel == "dekking" else ""), f"per {modus}"]
    if v.per_kern != "vrij":
        parts.append({"precies": "precies één locatie per kern", "hoogstens": "hoogstens één per kern"}[v.per_kern])
    if v.aantal is not None:
        parts.append(f"hoogstens {v.aantal} locaties")
    if v.budget is not None:
        parts.append(f"exploitatielasten hoogstens € {v.budget:,.0f} per jaar".replace(",", "."))
    if v.max_buiten_norm_pct is not None:
        parts.append(f"hoogstens {v.max_buiten_norm_pct:g} % buiten {v.norm:g} min")
    if v.max_kern_mediaan is not None:
        parts.append(f"geen kernmediaan boven {v.max_kern_mediaan:g} min")
    if v.max_reistijd is not None:
        parts.append(f"niemand verder dan {v.max_reistijd:g} min")
    if v.houden or v.sluiten:
        parts.append(f"{len(v.houden)} vast open, {len(v.sluiten)} vast dicht")
    if doelgroep:
        parts.append(f"doelgroep {doelgroep}")
    return "; ".join(parts)


def to_scenario(ctx: Context, p: Probleem, keep: np.ndarray, naam: str, beschrijving: str,
                gemeente: str | None = None) -> Scenario:
    """The scenario of kept candidates: each kern's kept location, or none; the voorzieningen of a kern without
    one move to the kept location most of its inhabitants reach first (a cluster)."""
    from gebied.scenario.rules import candidates

    acc = ctx.area.accommodaties
    kern_of = dict(zip(acc["accommodatie_id"].tolist(), acc["kern_id"].tolist()))
    kern_ids = ctx.area.kernen["kern_id"].tolist()
    cand = candidates(ctx.area, ctx.catalogue, gemeente)
    kernen: dict[str, str | None] = {k: None for k in cand["kern_id"]}
    kernen.update({kern_of[a]: a for a in p.cand_ids[keep]})
    moves = []
    kept_pos = np.flatnonzero(keep)
    if len(kept_pos):
        first = kept_pos[np.argmin(p.minutes[:, kept_pos], axis=1)]
        vz = ctx.area.voorzieningen
        for kern in [k for k, loc in kernen.items() if loc is None]:
            sel = p.point_kern == kern_ids.index(kern)
            if not sel.any() or p.weights[sel].sum() <= 0:
                continue
            host = p.cand_ids[int(np.argmax(np.bincount(first[sel], weights=p.weights[sel],
                                                        minlength=len(p.cand_ids))))]
            for a in cand.loc[cand["kern_id"] == kern, "accommodatie_id"]:
                moves += [Verplaatsing(van=a, voorziening=s, naar=host)
                          for s in vz.loc[vz["accommodatie_id"] == a, "voorziening"]]
    return Scenario(naam=naam, gebied=ctx.area.config.id, bron="optimaal", gemeente=gemeente,
                    beschrijving=beschrijving, kernen=kernen, verplaatsingen=moves)


def optimal_scenario(ctx: Context, vraag: Vraag | str = "reistijd", modus: str = "fiets",
                     norm: float | None = None, max_bezetting: float = 100.0, naam: str | None = None,
                     gemeente: str | None = None, doelgroep: str | None = None) -> tuple[Scenario, OptimumReport]:
    """The optimal scenario of the area (or one ``gemeente``) for ``vraag`` (a :class:`Vraag`, or just its doel
    with ``norm``), with the solver's report."""
    v = vraag if isinstance(vraag, Vraag) else Vraag(doel=vraag, norm=norm)  # type: ignore[arg-type]
    p = probleem(ctx, modus, doelgroep, gemeente, max_bezetting)
    keep, report = los_op(p, v)
    what = beschrijf(v, modus, doelgroep)
    gap = "bewezen optimaal" if report.gap <= 1e-6 else f"gap {report.gap:.2%}"
    short = {"reistijd": "kortste reistijd", "dekking": f"meeste binnen {v.norm or 0:g} min",
             "minste_locaties": "minste locaties", "laagste_kosten": "laagste kosten",
             "kleinste_maximum": "kleinste langste reistijd"}[v.doel]
    return to_scenario(ctx, p, keep, naam or f"Optimaal: {short} ({modus})" +
                       (f", {gemeente}" if gemeente else ""), f"{what}. HiGHS, {gap}, {report.solve_s:.1f} s.",
                       gemeente), report


def optimum_of_area(area: str | None, upload_name: str | None, upload: bytes | None, vraag: Vraag | str = "reistijd",
                    modus: str = "fiets", norm: float | None = None, gemeente: str | None = None
                    ) -> tuple[Scenario, OptimumReport]:
    """:func:`optimal_scenario` of an area (id; with an uploaded overrides file) loaded from the build cache here:
    for a process of its own (the app solves its first question ahead in one)."""
    from gebied.area.store import load_area_with
    from gebied.scenario.evaluate import make_context

    ctx = make_context(load_area_with(area, upload_name, upload))
    return optimal_scenario(ctx, vraag, modus, norm, gemeente=gemeente)
