"""Bad input through the CLI: one clear message naming the file, exit code 2, no traceback,
nothing half-written in the build folder."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.osm_factory import OsmBuilder

REPO = Path(__file__).resolve().parents[2]
REAL = REPO.parent / "shared" / "data" / "liechtenstein.osm.pbf"


def run(*args, cache):
    env = {**os.environ, "GEBIED_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-m", "gebied.cli", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=300)


def area_yaml(tmp_path, extract, extra=""):
    p = tmp_path / "gebied.yaml"
    p.write_text(f"naam: Test\nextract: {extract}\n{extra}", encoding="utf-8")
    return p


def assert_clean_failure(res, fragment, cache, name=None):
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    assert fragment in res.stderr
    if name:
        assert name in res.stderr
    leftovers = [p for p in Path(cache).glob("**/*") if p.is_file() and not p.name.endswith(".lock")]
    assert leftovers == []


def test_missing_file(tmp_path):
    res = run("build", area_yaml(tmp_path, "nergens.osm.pbf"), cache=tmp_path / "c")
    assert_clean_failure(res, "niet gevonden", tmp_path / "c", "nergens.osm.pbf")


def test_empty_file(tmp_path):
    (tmp_path / "leeg.osm.pbf").write_bytes(b"")
    res = run("build", area_yaml(tmp_path, "leeg.osm.pbf"), cache=tmp_path / "c")
    assert_clean_failure(res, "leeg", tmp_path / "c", "leeg.osm.pbf")


@pytest.mark.skipif(not REAL.exists(), reason="shared extract not present")
def test_truncated_pbf(tmp_path):
    data = REAL.read_bytes()
    (tmp_path / "kapot.osm.pbf").write_bytes(data[: len(data) // 2])
    res = run("build", area_yaml(tmp_path, "kapot.osm.pbf"), cache=tmp_path / "c")
    assert_clean_failure(res, "geen leesbaar OSM-bestand", tmp_path / "c", "kapot.osm.pbf")


def test_not_an_osm_file(tmp_path):
    (tmp_path / "foto.osm.pbf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    res = run("build", area_yaml(tmp_path, "foto.osm.pbf"), cache=tmp_path / "c")
    assert_clean_failure(res, "geen leesbaar OSM-bestand", tmp_path / "c", "foto.osm.pbf")
    (tmp_path / "tekst.osm").write_text("dit is geen xml", encoding="utf-8")
    res = run("build", area_yaml(tmp_path, "tekst.osm"), cache=tmp_path / "c")
    assert_clean_failure(res, "geen leesbaar OSM-bestand", tmp_path / "c", "tekst.osm")


def test_extract_without_buildings_or_places(tmp_path):
    b = OsmBuilder()
    b.road([(0, 0), (500, 0), (500, 500)])
    b.write(tmp_path / "wegen.osm")
    res = run("build", area_yaml(tmp_path, "wegen.osm"), cache=tmp_path / "c")
    assert_clean_failure(res, "geen kernen", tmp_path / "c", "wegen.osm")


def test_empty_osm_file(tmp_path):
    (tmp_path / "niets.osm").write_text('<?xml version="1.0"?><osm version="0.6"></osm>', encoding="utf-8")
    res = run("build", area_yaml(tmp_path, "niets.osm"), cache=tmp_path / "c")
    assert_clean_failure(res, "geen OSM-objecten", tmp_path / "c", "niets.osm")


def test_bad_overrides_file(tmp_path, small_osm):
    (tmp_path / "o.csv").write_text("nummer;kosten\n1;2\n", encoding="utf-8")
    cfg = area_yaml(tmp_path, small_osm, "overrides: o.csv\n")
    res = run("info", cfg, cache=tmp_path / "c")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "o.csv" in res.stderr and "accommodatie_id" in res.stderr


def test_unknown_area_and_bad_yaml(tmp_path):
    res = run("info", "atlantis", cache=tmp_path / "c")
    assert res.returncode == 2 and "atlantis" in res.stderr and "liechtenstein" in res.stderr
    bad = tmp_path / "kapot.yaml"
    bad.write_text("naam: [unclosed\n", encoding="utf-8")
    res = run("info", bad, cache=tmp_path / "c")
    assert res.returncode == 2 and "kapot.yaml" in res.stderr and "Traceback" not in res.stderr
    wrong = tmp_path / "fout.yaml"
    wrong.write_text("naam: X\nextract: a.osm\nhuishoudgrootte: veel\n", encoding="utf-8")
    res = run("info", wrong, cache=tmp_path / "c")
    assert res.returncode == 2 and "huishoudgrootte" in res.stderr


def test_info_on_small_area_lists_kernen(tmp_path, small_osm):
    res = run("info", area_yaml(tmp_path, small_osm), cache=tmp_path / "c")
    assert res.returncode == 0, res.stderr
    assert "Oosterdorp" in res.stdout and "Westerdorp" in res.stdout and "Buitengebied" in res.stdout
    assert "OpenStreetMap" in res.stdout
