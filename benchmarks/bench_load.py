"""Benchmark: loading a built area from the cache (target: under 2 s), vs deriving it from the extract.

    .venv/bin/python benchmarks/bench_load.py [AREA]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _table import print_table

from gebied.area.derive import derive_area
from gebied.area.store import build, load_area
from gebied.core.config import load_config


def main() -> None:
    area = sys.argv[1] if len(sys.argv) > 1 else None
    build(area)
    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        load_area(area)
        loads.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    derive_area(load_config(area))
    t_derive = time.perf_counter() - t0
    t_load = statistics.median(loads)
    print_table([
        {"stap": "laden uit cache (GeoParquet, met overrides)", "s": f"{t_load:.2f}"},
        {"stap": "afleiden uit het extract (referentie)", "s": f"{t_derive:.2f}"},
    ], "Loading an area")
    print(f"\ncache is {t_derive / t_load:.0f}x faster than deriving")
    print(f"targets met: {t_load < 2.0}" + ("" if t_load < 2.0 else f" (load {t_load:.2f} s, goal < 2 s)"))


if __name__ == "__main__":
    main()
