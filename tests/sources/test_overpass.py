"""The optional online path: query, config, and a clear error without internet (nothing is fetched here)."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

from gebied.core.config import load_config
from gebied.core.fmt import slug
from gebied.sources.overpass import area_config, overpass_query

REPO = Path(__file__).resolve().parents[2]


def test_overpass_query_asks_everything_in_the_bbox_as_xml():
    q = overpass_query((5.5, 52.5, 6.0, 52.9))
    assert q.startswith("[out:xml]") and "nwr(52.500000,5.500000,52.900000,6.000000)" in q
    assert "(._;>;)" in q and q.endswith("out meta;")


def test_written_config_is_a_valid_area(tmp_path, small_osm):
    cfg = area_config("Klein", small_osm, tmp_path)
    path = tmp_path / f"{slug('Klein Dorp')}.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    loaded = load_config(path)
    assert loaded.extract == small_osm.resolve() and loaded.grens.naam == "Klein"
    assert loaded.grens.admin_level == "8"  # a Dutch gemeente


def test_without_internet_a_clear_error(tmp_path):
    # every request goes to a dead local proxy: the test never reaches the internet, even where CI could
    env = {**os.environ, "GEBIED_CACHE": str(tmp_path), "NO_PROXY": "", "no_proxy": "",
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
           "https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9"}
    res = subprocess.run([sys.executable, "-m", "gebied.cli", "ophalen", "Noordoostpolder"], capture_output=True,
                         text=True, cwd=REPO, env=env, timeout=300)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "Noordoostpolder" in res.stderr
    assert not (REPO / "data" / "noordoostpolder.yaml").exists()
