"""``gebied nieuw``: a Dutch area from an extract; every bad input gives one clear message and writes nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gebied.area.create import new_area
from gebied.core.config import cache_root, load_config
from gebied.core.errors import GebiedError

REPO = Path(__file__).resolve().parents[2]
LIECHTENSTEIN = REPO.parent / "shared" / "data" / "liechtenstein.osm.pbf"


def test_config_names_the_cbs_gemeenten_and_a_clipped_extract(dutch_config):
    cfg = load_config(dutch_config)
    assert cfg.cbs.gemeenten == ["GM0171", "GM0184"] and cfg.naam == "Noordoostpolder, Urk"
    assert cfg.extract.exists() and cfg.extract.is_relative_to(cache_root())
    raw = yaml.safe_load(dutch_config.read_text(encoding="utf-8"))
    assert any("CBS" in b for b in raw["bronnen"]) and any("OpenStreetMap" in b for b in raw["bronnen"])


def _nothing_written(folder: Path, area_id: str) -> None:
    assert not list(folder.glob("*.yaml"))
    assert not (cache_root() / "extracts" / f"{area_id}.osm.pbf").exists()


def test_an_extract_of_another_country(tmp_path):
    with pytest.raises(GebiedError) as e:
        new_area(["Noordoostpolder"], LIECHTENSTEIN, area_id="proef-ander-land", config_dir=tmp_path)
    assert "niet in Nederland" in e.value.nl and "Noordoostpolder: 0%" in e.value.problems[0]
    _nothing_written(tmp_path, "proef-ander-land")


def test_an_extract_that_covers_part_of_the_area(dutch_fixture, tmp_path):
    with pytest.raises(GebiedError) as e:
        new_area([], dutch_fixture.path, provincie="Flevoland", area_id="proef-flevoland", config_dir=tmp_path)
    assert "dekt de gemeente(n) niet helemaal" in e.value.nl
    problems = "\n".join(e.value.problems)
    assert "Almere: 0% gedekt" in problems and "Noordoostpolder" not in problems  # says which and how much
    assert "--min-dekking 0" in e.value.nl  # and how to accept it
    _nothing_written(tmp_path, "proef-flevoland")


def test_a_partial_extract_accepted_with_min_dekking_says_so_in_its_sources(dutch_fixture, tmp_path, monkeypatch):
    monkeypatch.setenv("GEBIED_CACHE", str(tmp_path / "cache"))  # the clipped extract goes there, for the CLI too
    with pytest.raises(GebiedError):  # a threshold above what it covers still refuses
        new_area(["Noordoostpolder", "Zeewolde"], dutch_fixture.path, area_id="proef-deels", config_dir=tmp_path,
                 min_dekking=0.5)
    _nothing_written(tmp_path, "proef-deels")
    res = _cli("nieuw", "Noordoostpolder", "--gemeente", "Zeewolde", "--extract", dutch_fixture.path, "--id",
               "proef-deels", "--map", tmp_path, "--min-dekking", "0")
    assert res.returncode == 0, res.stderr
    raw = yaml.safe_load((tmp_path / "proef-deels.yaml").read_text(encoding="utf-8"))
    note = [b for b in raw["bronnen"] if "Gedeeltelijke dekking" in b]
    assert note and "Zeewolde 0%" in note[0] and "Noordoostpolder" not in note[0]
    assert raw["cbs"]["gemeenten"] == ["GM0171", "GM0050"]


def test_unknown_gemeente_and_missing_extract(dutch_fixture, tmp_path):
    with pytest.raises(GebiedError, match="Noordoostpolder"):
        new_area(["Noordoost-polder-x"], dutch_fixture.path, config_dir=tmp_path)
    with pytest.raises(GebiedError, match="niet gevonden"):
        new_area(["Urk"], tmp_path / "weg.osm.pbf", config_dir=tmp_path)
    _nothing_written(tmp_path, "urk")


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "gebied.cli", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


def test_cli_nieuw_then_info(dutch_fixture, tmp_path):
    res = _cli("nieuw", "urk", "--extract", dutch_fixture.path, "--id", "proef-urk", "--map", tmp_path)
    assert res.returncode == 0, res.stderr
    info = _cli("info", tmp_path / "proef-urk.yaml")
    assert info.returncode == 0, info.stderr
    assert "Urk" in info.stdout and "CBS wijk 2022 (verdeeld)" in info.stdout and "21.468 inwoners" in info.stdout
    assert "CBS" in info.stdout.splitlines()[1]  # the credit line


def test_cli_bad_cbs_file_exits_2_and_writes_nothing(dutch_fixture, tmp_path):
    import shutil

    import pandas as pd

    from gebied.sources import cbs

    bad = tmp_path / "cbs"
    bad.mkdir()
    for f in cbs.cbs_dir().glob("*"):
        shutil.copy(f, bad / f.name)
    pd.read_csv(bad / "NLD_muni_2022.csv").drop(columns=["population"]).to_csv(bad / "NLD_muni_2022.csv", index=False)
    out = tmp_path / "gebieden"
    out.mkdir()
    res = _cli("nieuw", "Urk", "--extract", dutch_fixture.path, "--id", "proef-kapot", "--map", out,
               env={"GEBIED_CBS": str(bad)})
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "population" in res.stderr and "NLD_muni_2022.csv" in res.stderr
    _nothing_written(out, "proef-kapot")
