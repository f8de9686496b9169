"""Benchmark: a province on one laptop — the default area tiled k = 1, 2, 4, 8, 16 times (see tiles.py).

Per k, in a fresh process (so peak memory is that k's own): buildings, inhabitants, network nodes,
accommodaties, gemeenten; tiling (the simulation itself, not counted as work); build (the graphs of
both modes and the demand points: what a build adds after reading the extract); reach (walking and
cycling, memory-bounded sparse store, the current situation), scenario evaluation (median over three
different rule scenarios, each evaluated once),
end to end, peak memory (RSS) and the reach arrays' size. The dense engine runs as the reference
for k = 1–8 (k = 16 dense would need ~7 GB for two modes: not run). At k = 1 the sparse and dense
evaluations of the same scenario must agree to the second. Then ``gebied batch`` over 16 tile areas
as separate areas on a Dask LocalCluster with 1 and with 2 workers.

    .venv/bin/python benchmarks/bench_scale.py [--k 1 2 4 8 16] [--no-batch]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _table import print_table

HERE = Path(__file__).parent


def one(k: int, methode: str, compare: bool) -> dict:
    """Measure one k in this process."""
    import numpy as np
    from tiles import tile_area

    from gebied.area.store import load_area
    from gebied.bereik.matrices import area_graph, demand_points
    from gebied.core.config import BereikInstellingen
    from gebied.scenario.evaluate import evaluate, make_context
    from gebied.scenario.rules import rule_scenario

    base = load_area()  # the built default area, from the usual cache; the reach goes to a temporary one
    os.environ["GEBIED_CACHE"] = os.environ.get("GEBIED_SCALE_CACHE") or tempfile.mkdtemp(prefix="gebied-scale-")
    t0 = time.perf_counter()
    area = tile_area(base, k)
    t_tiles = time.perf_counter() - t0
    area.config = area.config.model_copy(update={"bereik": BereikInstellingen(methode=methode)})
    t0 = time.perf_counter()  # build: what a real build adds after reading OSM: graphs and demand points
    for m in ("lopen", "fiets"):
        area_graph(area, m)
    demand_points(area)
    t_build = time.perf_counter() - t0
    area.meta = {"key": f"tegels-{k}"}  # a build of its own: the sparse reach goes to the (temporary) build cache
    t0 = time.perf_counter()
    ctx = make_context(area)
    t_reach = time.perf_counter() - t0
    t0 = time.perf_counter()
    make_context(area)  # as the app after a restart: the reach read from the build cache
    t_cached = time.perf_counter() - t0
    times = []
    for regel in ("goedkoopst", "beste_staat", "grootste"):  # three different scenarios, each evaluated once
        sc = rule_scenario(ctx, regel)
        t0 = time.perf_counter()
        ev = evaluate(sc, ctx)
        times.append(time.perf_counter() - t0)
    nbytes = sum(getattr(m, "nbytes", 0) or (m.seconds.nbytes + m.metres.nbytes) for m in ctx.matrices.values())
    out = {"k": k, "methode": methode, "gebouwen": len(area.gebouwen), "inwoners": int(area.gebouwen["inwoners"].sum()),
           "knopen": int(sum(len(n.nodes) for n in area.netwerken.values())), "accommodaties": len(area.accommodaties),
           "gemeenten": int(area.kernen["gemeente"].nunique()), "tegels_s": t_tiles, "build_s": t_build,
           "reach_s": t_reach, "cache_s": t_cached,
           "eval_s": statistics.median(times), "reach_mb": nbytes / 2**20,
           "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "gesloten": ev.totaal["gesloten"]}
    if compare:
        dense_area = base
        dense_area.config = base.config.model_copy(update={"bereik": BereikInstellingen(methode="volledig")})
        ev_d = evaluate(sc, make_context(dense_area))
        cols = [c for c in ev.reistijd if c.endswith(("_voor", "_na")) and not c.startswith(("binnen", "onbereik"))]
        diff = (ev.reistijd[cols] - ev_d.reistijd[cols]).abs().to_numpy(dtype=float)
        people = [c for c in ev.reistijd if c.startswith(("binnen", "onbereik"))]
        out["max_verschil_s"] = float(np.nanmax(diff) * 60.0)
        out["zelfde_inwoners"] = bool(np.allclose(ev.reistijd[people], ev_d.reistijd[people]))
        out["zelfde_per_kern"] = bool(ev.per_kern.drop(columns="verliest_voorziening_binnen_norm").equals(
            ev_d.per_kern.drop(columns="verliest_voorziening_binnen_norm")))
    return out


def child(k: int, methode: str, compare: bool = False) -> dict:
    """Run :func:`one` in a fresh interpreter; its JSON line is the result."""
    args = [sys.executable, __file__, "--one", str(k), "--methode", methode] + (["--compare"] if compare else [])
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gebied-scale-cache-") as tmp:
        env = {**os.environ, "GEBIED_SCALE_CACHE": tmp}
        proc = subprocess.run(args, capture_output=True, text=True, cwd=HERE.parent, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"k={k} {methode} failed:\n{proc.stderr[-3000:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["end_to_end_s"] = time.perf_counter() - t0
    return res


def batch(n: int = 16) -> dict:
    """``gebied batch`` over n copies of the default area as separate areas, with 1 and with 2 workers.

    Every copy is its own area (own id, own build cache entry); the build is shared by copying the
    default area's cache under each id, so the ratio measures load, reach, coverage and scenarios."""
    import yaml

    from gebied.area.store import build, build_key
    from gebied.batch.run import BatchConfig, run_batch
    from gebied.core.config import load_config, resolve_area_path

    src = build(None)
    base_cfg = yaml.safe_load(resolve_area_path(None).read_text(encoding="utf-8"))
    tmp = Path(tempfile.mkdtemp(prefix="gebied-scale-"))
    cache = tmp / "cache"
    paths = []
    for i in range(1, n + 1):
        cfg = {**base_cfg, "naam": f"Tegel {i}",
               "extract": str((resolve_area_path(None).parent / base_cfg["extract"]).resolve()),
               "overrides": str((resolve_area_path(None).parent / base_cfg["overrides"]).resolve())}
        path = tmp / f"tegel-{i:02d}.yaml"
        path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
        paths.append(path)
        dst = cache / f"tegel-{i:02d}"
        shutil.copytree(src, dst)
        meta = json.loads((dst / "meta.json").read_text(encoding="utf-8"))
        meta["key"] = build_key(load_config(path))
        (dst / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    os.environ["GEBIED_CACHE"] = str(cache)
    out = {}
    for workers in (1, 2):
        t0 = time.perf_counter()
        res = run_batch(BatchConfig(gebieden=[str(p) for p in paths], uit=tmp / f"uit-{workers}"), workers=workers)
        out[workers] = (time.perf_counter() - t0, len(res.samenvatting), len(res.mislukt))
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, nargs="*", default=[1, 2, 4, 8, 16])
    ap.add_argument("--one", type=int)
    ap.add_argument("--methode", default="begrensd")
    ap.add_argument("--compare", action="store_true")
    ap.add_argument("--no-batch", action="store_true")
    a = ap.parse_args()
    if a.one is not None:
        print(json.dumps(one(a.one, a.methode, a.compare)))
        return
    print("Simulated province: the default area (Liechtenstein) tiled k times — shifted copies, ids and gemeente "
          "names per tile, neighbouring tiles joined by three two-way connecting roads into one network. "
          "© OpenStreetMap contributors.")
    sparse_rows = [child(k, "begrensd", compare=(k == 1)) for k in a.k]
    dense_rows = [child(k, "volledig") for k in a.k if k <= 8]

    def fmt(r: dict) -> dict:
        return {"k": r["k"], "gebouwen": r["gebouwen"], "inwoners": r["inwoners"], "knopen": r["knopen"],
                "accommodaties": r["accommodaties"], "gemeenten": r["gemeenten"], "tegels s": f"{r['tegels_s']:.1f}",
                "build s": f"{r['build_s']:.1f}",
                "reach s": f"{r['reach_s']:.1f}", "uit cache s": f"{r['cache_s']:.1f}",
                "evaluatie s": f"{r['eval_s']:.3f}",
                "eind-tot-eind s": f"{r['end_to_end_s']:.1f}", "piek MB": f"{r['peak_mb']:.0f}",
                "reistijden MB": f"{r['reach_mb']:.1f}"}

    print_table([fmt(r) for r in sparse_rows], "Sparse (begrensd): memory-bounded reach, exact nearest")
    print_table([fmt(r) for r in dense_rows], "Reference — dense (volledig): every point × every accommodatie")
    by_k = {r["k"]: r for r in sparse_rows}
    misses = []
    first = by_k.get(1)
    if first:
        print(f"\nk = 1, same scenario, sparse vs dense: max difference {first['max_verschil_s']:.3f} s in the "
              f"travel-time statistics; inhabitants within norm/unreachable equal: {first['zelfde_inwoners']}; "
              f"per-kern table equal: {first['zelfde_per_kern']}")
        if not (first["max_verschil_s"] < 1.0 and first["zelfde_inwoners"] and first["zelfde_per_kern"]):
            misses.append("sparse differs from dense at k=1")
    last = by_k.get(16)
    if first and last:
        work = lambda r: r["build_s"] + r["reach_s"] + r["eval_s"]  # noqa: E731
        t_ratio = work(last) / work(first)
        m_ratio = last["peak_mb"] / first["peak_mb"]
        r_ratio = last["reach_mb"] / max(first["reach_mb"], 1e-9)
        print(f"k = 16 / k = 1: work time × {t_ratio:.1f}, peak memory × {m_ratio:.1f}, reach arrays × {r_ratio:.1f}"
              f" (sparse at 16 vs dense at 1)")
        if t_ratio > 20:
            misses.append(f"time grows ×{t_ratio:.1f} > 20")
        if m_ratio > 20:
            misses.append(f"memory grows ×{m_ratio:.1f} > 20")
        if last["end_to_end_s"] > 180:
            misses.append(f"k=16 end to end {last['end_to_end_s']:.0f} s > 180")
        if last["peak_mb"] > 6 * 1024:
            misses.append(f"k=16 peak {last['peak_mb']:.0f} MB > 6 GB")
        if last["eval_s"] > 0.5:
            misses.append(f"k=16 evaluation {last['eval_s']:.2f} s > 0.5")
    if not a.no_batch:
        res = batch(16)
        (t1, n1, f1), (t2, n2, f2) = res[1], res[2]
        print_table([{"workers": 1, "gebieden": n1, "mislukt": f1, "tijd s": f"{t1:.1f}"},
                     {"workers": 2, "gebieden": n2, "mislukt": f2, "tijd s": f"{t2:.1f}"}],
                    "gebied batch: 16 tile areas as separate areas, Dask LocalCluster (builds shared)")
        print(f"2 workers / 1 worker: × {t1 / t2:.2f} faster")
        if n1 != 16 or n2 != 16:
            misses.append("batch did not finish all 16 areas")
    print(f"targets met: {not misses}" + (f" ({'; '.join(misses)})" if misses else ""))


if __name__ == "__main__":
    main()
