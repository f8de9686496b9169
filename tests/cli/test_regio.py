"""``gebied scenario maak/optimaliseer --gemeente`` and the per-gemeente sheet of ``scenario evalueer``."""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import yaml

from gebied.core.config import cache_root

REPO = Path(__file__).resolve().parents[2]


def run(*args):
    env = {**os.environ, "GEBIED_CACHE": str(cache_root())}
    return subprocess.run([sys.executable, "-m", "gebied.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=300)


def test_scenario_for_one_gemeente_from_the_command_line(default_area, tmp_path):
    kern_gem = dict(zip(default_area.kernen["kern_id"], default_area.kernen["gemeente"]))
    sc = tmp_path / "schaan.yaml"
    res = run("scenario", "maak", "--regel", "grootste", "--gemeente", "Schaan", "--uit", sc)
    assert res.returncode == 0, res.stderr
    data = yaml.safe_load(sc.read_text(encoding="utf-8"))
    assert data["gemeente"] == "Schaan" and {kern_gem[k] for k in data["kernen"]} == {"Schaan"}
    out = tmp_path / "e.xlsx"
    res = run("scenario", "evalueer", sc, "--uit", out)
    assert res.returncode == 0, res.stderr
    assert "Per gemeente" in res.stdout
    per = pd.read_excel(out, sheet_name="per_gemeente").set_index("gemeente")
    assert per.loc["Schaan", "gesloten"] > 0 and per.drop(["Schaan", "Totaal"])["gesloten"].sum() == 0
    opt = tmp_path / "opt.yaml"
    res = run("scenario", "optimaliseer", "--gemeente", "Triesen", "--uit", opt)
    assert res.returncode == 0, res.stderr
    assert {kern_gem[k] for k in yaml.safe_load(opt.read_text(encoding="utf-8"))["kernen"]} == {"Triesen"}
    bad = run("scenario", "maak", "--gemeente", "Atlantis", "--uit", tmp_path / "x.yaml")
    assert bad.returncode == 2 and "Atlantis" in bad.stderr + bad.stdout and "Traceback" not in bad.stderr
