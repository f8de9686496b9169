"""Benchmark: scenario evaluation (now and per year), and the HiGHS optimiser against PuLP/CBC on one instance.

    .venv/bin/pip install -e ".[bench]"   # PuLP with its bundled CBC
    .venv/bin/python benchmarks/bench_scenario.py [AREA]

Instances: (1) one location per kern (p-median with the "één locatie per kern" rule),
(2) a plain p-median with p = the number of kernen. Both solvers get the same model
(the same demand units, candidates and pruned assignments); objectives must be equal.
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
from gebied.scenario.optimise import Instance, build_instance, optimal_scenario, solve
from gebied.scenario.rules import rule_scenario
from gebied.toekomst.prognose import basisjaar, bevolking


def pulp_solve(inst: Instance) -> tuple[float, float]:
    """The same p-median model in PuLP, solved by CBC; returns (objective, seconds)."""
    import pulp

    n_u, n_c = inst.minutes.shape
    t = inst.minutes
    allowed = np.isfinite(t)
    if inst.groups:
        grp_max = np.array([t[:, g].max(axis=1) for g in inst.groups]).T
        bound = np.where(inst.unit_group >= 0, grp_max[np.arange(n_u), np.maximum(inst.unit_group, 0)],
                         grp_max.min(axis=1))
        allowed &= t <= bound[:, None] + 1e-9
    prob = pulp.LpProblem("pmedian", pulp.LpMinimize)
    x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(n_c)]
    y = {}
    for i, j in zip(*np.nonzero(allowed)):
        y[i, j] = pulp.LpVariable(f"y{i}_{j}", 0, 1)
    prob += pulp.lpSum(inst.weights[i] * t[i, j] * v for (i, j), v in y.items())
    by_unit: dict[int, list] = {}
    for (i, j), v in y.items():
        by_unit.setdefault(i, []).append(v)
        prob += v <= x[j]
    for vs in by_unit.values():
        prob += pulp.lpSum(vs) == 1
    for g in inst.groups:
        prob += pulp.lpSum(x[j] for j in g) == 1
    if inst.p is not None:
        prob += pulp.lpSum(x) == inst.p
    t0 = time.perf_counter()
    prob.solve(pulp.PULP_CBC_CMD(msg=False, threads=1))
    secs = time.perf_counter() - t0
    chosen = [j for j in range(n_c) if x[j].value() > 0.5]
    return float(np.dot(inst.weights, t[:, chosen].min(axis=1))), secs


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

    inst, _ = build_instance(ctx, "fiets", 100.0)
    plain = Instance(inst.weights, inst.minutes, inst.cand_ids, [], np.full(len(inst.weights), -1), p=len(inst.groups))
    rows = []
    for label, problem in (("één locatie per kern", inst), (f"p-median, p = {len(inst.groups)}", plain)):
        x, rep = solve(problem)
        t0 = time.perf_counter()
        solve(problem)
        t_highs = time.perf_counter() - t0
        obj_cbc, t_cbc = pulp_solve(problem)
        rows.append(
            {
                "instantie": label,
                "vraagpunten": problem.minutes.shape[0],
                "kandidaten": problem.minutes.shape[1],
                "HiGHS_doel": f"{rep.objective:,.1f}",
                "CBC_doel": f"{obj_cbc:,.1f}",
                "HiGHS_gap": f"{rep.gap:.2%}",
                "HiGHS_s": f"{t_highs:.2f}",
                "CBC_s": f"{t_cbc:.2f}",
                "verhouding": f"{t_cbc / t_highs:.1f}x",
                "gelijk_of_beter": rep.objective <= obj_cbc + 1e-6,
            }
        )
    print_table(rows, "Optimiser: gebied (highspy) vs PuLP/CBC, same model, times include model hand-over")
    missed += [f"HiGHS worse than CBC on {r['instantie']}" for r in rows if not r["gelijk_of_beter"]]
    print(f"targets met: {not missed}" + (f" ({'; '.join(missed)})" if missed else ""))


if __name__ == "__main__":
    main()
