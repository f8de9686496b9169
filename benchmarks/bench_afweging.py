"""Benchmark: the trade-off questions of a raadsvoorstel, exact, and against PySAL spopt on the same matrices.

1. On the default area, every question of the optimiser (:mod:`gebied.scenario.optimise`) must be proven
   optimal (status Optimal, gap 0): one location per kern, clusters with a number or a budget, set cover,
   p-center over inhabitants and over kern medians, fixed choices, fairness constraints with an objective.
2. The afwegingscurve: 15 values of ε on the default area in < 10 s.
3. spopt (LSCP, MCLP, PCenter, PMedian, solved by CBC as spopt's documentation does) and gebied on the same
   cost matrix and weights — the default area's demand grouped by network node (gebied's own grouping), as
   minutes to its candidate locations: the same objective value, gebied ≥ 10× faster on each.
4. The simulated region of ``bench_scale.py`` (k = 4 tiles of the default area): a 10-point curve in < 60 s.

    .venv/bin/pip install -e ".[bench]"     # spopt (with PuLP's CBC)
    .venv/bin/python benchmarks/bench_afweging.py [--geen-regio]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _table import print_table

from gebied.area.store import load_area
from gebied.scenario.afwegingscurve import afwegingscurve
from gebied.scenario.evaluate import make_context
from gebied.scenario.mip import offset_units
from gebied.scenario.optimise import los_op
from gebied.scenario.vraag import Probleem, Vraag, probleem

CURVE_S = 10.0
REGIO_S = 60.0
FACTOR = 10.0


def questions(p: Probleem) -> list[tuple[str, Vraag, str | None]]:
    """Every kind of question, as a planner would ask it of the default area (with the doelgroep it uses)."""
    kept = str(p.cand_ids[np.argmax(np.nan_to_num(p.kosten))])  # the raad keeps its most expensive building
    return [
        ("één locatie per kern (p-median)", Vraag("reistijd"), None),
        ("clusters, hoogstens 10 locaties", Vraag("reistijd", "hoogstens", aantal=10), None),
        ("clusters, budget € 1,5 mln per jaar", Vraag("reistijd", "hoogstens", budget=1_500_000), None),
        ("set cover: 90 % van 75+ binnen 15 min", Vraag("minste_locaties", "hoogstens", norm=15.0,
                                                       max_buiten_norm_pct=10.0), "75+"),
        ("p-center: 8 locaties, iedereen", Vraag("kleinste_maximum", "hoogstens", aantal=8), None),
        ("p-center: 8 locaties, kernmediaan", Vraag("kleinste_maximum", "hoogstens", aantal=8,
                                                     maximum_over="kernmediaan"), None),
        ("vaste keuze + meeste 4-11 binnen 15 min", Vraag("dekking", norm=15.0, houden=(kept,)), "4-11"),
        ("reistijd, 12 loc., ≤ 10 % 75+ buiten 15 min", Vraag("reistijd", "hoogstens", aantal=12, norm=15.0,
                                                             max_buiten_norm_pct=10.0), "75+"),
        ("reistijd, 12 loc., geen kernmediaan > 25 min", Vraag("reistijd", "hoogstens", aantal=12,
                                                              max_kern_mediaan=25.0), None),
    ]


def run_questions(ctx) -> tuple[list[dict], list[str]]:
    rows, missed = [], []
    cache: dict[str | None, Probleem] = {}
    for label, vraag, groep in questions(cache.setdefault(None, probleem(ctx))):
        p = cache.setdefault(groep, probleem(ctx, doelgroep=groep))
        t0 = time.perf_counter()
        keep, rep = los_op(p, vraag)
        secs = time.perf_counter() - t0
        proven = rep.status == "Optimal" and rep.gap == 0.0
        rows.append({"vraag": label, "status": rep.status, "gap": f"{rep.gap:.2%}",
                     "doelwaarde": f"{rep.objective:,.1f}", "locaties": int(keep.sum()),
                     "HiGHS_runs": rep.oplossingen, "s": f"{secs:.2f}",
                     "bewezen_optimaal": proven})
        if not proven:
            missed.append(f"{label} not proven optimal")
    return rows, missed


def spopt_rows(p: Probleem) -> tuple[list[dict], list[str]]:
    """spopt and gebied on the same matrix (demand grouped per network node) and weights."""
    import pulp
    import spopt.locate as sl

    rep, group, _ = offset_units(p.minutes, p.weights)
    cost = p.minutes[rep]
    w = np.bincount(group[group >= 0], weights=p.weights[group >= 0], minlength=len(rep))
    plain = Probleem.van_matrix(cost, w)
    cover = float(np.ceil(np.min(cost, axis=1).max())) + 2.0  # the smallest whole radius that covers everyone, + 2
    cases = [
        ("LSCP", f"iedereen binnen {cover:g} min", lambda: sl.LSCP.from_cost_matrix(cost, cover),
         Vraag("minste_locaties", "vrij", norm=cover, max_buiten_norm_pct=0.0)),
        ("MCLP", "p = 10, binnen 10 min", lambda: sl.MCLP.from_cost_matrix(cost, w, 10.0, p_facilities=10),
         Vraag("dekking", "vrij", aantal=10, norm=10.0)),
        ("PCenter", "p = 20", lambda: sl.PCenter.from_cost_matrix(cost, p_facilities=20),
         Vraag("kleinste_maximum", "vrij", aantal=20)),
        ("PMedian", "p = 20", lambda: sl.PMedian.from_cost_matrix(cost, w, p_facilities=20),
         Vraag("reistijd", "vrij", aantal=20)),
    ]
    rows, missed = [], []
    for name, what, make, vraag in cases:
        t0 = time.perf_counter()
        model = make().solve(pulp.PULP_CBC_CMD(msg=False))
        t_spopt = time.perf_counter() - t0
        ours, report = min((_timed(plain, vraag) for _ in range(3)), key=lambda r: r[0])
        theirs = float(model.problem.objective.value())
        same = abs(report.objective - theirs) <= 1e-6 * max(abs(theirs), 1.0)
        factor = t_spopt / ours
        rows.append({"model": name, "vraag": what, "matrix": f"{cost.shape[0]:,} × {cost.shape[1]}",
                     "spopt_doel": f"{theirs:,.3f}", "gebied_doel": f"{report.objective:,.3f}", "gelijk": same,
                     "spopt_s": f"{t_spopt:.2f}", "gebied_s": f"{ours:.3f}", "sneller": f"{factor:.0f}x"})
        if not same:
            missed.append(f"{name} objective differs")
        if factor < FACTOR:
            missed.append(f"{name} only {factor:.1f}x")
    return rows, missed


def _timed(p: Probleem, vraag: Vraag):
    """Seconds and report of one answer (spopt answers without a tie-break stage: so does this row)."""
    t0 = time.perf_counter()
    _, report = los_op(p, vraag, tiebreak=False)
    return time.perf_counter() - t0, report


def curve_row(ctx, label: str, punten: int, target: float) -> tuple[dict, list[str]]:
    t0 = time.perf_counter()
    curve = afwegingscurve(ctx, Vraag("laagste_kosten", "hoogstens", norm=15.0), "fiets", "75+", None, punten)
    secs = time.perf_counter() - t0
    shares = [q.binnen_norm_pct for q in curve.punten]
    savings = [q.besparing for q in curve.punten]
    monotone = shares == sorted(shares, reverse=True) and savings == sorted(savings)
    row = {"gebied": label, "kandidaten": len(curve.probleem.cand_ids), "vraagpunten": len(curve.probleem.minutes),
           "ε-waarden": punten, "punten": len(curve.punten), "HiGHS_runs": curve.oplossingen, "s": f"{secs:.1f}",
           "doel": f"< {target:g} s", "monotoon": monotone}
    missed = [] if secs < target and monotone else [f"curve {label} {secs:.1f} s"
                                                     + ("" if monotone else ", not monotone")]
    return row, missed


def region_ctx(k: int):
    """The simulated region of bench_scale.py: the default area tiled k times (sparse reach in a temporary cache)."""
    import os
    import tempfile

    from tiles import tile_area

    from gebied.core.config import BereikInstellingen

    base = load_area()
    os.environ["GEBIED_CACHE"] = tempfile.mkdtemp(prefix="gebied-afweging-")
    area = tile_area(base, k)
    area.config = area.config.model_copy(update={"bereik": BereikInstellingen(methode="begrensd")})
    area.meta = {"key": f"tegels-{k}"}
    return make_context(area)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--geen-regio", action="store_true", help="skip the simulated region (k = 4)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    area = load_area()
    ctx = make_context(area)
    rows, missed = run_questions(ctx)
    print_table(rows, f"Every question, exact (HiGHS) — {area.config.naam}")
    curve, m = curve_row(ctx, area.config.naam, 15, CURVE_S)
    missed += m
    rows, m = spopt_rows(probleem(ctx))
    missed += m
    print_table(rows, "gebied vs PySAL spopt (CBC), same cost matrix and weights; times as a user calls them")
    curves = [curve]
    if not args.geen_regio:
        t0 = time.perf_counter()
        rctx = region_ctx(4)
        t_ctx = time.perf_counter() - t0
        row, m = curve_row(rctx, f"regio k = 4 (context {t_ctx:.0f} s, niet geteld)", 10, REGIO_S)
        curves.append(row)
        missed += m
    print_table(curves, "Afwegingscurve (75+, 15 min per fiets, hoogstens één locatie per kern)")
    print(f"targets met: {not missed}" + (f" ({'; '.join(missed)})" if missed else ""))


if __name__ == "__main__":
    main()
