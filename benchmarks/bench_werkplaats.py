"""How the workshop store holds up on an evening: 50 participants × 10 contributions at once.

Each participant is a thread sharing the app's one store (as the app's sessions do), writing notes,
reactions and answers in turn — once without pause (stress), once with 0–1 s think time (an
evening). Measures contributions per second and the p95 write latency, then counts
what was stored; compared with one writer doing the same 500 contributions in a row.

    .venv/bin/python benchmarks/bench_werkplaats.py [DATABASE_URL]     # default: SQLite in a temporary folder
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _table import print_table

from gebied.werkplaats.store import Store

PARTICIPANTS = 50
EACH = 10
GOALS = {"bijdragen_per_s": 100.0, "p95_ms": 250.0}


def participant(store: Store, code: str, who: int, pause: float) -> list[float]:
    """One participant's 10 contributions; ``pause``: the longest think time between two (s)."""
    rng = random.Random(who)
    times = []
    for i in range(EACH):
        time.sleep(rng.uniform(0, pause))
        t0 = time.perf_counter()
        kind = i % 3
        if kind == 0:
            store.add_opmerking(code, f"p{who}", "algemeen", f"opmerking {i} van {who}", 9.5 + who / 1e4,
                                47.1 + i / 1e4)
        elif kind == 1:
            store.add_reactie(code, f"p{who}", "A", ("voor", "kan_leven", "tegen")[who % 3], reden=f"reden {i}")
        else:
            store.add_antwoord(code, f"p{who}", f"antwoord {i} van {who}")
        times.append(time.perf_counter() - t0)
    return times


def run(url: str, threads: int, pause: float) -> dict:
    store = Store(url, per_minuut=EACH + 1)
    code, token = store.open_sessie("Benchmark", "liechtenstein", None, ["A"])
    store.zet_vraag(code, token, "Wat mist u?")
    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        lat = [t for ts in pool.map(lambda w: participant(store, code, w, pause), range(PARTICIPANTS)) for t in ts]
    wall = time.perf_counter() - t0
    stored = len(store.opmerkingen(code)) + len(store.reacties(code)) + len(store.antwoorden(code))
    store.close()
    return {"n": len(lat), "wall": wall, "p95": statistics.quantiles(lat, n=20)[-1], "stored": stored}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        urls = sys.argv[1:] or [f"sqlite:///{tmp}/bench.sqlite"]
        rows, missed = [], []
        for url in urls:
            for label, threads, pause in (("één schrijver na elkaar (referentie)", 1, 0.0),
                                          ("50 tegelijk, zonder pauze (stresstest)", 50, 0.0),
                                          ("50 tegelijk, 0–1 s bedenktijd (een avond)", 50, 1.0)):
                r = run(url, threads, pause)
                rate = r["n"] / r["wall"]
                lost = PARTICIPANTS * EACH - r["stored"]
                rows.append({"database": url.split(":")[0], "wie": label, "bijdragen": r["n"],
                             "bijdragen_per_s": f"{rate:.0f}", "p95_ms": f"{r['p95'] * 1000:.1f}", "verloren": lost})
                if threads > 1 and pause == 0 and rate < GOALS["bijdragen_per_s"]:
                    missed.append(f"{rate:.0f} contributions/s under stress")
                if threads > 1 and pause > 0 and r["p95"] * 1000 > GOALS["p95_ms"]:
                    missed.append(f"p95 {r['p95'] * 1000:.0f} ms on an evening")
                if lost:
                    missed.append(f"{lost} lost")
    print_table(rows, f"Werkplaats: {PARTICIPANTS} deelnemers × {EACH} bijdragen (doel: stresstest ≥ "
                      f"{GOALS['bijdragen_per_s']:.0f}/s, avond p95 ≤ {GOALS['p95_ms']:.0f} ms, nooit iets verloren)")
    print(f"targets met: {not missed}" + (f" ({'; '.join(missed)})" if missed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
