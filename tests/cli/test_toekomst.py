"""``gebied bevolking`` and ``gebied scenario evalueer --jaren``: tables per year, bad input exits 2."""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from gebied.core.config import cache_root

REPO = Path(__file__).resolve().parents[2]


def run(*args):
    env = {**os.environ, "GEBIED_CACHE": str(cache_root())}  # the default area's build, shared with the tests
    return subprocess.run([sys.executable, "-m", "gebied.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=300)


def test_bevolking_writes_kern_by_age_by_year_with_assumptions(default_area, tmp_path):
    out = tmp_path / "b.xlsx"
    res = run("bevolking", "--jaren", "2025,2030", "--projectie", "krimp", "--uit", out)
    assert res.returncode == 0, res.stderr
    long = pd.read_excel(out, sheet_name="bevolking")
    assert set(long["jaar"]) == {2025, 2030}
    assert set(long["leeftijd"]) == {"0-14", "15-24", "25-44", "45-64", "65+"}
    year = long[long["jaar"] == 2025]["inwoners"]
    assert year.sum() == pytest.approx(default_area.bevolking, abs=0.05 * len(year))  # rows rounded to 0,1
    notes = pd.read_excel(out, sheet_name="aannames")["tekst"].str.cat(sep=" ")
    assert "krimp" in notes and "15-24: -2,0% per jaar" in notes


def test_scenario_per_year_and_bad_prognose(default_area, tmp_path):
    sc = tmp_path / "s.yaml"
    assert run("scenario", "maak", "--uit", sc).returncode == 0
    out = tmp_path / "e.xlsx"
    res = run("scenario", "evalueer", sc, "--jaren", "2025,2035", "--uit", out)
    assert res.returncode == 0, res.stderr
    per_jaar = pd.read_excel(out, sheet_name="per_jaar")
    assert list(per_jaar["jaar"]) == [2025, 2035]
    assert per_jaar.loc[1, "leeftijd_65+"] > per_jaar.loc[0, "leeftijd_65+"]  # the default projection ages
    assert "eerste_probleem" in pd.ExcelFile(out).sheet_names
    cmp = tmp_path / "v.xlsx"
    assert run("scenario", "vergelijk", sc, "--jaren", "2025,2035", "--uit", cmp).returncode == 0
    side = pd.read_excel(cmp, sheet_name="per_jaar").set_index("kengetal")
    assert "Locaties met een knelpunt 2035" in side.index and side.shape[1] == 2  # current situation and s.yaml
    bad = tmp_path / "p.csv"
    bad.write_text("kern;jaar;leeftijd;inwoners\nAtlantis;2025;0-14;5\nVaduz;2025;0-14;-3\n", encoding="utf-8")
    res = run("scenario", "evalueer", sc, "--jaren", "2030", "--prognose", bad)
    assert res.returncode == 2 and "Traceback" not in res.stderr + res.stdout
    assert "Atlantis" in res.stderr and "negatief" in res.stderr and "p.csv" in res.stderr
    res = run("bevolking", "--jaren", "twintig")
    assert res.returncode == 2 and "jaren" in res.stderr
