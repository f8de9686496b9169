"""``gebied batch`` on a real Dask LocalCluster: three small areas, one failing on purpose."""

import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from helpers.osm_factory import scenario_area

from gebied.batch.run import read_batch, run_batch
from gebied.core.errors import GebiedError

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARTIFACTS.mkdir(exist_ok=True)


def _area(folder, name, extract):
    p = folder / f"{name}.yaml"
    p.write_text(f"naam: {name.capitalize()}\nextract: {extract}\n", encoding="utf-8")
    return p.name


def test_batch_of_three_areas_reports_the_failure_and_writes_the_others(small_osm, tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "cache"))  # the workers inherit it
    hand = scenario_area(tmp_path / "hand.osm")
    names = [_area(tmp_path, "klein", small_osm), _area(tmp_path, "hand", hand),
             _area(tmp_path, "kapot", tmp_path / "bestaat-niet.osm.pbf")]
    batch = tmp_path / "batch.yaml"
    batch.write_text("gebieden: [" + ", ".join(names) + "]\nuit: uit\nregels: [grootste]\n", encoding="utf-8")
    cfg = read_batch(batch)
    seen = []
    result = run_batch(cfg, workers=2, progress=lambda i, n, ref: seen.append((i, n)))
    assert len(result.mislukt) == 1 and "kapot" in next(iter(result.mislukt))
    assert "niet gevonden" in next(iter(result.mislukt.values())) or "bestaat" in next(iter(result.mislukt.values()))
    assert sorted(result.samenvatting["gebied"]) == ["hand", "klein"]
    assert seen[-1] == (3, 3)
    for area in ("hand", "klein"):
        sheets = pd.read_excel(tmp_path / "uit" / area / "resultaat.xlsx", sheet_name=None)
        assert "scenario_grootste" in sheets and any(s.startswith("dekking_") for s in sheets)
    summary = pd.read_excel(tmp_path / "uit" / "samenvatting.xlsx")
    assert set(summary["gebied"]) == {"hand", "klein"} and "besparing_grootste" in summary
    for area in ("hand", "klein"):  # GeoParquet per area: every kern with its share within the norm
        kernen = gpd.read_parquet(tmp_path / "uit" / area / "kernen.parquet")
        row = summary.set_index("gebied").loc[area]
        assert len(kernen) == row["kernen"] and kernen.crs is not None
        pct = [c for c in kernen if c.startswith("binnen_norm_")]
        assert pct and kernen[pct].stack().between(0, 100).all()
    png = tmp_path / "uit" / "samenvatting.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    shutil.copy(png, ARTIFACTS / "batch-samenvatting.png")
    # a second run skips what is done and tries the failed one again
    again = run_batch(cfg, workers=1)
    assert sorted(again.overgeslagen) == sorted(r for r in cfg.gebieden if "kapot" not in r)
    assert len(again.mislukt) == 1


def test_a_bad_batch_file_names_the_problem(tmp_path):
    p = tmp_path / "b.yaml"
    p.write_text("gebiedn: [a]\n", encoding="utf-8")
    with pytest.raises(GebiedError) as e:
        read_batch(p)
    assert "gebiedn" in " ".join(e.value.problems)
