"""``gebied batch``: one task per area on a Dask cluster (a LocalCluster by default).

A batch file (YAML) names the areas (ids or area files, relative to the batch file), the scenario rules
and the mode. Per area a task builds (or loads) the area, computes coverage per voorziening and the
rule scenarios, and writes ``<uit>/<area>/resultaat.xlsx``, ``kernen.parquet`` (GeoParquet: every kern
with its share within the norm per voorziening) and ``resultaat.json`` (atomically; the JSON marks it
done). The batch ends with ``samenvatting.xlsx`` and ``samenvatting.png``, a map of every area's kernen.
A failed area is retried once, then reported; the others are kept. A second run skips
the areas whose result is there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, Field, ValidationError

from gebied.core import yamlload
from gebied.core.errors import GebiedError, validation_problems


class BatchConfig(BaseModel):
    """A batch file."""

    model_config = {"extra": "forbid"}

    gebieden: list[str] = Field(min_length=1)
    uit: Path = Path("batch-uit")
    regels: list[str] = Field(default_factory=lambda: ["grootste", "centraalst"])
    modus: str = "fiets"


def read_batch(path: Path) -> BatchConfig:
    """Read and validate a batch file; area files are resolved against its folder."""
    path = Path(path)
    try:
        raw = yamlload.safe_load(path.read_text(encoding="utf-8"))
        cfg = BatchConfig(**(raw or {}))
    except (OSError, yaml.YAMLError, TypeError) as exc:
        raise GebiedError("Kan het batchbestand niet lezen.", "Cannot read the batch file.", path, [str(exc)]) from exc
    except ValidationError as exc:
        raise GebiedError("Het batchbestand is ongeldig.", "The batch file is invalid.", path,
                          validation_problems(exc)) from exc
    base = path.parent
    areas = [str((base / g).resolve()) if g.endswith((".yaml", ".yml")) else g for g in cfg.gebieden]
    return cfg.model_copy(update={"gebieden": areas, "uit": (base / cfg.uit).resolve()})


def area_task(area_ref: str, uit: str, regels: list[str], modus: str) -> dict:
    """One area, in a worker: build or load, coverage per voorziening, rule scenarios; write and summarise."""
    from gebied.area.store import load_area
    from gebied.bereik.dekking import kern_report
    from gebied.core.io import atomic_path, write_tables
    from gebied.scenario.evaluate import evaluate, make_context
    from gebied.scenario.rules import rule_scenario

    area = load_area(area_ref)
    ctx = make_context(area)
    tables: dict[str, pd.DataFrame] = {}
    kernen = area.kernen[["kern_id", "naam", "gemeente", "inwoners", "geometry"]].copy()
    row: dict = {"gebied": area.config.id, "naam": area.config.naam, "inwoners": area.bevolking,
                 "kernen": len(area.kernen), "accommodaties": len(area.accommodaties)}
    for soort in ctx.soorten:
        report = kern_report(area, modus, soort, matrix=ctx.matrices.get(modus))
        tables[f"dekking_{soort}"[:31]] = report
        row[f"binnen_norm_{soort}_pct"] = float(report.loc[report["kern_id"] == "totaal", "binnen_norm_pct"].iloc[0])
        kernen[f"binnen_norm_{soort}_pct"] = kernen["kern_id"].map(report.set_index("kern_id")["binnen_norm_pct"])
    for regel in regels:
        ev = evaluate(rule_scenario(ctx, regel), ctx)
        tables[f"scenario_{regel}"[:31]] = ev.per_kern
        row[f"besparing_{regel}"] = float(ev.totaal["besparing"])
        row[f"verliest_binnen_norm_{regel}"] = float(ev.totaal["verliest_voorziening_binnen_norm"])
    folder = Path(uit) / area.config.id
    folder.mkdir(parents=True, exist_ok=True)
    write_tables(tables, folder / "resultaat.xlsx")
    with atomic_path(folder / "kernen.parquet") as tmp_parquet:
        kernen.to_parquet(tmp_parquet)
    marker = folder / "resultaat.json"
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps({"bron": area_ref, **row}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, marker)
    return row


def _done(uit: Path) -> dict[str, dict]:
    """Finished areas by their source reference (from the result markers)."""
    out = {}
    for marker in uit.glob("*/resultaat.json"):
        try:
            data = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out[data.pop("bron")] = data
    return out


@dataclass
class BatchResult:
    """What a batch did: the summary of every finished area, the failures, the areas skipped as done."""

    samenvatting: pd.DataFrame
    mislukt: dict[str, str] = field(default_factory=dict)
    overgeslagen: list[str] = field(default_factory=list)


def run_batch(cfg: BatchConfig, scheduler: str | None = None, workers: int | None = None,
              progress: Callable[[int, int, str], None] | None = None) -> BatchResult:
    """Run ``cfg`` on Dask: ``scheduler`` an existing cluster's address, else a LocalCluster with ``workers``
    processes (default: the cores). No dashboard is started (nothing listens beyond the machine)."""
    from dask.distributed import Client, LocalCluster, as_completed

    uit = Path(cfg.uit)
    uit.mkdir(parents=True, exist_ok=True)
    done = _done(uit)
    todo = [g for g in cfg.gebieden if g not in done]
    result = BatchResult(pd.DataFrame(), overgeslagen=[g for g in cfg.gebieden if g in done])
    rows = [done[g] for g in result.overgeslagen]
    if todo:
        cluster = None if scheduler else LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                                      processes=True, dashboard_address=None)
        with Client(scheduler or cluster) as client:
            futures = {client.submit(area_task, g, str(uit), cfg.regels, cfg.modus, retries=1, pure=False): g
                       for g in todo}
            for i, fut in enumerate(as_completed(futures), start=1):
                ref = futures[fut]
                try:
                    rows.append(fut.result())
                except Exception as exc:  # a failed area is reported; the others go on
                    result.mislukt[ref] = exc.nl if isinstance(exc, GebiedError) else f"{type(exc).__name__}: {exc}"
                if progress:
                    progress(i, len(todo), ref)
        if cluster is not None:
            cluster.close()
    result.samenvatting = pd.DataFrame(rows)
    if len(rows):
        from gebied.core.io import write_tables

        write_tables({"samenvatting": result.samenvatting}, uit / "samenvatting.xlsx")
        from gebied.batch.kaart import summary_map

        summary_map(uit, uit / "samenvatting.png")
    return result
