"""Benchmark: scenario evaluation (now and per year), and the HiGHS optimiser against PuLP/CBC on one instance.

    .venv/bin/pip install -e ".[bench]"   # PuLP with its bundled CBC
    .venv/bin/python benchmarks/bench_scenario.py [AREA]

Instances: (1) one location per kern (p-median with the "één locatie per kern" rule),
(2) a plain p-median with p = the number of kernen. CBC gets the classic model over the same demand
groups and candidates; gebied answers as a user asks it (:func:`gebied.scenario.optimise.los_op`).
Objectives must be equal.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _table import print_table

from gebied.area.store import load_area
from gebied.scenario.evaluate import evaluate, make_context
from gebied.scenario.jaren import evaluate_jaren
from gebied.scenario.mip import offset_units
from gebied.scenario.optimise import los_op, optimal_scenario, waarde
from gebied.scenario.rules import rule_scenario
from gebied.scenario.vraag import Probleem, Vraag, probleem
from gebied.toekomst.prognose import basisjaar, bevolking


def pulp_solve(p: Probleem, v: Vraag) -> tuple[float, float]:
    """The same p-median (points grouped by network node, as gebied groups them) in PuLP, solved by CBC;
    returns (objective, seconds)."""
    import pulp

    rep, group, offset = offset_units(p.minutes, p.weights)
    w = np.bincount(group[group >= 0], weights=p.weights[group >= 0], minlength=len(rep))
    t = p.minutes[rep] - offset[rep, None]
    n_c = t.shape[1]
    prob = pulp.LpProblem("pmedian", pulp.LpMinimize)
    x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(n_c)]
    y = {(i, j): pulp.LpVariable(f"y{i}_{j}", 0, 1) for i, j in zip(*np.nonzero(np.isfinite(t)))}
    prob += pulp.lpSum(w[i] * t[i, j] * var for (i, j), var in y.items())
    by_unit: dict[int, list] = {}
    for (i, j), var in y.items():
        by_unit.setdefault(i, []).append(var)
        prob += var <= x[j]
    for vs in by_unit.values():
        prob += pulp.lpSum(vs) == 1
    if v.per_kern == "precies":
        for g in p.groups():
            prob += pulp.lpSum(x[j] for j in g) == 1
    if v.aantal is not None:
        prob += pulp.lpSum(x) <= v.aantal
    t0 = time.perf_counter()
    prob.solve(pulp.PULP_CBC_CMD(msg=False, threads=1))
    secs = time.perf_counter() - t0
    keep = np.array([x[j].value() > 0.5 for j in range(n_c)])
    return waarde(p, Vraag(), keep), secs


ONE_YEAR_MS = 50
SERIES_MS = 500


def main() -> None:
    area = load_area(sys.argv[1] if len(sys.argv) > 1 else None)
    t0 = time.perf_counter()
    ctx = make_context(area)
    t_ctx = time.perf_counter() - t0
    scenarios = [rule_scenario(ctx, r) for r in ("grootste", "centraalst", "goedkoopst", "beste_staat")]
    scenarios.append(optimal_scenario(ctx)[0])
    times = []
    for sc in scenarios:
        for _ in range(10):
            t0 = time.perf_counter()
            evaluate(sc, ctx)
            times.append(time.perf_counter() - t0)
    base = basisjaar(area)
    bev = bevolking(area, list(range(base, base + 16)))
    one, series = [], []
    for sc in scenarios:
        for _ in range(5):
            t0 = time.perf_counter()
            evaluate_jaren(sc, ctx, bev, [base + 10])
            one.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            evaluate_jaren(sc, ctx, bev, list(range(base, base + 16)))
            series.append(time.perf_counter() - t0)
    t_one, t_series = statistics.median(one), statistics.median(series)
    print_table(
        [
            {"stap": "context (matrices lopen + fiets, huidige situatie)", "ms": f"{t_ctx * 1000:.0f}", "doel": ""},
            {
                "stap": f"evaluatie per scenario (mediaan van {len(times)})",
                "ms": f"{statistics.median(times) * 1000:.1f}", "doel": "",
            },
            {"stap": "evaluatie, slechtste", "ms": f"{max(times) * 1000:.1f}", "doel": ""},
            {"stap": f"één scenario, één jaar (mediaan van {len(one)})", "ms": f"{t_one * 1000:.1f}",
             "doel": f"< {ONE_YEAR_MS} ms"},
            {"stap": f"één scenario, 16 jaren {base}–{base + 15} (mediaan van {len(series)})",
             "ms": f"{t_series * 1000:.1f}", "doel": f"< {SERIES_MS} ms"},
        ],
        f"Scenario evaluation — {area.config.naam}",
    )
    missed = []
    if t_one * 1000 >= ONE_YEAR_MS:
        missed.append(f"one year {t_one * 1000:.0f} ms")
    if t_series * 1000 >= SERIES_MS:
        missed.append(f"15-year series {t_series * 1000:.0f} ms")

    prob = probleem(ctx, "fiets")
    n_kern = len(prob.groups())
    rows = []
    for label, vraag in (("één locatie per kern", Vraag("reistijd")),
                         (f"p-median, p = {n_kern}", Vraag("reistijd", "vrij", aantal=n_kern))):
        los_op(prob, vraag)
        t0 = time.perf_counter()
        _, rep = los_op(prob, vraag)
        t_highs = time.perf_counter() - t0
        obj_cbc, t_cbc = pulp_solve(prob, vraag)
        rows.append(
            {
                "instantie": label,
                "vraagpunten": prob.minutes.shape[0],
                "kandidaten": prob.minutes.shape[1],
                "HiGHS_doel": f"{rep.objective:,.1f}",
                "CBC_doel": f"{obj_cbc:,.1f}",
                "HiGHS_gap": f"{rep.gap:.2%}",
                "HiGHS_s": f"{t_highs:.2f}",
                "CBC_s": f"{t_cbc:.2f}",
                "verhouding": f"{t_cbc / t_highs:.1f}x",
                "gelijk_of_beter": rep.objective <= obj_cbc + 1e-6 * max(obj_cbc, 1.0),
            }
        )
    print_table(rows, "Optimiser: gebied (highspy) vs PuLP/CBC, same model, times include model hand-over")
    missed += [f"HiGHS worse than CBC on {r['instantie']}" for r in rows if not r["gelijk_of_beter"]]
    print(f"targets met: {not missed}" + (f" ({'; '.join(missed)})" if missed else ""))


if __name__ == "__main__":
    main()
